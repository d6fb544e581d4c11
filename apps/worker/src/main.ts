import pino from 'pino';
import { createDb } from '@leadpilot/db/client';
import { migrate } from '@leadpilot/db/migrate';
import { readWorkerEnv } from './env';
import { createWorker } from './worker';

const env = readWorkerEnv();
const log = pino({
  name: 'worker',
  level: env.LOG_LEVEL,
  base: { service: 'worker' },
  timestamp: pino.stdTimeFunctions.isoTime,
});

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

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing running jobs');
  await worker.stop();
  await db.$disconnect();
  log.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
