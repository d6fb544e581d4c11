import type { JobHelpers, Task } from 'graphile-worker';
import type { Db } from '@leadpilot/db/client';
import { jobs, type JobName, type JobPayload } from '@leadpilot/domain/jobs/definitions';
import type { Logger } from '@leadpilot/runtime/logger';

export interface TaskContext {
  db: Db;
  log: Logger;
  helpers: JobHelpers;
}

export interface TaskDefinition {
  identifier: string;
  task: (deps: { db: Db; log: Logger }) => Task;
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
      const parsed = job.payload.safeParse(raw ?? {});
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
      await handler(parsed.data as JobPayload<N>, { db: deps.db, log, helpers });
    },
  };
}
