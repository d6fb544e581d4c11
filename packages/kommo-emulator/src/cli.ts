#!/usr/bin/env -S npx tsx
import { parseCliArgs, USAGE } from './cli-args';
import { createKommoEmulator } from './emulator';

/** Runs the emulator as the "demo Kommo account" until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const emulator = createKommoEmulator(parsed.options);
  const { url, host } = await emulator.start();
  const account = emulator.account;
  console.log(
    `Kommo emulator: ${account.account.name} (${account.leads.size} leads, ${account.contacts.size} contacts)`,
  );
  console.log(`url  ${url}`);
  console.log(`host ${host}`);
  console.log(
    `OAuth consent: ${url}/oauth?client_id=${(parsed.options.clients ?? [{ clientId: 'leadpilot-demo' }])[0]?.clientId}`,
  );
  console.log(`Admin: ${url}/_emulator/stats · POST ${url}/_emulator/tokens/long-lived`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
