import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@leadpilot/db/client';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { createLogger } from '@leadpilot/runtime/logger';
import { readServerEnv } from './env';
import { createServer, type LeadpilotServer } from './server';

/**
 * The Kommo webhook receiver over real HTTP on a real database: status codes for every kind of
 * input, durability before the 200, dedupe, group commit under concurrency, 503 with the database
 * gone and recovery, fuzzed bodies, and no secret in the logs.
 */

const box = createSecretBox(randomBytes(32));
const MAX_BYTES = 64 * 1024;
const logLines: string[] = [];
let server: LeadpilotServer;
let base: string;
let db: Db;
let dbUrl: string;
let dropDb: () => Promise<void>;
let hook: { id: string; orgId: string; url: string; secret: string };

const sample = (name: string) =>
  readFileSync(
    new URL(`../../../packages/kommo-emulator/fixtures/webhook-samples/${name}`, import.meta.url),
    'utf8',
  );

async function createIntegration(accountId: number, subdomain: string) {
  const org = await db.organization.create({ data: { name: `Org ${randomUUID()}` } });
  const secret = randomBytes(24).toString('base64url');
  const integration = await db.integration.create({
    data: {
      orgId: org.id,
      kind: 'kommo',
      host: `${subdomain}.kommo.com`,
      baseUrl: `https://${subdomain}.kommo.com`,
      accountId,
      subdomain,
      webhookSecretEnc: box.seal(secret),
    },
  });
  return {
    id: integration.id,
    orgId: org.id,
    secret,
    url: `${base}/webhooks/kommo/${integration.id}/${secret}`,
  };
}

