import { createDb } from '@leadpilot/db/client';
import { migrate } from '@leadpilot/db/migrate';
import { createLogger } from '@leadpilot/runtime/logger';
import { onShutdown } from '@leadpilot/runtime/shutdown';
import { loadEncryptionKey } from '@leadpilot/runtime/encryption-key';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { toKommoConfig } from '@leadpilot/domain/integrations/kommo-env';
import { readServerEnv } from './env';
import { createServer } from './server';

const env = readServerEnv();
const log = createLogger('server', env.LOG_LEVEL);

// Safe to run from every process at start: an advisory lock makes concurrent runs wait, and
// applied migrations are skipped.
await migrate({ connectionString: env.DATABASE_URL, log: (m) => log.info(m) });
const db = createDb(env.DATABASE_URL);
const box = createSecretBox(
  loadEncryptionKey({ configured: env.ENCRYPTION_KEY, dataDir: env.LEADPILOT_DATA_DIR }),
);
const kommo = toKommoConfig(env, env.APP_URL ?? `http://localhost:${env.PORT}`);
const server = createServer({ env, db, log, box, kommo });
const { url } = await server.start();
log.info({ url }, 'server listening');

onShutdown(log, async () => {
  await server.stop();
  await db.$disconnect();
});
