/**
 * `pnpm bench:feed` — the activity feed at scale, measured through the tRPC HTTP endpoint.
 *
 * 1,000,000 entries across 10 organisations (100,000 each, 90 days, realistic mix of kinds, 5
 * agents and 2 integrations per organisation) inserted with generate_series into a fresh database;
 * the real server runs in its own process. Prints p50/p95 of `activity.list` for the first page and
 * a page 10,000 entries deep — without filters, by one type, by two types, by agent, by
 * integration, by date range and by title text — and, in the same run, the same deep page read with
 * OFFSET (in SQL, the same query otherwise: the API has no OFFSET) as the baseline, next to the
 * keyset query in SQL. A last row times `orgs.current` over the same HTTP path — session and
 * membership checks, tRPC, one tiny query — the floor every procedure pays. Then the
 * subscription's latency: an entry recorded by another process → its event in an SSE client.
 *
 * Targets: p95 ≤ 10 ms at any depth, deep/first ≤ 1.5, subscription p95 ≤ 100 ms.
 * Options: --per-org N (default 100000), --samples N (default 300), --depth N (default 10000).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { AppRouter } from '@leadpilot/api/root';
import { createDb } from '@leadpilot/db/client';
import { freePort, startEmbeddedPostgres } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { dataDir, repoRoot } from '@leadpilot/db/paths';
import { Prisma } from '@leadpilot/db/prisma';
import { entryColumns, entryJoins } from '@leadpilot/domain/activity/activity-entry';
import { encodeFeedCursor } from '@leadpilot/domain/activity/activity-queries';
import { recordActivity } from '@leadpilot/domain/activity/record-activity';
import { EventSource } from 'eventsource';
import superjson from 'superjson';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORGS = 10;
const perOrg = arg('per-org', 100_000);
const samples = arg('samples', 300);
const DEPTH = arg('depth', 10_000);
const PAGE = 30; // the dashboard's page size

// A realistic mix: mostly replies and CRM actions, a few errors and admin events (weights of 100).
const mix: [string, number][] = [
  ['agent.replied', 38],
  ['action.executed', 18],
  ['lead.stage_changed', 14],
  ['task.assigned', 8],
  ['call.missed', 6],
  ['action.undone', 3],
  ['agent.error', 3],
  ['sync.succeeded', 4],
  ['sync.partially_failed', 1],
  ['agent.updated', 3],
  ['integration.needs_attention', 1],
  ['member.joined', 1],
];
const weighted = mix.flatMap(([type, w]) => Array<string>(w).fill(type));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

console.log(`${ORGS} organisations × ${perOrg.toLocaleString('en')} entries`);
const pgServer = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'bench-feed-postgres'),
      fresh: true,
    });
const adminUrl = process.env.DATABASE_URL ?? pgServer!.adminUrl;
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/leadpilot_bench_feed_${Date.now()}`;
await migrate({ connectionString: dbUrl.toString() });
const db = createDb(dbUrl.toString(), { max: 4 });

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(
  path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
  ['apps/server/src/main.ts'],
  {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      PORT: String(port),
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'warn',
      LEADPILOT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lp-bench-feed-')),
      KOMMO_DEMO_URL: '',
    },
  },
);

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

interface Org {
  id: string;
  cookie: string;
  agents: string[];
  integrations: string[];
}

async function signUp(n: number): Promise<Org> {
  const res = await fetch(`${base}/trpc/auth.signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      json: {
        email: `bench${n}@example.com`,
        password: 'bench password long',
        name: `Bench ${n}`,
        orgName: `Bench org ${n}`,
      },
    }),
  });
  if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const user = await db.user.findUniqueOrThrow({
    where: { email: `bench${n}@example.com` },
    select: { memberships: { select: { orgId: true } } },
  });
  const uuid = () => crypto.randomUUID();
  return {
    id: user.memberships[0]!.orgId,
    cookie,
    agents: Array.from({ length: 5 }, uuid),
    integrations: Array.from({ length: 2 }, uuid),
  };
}

async function seed(orgs: Org[]) {
  const started = performance.now();
  // One statement per organisation; rows in created_at order, so ids grow with time as
  // recordActivity would have written them.
  for (const org of orgs) {
    await db.$executeRaw`
      INSERT INTO activity_logs (org_id, agent_id, integration_id, activity_type, title,
                                 metadata, subject_type, subject_id, created_at)
      SELECT ${org.id}::uuid,
             (${org.agents}::uuid[])[1 + g % 5],
             (${org.integrations}::uuid[])[1 + g % 2],
             t.type,
             t.type || ': lead ' || (g % 5000) || ' by agent ' || (g % 5),
             jsonb_build_object('agentName', 'Agent ' || (g % 5), 'leadName', 'Lead ' || (g % 5000)),
             'lead', (g % 5000)::text,
             now() - interval '90 days' + (g * (interval '90 days' / ${perOrg}::int))
        FROM generate_series(1, ${perOrg}::int) AS g,
             LATERAL (SELECT (${weighted}::text[])[1 + (g * 7919) % 100] AS type) t
       ORDER BY g`;
  }
  await db.$executeRawUnsafe('VACUUM ANALYZE activity_logs');
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `inserted ${(ORGS * perOrg).toLocaleString('en')} entries in ${seconds.toFixed(1)} s (incl. VACUUM ANALYZE)`,
  );
}

type ListInput = {
  cursor?: string;
  types?: string[];
  agentId?: string;
  integrationId?: string;
  from?: Date;
  to?: Date;
  search?: string;
};

/** Filters per scenario, as SQL too (for the cursor at depth and the OFFSET baseline). */
interface Scenario {
  label: string;
  input: (org: Org) => ListInput;
  where: (org: Org) => Prisma.Sql;
}
const recent = new Date(Date.now() - 30 * 86_400_000);
const scenarios: Scenario[] = [
  { label: 'no filter', input: () => ({}), where: () => Prisma.empty },
  {
    label: 'type = action.executed',
    input: () => ({ types: ['action.executed'] }),
    where: () => Prisma.sql`AND a.activity_type = 'action.executed'`,
  },
  {
    label: 'types = action.executed, call.missed',
    input: () => ({ types: ['action.executed', 'call.missed'] }),
    where: () => Prisma.sql`AND a.activity_type IN ('action.executed', 'call.missed')`,
  },
  {
    label: 'agent',
    input: (o) => ({ agentId: o.agents[0]! }),
    where: (o) => Prisma.sql`AND a.agent_id = ${o.agents[0]!}::uuid`,
  },
  {
    label: 'integration + type',
    input: (o) => ({ integrationId: o.integrations[1]!, types: ['agent.replied'] }),
    where: (o) =>
      Prisma.sql`AND a.integration_id = ${o.integrations[1]!}::uuid AND a.activity_type = 'agent.replied'`,
  },
  {
    label: 'date range (last 30 days)',
    input: () => ({ from: recent }),
    where: () => Prisma.sql`AND a.created_at >= ${recent}::timestamptz`,
  },
  {
    label: 'search "agent 3"',
    input: () => ({ search: 'agent 3' }),
    where: () => Prisma.sql`AND a.title ILIKE '%agent 3%'`,
  },
];