const post = (url: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

const leadBody = (n: number, account = 'account[id]=30307558&account[subdomain]=anyor') =>
  `leads[status][0][id]=${n}&leads[status][0][status_id]=2&leads[status][0][pipeline_id]=3&${account}`;

/** The integration's processing jobs (payloads), and whether processing is requested. */
async function processing(integrationId: string) {
  const jobs = await db.$queryRaw<{ payload: unknown }[]>`
    SELECT j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = 'kommo_webhooks' AND j.payload->>'integrationId' = ${integrationId}`;
  const [request] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM webhook_processing_requests WHERE integration_id = ${integrationId}::uuid`;
  return { jobs: jobs.map((j) => j.payload), requested: request!.n === 1 };
}

/** Rows inserted by one transaction share its xmin: how many transactions stored these rows. */
async function transactionsOf(ids: string[]) {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT xmin::text)::int AS n FROM webhook_deliveries WHERE id = ANY(${ids}::uuid[])`;
  return row!.n;
}

beforeAll(async () => {
  const database = await createTestDatabase(templateDatabaseUrl());
  ({ db, url: dbUrl, drop: dropDb } = database);
  const env = readServerEnv({
    DATABASE_URL: database.url,
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST: '',
    LOG_LEVEL: 'info',
    WEBHOOK_MAX_BYTES: String(MAX_BYTES),
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = createServer({
    env,
    db,
    log: createLogger('test', 'info', sink),
    box,
    kommo: { publicUrl: 'http://localhost' },
  });
  base = (await server.start()).url;
  hook = await createIntegration(30307558, 'anyor');
});
afterAll(async () => {
  await server.stop();
  await dropDb();
});

describe('POST /webhooks/kommo/<integration>/<secret>', () => {
  it('stores the body and its processing job before answering 200', async () => {
    const body = sample('lead_status_01_dp.txt');
    const res = await post(hook.url, body, {
      'x-amocrm-requestid': randomUUID(),
      'user-agent': 'amoCRM-Webhooks/3.0',
      cookie: 'session=should-not-be-stored',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, duplicate: false });
    const row = await db.webhookDelivery.findFirstOrThrow({
      where: { integrationId: hook.id },
      orderBy: { receivedAt: 'desc' },
    });
    expect(row).toMatchObject({ status: 'pending', orgId: hook.orgId, sizeBytes: body.length });
    expect(Buffer.from(row.rawBody).toString('utf8')).toBe(body);
    expect(row.headers).toMatchObject({ 'user-agent': 'amoCRM-Webhooks/3.0' });
    expect(row.headers).not.toHaveProperty('cookie');
    // Committed with its processing request and (nobody processing yet) one job.
    expect(await processing(hook.id)).toEqual({
      jobs: [{ integrationId: hook.id }],
      requested: true,
    });
  });

  it('accepts 2016-era bodies (subdomain only), JSON, and bodies with no account block', async () => {
    const other = await createIntegration(10216991, 'test000002');
    expect((await post(other.url, sample('lead_add_01.txt'))).status).toBe(200);
    const json = await post(hook.url, sample('doc_message_add.json'), {
      'content-type': 'application/json',
    });
    expect(json.status).toBe(200);
  });

  it('answers 404 for an unknown integration, a wrong secret or a malformed id; 405 for GET', async () => {
    const body = leadBody(1);
    expect((await post(`${base}/webhooks/kommo/${randomUUID()}/${hook.secret}`, body)).status).toBe(
      404,
    );
    expect((await post(`${base}/webhooks/kommo/${hook.id}/wrong-secret`, body)).status).toBe(404);
    expect((await post(`${base}/webhooks/kommo/${hook.id}/${hook.secret}x`, body)).status).toBe(
      404,
    );
    expect((await post(`${base}/webhooks/kommo/not-a-uuid/${hook.secret}`, body)).status).toBe(404);
    expect((await post(`${base}/webhooks/kommo/${hook.id}/%zz`, body)).status).toBe(404);
    expect((await fetch(hook.url)).status).toBe(405);
    // The access-revoked hook still has its own route.
    expect((await fetch(`${base}/webhooks/kommo/revoked?client_uuid=x`)).status).toBe(403);
  });

  it('answers 403 for another account (id or subdomain), and logs it', async () => {
    const byId = await post(hook.url, leadBody(2, 'account[id]=999&account[subdomain]=anyor'));
    expect(byId.status).toBe(403);
    const bySubdomain = await post(hook.url, leadBody(3, 'account[subdomain]=someone-else'));
    expect(bySubdomain.status).toBe(403);
    expect(logLines.some((l) => /webhook refused: account id 999/.test(l))).toBe(true);
    expect(
      await db.webhookDelivery.count({
        where: {
          rawBody: { equals: Buffer.from(leadBody(2, 'account[id]=999&account[subdomain]=anyor')) },
        },
      }),
    ).toBe(0);
  });

  it('answers 413 for a body over WEBHOOK_MAX_BYTES, declared or streamed', async () => {
    const big = `leads[add][0][name]=${'x'.repeat(MAX_BYTES)}`;
    expect((await post(hook.url, big)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await fetch(hook.url, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('answers 400 with a reason for a malformed body, and keeps it as rejected', async () => {
    const res = await post(hook.url, 'leads[add][0][name]=%E0%A4%A&account[id]=30307558');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /Malformed webhook body: Bad percent escape/,
    );
    const row = await db.webhookDelivery.findFirstOrThrow({
      where: { integrationId: hook.id, status: 'rejected' },
    });
    expect(row.lastError).toMatch(/Bad percent escape/);
    expect((await processing(hook.id)).jobs).toHaveLength(1); // nothing more to process
  });

  it('a repeated delivery (same request id, or same body) is acknowledged, stored as duplicate, queued once', async () => {
    const requestId = randomUUID();
    const first = await post(hook.url, leadBody(10), { 'x-amocrm-requestid': requestId });
    const again = await post(hook.url, leadBody(11), { 'x-amocrm-requestid': requestId });
    expect(await first.json()).toEqual({ ok: true, duplicate: false });
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    const sameBody = await post(hook.url, leadBody(10));
    expect(await sameBody.json()).toEqual({ ok: true, duplicate: true });
    expect((await processing(hook.id)).jobs).toHaveLength(1); // still the one job
    const rows = await db.webhookDelivery.findMany({
      where: { integrationId: hook.id, OR: [{ requestId }, { duplicateOfId: { not: null } }] },
      orderBy: { receivedAt: 'asc' },
    });
    const original = rows.find((r) => r.status === 'pending')!;
    expect(rows.map((r) => [r.status, r.duplicateOfId])).toEqual([
      ['pending', null],
      ['duplicate', original.id],
      ['duplicate', original.id],
    ]);
  });

  it('group commit: 500 concurrent deliveries are all stored in few transactions, one job', async () => {
    // Hold the integration's row FOR UPDATE while they arrive (each delivery's foreign-key check
    // needs a KEY SHARE lock on it): the flushes in flight wait in the database, everything
    // arriving meanwhile queues in the group commit and goes out in a few large batches.
    const lock = new pg.Client({ connectionString: dbUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('SELECT 1 FROM integrations WHERE id = $1 FOR UPDATE', [hook.id]);
    const sending = Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        post(hook.url, leadBody(100_000 + i), { 'x-amocrm-requestid': randomUUID() }).then(
          async (r) => ({ status: r.status, body: (await r.json()) as { ok: boolean } }),
        ),
      ),
    );
    // Long enough for all 500 to arrive on a loaded machine (it once took more than 400 ms).
    await new Promise((resolve) => setTimeout(resolve, 700));
    await lock.query('COMMIT');
    await lock.end();
    const results = await sending;
    expect(results.every((r) => r.status === 200 && r.body.ok)).toBe(true);
    const rows = await db.webhookDelivery.findMany({
      where: { integrationId: hook.id, status: 'pending', sizeBytes: leadBody(100_000).length },
      select: { id: true, rawBody: true },
    });
    const stored = rows.filter((r) => /id\]=1\d{5}&/.test(Buffer.from(r.rawBody).toString()));
    expect(stored).toHaveLength(500);
    // Batched: far fewer transactions than requests, and still one job for all of them.
    const transactions = await transactionsOf(stored.map((r) => r.id));
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThan(250);
    expect((await processing(hook.id)).jobs).toHaveLength(1);
  });

  it('fuzzed bodies only ever get 2xx or 4xx', async () => {
    const bodies: (string | Buffer)[] = [
      ...Array.from({ length: 40 }, () => randomBytes(200)),
      `a${'[x]'.repeat(100)}=1`,
      `${'['.repeat(5000)}=1`,
      Array.from({ length: 5000 }, (_, i) => `leads[add][${i}][id]=x`).join('&'),
      'leads[add][0][id][0][1][2]=1&task=1&message[add]=x',
      '{"leads":{"add":[{"id":{"deep":[1,2,3]}}]}}',
      '{"a":',
      '%',
      '&&&===&&&',
      'leads[add][0][name]=%C0%AF',
      '\u0000\u0001',
    ];
    for (const body of bodies) {
      const res = await post(hook.url, body);
      expect(res.status, String(body).slice(0, 40)).toBeLessThan(500);
      expect([200, 400, 403, 413]).toContain(res.status);
    }
  });

  it('never logs the secret of the URL', () => {
    const webhookLines = logLines.filter((l) => l.includes('/webhooks/kommo/'));
    expect(webhookLines.length).toBeGreaterThan(10);
    expect(webhookLines.some((l) => l.includes(`${hook.id}/[redacted]`))).toBe(true);
    expect(logLines.filter((l) => l.includes(hook.secret))).toEqual([]);
  });
});

describe('database unavailable', () => {
  async function setConnections(allowed: boolean) {
    const admin = new URL(dbUrl);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(
        `ALTER DATABASE ${pg.escapeIdentifier(name)} ALLOW_CONNECTIONS ${allowed}`,
      );
      if (!allowed) {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
      }
    } finally {
      await client.end();
    }
  }

  it('answers 503 (never 200) while Postgres refuses, and stores again once it is back', async () => {
    // Warm the secret cache, then take the database away.
    expect((await post(hook.url, leadBody(500_000))).status).toBe(200);
    await setConnections(false);
    try {
      const down = await post(hook.url, leadBody(500_001), { 'x-amocrm-requestid': 'retry-me' });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('5');
      // An integration not in the cache cannot even be looked up: 503 too, not 404.
      const unknown = await post(`${base}/webhooks/kommo/${randomUUID()}/x`, leadBody(1));
      expect(unknown.status).toBe(503);
    } finally {
      await setConnections(true);
    }
    // Kommo's retry of the same delivery is stored now, exactly once.
    const retried = await post(hook.url, leadBody(500_001), { 'x-amocrm-requestid': 'retry-me' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ ok: true, duplicate: false });
    expect(await db.webhookDelivery.count({ where: { requestId: 'retry-me' } })).toBe(1);
  });

  it('WEBHOOK_FLUSH_CONCURRENCY=1 writes one batch at a time (a blocked one holds the rest)', async () => {
    expect(() => readServerEnv({ DATABASE_URL: dbUrl, WEBHOOK_FLUSH_CONCURRENCY: '0' })).toThrow(
      /WEBHOOK_FLUSH_CONCURRENCY/,
    );
    expect(() => readServerEnv({ DATABASE_URL: dbUrl, WEBHOOK_FLUSH_OVERLAP_MS: '-1' })).toThrow(
      /WEBHOOK_FLUSH_OVERLAP_MS/,
    );
    expect(readServerEnv({ DATABASE_URL: dbUrl }).WEBHOOK_FLUSH_OVERLAP_MS).toBe(2);
    const env = readServerEnv({
      DATABASE_URL: dbUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'silent',
      WEBHOOK_FLUSH_CONCURRENCY: '1',
    });
    const single = createServer({
      env,
      db,
      log: createLogger('test', 'silent'),
      box,
      kommo: { publicUrl: 'http://localhost' },
    });
    const { url } = await single.start();
    const lock = new pg.Client({ connectionString: dbUrl });
    try {
      // The first flush waits on the integration's row; the other 59 requests queue behind it.
      await lock.connect();
      await lock.query('BEGIN');
      await lock.query('SELECT 1 FROM integrations WHERE id = $1 FOR UPDATE', [hook.id]);
      const hookUrl = `${url}/webhooks/kommo/${hook.id}/${hook.secret}`;
      const requestIds = Array.from({ length: 60 }, () => randomUUID());
      const send = (i: number) =>
        post(hookUrl, leadBody(300_000 + i), { 'x-amocrm-requestid': requestIds[i]! });
      const first = send(0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rest = Array.from({ length: 59 }, (_, i) => send(i + 1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await lock.query('COMMIT');
      const statuses = (await Promise.all([first, ...rest])).map((r) => r.status);
      expect(statuses.every((status) => status === 200)).toBe(true);
      const rows = await db.webhookDelivery.findMany({
        where: { integrationId: hook.id, requestId: { in: requestIds } },
        select: { id: true },
      });
      expect(rows).toHaveLength(60);
      // The blocked flush, then everything that queued behind it in one batch.
      expect(await transactionsOf(rows.map((r) => r.id))).toBe(2);
    } finally {
      await lock.end();
      await single.stop();
    }
  });

  it('a server whose database is unreachable answers 503', async () => {
    const deadDb = createDb('postgresql://nobody@127.0.0.1:1/none', { max: 1 });
    const env = readServerEnv({
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'silent',
    });
    const dead = createServer({
      env,
      db: deadDb,
      log: createLogger('test', 'silent'),
      box,
      kommo: { publicUrl: 'http://localhost' },
    });
    const { url } = await dead.start();
    try {
      const res = await post(`${url}/webhooks/kommo/${hook.id}/${hook.secret}`, leadBody(1));
      expect(res.status).toBe(503);
    } finally {
      await dead.stop();
      await deadDb.$disconnect();
    }
  });
});
