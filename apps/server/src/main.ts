import { createDb } from '@leadpilot/db/client';
import { migrate } from '@leadpilot/db/migrate';
import { readServerEnv } from './env';
import { createLogger } from './logger';
import { createServer } from './server';

const env = readServerEnv();
const log = createLogger(env.LOG_LEVEL, 'server');

// Safe to run from every process at start: an advisory lock makes concurrent runs wait, and
// applied migrations are skipped.
await migrate({ connectionString: env.DATABASE_URL, log: (m) => log.info(m) });
const db = createDb(env.DATABASE_URL);
const server = createServer({ env, db, log });
const { url } = await server.start();
log.info({ url }, 'server listening');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await server.stop();
  await db.$disconnect();
  log.info('server stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
