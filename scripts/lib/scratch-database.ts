import { dataDir } from '@leadpilot/db/paths';
import { startEmbeddedPostgres } from '@leadpilot/db/embedded';
import path from 'node:path';

/**
 * A Postgres server for tooling (migration diffs, drift checks): the one in DATABASE_URL when set,
 * otherwise a throw-away embedded cluster.
 */
export async function scratchServer(): Promise<{
  urlFor(db: string): string;
  stop(): Promise<void>;
}> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return {
      urlFor(db) {
        const url = new URL(external);
        url.pathname = `/${db}`;
        return url.toString();
      },
      async stop() {},
    };
  }
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, 'tooling-postgres'),
    fresh: true,
  });
  return server;
}
