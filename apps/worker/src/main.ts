import { createDb } from '@leadpilot/db/client';
import { migrate } from '@leadpilot/db/migrate';
import { createLogger } from '@leadpilot/runtime/logger';
import { onShutdown } from '@leadpilot/runtime/shutdown';
import { readWorkerEnv } from './env';
import { createWorker } from './worker';

const env = readWorkerEnv();
const log = createLogger('worker', env.LOG_LEVEL);

await migrate({ connectionString: env.DATABASE_URL, log: (m) => log.info(m) });
const db = createDb(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY + 2 });
const worker = createWorker({
  connectionString: env.DATABASE_URL,
  db,
  log,
  concurrency: env.WORKER_CONCURRENCY,
});
await worker.start();
log.info({ concurrency: env.WORKER_CONCURRENCY }, 'worker started');

// Stops taking jobs, lets running ones finish, releases locks (see worker.ts).
onShutdown(log, async () => {
  await worker.stop();
  await db.$disconnect();
});
