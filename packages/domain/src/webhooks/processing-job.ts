import type { Tx } from '@leadpilot/db/client';
import { jobs } from '../jobs/definitions';
import { enqueue } from '../jobs/enqueue';

/**
 * Asking for an integration's deliveries to be processed, without a job per batch and without
 * ever leaving a stored delivery behind:
 *
 * - a batch upserts the integration's row in webhook_processing_requests: when it creates it,
 *   nobody is processing, so it also adds a kommo_webhooks job; when the row exists it only bumps
 *   `seq` (a job is running or queued and will see the bump);
 * - the job reads `seq` before each claim, and when it has processed everything it could see it
 *   deletes the row only if `seq` is unchanged — a batch that committed meanwhile bumped it (the
 *   row lock makes the delete wait for a batch in flight), so the job goes round again.
 *
 * graphile-worker's job keys would coalesce too, but add_job can lose a call that races the job
 * being taken (the keyed job is locked between add_job's two statements; its ON CONFLICT … WHERE
 * locked_at IS NULL then does nothing), stranding that batch. Measured, not guessed.
 */
export const REQUEST_PROCESSING_SQL = `
  INSERT INTO webhook_processing_requests (integration_id)
  SELECT unnest($1::uuid[])
  ON CONFLICT (integration_id) DO UPDATE
    SET seq = webhook_processing_requests.seq + 1, requested_at = now()
  RETURNING integration_id, (xmax = 0) AS created`;

/** add_job for the integrations whose request row a batch created ($1: ids, $2: payloads). */
export const ADD_PROCESSING_JOBS_SQL = `
  SELECT graphile_worker.add_job(identifier => '${jobs.kommoWebhooks.id}', payload => p.payload::json)
    FROM unnest($1::uuid[], $2::text[]) AS p(integration_id, payload)`;

export function processingJobPayloads(integrationIds: string[]): string[] {
  return integrationIds.map((integrationId) =>
    JSON.stringify(jobs.kommoWebhooks.payload.parse({ integrationId })),
  );
}

/**
 * The same from a Prisma transaction (replay, sweep, a job that hands over): bumps or creates the
 * request, and adds a job when it created it — or always, with `force` (the job that held the
 * request may be gone: a worker killed mid-job keeps its job locked for hours).
 */
export async function requestProcessing(
  tx: Tx,
  integrationId: string,
  options: { force?: boolean } = {},
) {
  const [row] = await tx.$queryRawUnsafe<{ created: boolean }[]>(REQUEST_PROCESSING_SQL, [
    integrationId,
  ]);
  if (row?.created || options.force) await enqueue(tx, 'kommoWebhooks', { integrationId });
}

/**
 * Failed deliveries are retried by a job at their next attempt, under a key of its own (one
 * waiting retry per integration; every run recomputes the earliest time, so `replace` is right).
 */
export async function scheduleRetry(tx: Tx, integrationId: string, at: Date) {
  await enqueue(
    tx,
    'kommoWebhooks',
    { integrationId },
    { jobKey: `${jobs.kommoWebhooks.id}:${integrationId}:retry`, runAt: at },
  );
}