function listUrl(input: ListInput): string {
  const { json, meta } = superjson.serialize({ limit: PAGE, ...input });
  const q = encodeURIComponent(JSON.stringify(meta ? { json, meta } : { json }));
  return `${base}/trpc/activity.list?input=${q}`;
}

/**
 * One keep-alive connection and node:http, not fetch: undici's per-request cost (Request, Headers,
 * streams, abort signals) runs on the same two cores as the server and Postgres and showed up in
 * the server's figures. What is timed is the server's answer: request written → body read.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function timeRequests(
  orgs: Org[],
  urlFor: (org: Org) => string,
  check: (data: unknown) => boolean = (data) =>
    (data as { items: unknown[] }).items.length === PAGE,
  warmUp = 20,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples + warmUp; i++) {
    const org = orgs[i % orgs.length]!;
    const started = performance.now();
    const res = await get(urlFor(org), org.cookie);
    const ms = performance.now() - started;
    const body = JSON.parse(res.body) as { result?: { data: { json: unknown } } };
    if (res.status !== 200 || !body.result) throw new Error(`request failed: ${res.status}`);
    if (!check(body.result.data.json)) throw new Error('unexpected answer');
    if (i >= warmUp) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

async function timeSql(orgs: Org[], sqlFor: (org: Org) => Prisma.Sql): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < samples + 20; i++) {
    const org = orgs[i % orgs.length]!;
    const started = performance.now();
    const rows = await db.$queryRaw<unknown[]>(sqlFor(org));
    const ms = performance.now() - started;
    if (rows.length !== PAGE) throw new Error('short page');
    if (i >= 20) times.push(ms);
  }
  return times.sort((a, b) => a - b);
}

const pageSql = (org: Org, where: Prisma.Sql, tail: Prisma.Sql) => Prisma.sql`
  SELECT ${entryColumns} FROM activity_logs a ${entryJoins}
   WHERE a.org_id = ${org.id}::uuid ${where}
   ORDER BY a.created_at DESC, a.id DESC ${tail}`;

async function cursorAtDepth(org: Org, where: Prisma.Sql): Promise<string> {
  const [row] = await db.$queryRaw<{ createdAt: Date; id: string }[]>`
    SELECT a.created_at AS "createdAt", a.id::text AS id FROM activity_logs a
     WHERE a.org_id = ${org.id}::uuid ${where}
     ORDER BY a.created_at DESC, a.id DESC OFFSET ${DEPTH - 1} LIMIT 1`;
  return encodeFeedCursor(row!);
}

interface Row {
  label: string;
  first: number[];
  deep: number[];
  offset: number[];
  keysetSql: number[];
}

async function measureSubscription(org: Org) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${base}/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: () => ({
          fetch: (input: string | URL | Request, init?: RequestInit) =>
            fetch(input, { ...init, headers: { ...init?.headers, cookie: org.cookie } }),
        }),
      }),
    ],
  });
  const arrived = new Map<string, number>();
  let wake: (() => void) | null = null;
  const sub = client.activity.onNew.subscribe(
    {},
    {
      onData: ({ data }) => {
        arrived.set(String(data.params.agentName), performance.now());
        wake?.();
      },
    },
  );
  await new Promise((r) => setTimeout(r, 1000)); // the stream is open
  const latencies: number[] = [];
  const count = Math.min(samples, 200);
  for (let i = 0; i < count + 10; i++) {
    const key = `latency-${i}`;
    const started = performance.now();
    await recordActivity(db, { orgId: org.id, type: 'agent.replied', params: { agentName: key } });
    while (!arrived.has(key)) {
      await Promise.race([
        new Promise<void>((r) => (wake = r)),
        new Promise((r) => setTimeout(r, 2000)),
      ]);
      if (performance.now() - started > 5000) throw new Error(`no event for ${key}`);
    }
    if (i >= 10) latencies.push(arrived.get(key)! - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  sub.unsubscribe();
  return latencies.sort((a, b) => a - b);
}

const fmt = (ms: number) => ms.toFixed(2).padStart(7);
try {
  await waitForServer();
  const orgs: Org[] = [];
  for (let n = 1; n <= ORGS; n++) orgs.push(await signUp(n));
  await seed(orgs);

  // The same HTTP path without the feed: session check, membership check, tRPC, one small query.
  // (Also warms up the server, the connection pools and Postgres' caches.)
  const floor = await timeRequests(
    orgs,
    () => `${base}/trpc/orgs.current`,
    () => true,
    200,
  );
  const rows: Row[] = [];
  for (const s of scenarios) {
    const cursors = new Map<string, string>();
    for (const org of orgs) cursors.set(org.id, await cursorAtDepth(org, s.where(org)));
    const first = await timeRequests(orgs, (org) => listUrl(s.input(org)));
    const deep = await timeRequests(orgs, (org) =>
      listUrl({ ...s.input(org), cursor: cursors.get(org.id)! }),
    );
    const offset = await timeSql(orgs, (org) =>
      pageSql(org, s.where(org), Prisma.sql`OFFSET ${DEPTH} LIMIT ${PAGE}`),
    );
    const keysetSql = await timeSql(orgs, (org) => {
      const [iso, id] = Buffer.from(cursors.get(org.id)!, 'base64url').toString().split('|');
      return pageSql(
        org,
        Prisma.sql`${s.where(org)} AND (a.created_at, a.id) < (${new Date(iso!)}::timestamptz, ${id!}::bigint)`,
        Prisma.sql`LIMIT ${PAGE}`,
      );
    });
    rows.push({ label: s.label, first, deep, offset, keysetSql });
    console.log(`measured: ${s.label}`);
  }
  const latency = await measureSubscription(orgs[0]!);

  console.log('');
  console.log(
    `activity.list over HTTP (page of ${PAGE}; deep = ${DEPTH.toLocaleString('en')} entries in; ${samples} requests each, ms)`,
  );
  console.log(
    '| filter                           | first p50 | first p95 | deep p50 | deep p95 | deep/first p95 | SQL keyset deep p95 | SQL OFFSET deep p50 | SQL OFFSET deep p95 |',
  );
  console.log(
    '| -------------------------------- | --------- | --------- | -------- | -------- | -------------- | ------------------- | ------------------- | ------------------- |',
  );
  for (const r of rows) {
    const f95 = percentile(r.first, 95);
    const d95 = percentile(r.deep, 95);
    console.log(
      `| ${r.label.padEnd(32)} | ${fmt(percentile(r.first, 50))}   | ${fmt(f95)}   | ${fmt(percentile(r.deep, 50))}  | ${fmt(d95)}  | ${(d95 / f95).toFixed(2).padStart(14)} | ${fmt(percentile(r.keysetSql, 95)).padStart(19)} | ${fmt(percentile(r.offset, 50)).padStart(19)} | ${fmt(percentile(r.offset, 95)).padStart(19)} |`,
    );
  }
  console.log(
    `| HTTP floor: orgs.current (no feed) | ${fmt(percentile(floor, 50))}   | ${fmt(percentile(floor, 95))}   |          |          |                |                     |                     |                     |`,
  );
  console.log('');
  console.log(
    `subscription: recordActivity (commit) → event in an SSE client, ${latency.length} events: p50 ${fmt(percentile(latency, 50))} ms, p95 ${fmt(percentile(latency, 95))} ms, max ${fmt(latency[latency.length - 1]!)} ms`,
  );
  const worst = Math.max(...rows.flatMap((r) => [percentile(r.first, 95), percentile(r.deep, 95)]));
  const worstRatio = Math.max(...rows.map((r) => percentile(r.deep, 95) / percentile(r.first, 95)));
  console.log(
    `targets: list p95 ≤ 10 ms → worst ${worst.toFixed(2)} ms ${worst <= 10 ? 'MET' : 'MISSED'}; deep/first ≤ 1.5 → worst ${worstRatio.toFixed(2)} ${worstRatio <= 1.5 ? 'MET' : 'MISSED'}; subscription p95 ≤ 100 ms → ${percentile(latency, 95).toFixed(1)} ms ${percentile(latency, 95) <= 100 ? 'MET' : 'MISSED'}`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  await db.$disconnect();
  await pgServer?.stop();
}
