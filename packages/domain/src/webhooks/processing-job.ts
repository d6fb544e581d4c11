import type { PgClient } from '@leadpilot/db/pool';
import type { RawSql } from '@leadpilot/db/raw-sql';
import { jobs } from '../jobs/definitions';
import { enqueue } from '../jobs/enqueue';

/**
 * Asking for an integration's deliveries to be processed — without a job per batch, without
 * batches waiting for each other, and without ever leaving a stored delivery behind:
 *
 * - a batch, in its transaction, takes a KEY SHARE lock on its integration's row in
 *   webhook_processing_requests; when there is none it creates it and adds a kommo_webhooks job
 *   (nobody was processing). KEY SHARE locks do not conflict, so concurrent batches never queue
 *   behind one another;
 * - the job, when it has drained what it can see, deletes the row — the delete waits for every
 *   batch still holding its lock, i.e. until they have committed — and then looks once more: what
 *   those batches stored is visible now, and it carries on (re-creating the row) if there is any.
 *   A batch arriving after the delete finds no row and queues a new job.
 *
 * graphile-worker's job keys would coalesce too, but add_job can lose a call that races the keyed
 * job being taken (the job is locked between add_job's two statements and its ON CONFLICT … WHERE
 * locked_at IS NULL then does nothing), which left deliveries stranded in the benchmark. A row
 * updated by every batch (a counter) was correct but made concurrent batches queue on its lock.
 */
const LOCK_REQUESTS_SQL = `
  SELECT integration_id FROM webhook_processing_requests
   WHERE integration_id = ANY($1::uuid[]) FOR KEY SHARE`;
const CREATE_REQUESTS_SQL = `
  INSERT INTO webhook_processing_requests (integration_id) SELECT unnest($1::uuid[])
  ON CONFLICT DO NOTHING RETURNING integration_id`;
const ADD_JOBS_SQL = `
  SELECT graphile_worker.add_job(identifier => '${jobs.kommoWebhooks.id}', payload => p.payload::json)
    FROM unnest($1::text[]) AS p(payload)`;

const payloads = (integrationIds: string[]) =>
  integrationIds.map((integrationId) =>
    JSON.stringify(jobs.kommoWebhooks.payload.parse({ integrationId })),
  );

/**
 * In a batch's transaction (pg client): makes sure a job will process what the batch stores.
 * Usually one query (the rows exist: a job is running or queued).
 */
export async function requestProcessingRaw(client: PgClient, integrationIds: string[]) {
  let waiting = integrationIds;
  // Twice round at most in practice: a row another batch is creating, or a job just deleted.
  for (let round = 0; waiting.length && round < 10; round++) {
    const locked = await client.query<{ integration_id: string }>(LOCK_REQUESTS_SQL, [waiting]);
    const have = new Set(locked.rows.map((r) => r.integration_id));
    const missing = waiting.filter((id) => !have.has(id));
    if (!missing.length) return;
    const created = await client.query<{ integration_id: string }>(CREATE_REQUESTS_SQL, [missing]);
    const ours = created.rows.map((r) => r.integration_id);
    if (ours.length) await client.query(ADD_JOBS_SQL, [payloads(ours)]);
    // Lost a race with another batch creating the row (now committed): lock it next round.
    waiting = missing.filter((id) => !ours.includes(id));
  }
  if (waiting.length) throw new Error('Could not request webhook processing; retry.');
}

/**
 * The same from a Prisma transaction (replay, sweep, a job that hands over): creates the request
 * and adds a job when there was none — or always, with `force` (the job that held the request may
 * be gone: a worker killed mid-job keeps its job locked for hours).
 */
export async function requestProcessing(
  tx: RawSql,
  integrationId: string,
  options: { force?: boolean } = {},
) {
  for (let round = 0; round < 10; round++) {
    // Held until `tx` commits (a Prisma transaction), so a job settling meanwhile waits for it.
    const locked = await tx.$queryRawUnsafe<unknown[]>(LOCK_REQUESTS_SQL, [integrationId]);
    if (locked.length) {
      if (options.force) await enqueue(tx, 'kommoWebhooks', { integrationId });
      return;
    }
    const created = await tx.$queryRawUnsafe<unknown[]>(CREATE_REQUESTS_SQL, [integrationId]);
    if (created.length) {
      await enqueue(tx, 'kommoWebhooks', { integrationId });
      return;
    }
  }
  throw new Error('Could not request webhook processing; retry.');
}

/** Whether the integration has pending deliveries (a new snapshot: what has committed by now). */
export async function hasPending(tx: RawSql, integrationId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ pending: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM webhook_deliveries
                    WHERE integration_id = ${integrationId}::uuid AND status = 'pending') AS pending`;
  return row?.pending ?? false;
}

/**
 * The job's end of a request, once nothing pending is visible: delete it (waiting for batches
 * holding it), then look once more — if deliveries arrived meanwhile the request is re-created and
 * the job must go on (returns true).
 */
export async function settleRequest(tx: RawSql, integrationId: string): Promise<boolean> {
  await tx.$executeRaw`
    DELETE FROM webhook_processing_requests WHERE integration_id = ${integrationId}::uuid`;
  if (!(await hasPending(tx, integrationId))) return false;
  await tx.$executeRawUnsafe(CREATE_REQUESTS_SQL, [integrationId]);
  return true;
}

/**
 * Failed deliveries are retried by a job at their next attempt, under a key of its own (one
 * waiting retry per integration; every run recomputes the earliest time, so `replace` is right).
 */
export async function scheduleRetry(tx: RawSql, integrationId: string, at: Date) {
  await enqueue(
    tx,
    'kommoWebhooks',
    { integrationId },
    { jobKey: `${jobs.kommoWebhooks.id}:${integrationId}:retry`, runAt: at },
  );
}
