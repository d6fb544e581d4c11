import pg from 'pg';
import type { Logger } from '@leadpilot/runtime/logger';

/** First key of the two-key advisory locks that mark a graphile worker id as alive. */
const PRESENCE_NAMESPACE = 0x1ead_0001;

export interface LockSweeper {
  /** Marks a worker id (a pool's or a worker's) as belonging to this live process. */
  claim(workerId: string): void;
  /** Releases the locks of worker ids whose process is gone; returns the ids it released. */
  sweep(): Promise<string[]>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Recovers jobs from workers that died without stopping (SIGKILL, OOM, a lost machine).
 *
 * graphile-worker (OSS) leaves such a job locked for 4 hours, and with it the job's whole named
 * queue — so a killed sync or webhook batch would wait hours. Every worker process holds one
 * "presence" connection with a session advisory lock per worker id it runs. Postgres drops those
 * locks the moment the process's connection dies, so a worker id whose lock can be taken is dead:
 * the sweeper (each process, at start and every `intervalMs`) force-unlocks its jobs and queues,
 * and they run again. Locks younger than `graceMs` are left alone: a live worker may have locked
 * a job a moment before its claim reached the presence connection. Tasks are idempotent, so the
 * rare job that runs twice (e.g. its process lost only its presence connection) does no harm.
 */
export function createLockSweeper(options: {
  connectionString: string;
  log: Logger;
  intervalMs?: number;
  graceMs?: number;
}): LockSweeper {
  const { log } = options;
  const intervalMs = options.intervalMs ?? 30_000;
  const graceMs = options.graceMs ?? 15_000;
  const held = new Set<string>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const lockSql = `SELECT pg_advisory_lock(${PRESENCE_NAMESPACE}, hashtext($1))`;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'leadpilot-worker-presence',
    });
    c.on('error', (error) => {
      // The connection died (database restart): our presence is gone until we reconnect.
      log.warn({ err: error }, 'worker presence connection lost; reconnecting');
      if (client === c) client = undefined;
    });
    await c.connect();
    for (const id of held) await c.query(lockSql, [id]);
    return c;
  }

  async function presence(): Promise<pg.Client> {
    if (client) return client;
    connecting ??= connect().then(
      (c) => {
        client = c;
        connecting = undefined;
        return c;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  }

  // One query at a time on the presence connection (pg deprecates overlapping queries on a client).
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  }

  const sweep = (): Promise<string[]> => serial(sweepNow);

  async function sweepNow(): Promise<string[]> {
    const c = await presence();
    const { rows } = await c.query<{ locked_by: string }>(
      `SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
        WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)
       UNION
       SELECT DISTINCT locked_by FROM graphile_worker._private_job_queues
        WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
      [graceMs / 1000],
    );
    const released: string[] = [];
    for (const { locked_by: id } of rows) {
      if (held.has(id)) continue;
      const { rows: got } = await c.query<{ free: boolean }>(
        `SELECT pg_try_advisory_lock(${PRESENCE_NAMESPACE}, hashtext($1)) AS free`,
        [id],
      );
      if (!got[0]?.free) continue; // its process is alive
      try {
        await c.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [[id]]);
        released.push(id);
      } finally {
        await c.query(`SELECT pg_advisory_unlock(${PRESENCE_NAMESPACE}, hashtext($1))`, [id]);
      }
    }
    if (released.length)
      log.warn({ workerIds: released }, 'released jobs of workers that died without stopping');
    return released;
  }

  const tick = () => {
    timer = setTimeout(() => {
      sweep()
        .catch((error: unknown) => log.warn({ err: error }, 'lock sweep failed; will try again'))
        .finally(() => {
          if (!stopped) tick();
        });
    }, intervalMs);
    timer.unref();
  };

  return {
    claim(workerId) {
      held.add(workerId);
      serial(async () => (await presence()).query(lockSql, [workerId])).catch((error: unknown) =>
        log.warn({ err: error, workerId }, 'could not mark worker as alive'),
      );
    },
    sweep,
    async start() {
      stopped = false;
      await sweep();
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client ?? (await connecting?.catch(() => undefined));
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
