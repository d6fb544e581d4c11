/**
 * `pnpm bench:sync` — how close a full Kommo sync gets to Kommo's limit of 7 requests/s.
 *
 * A generated account (50 pipelines × 20 stages, 1,000 custom fields, 100 sources, 500 users,
 * 50,000 leads, 50,000 contacts) in the emulator with 150 ms latency per request, synced into a
 * fresh database. Prints requests, the minimum time the limit allows (requests ÷ 7), wall time,
 * requests/s as a share of 7, 429s received and rows written per second — for the real sync
 * (several pages in flight) and, in the same run, a baseline that fetches one page at a time.
 *
 * Options: --leads N --contacts N (default 50000 each), --no-baseline.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDb } from '@leadpilot/db/client';
import { startEmbeddedPostgres } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { dataDir } from '@leadpilot/db/paths';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { connectWithLongLivedToken } from '@leadpilot/domain/integrations/connect';
import { runSync } from '@leadpilot/domain/sync/run-sync';
import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '@leadpilot/db/paths';
import { freePort } from '@leadpilot/db/embedded';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const leads = arg('leads', 50_000);
const contacts = arg('contacts', 50_000);
const withBaseline = !process.argv.includes('--no-baseline');

console.log(`generating the account (${leads} leads, ${contacts} contacts)…`);
const fixture = generateAccount({
  pipelines: 50,
  stagesPerPipeline: 20,
  customFields: 1000,
  sources: 100,
  users: 500,
  leads,
  contacts,
});

const server = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'bench-postgres'), fresh: true });
const adminUrl = process.env.DATABASE_URL ?? server!.adminUrl;

interface Stats {
  requests: number;
  rateLimited: number;
}

interface Result {
  label: string;
  requests: number;
  rateLimited: number;
  seconds: number;
  rows: number;
  status: string;
}

async function measure(label: string, inFlight: number): Promise<Result> {
  const emulator = await startEmulator();
  const url = new URL(adminUrl);
  url.pathname = `/leadpilot_bench_${inFlight}_${Date.now()}`;
  await migrate({ connectionString: url.toString() });
  const db = createDb(url.toString(), { max: 10 });
  try {
    const box = createSecretBox(randomBytes(32));
    const kommo = {
      publicUrl: 'http://localhost:1',
      demo: {
        baseUrl: emulator.url,
        clientId: 'leadpilot-demo',
        clientSecret: 'leadpilot-demo-secret',
        redirectUri: 'http://localhost:1/cb',
      },
    };
    const user = await db.user.create({
      data: { email: 'bench@example.com', name: 'Bench', passwordHash: 'x' },
    });
    const org = await db.organization.create({ data: { name: 'Bench' } });
    await db.membership.create({ data: { orgId: org.id, userId: user.id, role: 'owner' } });
    const { integrationId } = await connectWithLongLivedToken(
      { db, box, kommo, orgId: org.id, userId: user.id, role: 'owner' },
      {
        kind: 'kommo_demo',
        host: emulator.host,
        token: (await admin<{ token: string }>(emulator.url, 'tokens/long-lived', 'POST')).token,
      },
    );
    await new Promise((r) => setTimeout(r, 1100)); // start with an empty rate window
    const run = await db.syncRun.findFirstOrThrow({ where: { integrationId } });
    const before = await admin<Stats>(emulator.url, 'stats');
    const started = performance.now();
    await runSync({ db, box, kommo }, run.id, { inFlight });
    const seconds = (performance.now() - started) / 1000;
    const after = await admin<Stats>(emulator.url, 'stats');
    const done = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const progress = done.progress as Record<string, { total: number }>;
    return {
      label,
      requests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      seconds,
      rows: Object.values(progress).reduce((n, p) => n + (p.total ?? 0), 0),
      status: done.status,
    };
  } finally {
    await db.$disconnect();
    emulator.child.kill('SIGTERM');
  }
}

function report(r: Result) {
  const minimum = r.requests / 7;
  const rps = r.requests / r.seconds;
  console.log(
    [
      `${r.label}:`,
      `  status                ${r.status}`,
      `  requests made         ${r.requests}`,
      `  minimum at 7/s        ${minimum.toFixed(1)} s`,
      `  wall time             ${r.seconds.toFixed(1)} s`,
      `  achieved              ${rps.toFixed(2)} req/s = ${((rps / 7) * 100).toFixed(1)}% of 7/s`,
      `  429s received         ${r.rateLimited}`,
      `  rows written          ${r.rows} (${(r.rows / r.seconds).toFixed(0)} rows/s)`,
    ].join('\n'),
  );
}

try {
  const results = [await measure('sync (4 pages in flight)', 4)];
  if (withBaseline) results.push(await measure('baseline (one page at a time)', 1));
  console.log('');
  results.forEach(report);
} finally {
  await server?.stop();
}
