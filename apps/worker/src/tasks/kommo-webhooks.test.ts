import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@leadpilot/db/client';
import { createPgPool, type PgPool } from '@leadpilot/db/pool';
import type { RawSql } from '@leadpilot/db/raw-sql';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { uuidv7 } from '@leadpilot/domain/ids';
import { eachEvent, type WebhookEventInput } from '@leadpilot/domain/webhooks/handle-event';
import {
  MAX_DELIVERY_ATTEMPTS,
  processIntegrationWebhooks,
  sweepWebhookDeliveries,
} from '@leadpilot/domain/webhooks/process-deliveries';
import {
  storeDeliveries,
  type IncomingDelivery,
} from '@leadpilot/domain/webhooks/store-deliveries';
import { createLogger } from '@leadpilot/runtime/logger';
import { createWorker } from '../worker';

let db: Db;
let pool: PgPool;
let url: string;
let drop: () => Promise<void>;

const sample = (name: string) =>
  readFileSync(
    new URL(
      `../../../../packages/kommo-emulator/fixtures/webhook-samples/${name}`,
      import.meta.url,
    ),
    'utf8',
  );

/** A fresh organisation + integration per test, so their deliveries never mix. */
async function newIntegration() {
  const org = await db.organization.create({ data: { name: 'Webhooks' } });
  const integration = await db.integration.create({
    data: {
      orgId: org.id,
      kind: 'kommo',
      host: `anyor-${randomUUID()}.kommo.com`,
      baseUrl: 'https://anyor.kommo.com',
      accountId: 30307558,
      subdomain: 'anyor',
      webhookSecretEnc: 'unused',
    },
  });
  const target = { orgId: org.id, integrationId: integration.id };
  const incoming = (body: string, contentType = 'application/x-www-form-urlencoded') => {
    const raw = Buffer.from(body);
    return {
      id: uuidv7(),
      ...target,
      receivedAt: new Date(),
      requestId: randomUUID(),
      bodySha256: createHash('sha256').update(raw).digest('hex'),
      contentType,
      headers: {},
      rawBody: raw,
      status: 'pending',
      rejectReason: null,
    } satisfies IncomingDelivery;
  };
  const store = async (...bodies: (string | IncomingDelivery)[]) => {
    const deliveries = bodies.map((b) => (typeof b === 'string' ? incoming(b) : b));
    await storeDeliveries(pool, deliveries);
    return deliveries.map((d) => d.id);
  };
  return { id: integration.id, incoming, store };
}

const leadBody = (n: number) =>
  `leads[status][0][id]=${n}&leads[status][0][status_id]=2&account[id]=30307558`;

const statuses = async (ids: string[]) =>
  (
    await db.webhookDelivery.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        status: true,
        attempts: true,
        eventCount: true,
        lastError: true,
        summary: true,
        nextAttemptAt: true,
      },
    })
  ).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));

const jobsFor = async (integrationId: string) =>
  db.$queryRaw<{ key: string | null; locked_by: string | null }[]>`
    SELECT j.key, j.locked_by FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = 'kommo_webhooks' AND j.payload->>'integrationId' = ${integrationId}`;

const processingJob = async (integrationId: string, suffix = '') =>
  (
    await db.$queryRaw<{ run_at: Date; locked_by: string | null }[]>`
      SELECT run_at, locked_by FROM graphile_worker._private_jobs
       WHERE key = ${`kommo_webhooks:${integrationId}${suffix}`}`
  )[0] ?? null;

/** A handler with a visible effect in the batch's transaction, failing where `fails` says. */
function recorder(fails: (input: WebhookEventInput) => boolean = () => false) {
  const calls: string[] = [];
  const handle = eachEvent(async (tx: RawSql, input: WebhookEventInput) => {
    calls.push(input.delivery.id);
    await tx.$executeRaw`INSERT INTO test_effects VALUES (${input.delivery.id}::uuid, ${input.event.type})`;
    if (fails(input)) throw new Error(`cannot handle ${input.event.type}`);
  });
  return { calls, handle };
}

const effects = async (ids: string[]) =>
  (
    await db.$queryRaw<{ delivery_id: string }[]>`
      SELECT delivery_id::text FROM test_effects WHERE delivery_id = ANY(${ids}::uuid[])`
  ).map((r) => r.delivery_id);

async function runWorkerUntil(done: () => Promise<boolean>) {
  const worker = createWorker({
    connectionString: url,
    db,
    log: createLogger('test', 'silent'),
    box: createSecretBox(randomBytes(32)),
    kommo: { publicUrl: 'http://localhost' },
    concurrency: 2,
    schedules: false,
    pollInterval: 100,
  });
  await worker.start();
  try {
    const deadline = Date.now() + 15_000;
    while (!(await done()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  } finally {
    await worker.stop();
  }
}

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase(templateDatabaseUrl()));
  pool = createPgPool(url, { max: 2 });
  await db.$executeRaw`CREATE TABLE test_effects (delivery_id uuid, event_type text)`;
});
afterAll(async () => {
  await pool.end();
  await drop();
});

