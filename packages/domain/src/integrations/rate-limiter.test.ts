import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@leadpilot/db/client';
import { createPgPool, type PgPool } from '@leadpilot/db/pool';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createPgRateLimiter } from './rate-limiter';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const pools: Db[] = [];
const pgPools: PgPool[] = [];

beforeAll(async () => {
  database = await createTestDatabase(templateDatabaseUrl());
  for (let i = 0; i < 3; i++) pools.push(createDb(database.url, { max: 4 }));
  for (let i = 0; i < 3; i++) pgPools.push(createPgPool(database.url, { max: 2 }));
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.$disconnect()));
  await Promise.all(pgPools.map((p) => p.end()));
  await database.drop();
});

function maxInAnySecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('shared Kommo rate limiter', () => {
  // Timing on a shared 2-core machine: a starved event loop can bunch the observed times (the
  // limiter's documented residue after MAX_RETAKES), so one rerun is allowed before failing.
  it(
    'keeps three "processes" bursting at once under 7 requests in any second, near the limit',
    { retry: 2 },
    async () => {
      const times: number[] = [];
      const started = performance.now();
      await Promise.all(
        pools.flatMap((db, i) => {
          // As the worker and the server take slots: on a small plain pg pool of their own.
          const limiter = createPgRateLimiter({ db, pg: pgPools[i], host: 'burst.kommo.com' });
          return Array.from({ length: 10 }, async () => {
            await limiter.acquire();
            times.push(performance.now());
          });
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      expect(maxInAnySecond(times)).toBeLessThanOrEqual(7);
      // 30 slots 155 ms apart: ~4.5 s; a loaded machine retakes late slots, so allow some slack
      expect(seconds).toBeGreaterThan(4.4);
      expect(seconds).toBeLessThan(8);
    },
  );

  it('paces each account separately', async () => {
    const a = createPgRateLimiter({ db: pools[0]!, pg: pgPools[0], host: 'a.kommo.com' });
    const b = createPgRateLimiter({ db: pools[1]!, pg: pgPools[1], host: 'b.kommo.com' });
    const started = performance.now();
    await Promise.all([a.acquire(), b.acquire()]);
    expect(performance.now() - started).toBeLessThan(120);
  });

  it('paces through Prisma too, where no plain pool is given', { retry: 2 }, async () => {
    const times: number[] = [];
    const limiters = pools
      .slice(0, 2)
      .map((db) => createPgRateLimiter({ db, host: 'p.kommo.com' }));
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 6 }, async () => {
          await limiter.acquire();
          times.push(performance.now());
        }),
      ),
    );
    expect(maxInAnySecond(times)).toBeLessThanOrEqual(7);
  });
});
