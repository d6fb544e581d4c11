import { EventEmitter } from 'node:events';
import { Logger, run, type Runner, type WorkerEvents } from 'graphile-worker';
import type { Db } from '@leadpilot/db/client';
import type pino from 'pino';
import { buildTaskList, crontab } from './task-list';

export interface LeadpilotWorker {
  start(): Promise<void>;
  /** Stops taking jobs, waits for running ones, and releases any lock this worker still holds. */
  stop(): Promise<void>;
}

export interface WorkerOptions {
  connectionString: string;
  db: Db;
  log: pino.Logger;
  concurrency: number;
  /** Run the crontab (default true). Tests turn it off. */
  schedules?: boolean;
  pollInterval?: number;
}

export function createWorker(options: WorkerOptions): LeadpilotWorker {
  const { log, db } = options;
  let runner: Runner | undefined;
  const workerIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('worker:create', ({ worker }) => workerIds.add(worker.workerId));
  const graphileLogger = new Logger((scope) => (level, message, meta) => {
    const method = level === 'warning' ? 'warn' : level === 'error' ? 'error' : level === 'debug' ? 'debug' : 'info';
    log[method]({ ...scope, ...meta }, message);
  });
  return {
    async start() {
      runner = await run({
        connectionString: options.connectionString,
        concurrency: options.concurrency,
        noHandleSignals: true, // shutdown is ours: see stop()
        pollInterval: options.pollInterval ?? 2000,
        logger: graphileLogger,
        events,
        taskList: buildTaskList({ db, log }),
        crontab: options.schedules === false ? '' : crontab,
      });
    },
    async stop() {
      if (!runner) return;
      const r = runner;
      runner = undefined;
      await r.stop();
      // graphile-worker 0.17 was seen to leave finished jobs locked after a stop: release whatever
      // this runner's workers still hold, so no job waits for the 4-hour lock timeout.
      if (workerIds.size) {
        await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${[...workerIds]}::text[])`;
      }
    },
  };
}
