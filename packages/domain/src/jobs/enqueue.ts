import type { RawSql } from '@leadpilot/db/raw-sql';
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
  tx: RawSql,
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

export interface JobSpec<N extends JobName = JobName> {
  name: N;
  payload: JobPayload<N>;
  options?: Omit<EnqueueOptions, 'jobKeyMode'>;
}

/**
 * Several jobs in one statement (graphile_worker.add_jobs), inside the caller's transaction.
 * Keyed jobs replace a pending job with the same key; give each key once.
 */
export async function enqueueMany(tx: RawSql, specs: JobSpec[]): Promise<void> {
  if (!specs.length) return;
  const rows = specs.map(({ name, payload, options = {} }) => ({
    identifier: jobs[name].id,
    payload: jobs[name].payload.parse(payload),
    queue_name: options.queueName ?? null,
    run_at: options.runAt?.toISOString() ?? null,
    max_attempts: options.maxAttempts ?? null,
    job_key: options.jobKey ?? null,
  }));
  await tx.$executeRaw`
    SELECT graphile_worker.add_jobs(
      array(SELECT json_populate_recordset(NULL::graphile_worker.job_spec, ${JSON.stringify(rows)}::json)),
      false)`;
}
