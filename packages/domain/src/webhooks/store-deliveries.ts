import type { PgPool } from '@leadpilot/db/pool';
import { jobs } from '../jobs/definitions';
import { requestProcessingRaw } from './processing-job';

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

/**
 * Parallel arrays, one per column; rows in `duplicateOf` are stored as duplicates of that id.
 * The bodies travel as ONE binary parameter cut by offsets: a bytea[] goes as escaped hex text,
 * which cost more CPU (ours and Postgres's) than everything else in the batch together.
 */
const columns = (rows: IncomingDelivery[], duplicateOf?: Map<string, string | null>) => {
  const dup = (d: IncomingDelivery) => duplicateOf?.has(d.id) ?? false;
  const offsets: number[] = [];
  let offset = 1; // substring() counts from 1
  for (const d of rows) {
    offsets.push(offset);
    offset += d.rawBody.length;
  }
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
    offsets,
    rows.map((d) => d.rawBody.length),
    rows.map((d) => (dup(d) ? 'duplicate' : d.status)),
    rows.map((d) => d.rejectReason),
    rows.map((d) => duplicateOf?.get(d.id) ?? null),
    Buffer.concat(rows.map((d) => d.rawBody)),
  ];
};

// One multi-row INSERT from parallel arrays; ON CONFLICT DO NOTHING … RETURNING tells the
// duplicates apart in the same statement (a conflicting concurrent insert is waited for).
const INSERT_ROWS = `
  INSERT INTO webhook_deliveries (id, org_id, integration_id, received_at, request_id, body_sha256,
    request_key, body_key, content_type, headers, raw_body, size_bytes, status, last_error, duplicate_of_id)
  SELECT d.id, d.org_id, d.integration_id, d.received_at, d.request_id, d.body_sha256, d.request_key,
         d.body_key, d.content_type, d.headers::jsonb, substring($16::bytea FROM d.body_at FOR d.size), d.size,
         d.status::"WebhookDeliveryStatus", d.error, d.duplicate_of
    FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[],
                $7::text[], $8::text[], $9::text[], $10::text[], $11::int[], $12::int[], $13::text[],
                $14::text[], $15::uuid[])
      AS d(id, org_id, integration_id, received_at, request_id, body_sha256, request_key, body_key,
           content_type, headers, body_at, size, status, error, duplicate_of)`;

/**
 * The whole batch in ONE statement (so one round trip, its own transaction): the new rows, then —
 * for the integrations that got pending deliveries — a KEY SHARE lock on their processing request,
 * or the request created with its job when there was none (see processing-job.ts). `unsettled`
 * lists integrations whose request another batch was creating at that moment (neither locked nor
 * created by us): they are asked for again right after, as requestProcessingRaw would loop.
 */
const STORE_SQL = `
  WITH ins AS (${INSERT_ROWS} ON CONFLICT DO NOTHING RETURNING id, integration_id, status),
  want AS (SELECT DISTINCT integration_id FROM ins WHERE status = 'pending'),
  locked AS (
    SELECT r.integration_id FROM webhook_processing_requests r
     WHERE r.integration_id IN (SELECT integration_id FROM want) FOR KEY SHARE),
  created AS (
    INSERT INTO webhook_processing_requests (integration_id)
    SELECT integration_id FROM want WHERE integration_id NOT IN (SELECT integration_id FROM locked)
    ON CONFLICT DO NOTHING RETURNING integration_id),
  queued AS (
    SELECT graphile_worker.add_job(identifier => '${jobs.kommoWebhooks.id}',
             payload => json_build_object('integrationId', integration_id)) FROM created)
  SELECT (SELECT coalesce(array_agg(id::text), '{}') FROM ins) AS inserted,
         (SELECT coalesce(array_agg(integration_id::text), '{}') FROM want
           WHERE integration_id NOT IN (SELECT integration_id FROM locked)
             AND integration_id NOT IN (SELECT integration_id FROM created)) AS unsettled,
         (SELECT count(*)::int FROM queued) AS jobs`;

/**
 * Stores a batch of deliveries together with the request to process them (and the processing
 * job when none is running: see processing-job.ts), so each is durable — and will be processed —
 * before any is acknowledged. A delivery whose request id or same-day body hash is already stored
 * (by an earlier request, another server process, or earlier in this batch) is stored as
 * `duplicate`, pointing at the original, and not processed again. Throws when the database does;
 * nothing new is stored then.
 *
 * Plain SQL on a pg pool, not Prisma, and one statement, not a transaction of four: this runs for
 * every batch at thousands of webhooks per second, and each round trip is paid in latency by every
 * request of the batch (Prisma's interactive transaction cost ~5 ms of CPU where this costs ~0.5).
 */
export async function storeDeliveries(
  pool: PgPool,
  deliveries: IncomingDelivery[],
): Promise<StoreResult[]> {
  if (!deliveries.length) return [];
  // A named statement: each connection parses it once, not on every flush.
  const { rows } = await pool.query<{ inserted: string[]; unsettled: string[] }>({
    name: 'leadpilot_store_deliveries',
    text: STORE_SQL,
    values: columns(deliveries),
  });
  const inserted = new Set(rows[0]!.inserted);
  const unsettled = rows[0]!.unsettled;
  if (unsettled.length) {
    // Rare: another batch was creating the request. Ours are committed; ask again, as before.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await requestProcessingRaw(client, unsettled);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(true);
      throw error;
    }
  }
  // Every repeat is kept (status duplicate, no dedupe keys), so the log shows each arrival.
  const repeats = deliveries.filter((d) => !inserted.has(d.id));
  if (repeats.length) await storeDuplicates(pool, repeats);
  return deliveries.map((d) => (inserted.has(d.id) ? 'stored' : 'duplicate'));
}

async function storeDuplicates(pool: PgPool, repeats: IncomingDelivery[]) {
  const { rows } = await pool.query<{ id: string; original: string | null }>(
    `SELECT d.id, o.id AS original
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS d(id, integration_id, request_key, body_key)
       LEFT JOIN LATERAL (
         SELECT w.id FROM webhook_deliveries w
          WHERE w.integration_id = d.integration_id
            AND (w.request_key = d.request_key OR w.body_key = d.body_key)
          LIMIT 1) o ON true`,
    [
      repeats.map((d) => d.id),
      repeats.map((d) => d.integrationId),
      repeats.map((d) => d.requestId),
      repeats.map((d) => bodyKeyOf(d)),
    ],
  );
  const duplicateOf = new Map(rows.map((r) => [r.id, r.original]));
  await pool.query(INSERT_ROWS, columns(repeats, duplicateOf));
}
