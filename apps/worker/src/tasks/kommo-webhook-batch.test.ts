import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '@leadpilot/db/client';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { uuidv7 } from '@leadpilot/domain/ids';
import type { WebhookEventInput } from '@leadpilot/domain/webhooks/handle-event';
import { processWebhookBatch } from '@leadpilot/domain/webhooks/process-deliveries';
import {
  storeDeliveries,
  type IncomingDelivery,
} from '@leadpilot/domain/webhooks/store-deliveries';
import { createLogger } from '@leadpilot/runtime/logger';
import { createWorker } from '../worker';

let db: Db;
let url: string;
let drop: () => Promise<void>;
let target: { orgId: string; integrationId: string };

const sample = (name: string) =>
  readFileSync(
    new URL(
      `../../../../packages/kommo-emulator/fixtures/webhook-samples/${name}`,
      import.meta.url,
    ),
    'utf8',
  );

function incoming(
  body: string,
  contentType = 'application/x-www-form-urlencoded',
): IncomingDelivery {
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
  };
}

const leadBody = (n: number) =>
  `leads[status][0][id]=${n}&leads[status][0][status_id]=2&account[id]=30307558`;

async function store(...bodies: (string | IncomingDelivery)[]) {
  const deliveries = bodies.map((b) => (typeof b === 'string' ? incoming(b) : b));
  await storeDeliveries(db, deliveries);
  return deliveries.map((d) => d.id);
}

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
      },
    })
  ).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase(templateDatabaseUrl()));
  const org = await db.organization.create({ data: { name: 'Webhooks' } });
  const integration = await db.integration.create({
    data: {
      orgId: org.id,
      kind: 'kommo',
      host: 'anyor.kommo.com',
      baseUrl: 'https://anyor.kommo.com',
      accountId: 30307558,
      subdomain: 'anyor',
      webhookSecretEnc: 'unused',
    },
  });
  target = { orgId: org.id, integrationId: integration.id };
  await db.$executeRaw`CREATE TABLE test_effects (delivery_id uuid, event_type text)`;
});
afterAll(() => drop());

/** A handler with a visible effect in the batch's transaction, failing where `fails` says. */
function recorder(fails: (input: WebhookEventInput) => boolean = () => false) {
  const calls: string[] = [];
  const handle = async (tx: Tx, input: WebhookEventInput) => {
    calls.push(input.delivery.id);
    await tx.$executeRaw`INSERT INTO test_effects VALUES (${input.delivery.id}::uuid, ${input.event.type})`;
    if (fails(input)) throw new Error(`cannot handle ${input.event.type}`);
  };
  return { calls, handle };
}

const effects = async (ids: string[]) =>
  (
    await db.$queryRaw<{ delivery_id: string }[]>`
      SELECT delivery_id::text FROM test_effects WHERE delivery_id = ANY(${ids}::uuid[])`
  ).map((r) => r.delivery_id);

describe('kommo_webhook_batch', () => {
  it('the worker processes stored deliveries: processed, unhandled, with a summary', async () => {
    const ids = await store(
      sample('lead_update_02.txt'),
      incoming(sample('doc_message_add.json'), 'application/json'),
      'widgets[add][0][id]=1',
    );
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
      const deadline = Date.now() + 10_000;
      while ((await statuses(ids)).some((r) => r.status === 'pending') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
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

  it('is idempotent: running the same batch again processes nothing twice', async () => {
    const ids = await store(leadBody(1), leadBody(2));
    const { calls, handle } = recorder();
    const first = await processWebhookBatch(
      db,
      { deliveryIds: ids, attempt: 1, maxAttempts: 8 },
      handle,
    );
    const again = await processWebhookBatch(
      db,
      { deliveryIds: ids, attempt: 1, maxAttempts: 8 },
      handle,
    );
    expect(first).toMatchObject({ handled: 2, events: 2, retry: false });
    expect(again).toMatchObject({ handled: 0, events: 0, retry: false });
    expect(calls).toEqual(ids);
    expect(await effects(ids)).toHaveLength(2);
  });

  it('a failing delivery is rolled back alone, retried, and dead after the last attempt', async () => {
    const ids = await store(leadBody(10), leadBody(666), leadBody(12));
    const bad = ids[1]!;
    const { handle } = recorder((input) => input.delivery.id === bad);
    const first = await processWebhookBatch(
      db,
      { deliveryIds: ids, attempt: 1, maxAttempts: 3 },
      handle,
    );
    expect(first).toMatchObject({ handled: 3, retry: true, counts: { processed: 2, failed: 1 } });
    expect(first.firstError).toMatch(/cannot handle lead.status_changed/);
    // The good ones' effects are committed; the failed one's are rolled back.
    expect((await effects(ids)).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await statuses(ids)).map((r) => [r.status, r.attempts])).toEqual([
      ['processed', 1],
      ['failed', 1],
      ['processed', 1],
    ]);
    // graphile-worker retries the job: only the failed delivery runs again.
    const second = await processWebhookBatch(
      db,
      { deliveryIds: ids, attempt: 2, maxAttempts: 3 },
      handle,
    );
    expect(second).toMatchObject({ handled: 1, retry: true });
    const last = await processWebhookBatch(
      db,
      { deliveryIds: ids, attempt: 3, maxAttempts: 3 },
      handle,
    );
    expect(last).toMatchObject({ handled: 1, retry: false, counts: { dead: 1 } });
    const [, dead] = await statuses(ids);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead!.lastError).toMatch(/cannot handle/);
    expect(await effects([bad])).toEqual([]);
  });

  it('a retried failure that now succeeds is processed', async () => {
    const ids = await store(leadBody(20));
    let fail = true;
    const { handle } = recorder(() => fail);
    expect(
      (await processWebhookBatch(db, { deliveryIds: ids, attempt: 1, maxAttempts: 8 }, handle))
        .retry,
    ).toBe(true);
    fail = false;
    await processWebhookBatch(db, { deliveryIds: ids, attempt: 2, maxAttempts: 8 }, handle);
    expect((await statuses(ids))[0]).toMatchObject({
      status: 'processed',
      attempts: 2,
      lastError: null,
    });
  });
});
