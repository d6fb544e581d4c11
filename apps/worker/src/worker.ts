import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPgPool } from '@leadpilot/db/pool';
import {
  Logger as GraphileLogger,
  run,
  type JobHelpers,
  type Runner,
  type Task,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import type { Logger } from '@leadpilot/runtime/logger';
import type { TaskDefinition, TaskDeps } from './define-task';
import { createLockSweeper } from './lock-sweeper';
import { buildTaskList, crontab } from './task-list';

export interface LeadpilotWorker {
  start(): Promise<void>;
  /** Stops taking jobs, waits for running ones, and releases any lock this worker still holds. */
  stop(): Promise<void>;
}

export interface WorkerOptions extends Omit<TaskDeps, 'pg'> {
  /** The plain-pg pool tasks use (see TaskDeps); by default the worker makes its own. */
  pg?: TaskDeps['pg'];
  connectionString: string;
  concurrency: number;
  /** The tasks to run (default: every task in task-list.ts). */
  tasks?: TaskDefinition[];
  /**
   * The crontab line of the scheduled Kommo sync (every 3 hours by default) and the age at which
   * feed entries are deleted (180 days); false turns every schedule off (tests).
   */
  schedules?: { kommoSync: string; activityRetentionDays: number } | false;
  pollInterval?: number;
  /** How often jobs of dead worker processes are looked for, and how old a lock must be (ms). */
  lockSweep?: { intervalMs?: number; graceMs?: number };
}

export function createWorker(options: WorkerOptions): LeadpilotWorker {
  const { log, db } = options;
  // A plain-pg pool beside Prisma's: rate-limit slots are taken outside Prisma's pool (which a
  // sync keeps busy with bulk writes), and webhook rounds run on it (see db/src/raw-sql.ts): one
  // connection per job that can run at once, and two for the rate limiter.
  const ownPool = options.pg
    ? null
    : createPgPool(options.connectionString, { max: options.concurrency + 2 });
  const pg = options.pg ?? ownPool!;
  let runner: Runner | undefined;
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  // Jobs are locked by the pool's id (0.17 fetches for its workers) or a worker's: remember both.
  const sweeper = createLockSweeper({
    connectionString: options.connectionString,
    log,
    ...options.lockSweep,
  });
  const remember = (id: string) => {
    workerIds.add(id);
    sweeper.claim(id); // this process is alive while it holds the claim: see lock-sweeper.ts
  };
  events.on('pool:create', ({ workerPool }) => remember(workerPool.id));
  events.on('worker:create', ({ worker }) => remember(worker.workerId));
  const graphileLogger = new GraphileLogger((scope) => (level, message, meta) => {
    const method =
      level === 'warning'
        ? 'warn'
        : level === 'error'
          ? 'error'
          : level === 'debug'
            ? 'debug'
            : 'info';
    log[method]({ ...scope, ...meta }, message);
  });
  return {
    async start() {
      // Jobs a killed worker left locked run again now instead of after graphile's 4 hours.
      await sweeper.start();
      runner = await run({
        connectionString: options.connectionString,
        concurrency: options.concurrency,
        noHandleSignals: true, // shutdown is ours: see stop()
        pollInterval: options.pollInterval ?? 2000,
        logger: graphileLogger,
        events,
        taskList: reportFailuresOnceReachable(
          buildTaskList({ db, log, box: options.box, kommo: options.kommo, pg }, options.tasks),
          log,
        ),
        crontab:
          options.schedules === false
            ? ''
            : crontab(
                options.schedules ?? { kommoSync: '0 */3 * * *', activityRetentionDays: 180 },
              ),
      });
    },
    async stop() {
      if (!runner) return;
      const r = runner;
      runner = undefined;
      await r.stop();
      // graphile-worker 0.17 leaves a job it fetched but had not started locked after stop() (the
      // test in worker.test.ts reproduces it): release whatever this runner still holds, so the
      // job runs again soon instead of after the 4-hour lock timeout.
      if (workerIds.size) {
        await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${[...workerIds]}::text[])`;
      }
      await sweeper.stop();
      await ownPool?.end();
    },
  };
}

/**
 * graphile-worker 0.17 records how a job ended (failJob/completeJob) without awaiting the write,
 * and retries that write only on the errors it takes for transient (57P03, timeouts). A job that
 * failed because Postgres went away then had its failure written at once to the database that was
 * gone: ECONNREFUSED, an unhandled rejection, which ends a Node process — and had it lived on, the
 * job would have stayed locked by a live worker id, which the lock sweeper leaves alone (4 hours).
 * So a failed job hands its failure to graphile only once the database answers again.
 * webhook-faults.test.ts stops Postgres under two running jobs and fails without this.
 */
function reportFailuresOnceReachable(list: TaskList, log: Logger): TaskList {
  const guarded: TaskList = {};
  for (const [identifier, task] of Object.entries(list)) {
    if (!task) continue;
    guarded[identifier] = (async (payload, helpers) => {
      try {
        return await task(payload, helpers);
      } catch (error) {
        await untilDatabaseAnswers(helpers, log);
        throw error;
      }
    }) satisfies Task;
  }
  return guarded;
}

async function untilDatabaseAnswers(helpers: JobHelpers, log: Logger): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await helpers.withPgClient((client) => client.query('SELECT 1'));
      return;
    } catch (error) {
      // Shutting down: stop waiting. If the failure cannot be recorded now, the process ends with
      // the job locked, and the next worker's lock sweeper releases it.
      if (helpers.abortSignal.aborted) return;
      if (attempt === 0)
        log.warn(
          { err: error, job: helpers.job.task_identifier, jobId: helpers.job.id },
          'job failed with the database unreachable; its failure is recorded once it answers',
        );
      await sleep(Math.min(100 * 2 ** attempt, 5_000), undefined, {
        signal: helpers.abortSignal,
      }).catch(() => undefined);
    }
  }
}
