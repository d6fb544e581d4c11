import { createDb } from '@leadpilot/db/client';
import { migrate } from '@leadpilot/db/migrate';
import { createLogger } from '@leadpilot/runtime/logger';
import { onShutdown } from '@leadpilot/runtime/shutdown';
import { loadEncryptionKey } from '@leadpilot/runtime/encryption-key';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { toKommoConfig } from '@leadpilot/domain/integrations/kommo-env';
import { readWorkerEnv } from './env';
import { lowerPriority } from './priority';
import { createWorker } from './worker';

const env = readWorkerEnv();
const log = createLogger('worker', env.LOG_LEVEL);

lowerPriority(env.WORKER_NICE);

await migrate({ connectionString: env.DATABASE_URL, log: (m) => log.info(m) });
const db = createDb(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY + 2 });
const box = createSecretBox(
  loadEncryptionKey({ configured: env.ENCRYPTION_KEY, dataDir: env.LEADPILOT_DATA_DIR }),
);
const kommo = toKommoConfig(env, env.APP_URL ?? `http://localhost:${env.PORT}`);
const worker = createWorker({
  connectionString: env.DATABASE_URL,
  db,
  log,
  box,
  kommo,
  concurrency: env.WORKER_CONCURRENCY,
  pollInterval: env.WORKER_POLL_MS,
  schedules: {
    kommoSync: env.KOMMO_SYNC_CRON,
    activityRetentionDays: env.ACTIVITY_RETENTION_DAYS,
  },
});
await worker.start();
log.info({ concurrency: env.WORKER_CONCURRENCY }, 'worker started');

// Stops taking jobs, lets running ones finish, releases locks (see worker.ts).
onShutdown(log, async () => {
  await worker.stop();
  await db.$disconnect();
});
