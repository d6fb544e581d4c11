import pg from 'pg';
import { Prisma } from './generated/prisma/client';
import type { PgClient, PgPool } from './pool';
import { preparedStatementName } from './statement-names';

/**
 * The four raw-SQL methods of a Prisma client or transaction — all that the webhook processing
 * path uses. A Prisma `Tx` is one (tests and the sync pass theirs); `pgTransaction` gives one over
 * a plain node-postgres connection, for the hottest path of the worker: through Prisma 7, every
 * raw query serializes its parameters to JSON and parses them back (a round's JSON parameters are
 * tens of kilobytes), maps its result and opens tracing spans — measured in `pnpm bench:webhooks`,
 * that was ~15–20% of the worker's CPU per delivery at 2,000 webhooks/s.
 */
export interface RawSql {
  $queryRaw<T = unknown>(
    query: TemplateStringsArray | Prisma.Sql,
    ...values: unknown[]
  ): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/**
 * Results typed as Prisma types them in raw queries, so code gets the same values either way:
 * int8 → bigint, numeric → Decimal, date and timestamp (without zone) → a Date in UTC.
 * (timestamptz → Date, json/jsonb → parsed, bytea → Buffer, int4/float → number are pg's own.)
 */
const parsers: Record<number, (value: string) => unknown> = {
  20: (v) => BigInt(v),
  1700: (v) => new Prisma.Decimal(v),
  1082: (v) => new Date(`${v}T00:00:00Z`),
  1114: (v) => new Date(`${v.replace(' ', 'T')}Z`),
};
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    parsers[oid] ??
    (pg.types.getTypeParser as (oid: number, format?: string) => unknown)(
      oid,
      format,
    )) as typeof pg.types.getTypeParser,
};

/** Dates as ISO strings (pg would write local time); everything else as pg prepares it. */
const param = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map(param) : value;

async function run(client: PgClient | PgPool, text: string, values: unknown[]) {
  // named like Prisma's statements (statement-names.ts)
  const name = preparedStatementName(text);
  return client.query({
    text,
    values: values.map(param),
    types,
    ...(name ? { name } : {}),
  } as pg.QueryConfig);
}

const toSql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) =>
  query instanceof Prisma.Sql ? query : Prisma.sql(query, ...(values as Prisma.Sql[]));

/** RawSql over one pg connection (a transaction's) or a pool (each query on its own). */
export function pgRaw(client: PgClient | PgPool): RawSql {
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = toSql(query, values);
      return (await run(client, sql.text, sql.values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      const sql = toSql(query, values);
      return (await run(client, sql.text, sql.values)).rowCount ?? 0;
    },
    async $queryRawUnsafe<T>(query: string, ...values: unknown[]) {
      return (await run(client, query, values)).rows as T;
    },
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      return (await run(client, query, values)).rowCount ?? 0;
    },
  };
}

/**
 * `fn` in a transaction (READ COMMITTED, like Prisma's) on a connection of `pool`: committed when
 * it returns, rolled back when it throws. A connection whose rollback fails is discarded.
 */
export async function pgTransaction<T>(pool: PgPool, fn: (tx: RawSql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A checked-out client whose connection dies between queries emits 'error' (the pool listens
  // only to idle ones): without a listener that would crash the process (Postgres restarting).
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  // The connection goes back to the pool only when the transaction ended cleanly.
  let reusable = false;
  try {
    await client.query('BEGIN');
    let result: T;
    try {
      result = await fn(pgRaw(client));
    } catch (error) {
      // A failed rollback means a broken connection; the function's error is the one to see.
      reusable = await client.query('ROLLBACK').then(
        () => true,
        () => false,
      );
      throw error;
    }
    try {
      await client.query('COMMIT');
    } catch (error) {
      // A COMMIT that Postgres refused (a deferred constraint, say) still ended the transaction.
      reusable = error instanceof pg.DatabaseError;
      throw error;
    }
    reusable = true;
    return result;
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? (reusable ? undefined : new Error('transaction did not end cleanly')));
  }
}
