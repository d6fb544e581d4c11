/**
 * `pnpm db:migration <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
 * that takes the database from the schema of the last migration to prisma/schema.prisma. Offline.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { migrationsDir, schemaPath } from '@leadpilot/db/paths';
import { diffDatamodels, isEmptyDiff } from './lib/prisma-diff';
import { scratchServer } from './lib/scratch-database';
import { snapshotPath } from './lib/snapshot';

const name = (process.argv[2] ?? '')
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('Usage: pnpm db:migration <name>   e.g. pnpm db:migration add_agent_avatar');
  process.exit(2);
}

const server = await scratchServer();
try {
  const from = existsSync(snapshotPath) ? snapshotPath : null;
  const sql = diffDatamodels(from, schemaPath, server.urlFor('postgres'));
  if (isEmptyDiff(sql)) {
    console.log('prisma/schema.prisma has no changes since the last migration: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'migration.sql'),
      sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/m, '') + '\n',
    );
    copyFileSync(schemaPath, snapshotPath);
    console.log(
      `Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then commit it with the schema.`,
    );
  }
} finally {
  await server.stop();
}
