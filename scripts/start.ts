/**
 * `pnpm start` / `pnpm dev`: the whole app on one machine with no configuration.
 *
 *   1. Postgres: DATABASE_URL when set; otherwise an embedded PostgreSQL with its data in .data/
 *   2. migrations (Prisma SQL + graphile-worker's schema)
 *   3. the Kommo emulator as the "demo Kommo account" (unless KOMMO_DEMO_URL points elsewhere or
 *      is set empty), on EMULATOR_PORT (default PORT + 1)
 *   4. the server (tRPC, health, the built web app) and the worker, as child processes
 *   5. in --dev: both restart on change, and Vite serves the web app with hot reload
 *
 * Ctrl-C (or SIGTERM) stops the children gracefully, then the embedded database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { z } from 'zod';
import { startEmbeddedPostgres, freePort, type EmbeddedDatabase } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { repoRoot } from '@leadpilot/db/paths';
import { createKommoEmulator } from '@leadpilot/kommo-emulator/emulator';

const dev = process.argv.includes('--dev');
// --fresh (used by the browser tests): start from an empty embedded database.
const fresh = process.argv.includes('--fresh');
const env = z
  .object({
    DATABASE_URL: z.union([z.literal('').transform(() => undefined), z.string().url()]).optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LEADPILOT_DATA_DIR: z.string().default(path.join(repoRoot, '.data')),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    KOMMO_DEMO_URL: z.string().optional(),
    EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  })
  .parse(process.env);

const say = (message: string) => console.log(`[leadpilot] ${message}`);
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | undefined;
let stopEmulator: (() => Promise<void>) | undefined;
let stopping = false;

/** SIGTERM to every child; SIGKILL to any still running after 15 s. */
function stopChildren(): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await stopChildren();
  await stopEmulator?.().catch(() => {});
  if (embedded)
    await embedded
      .stop()
      .catch((e: unknown) => say(`embedded Postgres did not stop cleanly: ${String(e)}`));
  say('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function launch(name: string, args: string[], extraEnv: Record<string, string>, cwd = repoRoot) {
  const child = spawn(args[0]!, args.slice(1), {
    cwd,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    say(`${name} exited (${signal ?? code}); stopping everything.`);
    void stopAll(code || 1);
  });
  children.push(child);
}

async function waitForReady(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (stopping) return;
  throw new Error(`the server did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

try {
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(env.LEADPILOT_DATA_DIR, 'postgres'),
      port: env.EMBEDDED_PG_PORT,
      fresh,
      // Whoever triggers the stop (us or the package's own signal hook), children go first.
      beforeStop: () => {
        stopping = true;
        return stopChildren();
      },
      log: (m) => {
        if (/FATAL|PANIC|initialising|not reachable/.test(m)) say(`postgres: ${m}`);
      },
    });
    databaseUrl = embedded.urlFor('leadpilot');
    say(`embedded PostgreSQL on 127.0.0.1:${embedded.port} (data in ${embedded.dataDir})`);
  } else {
    say('using the database in DATABASE_URL');
  }

  const { applied } = await migrate({ connectionString: databaseUrl, log: (m) => say(m) });
  say(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');

  let demoUrl = env.KOMMO_DEMO_URL;
  if (demoUrl === undefined) {
    const emulator = createKommoEmulator({ port: env.EMULATOR_PORT ?? env.PORT + 1 });
    demoUrl = (await emulator.start()).url;
    stopEmulator = () => emulator.stop();
    say(`demo Kommo account (emulator) at ${demoUrl}`);
  }

  const serverPort = dev ? await freePort() : env.PORT;
  const common = {
    DATABASE_URL: databaseUrl,
    LEADPILOT_DATA_DIR: env.LEADPILOT_DATA_DIR,
    KOMMO_DEMO_URL: demoUrl,
  };
  const run = (file: string) => (dev ? [tsx, 'watch', '--clear-screen=false', file] : [tsx, file]);
  launch('server', run('apps/server/src/main.ts'), {
    ...common,
    PORT: String(serverPort),
    // In dev the browser talks to Vite on PORT: links and OAuth redirects must point there.
    ...(dev
      ? { WEB_DIST: '', APP_URL: process.env.APP_URL ?? `http://localhost:${env.PORT}` }
      : {}),
  });
  launch('worker', run('apps/worker/src/main.ts'), common);
  await waitForReady(`http://127.0.0.1:${serverPort}`);

  if (dev) {
    const vite = path.join(repoRoot, 'apps', 'web', 'node_modules', '.bin', 'vite');
    launch(
      'web',
      [vite, '--port', String(env.PORT), '--strictPort'],
      { LEADPILOT_API_URL: `http://127.0.0.1:${serverPort}` },
      path.join(repoRoot, 'apps', 'web'),
    );
  }
  say(`Leadpilot is running at http://localhost:${env.PORT}  (Ctrl-C to stop)`);
} catch (error) {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
