import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * A plain node-postgres pool, for the few hot paths where Prisma's per-query cost matters (the
 * webhook receiver's group commit: ~0.1 ms of CPU per query here against ~1 ms through Prisma).
 * Everything else uses the Prisma client from ./client.
 */
export function createPgPool(
  connectionString: string,
  options: {
    max?: number;
    /** Close connections idle this long (default 10 s); 0 keeps them open (a hot path's pool). */
    idleTimeoutMillis?: number;
  } = {},
): PgPool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 4,
    ...(options.idleTimeoutMillis !== undefined
      ? { idleTimeoutMillis: options.idleTimeoutMillis }
      : {}),
  });
  // An idle client losing its connection (database restarted) must not crash the process; the
  // next query gets a fresh connection or fails on its own.
  pool.on('error', () => {});
  return pool;
}
