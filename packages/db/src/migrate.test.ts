import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { templateDatabaseUrl } from './test-database';
import { migrate, readMigrations } from './migrate';

function migrationsFolder(files: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

function freshDbUrl() {
  const url = new URL(templateDatabaseUrl());
  url.pathname = `/lp_migrate_${Math.random().toString(36).slice(2, 10)}`;
  return url.toString();
}

describe('migrate', () => {
  it('creates the database, applies pending migrations in order, records them like Prisma, and is idempotent', async () => {
    const dir = migrationsFolder({
      '20260101000000_a': 'CREATE TABLE t (id int);',
      '20260102000000_b': 'ALTER TABLE t ADD COLUMN name text;',
    });
    const url = freshDbUrl();
    expect(
      (await migrate({ connectionString: url, migrationsDir: dir, jobQueue: false })).applied,
    ).toEqual(['20260101000000_a', '20260102000000_b']);
    expect(
      (await migrate({ connectionString: url, migrationsDir: dir, jobQueue: false })).applied,
    ).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(['20260101000000_a', '20260102000000_b']);
    expect(rows[0].checksum).toBe(readMigrations(dir)[0]!.checksum);
  });

  it('refuses to start when an applied migration was edited, and rolls back a failing one', async () => {
    const url = freshDbUrl();
    const dir = migrationsFolder({ '20260101000000_a': 'CREATE TABLE t (id int);' });
    await migrate({ connectionString: url, migrationsDir: dir, jobQueue: false });
    writeFileSync(
      path.join(dir, '20260101000000_a', 'migration.sql'),
      'CREATE TABLE t (id bigint);',
    );
    await expect(
      migrate({ connectionString: url, migrationsDir: dir, jobQueue: false }),
    ).rejects.toThrow(/was changed after it was applied/);

    const broken = migrationsFolder({
      '20260101000000_a': 'CREATE TABLE t (id int);',
      '20260103000000_bad': 'CREATE TABLE u (id int); SELECT nonsense FROM nowhere;',
    });
    const url2 = freshDbUrl();
    await expect(
      migrate({ connectionString: url2, migrationsDir: broken, jobQueue: false }),
    ).rejects.toThrow(/20260103000000_bad failed/);
    const client = new pg.Client({ connectionString: url2 });
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_tables WHERE tablename = 'u'");
    await client.end();
    expect(rowCount).toBe(0);
  });

  it('runs safely from several processes at once (advisory lock)', async () => {
    const url = freshDbUrl();
    const dir = migrationsFolder({ '20260101000000_a': 'CREATE TABLE t (id int);' });
    const { ensureDatabaseExists } = await import('./migrate');
    await ensureDatabaseExists(url);
    const results = await Promise.all(
      [1, 2, 3].map(() => migrate({ connectionString: url, migrationsDir: dir, jobQueue: false })),
    );
    expect(results.flatMap((r) => r.applied)).toEqual(['20260101000000_a']);
  });
});
