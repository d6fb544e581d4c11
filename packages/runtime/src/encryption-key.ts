import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The key that encrypts secrets at rest. Production sets ENCRYPTION_KEY (32 bytes, base64). In
 * development a key is generated once into the data folder (mode 600) and shared by every process
 * of that checkout, so `pnpm start` needs no configuration.
 */
export function loadEncryptionKey(options: {
  configured?: string | undefined;
  dataDir: string;
}): Buffer {
  if (options.configured) {
    const key = Buffer.from(options.configured, 'base64');
    if (key.length !== 32)
      throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).');
    return key;
  }
  const file = path.join(options.dataDir, 'encryption.key');
  if (!existsSync(file)) {
    mkdirSync(options.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error; // another process won the race
    }
  }
  return loadEncryptionKey({
    configured: readFileSync(file, 'utf8').trim(),
    dataDir: options.dataDir,
  });
}
