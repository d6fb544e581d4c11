import type { Db, Tx } from '@leadpilot/db/client';
import { enqueue } from '../jobs/enqueue';

/** Attempts of a kommo_webhook_batch job (graphile-worker backs off ~e^n s: 2.7 s … 50 min, ~1.3 h in all). */
export const WEBHOOK_JOB_MAX_ATTEMPTS = 8;

/** A received webhook, ready to store. */
export interface IncomingDelivery {
  id: string;
  orgId: string;
  integrationId: string;
  receivedAt: Date;
  requestId: string | null;
  bodySha256: string;
  contentType: string | null;
  headers: Record<string, string>;
  rawBody: Buffer;
  /** `rejected` (malformed, answered 400) is stored for inspection and never processed. */
  status: 'pending' | 'rejected';
  rejectReason: string | null;
}

export type StoreResult = 'stored' | 'duplicate';

/** "<sha256>:<UTC day>": a body repeated the same day is a duplicate (see ARCHITECTURE.md). */
export function bodyKeyOf(d: Pick<IncomingDelivery, 'bodySha256' | 'receivedAt'>): string {
  return `${d.bodySha256}:${Math.floor(d.receivedAt.getTime() / 86_400_000)}`;
}

/** Parallel arrays, one per column; rows in `duplicateOf` are stored as duplicates of that id. */
const columns = (rows: IncomingDelivery[], duplicateOf?: Map<string, string | null>) => {
  const dup = (d: IncomingDelivery) => duplicateOf?.has(d.id) ?? false;
  return [
    rows.map((d) => d.id),
    rows.map((d) => d.orgId),
    rows.map((d) => d.integrationId),
    rows.map((d) => d.receivedAt.toISOString()),
    rows.map((d) => d.requestId),
    rows.map((d) => d.bodySha256),
    rows.map((d) => (dup(d) ? null : d.requestId)),
    rows.map((d) => (dup(d) ? null : bodyKeyOf(d))),
    rows.map((d) => d.contentType),
    rows.map((d) => JSON.stringify(d.headers)),
    rows.map((d) => d.rawBody.toString('base64')),
    rows.map((d) => d.rawBody.length),
    rows.map((d) => (dup(d) ? 'duplicate' : d.status)),
    rows.map((d) => d.rejectReason),
    rows.map((d) => duplicateOf?.get(d.id) ?? null),
  ];
};

// One multi-row INSERT from parallel arrays: a Prisma createMany cannot say ON CONFLICT DO
// NOTHING … RETURNING, which is how duplicates are told apart in the same statement.
const INSERT_ROWS = `
  INSERT INTO webhook_deliveries (id, org_id, integration_id, received_at, request_id, body_sha256,
    request_key, body_key, content_type, headers, raw_body, size_bytes, status, last_error, duplicate_of_id)
  SELECT d.id, d.org_id, d.integration_id, d.received_at, d.request_id, d.body_sha256, d.request_key,
         d.body_key, d.content_type, d.headers::jsonb, decode(d.body, 'base64'), d.size,
         d.status::"WebhookDeliveryStatus", d.error, d.duplicate_of
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[],
                $14::text[], $15::uuid[])
      AS d(id, org_id, integration_id, received_at, request_id, body_sha256, request_key, body_key,
           content_type, headers, body, size, status, error, duplicate_of)`;
const INSERT_NEW = `${INSERT_ROWS} ON CONFLICT DO NOTHING RETURNING id`;

/**
 * Stores a batch of deliveries in one transaction and enqueues ONE processing job for the new
 * pending ones, so each is durable (and will be processed) before any is acknowledged. A delivery
 * whose request id or same-day body hash is already stored (by an earlier request, another server
 * process, or earlier in this batch) is stored as `duplicate`, pointing at the original, and not
 * processed again. Throws when the database does; nothing is then stored.
 */
export async function storeDeliveries(
  db: Db,
  deliveries: IncomingDelivery[],
): Promise<StoreResult[]> {
  if (!deliveries.length) return [];
  return db.$transaction(async (tx) => {
    const inserted = new Set(
      (await tx.$queryRawUnsafe<{ id: string }[]>(INSERT_NEW, ...columns(deliveries))).map(
        (r) => r.id,
      ),
    );
    const repeats = deliveries.filter((d) => !inserted.has(d.id));
    if (repeats.length) await storeDuplicates(tx, repeats);
    const pending = deliveries.filter((d) => inserted.has(d.id) && d.status === 'pending');
    for (let i = 0; i < pending.length; i += 1000) {
      await enqueue(
        tx,
        'kommoWebhookBatch',
        { deliveryIds: pending.slice(i, i + 1000).map((d) => d.id) },
        { maxAttempts: WEBHOOK_JOB_MAX_ATTEMPTS },
      );
    }
    return deliveries.map((d) => (inserted.has(d.id) ? 'stored' : 'duplicate'));
  });
}

async function storeDuplicates(tx: Tx, repeats: IncomingDelivery[]) {
  const originals = await tx.$queryRawUnsafe<{ id: string; original: string | null }[]>(
    `SELECT d.id, o.id AS original
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS d(id, integration_id, request_key, body_key)
       LEFT JOIN LATERAL (
         SELECT w.id FROM webhook_deliveries w
          WHERE w.integration_id = d.integration_id
            AND (w.request_key = d.request_key OR w.body_key = d.body_key)
          LIMIT 1) o ON true`,
    repeats.map((d) => d.id),
    repeats.map((d) => d.integrationId),
    repeats.map((d) => d.requestId),
    repeats.map((d) => bodyKeyOf(d)),
  );
  // Every repeat is kept (status duplicate, no dedupe keys), so the log shows each arrival.
  const duplicateOf = new Map(originals.map((r) => [r.id, r.original]));
  await tx.$executeRawUnsafe(INSERT_ROWS, ...columns(repeats, duplicateOf));
}
