import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from './client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by vitest.global-setup.ts at the repo root. */
    templateDatabaseUrl: string;
  }
}

/** The migrated template database of this test run. */
export const templateDatabaseUrl = (): string => inject('templateDatabaseUrl');

/**
 * Per-test-file databases, cloned from a migrated template (CREATE DATABASE … TEMPLATE is a file
 * copy: ~50 ms instead of replaying every migration). The template URL comes from the test
 * runner's global setup (see vitest.global-setup.ts at the repo root).
 */
export async function createTestDatabase(
  templateUrl: string,
): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const template = new URL(templateUrl);
  const templateName = decodeURIComponent(template.pathname.slice(1));
  const name = `lp_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = new URL(templateUrl);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(templateName)}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 5 });
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect();
      const again = new pg.Client({ connectionString: adminUrl.toString() });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}
