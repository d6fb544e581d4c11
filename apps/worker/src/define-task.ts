import type { JobHelpers, Task } from 'graphile-worker';
import type { PgPool } from '@leadpilot/db/pool';
import type { Db } from '@leadpilot/db/client';
import type { SecretBox } from '@leadpilot/domain/crypto/secret-box';
import type { KommoConfig } from '@leadpilot/domain/integrations/kommo-config';
import { jobs, type JobName, type JobPayload } from '@leadpilot/domain/jobs/definitions';
import type { Logger } from '@leadpilot/runtime/logger';

/** What every task may use. */
export interface TaskDeps {
  db: Db;
  log: Logger;
  box: SecretBox;
  kommo: KommoConfig;
  /**
   * A plain-pg pool: the Kommo rate limiter's slot queries (see rate-limiter.ts) and webhook
   * processing rounds (db/src/raw-sql.ts).
   */
  pg: PgPool;
}

export interface TaskContext extends TaskDeps {
  helpers: JobHelpers;
}

export interface TaskDefinition {
  identifier: string;
  task: (deps: TaskDeps) => Task;
}

/**
 * graphile-worker adds `_cron: { ts, backfilled }` to the payload of every scheduled job; it is
 * the scheduler's, not the job's, so it is taken off before the job's (strict) schema sees it.
 */
function withoutCronMeta(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && '_cron' in raw) {
    const { _cron: _meta, ...rest } = raw as Record<string, unknown>;
    return rest;
  }
  return raw ?? {};
}

/**
 * A task bound to its job definition: the payload is parsed with the job's zod schema before the
 * handler sees it (a malformed payload fails the job with a message naming the problem).
 */
export function defineTask<N extends JobName>(
  name: N,
  handler: (payload: JobPayload<N>, ctx: TaskContext) => Promise<void>,
): TaskDefinition {
  const job = jobs[name];
  return {
    identifier: job.id,
    task: (deps) => async (raw, helpers) => {
      const parsed = job.payload.safeParse(withoutCronMeta(raw));
      if (!parsed.success) {
        throw new Error(
          `Invalid payload for ${job.id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
        );
      }
      const log = deps.log.child({
        job: job.id,
        jobId: helpers.job.id,
        attempt: helpers.job.attempts,
      });
      await handler(parsed.data as JobPayload<N>, { ...deps, log, helpers });
    },
  };
}
