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
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createDb } from '@leadpilot/db/client';
import { createPgPool } from '@leadpilot/db/pool';
import { freePort, startEmbeddedPostgres } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { dataDir, repoRoot } from '@leadpilot/db/paths';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { connectWithLongLivedToken } from '@leadpilot/domain/integrations/connect';
import { runSync } from '@leadpilot/domain/sync/run-sync';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const leads = arg('leads', 50_000);
const contacts = arg('contacts', 50_000);
const withBaseline = !process.argv.includes('--no-baseline');
const generate = `pipelines=50,stagesPerPipeline=20,customFields=1000,sources=100,users=500,leads=${leads},contacts=${contacts}`;

interface Stats {
  requests: number;
  rateLimited: number;
}

interface Result extends Stats {
  label: string;
  seconds: number;
  rows: number;
  status: string;
}

/**
 * The emulator runs in its own process, as Kommo would on its own servers: in-process, its event
 * loop would share the CPU with the sync and skew arrival times (and its 7/s check) by our own load.
 */
async function startEmulator(): Promise<{ url: string; host: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
    [
      'packages/kommo-emulator/src/cli.ts',
      '--port',
      String(port),
      '--latency',
      '150',
      '--generate',
      generate,
    ],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 1200; i++) {
    const up = await fetch(`${url}/_emulator/stats`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, host: `localhost:${port}`, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the emulator did not start');
}

async function admin<T>(url: string, route: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const init =
    method === 'POST'
      ? { method, body: '{}', headers: { 'content-type': 'application/json' } }
      : { method };
  return (await (await fetch(`${url}/_emulator/${route}`, init)).json()) as T;
}

console.log(`account: ${generate.replaceAll(',', ', ')}; 150 ms latency per request`);
const server = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'bench-postgres'), fresh: true });
const adminUrl = process.env.DATABASE_URL ?? server!.adminUrl;

async function measure(label: string, inFlight: number): Promise<Result> {
  const emulator = await startEmulator();
  const url = new URL(adminUrl);
  url.pathname = `/leadpilot_bench_${inFlight}_${Date.now()}`;
  await migrate({ connectionString: url.toString() });
  // As the worker runs it: Prisma's pool for the writes, a small pg pool for rate-limit slots.
  const db = createDb(url.toString(), { max: 10 });
  const pg = createPgPool(url.toString(), { max: 2 });
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
    const { token } = await admin<{ token: string }>(emulator.url, 'tokens/long-lived', 'POST');
    const { integrationId } = await connectWithLongLivedToken(
      { db, box, kommo, orgId: org.id, userId: user.id, role: 'owner' },
      { kind: 'kommo_demo', host: emulator.host, token },
    );
    await new Promise((r) => setTimeout(r, 1100)); // start with an empty rate window
    const run = await db.syncRun.findFirstOrThrow({ where: { integrationId } });
    const before = await admin<Stats>(emulator.url, 'stats');
    const started = performance.now();
    await runSync({ db, box, kommo, pg }, run.id, { inFlight });
    const seconds = (performance.now() - started) / 1000;
    const after = await admin<Stats>(emulator.url, 'stats');
    const done = await db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    const progress = done.progress as Record<string, { total?: number }>;
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
    await pg.end();
    emulator.child.kill('SIGTERM');
  }
}

function report(r: Result) {
  const rps = r.requests / r.seconds;
  console.log(
    [
      `${r.label}:`,
      `  status                ${r.status}`,
      `  requests made         ${r.requests}`,
      `  minimum at 7/s        ${(r.requests / 7).toFixed(1)} s`,
      `  wall time             ${r.seconds.toFixed(1)} s`,
      `  achieved              ${rps.toFixed(2)} req/s = ${((rps / 7) * 100).toFixed(1)}% of 7/s`,
      `  429s received         ${r.rateLimited}`,
      `  rows written          ${r.rows} (${(r.rows / r.seconds).toFixed(0)} rows/s)`,
    ].join('\n'),
  );
}

try {
  const results = [await measure('sync (4 record pages in flight, every resource at once)', 4)];
  if (withBaseline)
    results.push(await measure('baseline (one record page in flight at a time)', 1));
  console.log('');
  results.forEach(report);
} finally {
  await server?.stop();
}
