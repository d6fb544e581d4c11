import path from 'node:path';
import { migrationsDir } from '@leadpilot/db/paths';

/**
 * The schema as of the newest migration, written by `pnpm db:migration`: the "from" side of the next
 * diff (Prisma 6's offline engine can diff datamodels but cannot read a database). `pnpm db:check`
 * proves it and the migrations agree with schema.prisma, so it cannot silently go stale.
 */
export const snapshotPath = path.join(migrationsDir, 'schema-at-last-migration.prisma');
