import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { Prisma } from './generated/prisma/client';
import { createPgPool, type PgPool } from './pool';
import { pgRaw, pgTransaction, type RawSql } from './raw-sql';
import { createTestDatabase, templateDatabaseUrl } from './test-database';

let db: Db;
let pool: PgPool;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase(templateDatabaseUrl());
  db = t.db;
  drop = t.drop;
  pool = createPgPool(t.url, { max: 2 });
  await db.$executeRawUnsafe('CREATE TABLE raw_sql_t (id int PRIMARY KEY, note text)');
});

afterAll(async () => {
  await pool.end();
  await drop();
});

const TYPES_SQL = `
  SELECT 42::int AS i, 9007199254740993::int8 AS big, 12.50::numeric AS price,
         '2026-12-02'::date AS day, '2026-12-02 04:05:06.789'::timestamp AS local_ts,
         '2026-12-02 04:05:06.789+03'::timestamptz AS ts, '{"a":[1,"x"]}'::jsonb AS doc,
         '\\x0001ff'::bytea AS bytes, ARRAY['a', NULL, 'c'] AS texts, true AS yes,
         '7e3c7e94-2a6c-4b8c-9d2f-9c1b0b1b0b1b'::uuid AS id, 1.5::float8 AS f, NULL::text AS nothing`;

describe('RawSql over plain pg', () => {
  it('gives the values Prisma gives for the same raw query', async () => {
    const viaPrisma = await db.$queryRawUnsafe<Record<string, unknown>[]>(TYPES_SQL);
    const viaPg = await pgRaw(pool).$queryRawUnsafe<Record<string, unknown>[]>(TYPES_SQL);
    const [p, g] = [viaPrisma[0]!, viaPg[0]!];
    expect(g.big).toBe(9007199254740993n);
    expect(g.day).toEqual(new Date('2026-12-02T00:00:00Z'));
    expect(g.local_ts).toEqual(new Date('2026-12-02T04:05:06.789Z'));
    expect(g.ts).toEqual(new Date('2026-12-02T01:05:06.789Z'));
    expect(String(g.price)).toBe('12.5');
    for (const key of Object.keys(p)) {
      if (key === 'bytes')
        expect(Buffer.from(g[key] as Uint8Array)).toEqual(Buffer.from(p[key] as Uint8Array));
      else if (key === 'price') expect(String(g[key])).toBe(String(p[key]));
      else expect(g[key], key).toEqual(p[key]);
    }
  });

  it('takes parameters as Prisma does: tagged templates, Prisma.sql fragments, arrays, dates, null', async () => {
    const raw = pgRaw(pool);
    const at = new Date('2026-12-02T10:00:00.123Z');
    const fragment = Prisma.sql`${'b'}::text`;
    const [row] = await raw.$queryRaw<
      { at: Date; ids: number[]; name: string; none: null; joined: string }[]
    >`SELECT ${at}::timestamptz AS at, ${[1, 2, 3]}::int[] AS ids, ${"o'neil"}::text AS name,
             ${null}::text AS none, ${'a'}::text || ${fragment} AS joined`;
    expect(row).toEqual({ at, ids: [1, 2, 3], name: "o'neil", none: null, joined: 'ab' });
    const sql = Prisma.sql`SELECT ${[at, null]}::timestamptz[] AS times`;
    const [times] = await raw.$queryRaw<{ times: (Date | null)[] }[]>(sql);
    expect(times!.times).toEqual([at, null]);
  });

  it('commits what the function did, rolls back when it throws, and reuses the connection', async () => {
    await pgTransaction(pool, async (tx) => {
      expect(await tx.$executeRaw`INSERT INTO raw_sql_t VALUES (1, 'kept'), (2, 'kept')`).toBe(2);
    });
    await expect(
      pgTransaction(pool, async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO raw_sql_t VALUES ($1, 'dropped')`, 3);
        throw new Error('nope');
      }),
    ).rejects.toThrow('nope');
    // a failed statement aborts the transaction: the function's error is the one reported
    await expect(
      pgTransaction(pool, (tx) => tx.$executeRawUnsafe(`INSERT INTO raw_sql_t VALUES (1, 'dup')`)),
    ).rejects.toThrow(/duplicate key/);
    const rows = await db.$queryRaw<{ id: number; note: string }[]>`
      SELECT id, note FROM raw_sql_t ORDER BY id`;
    expect(rows).toEqual([
      { id: 1, note: 'kept' },
      { id: 2, note: 'kept' },
    ]);
    // every connection went back to the pool clean: none is left inside a transaction
    const [open] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open!.n).toBe(0);
    const states = await Promise.all(
      [0, 1].map(() =>
        pgTransaction(pool, async (tx: RawSql) => {
          const [s] = await tx.$queryRawUnsafe<{ n: bigint }[]>('SELECT txid_current() AS n');
          return typeof s!.n;
        }),
      ),
    );
    expect(states).toEqual(['bigint', 'bigint']);
  });

  it('a connection killed mid-transaction fails the transaction, is discarded, and crashes nothing', async () => {
    await expect(
      pgTransaction(pool, async (tx) => {
        await tx.$queryRawUnsafe('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => {});
        // the connection's end arrives as an 'error' event between queries
        await new Promise((resolve) => setTimeout(resolve, 50));
        await tx.$queryRawUnsafe('SELECT 1');
      }),
    ).rejects.toThrow();
    const [row] = await pgRaw(pool).$queryRawUnsafe<{ one: number }[]>('SELECT 1 AS one');
    expect(row).toEqual({ one: 1 });
  });
});
