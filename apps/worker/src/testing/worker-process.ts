/**
 * A normal worker (every task, createWorker) as a process of its own, for tests that kill it with
 * SIGKILL (webhook-faults.test.ts). Run it with node itself — `node --import tsx …` — not the tsx
 * CLI, which would leave its node child running after a SIGKILL.
 *
 * Configuration is the worker's own (env.ts: DATABASE_URL, ENCRYPTION_KEY, KOMMO_DEMO_URL,
 * WORKER_CONCURRENCY, WORKER_POLL_MS, LOG_LEVEL …). Test-only knobs as arguments:
 *   --lock-sweep-ms=<n> --lock-grace-ms=<n>   how soon jobs of a killed worker are released
 * No schedules run (a test enqueues what it needs). Logs go to stderr; stdout says "ready" once
 * the worker takes jobs.
 */
import { parseArgs } from 'node:util';
import { createDb } from '@leadpilot/db/client';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { toKommoConfig } from '@leadpilot/domain/integrations/kommo-env';
import { loadEncryptionKey } from '@leadpilot/runtime/encryption-key';
import { createLogger } from '@leadpilot/runtime/logger';
import { onShutdown } from '@leadpilot/runtime/shutdown';
import { readWorkerEnv } from '../env';
import { createWorker } from '../worker';

const { values } = parseArgs({
  options: {
    'lock-sweep-ms': { type: 'string' },
    'lock-grace-ms': { type: 'string' },
  },
});
const env = readWorkerEnv();
const log = createLogger('worker', env.LOG_LEVEL, process.stderr);
const db = createDb(env.DATABASE_URL, { max: env.WORKER_CONCURRENCY + 2 });
const worker = createWorker({
  connectionString: env.DATABASE_URL,
  db,
  log,
  box: createSecretBox(
    loadEncryptionKey({ configured: env.ENCRYPTION_KEY, dataDir: env.LEADPILOT_DATA_DIR }),
  ),
  kommo: toKommoConfig(env, env.APP_URL ?? `http://localhost:${env.PORT}`),
  concurrency: env.WORKER_CONCURRENCY,
  pollInterval: env.WORKER_POLL_MS,
  schedules: false,
  lockSweep: {
    ...(values['lock-sweep-ms'] ? { intervalMs: Number(values['lock-sweep-ms']) } : {}),
    ...(values['lock-grace-ms'] ? { graceMs: Number(values['lock-grace-ms']) } : {}),
  },
});
await worker.start();
console.log('ready');

onShutdown(log, async () => {
  await worker.stop();
  await db.$disconnect();
});
