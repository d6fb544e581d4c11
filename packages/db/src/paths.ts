import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file's location (packages/db/src). */
export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
export const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
/** Git-ignored folder for local state: embedded Postgres data, development keys. */
export const dataDir = path.join(repoRoot, '.data');
