import type { Tx } from '@leadpilot/db/client';
import { jobs } from '../jobs/definitions';
import { enqueue } from '../jobs/enqueue';

/**
 * A processing job runs this long after the batch that queued it, and batches stored meanwhile
 * join it (its run_at is preserved): under load one transaction handles hundreds of deliveries
 * instead of a few, and one integration gets at most one new job per delay. The worker notices a
 * job due later at its next poll, so WORKER_POLL_MS adds to this.
 */
export const PROCESS_DELAY_MS = 50;

/**
 * One waiting job per integration: batches stored while it waits coalesce into it. Retries of
 * failed deliveries are scheduled under a key of their own, so a retry due in an hour never holds
 * back new deliveries and new deliveries never lose a retry's time.
 */
export const webhookJobKey = (integrationId: string, kind: 'now' | 'retry' = 'now') =>
  `${jobs.kommoWebhooks.id}:${integrationId}${kind === 'retry' ? ':retry' : ''}`;

/**
 * The add_job call for a set of integrations, for the receiver's raw-SQL transaction ($1: the
 * integration ids, $2: payloads as JSON text, $3: PROCESS_DELAY_MS). `preserve_run_at`: a waiting
 * job keeps its time, so a stream of batches never postpones it.
 */
export const ADD_PROCESSING_JOBS_SQL = `
  SELECT graphile_worker.add_job(
    identifier => '${jobs.kommoWebhooks.id}',
    payload => p.payload::json,
    run_at => now() + $3::int * interval '1 millisecond',
    job_key => '${jobs.kommoWebhooks.id}:' || p.integration_id,
    job_key_mode => 'preserve_run_at')
  FROM unnest($1::uuid[], $2::text[]) AS p(integration_id, payload)`;

export function processingJobPayloads(integrationIds: string[]): string[] {
  return integrationIds.map((integrationId) =>
    JSON.stringify(jobs.kommoWebhooks.payload.parse({ integrationId })),
  );
}

/**
 * Queues processing of an integration's deliveries from a Prisma transaction: soon (replay,
 * sweep, a job that stopped with more waiting), or at `retryAt` — the earliest next attempt of
 * its failed deliveries, recomputed by every run, so `replace` always leaves the right time.
 */
export async function enqueueProcessing(
  tx: Tx,
  integrationId: string,
  options: { retryAt?: Date } = {},
) {
  await enqueue(
    tx,
    'kommoWebhooks',
    { integrationId },
    {
      jobKey: webhookJobKey(integrationId, options.retryAt ? 'retry' : 'now'),
      jobKeyMode: options.retryAt ? 'replace' : 'preserve_run_at',
      runAt: options.retryAt ?? new Date(Date.now() + PROCESS_DELAY_MS),
    },
  );
}
