import type { Tx } from '@leadpilot/db/client';
import { jobs, type JobName, type JobPayload } from './definitions';

export interface EnqueueOptions {
  runAt?: Date;
  /** Replaces a pending job with the same key (and deduplicates repeated requests). */
  jobKey?: string;
  /** `preserve_run_at`: a pending keyed job keeps its run_at (coalesce without postponing). */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  maxAttempts?: number;
  queueName?: string;
}

/**
 * Adds a graphile-worker job through its SQL API inside the caller's transaction, so the job exists
 * if and only if the write that caused it commits.
 */
export async function enqueue<N extends JobName>(
  tx: Tx,
  name: N,
  payload: JobPayload<N>,
  options: EnqueueOptions = {},
) {
  const job = jobs[name];
  const parsed = job.payload.parse(payload);
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(
      identifier => ${job.id}::text,
      payload => ${JSON.stringify(parsed)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text,
      job_key_mode => ${options.jobKeyMode ?? 'replace'}::text
    )`;
}
