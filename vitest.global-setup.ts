import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { dataDir } from '@leadpilot/db/paths';
import '@leadpilot/db/test-database'; // declares the provided templateDatabaseUrl

const TEMPLATE = 'leadpilot_test_template';

/** Starts Postgres for the run and builds the migrated template every test file clones. */
export default async function setup(project: TestProject) {
  let server: EmbeddedDatabase | undefined;
  let adminUrl: URL;
  if (process.env.DATABASE_URL) {
    adminUrl = new URL(process.env.DATABASE_URL);
  } else {
    server = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'test-postgres'),
      fresh: true,
    });
    adminUrl = new URL(server.adminUrl);
  }
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await migrate({ connectionString: templateUrl.toString() });
  project.provide('templateDatabaseUrl', templateUrl.toString());

  return async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  };
}
