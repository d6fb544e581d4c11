import type { Tx } from '@leadpilot/db/client';
import { jobs } from '../jobs/definitions';
import { enqueue } from '../jobs/enqueue';

/**
 * Processing starts this long after the first delivery of a batch is stored: deliveries that
 * arrive meanwhile join the same job (its run_at is preserved), so under load one transaction
 * handles hundreds of them instead of a few.
 */
export const PROCESS_DELAY_MS = 50;

/** One waiting job per integration: later additions coalesce into it. */
export const webhookJobKey = (integrationId: string) => `${jobs.kommoWebhooks.id}:${integrationId}`;

/**
 * The add_job call for a set of integrations, for the receiver's raw-SQL transaction ($1: the
 * integration ids, $2: payloads as JSON text, $3: the delay in ms). `preserve_run_at` keeps a
 * waiting job's time, so a stream of batches never postpones it.
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

/** Queues processing of an integration's deliveries from a Prisma transaction (replay, retries). */
export async function enqueueProcessing(
  tx: Tx,
  integrationId: string,
  options: { runAt?: Date } = {},
) {
  await enqueue(
    tx,
    'kommoWebhooks',
    { integrationId },
    {
      jobKey: webhookJobKey(integrationId),
      jobKeyMode: 'preserve_run_at',
      runAt: options.runAt ?? new Date(Date.now() + PROCESS_DELAY_MS),
    },
  );
}
