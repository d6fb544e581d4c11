import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestAccount } from '../test-support/test-account';

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
beforeEach(async () => {
  ctx = await startTestAccount();
});
afterEach(() => ctx.emulator.stop());

describe('faults', () => {
  it.each([
    ['500', 500, 'application/problem+json'],
    ['502', 502, 'text/html'],
    ['504', 504, 'text/html'],
    ['401', 401, 'application/problem+json'],
    ['402', 402, 'application/problem+json'],
    ['403', 403, 'application/problem+json'],
  ] as const)('%s answers %i once, then the API works again', async (kind, status, type) => {
    ctx.emulator.faults.inject({ kind });
    const faulted = await ctx.api.get('/api/v4/leads');
    expect(faulted.status).toBe(status);
    expect(faulted.headers.get('content-type')).toBe(type);
    if (kind === '403')
      expect(faulted.body).toMatchObject({ detail: expect.stringMatching(/blocked/) });
    if (kind === '402') expect(faulted.body).toMatchObject({ status: 402 });
    expect((await ctx.api.get('/api/v4/leads')).status).toBe(200);
  });

  it('429 carries Retry-After, as problem+json by default or plain text', async () => {
    ctx.emulator.faults.inject({ kind: '429', retryAfter: 3, count: 2 });
    const json = await ctx.api.get('/api/v4/account');
    expect(json.status).toBe(429);
    expect(json.headers.get('retry-after')).toBe('3');
    expect(json.body).toMatchObject({ retry_after: 3 });
    expect((await ctx.api.get('/api/v4/account')).status).toBe(429); // count: 2
    ctx.emulator.faults.inject({ kind: '429', json: false });
    const text = await ctx.api.get('/api/v4/account');
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.body).toBe('Too Many Requests');
    expect((await ctx.api.get('/api/v4/account')).status).toBe(200);
  });

  it('matches by path prefix and is consumed in order', async () => {
    ctx.emulator.faults.inject({ kind: '500', path: '/api/v4/leads' });
    ctx.emulator.faults.inject({ kind: '502', path: '/api/v4/leads' });
    expect((await ctx.api.get('/api/v4/contacts')).status).toBe(200);
    expect((await ctx.api.get('/api/v4/leads/pipelines')).status).toBe(500);
    expect((await ctx.api.get('/api/v4/leads')).status).toBe(502);
    expect((await ctx.api.get('/api/v4/leads')).status).toBe(200);
  });

  it('timeout holds the request until the client gives up; clear() drops pending faults', async () => {
    ctx.emulator.faults.inject({ kind: 'timeout' });
    const started = Date.now();
    const held = fetch(`${ctx.emulator.url}/api/v4/account`, {
      headers: { Authorization: `Bearer ${ctx.token}` },
      signal: AbortSignal.timeout(400),
    });
    await expect(held).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect(ctx.emulator.requests().at(-1)).toMatchObject({ path: '/api/v4/account', status: 0 });

    ctx.emulator.faults.inject({ kind: '500', count: 5 });
    ctx.emulator.faults.clear();
    expect((await ctx.api.get('/api/v4/account')).status).toBe(200);
  });

  it('a held request does not keep stop() waiting', async () => {
    ctx.emulator.faults.inject({ kind: 'timeout' });
    const held = fetch(`${ctx.emulator.url}/api/v4/account`, {
      headers: { Authorization: `Bearer ${ctx.token}` },
    });
    await new Promise((r) => setTimeout(r, 50));
    await ctx.emulator.stop();
    await expect(held).rejects.toThrow();
  });
});