describe('kommo_webhooks', () => {
  it('the worker processes stored deliveries: processed, unhandled, with a summary', async () => {
    const hook = await newIntegration();
    const ids = await hook.store(
      sample('lead_update_02.txt'),
      hook.incoming(sample('doc_message_add.json'), 'application/json'),
      'widgets[add][0][id]=1',
    );
    expect(await jobsFor(hook.id)).toHaveLength(1);
    await runWorkerUntil(async () => (await statuses(ids)).every((r) => r.status !== 'pending'));
    const rows = await statuses(ids);
    expect(rows.map((r) => [r.status, r.eventCount, r.attempts])).toEqual([
      ['processed', 1, 1],
      ['processed', 1, 1],
      ['unhandled', 0, 1],
    ]);
    expect(rows[0]!.summary).toMatchObject({
      format: 'form',
      account: { id: 16700680, subdomain: 'unirock' },
      types: { 'lead.updated': 1 },
      unhandled: [],
    });
    expect(rows[2]!.summary).toMatchObject({
      unhandled: [{ path: 'widgets', reason: 'unknown webhook family' }],
    });
  });

  it('processes in the order received and is idempotent: a second run does nothing', async () => {
    const hook = await newIntegration();
    const ids = await hook.store(leadBody(1), leadBody(2), leadBody(3));
    const { calls, handle } = recorder();
    const first = await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle);
    const again = await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle);
    expect(first).toMatchObject({ handled: 3, events: 3, counts: { processed: 3 } });
    expect(again).toMatchObject({ handled: 0, events: 0 });
    expect(calls).toEqual(ids);
    expect(await effects(ids)).toHaveLength(3);
  });

  it('a failing delivery is rolled back alone, retried with backoff, and dead after the last attempt', async () => {
    const hook = await newIntegration();
    const ids = await hook.store(leadBody(10), leadBody(666), leadBody(12));
    const bad = ids[1]!;
    const { handle } = recorder((input) => input.delivery.id === bad);
    const first = await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle);
    expect(first).toMatchObject({ handled: 3, counts: { processed: 2, failed: 1 } });
    expect(first.firstError).toMatch(/cannot handle lead.status_changed/);
    // The good ones' effects are committed; the failed one's are rolled back.
    expect((await effects(ids)).sort()).toEqual([ids[0], ids[2]].sort());
    const [, failed] = await statuses(ids);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    const due = failed!.nextAttemptAt!.getTime();
    expect(due - Date.now()).toBeGreaterThan(5_000);
    // A job is scheduled for when it is due; before that, nothing is retried.
    const retry = await processingJob(hook.id, ':retry');
    expect(Math.abs(retry!.run_at.getTime() - due)).toBeLessThan(1_000);
    expect((await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle)).handled).toBe(0);

    await db.webhookDelivery.update({ where: { id: bad }, data: { nextAttemptAt: new Date() } });
    expect(await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle)).toMatchObject({
      handled: 1,
      counts: { failed: 1 },
    });
    await db.webhookDelivery.update({
      where: { id: bad },
      data: { nextAttemptAt: new Date(), attempts: MAX_DELIVERY_ATTEMPTS - 1 },
    });
    expect(await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle)).toMatchObject({
      counts: { dead: 1 },
    });
    const [, dead] = await statuses(ids);
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(dead!.lastError).toMatch(/cannot handle/);
    expect(await effects([bad])).toEqual([]);
  });

  it('a retried failure that now succeeds is processed', async () => {
    const hook = await newIntegration();
    const ids = await hook.store(leadBody(20));
    let fail = true;
    const { handle } = recorder(() => fail);
    await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle);
    fail = false;
    await db.webhookDelivery.update({ where: { id: ids[0] }, data: { nextAttemptAt: new Date() } });
    await processIntegrationWebhooks({ db, pg: pool }, hook.id, handle);
    expect((await statuses(ids))[0]).toMatchObject({
      status: 'processed',
      attempts: 2,
      lastError: null,
    });
  });

  it('deliveries left behind by a killed worker are swept back into processing', async () => {
    const hook = await newIntegration();
    const ids = await hook.store(leadBody(30), leadBody(31));
    // A worker took the job and died: the job stays locked (for hours, in graphile-worker 0.17),
    // and its processing request stays, so new batches add no job either.
    await db.$executeRaw`
      UPDATE graphile_worker._private_jobs SET locked_by = 'killed-worker', locked_at = now()
       WHERE payload->>'integrationId' = ${hook.id}`;
    await hook.store(leadBody(32));
    expect(await jobsFor(hook.id)).toEqual([{ key: null, locked_by: 'killed-worker' }]);
    await db.$executeRaw`
      UPDATE webhook_deliveries SET received_at = now() - interval '2 minutes'
       WHERE id = ANY(${ids}::uuid[])`;
    expect(await sweepWebhookDeliveries(db)).toBeGreaterThanOrEqual(1);
    expect((await jobsFor(hook.id)).filter((j) => j.locked_by === null)).toHaveLength(1);
    await runWorkerUntil(async () => (await statuses(ids)).every((r) => r.status === 'processed'));
    expect((await statuses(ids)).map((r) => r.status)).toEqual(['processed', 'processed']);
  });

  it('no delivery is left behind when batches race the job finishing', async () => {
    const hook = await newIntegration();
    const stored: string[] = [];
    let storing = true;
    // Batches keep arriving while the job processes and tries to finish.
    const producer = (async () => {
      for (let i = 0; storing; i++) {
        stored.push(...(await hook.store(leadBody(1_000 + i), leadBody(100_000 + i))));
      }
    })();
    const runs = [];
    for (let round = 0; round < 20; round++) {
      runs.push(processIntegrationWebhooks({ db, pg: pool }, hook.id, undefined, { gatherMs: 1 }));
      await new Promise((r) => setTimeout(r, 5));
    }
    storing = false;
    await producer;
    await Promise.all(runs);
    // Whatever a run could not see, a request (and so a job) is still there for.
    const left = await db.webhookDelivery.count({
      where: { integrationId: hook.id, status: 'pending' },
    });
    const [request] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM webhook_processing_requests WHERE integration_id = ${hook.id}::uuid`;
    if (left > 0) expect(request!.n).toBe(1);
    await processIntegrationWebhooks({ db, pg: pool }, hook.id);
    expect(
      await db.webhookDelivery.count({ where: { id: { in: stored }, status: 'processed' } }),
    ).toBe(stored.length);
  });
});
