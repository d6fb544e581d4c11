import { afterEach, describe, expect, it } from 'vitest';
import { startTestAccount } from '../test-support/test-account';
import { RateLimiter } from './rate-limiter';

let ctx: Awaited<ReturnType<typeof startTestAccount>> | undefined;
afterEach(() => ctx?.emulator.stop());

describe('rate limit', () => {
  it('answers 429 to a burst of 20 and never accepts more than 7 in a second', async () => {
    ctx = await startTestAccount({ rateLimitPerSecond: 7 });
    const api = ctx.api;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => api.get('/api/v4/account')),
    );
    const codes = statuses.map((s) => s.status);
    expect(codes.filter((c) => c === 200)).toHaveLength(7);
    expect(codes.filter((c) => c === 429)).toHaveLength(13);
    const limited = statuses.find((s) => s.status === 429);
    expect(limited?.headers.get('content-type')).toBe('application/problem+json');
    expect(limited?.body).toMatchObject({ status: 429, retry_after: expect.any(Number) });
    expect(ctx.emulator.stats()).toEqual({ requests: 20, rateLimited: 13, maxInAnySecond: 7 });
  });

  it('lets a client pacing itself at 7/s through without a single 429', async () => {
    ctx = await startTestAccount({ rateLimitPerSecond: 7 });
    for (let i = 0; i < 14; i++) {
      expect((await ctx.api.get('/api/v4/account')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1000 / 7 + 5));
    }
    expect(ctx.emulator.stats()).toMatchObject({ rateLimited: 0 });
    expect(ctx.emulator.stats().maxInAnySecond).toBeLessThanOrEqual(7);
  });

  it('does not limit OAuth or admin endpoints', async () => {
    ctx = await startTestAccount({ rateLimitPerSecond: 1 });
    const url = ctx.emulator.url;
    const admin = await Promise.all(
      Array.from({ length: 10 }, () => fetch(`${url}/_emulator/stats`)),
    );
    expect(admin.every((r) => r.status === 200)).toBe(true);
    expect(ctx.emulator.stats().requests).toBe(0);
  });
});

describe('RateLimiter', () => {
  it('slides the window and counts rejected attempts', () => {
    const limiter = new RateLimiter(2);
    expect(limiter.attempt(0).allowed).toBe(true);
    expect(limiter.attempt(100).allowed).toBe(true);
    expect(limiter.attempt(200).allowed).toBe(false);
    // At 1050 the attempts at 100 and 200 (rejected, but counted) are still in the window.
    expect(limiter.attempt(1050).allowed).toBe(false);
    expect(limiter.attempt(1300).allowed).toBe(true);
    expect(limiter.stats()).toEqual({ requests: 5, rateLimited: 2, maxInAnySecond: 2 });
  });

  it('measures the real rate when limiting is off', () => {
    const limiter = new RateLimiter(null);
    for (let t = 0; t < 10; t++) limiter.attempt(t * 50);
    expect(limiter.stats().maxInAnySecond).toBe(10);
  });
});
