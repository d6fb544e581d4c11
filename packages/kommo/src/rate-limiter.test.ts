import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createLocalRateLimiter } from './rate-limiter';

/** The most grants inside any window of `ms` (sliding, both ends included). */
function maxInWindow(times: number[], ms: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) > ms) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe('createLocalRateLimiter', () => {
  it(
    'spreads a burst of 100 so that no 1-second window holds more than 7',
    { timeout: 30_000 },
    async () => {
      const limiter = createLocalRateLimiter({ perSecond: 7 });
      const times: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 100 }, () =>
          limiter.acquire().then(() => times.push(performance.now())),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      times.sort((a, b) => a - b);
      expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(7);
      const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 7);
      // Evenly spaced, not stalled: 99 gaps of ~146 ms.
      expect(seconds).toBeLessThan(16);
      console.log(
        `local limiter: 100 grants in ${seconds.toFixed(2)} s = ${(99 / seconds).toFixed(2)}/s`,
      );
    },
  );

  it('lets the first request through at once and serves waiters in order', async () => {
    const limiter = createLocalRateLimiter({ perSecond: 50 });
    const order: number[] = [];
    const started = performance.now();
    await limiter.acquire();
    expect(performance.now() - started).toBeLessThan(10);
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('drops an aborted waiter without using its slot', async () => {
    const limiter = createLocalRateLimiter({ perSecond: 5 });
    await limiter.acquire();
    const controller = new AbortController();
    const aborted = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    const started = performance.now();
    await next;
    // The next waiter takes the first free slot (~205 ms after the first grant), not the second.
    expect(performance.now() - started).toBeLessThan(300);
  });
});
