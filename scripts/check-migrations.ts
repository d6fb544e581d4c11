/**
 * `pnpm db:check` (part of `pnpm test`): fails when prisma/schema.prisma and prisma/migrations
 * disagree. It builds two databases — one by applying every migration, one from the SQL Prisma
 * derives from schema.prisma alone — and compares their catalogs (enums, columns, indexes,
 * constraints). It also checks the snapshot `pnpm db:migration` diffs from.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';
import { migrate, ensureDatabaseExists } from '@leadpilot/db/migrate';
import { schemaPath } from '@leadpilot/db/paths';
import { diffDatamodels, isEmptyDiff } from './lib/prisma-diff';
import { scratchServer } from './lib/scratch-database';
import { snapshotPath } from './lib/snapshot';

const CATALOG_QUERY = `
SELECT 'enum ' || t.typname || ' = ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = 'public' GROUP BY t.typname
UNION ALL
SELECT format('column %s.%s %s(%s,%s) nullable=%s default=%s', table_name, column_name, udt_name,
              character_maximum_length, datetime_precision, is_nullable, column_default)
  FROM information_schema.columns
 WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
UNION ALL
SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
UNION ALL
SELECT format('constraint %s on %s: %s', c.conname, r.relname, pg_get_constraintdef(c.oid))
  FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace
 WHERE n.nspname = 'public' AND r.relname <> '_prisma_migrations'`;

async function catalog(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ line: string }>(CATALOG_QUERY);
    return new Set(rows.map((r) => r.line));
  } finally {
    await client.end();
  }
}

async function dropDatabase(url: string) {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
}

async function recreate(url: string) {
  await dropDatabase(url);
  await ensureDatabaseExists(url);
}

const problems: string[] = [];
const server = await scratchServer();
try {
  const fromMigrations = server.urlFor('leadpilot_drift_migrations');
  const fromSchema = server.urlFor('leadpilot_drift_schema');
  await recreate(fromMigrations);
  await recreate(fromSchema);
  await migrate({ connectionString: fromMigrations, jobQueue: false });

  const sql = diffDatamodels(null, schemaPath, server.urlFor('postgres'));
  const client = new pg.Client({ connectionString: fromSchema });
  await client.connect();
  await client.query(sql);
  await client.end();

  const [a, b] = [await catalog(fromMigrations), await catalog(fromSchema)];
  const missing = [...b].filter((l) => !a.has(l)).sort();
  const extra = [...a].filter((l) => !b.has(l)).sort();
  if (missing.length || extra.length) {
    problems.push(
      'The migrations do not produce the database that prisma/schema.prisma describes.',
      ...missing.map((l) => `  schema has, migrations lack: ${l}`),
      ...extra.map((l) => `  migrations have, schema lacks: ${l}`),
      'Run `pnpm db:migration <name>` to write the missing migration.',
    );
  }
  if (!existsSync(snapshotPath)) {
    problems.push(`${snapshotPath} is missing; \`pnpm db:migration\` writes it.`);
  } else if (!isEmptyDiff(diffDatamodels(snapshotPath, schemaPath, server.urlFor('postgres')))) {
    problems.push(
      'schema.prisma changed since the last `pnpm db:migration`; run it to write a migration.',
    );
  }
  for (const db of [fromMigrations, fromSchema]) await dropDatabase(db);
} finally {
  await server.stop();
}

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('db:check: prisma/schema.prisma and prisma/migrations agree.');
