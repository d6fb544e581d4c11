import { describe, expect, it } from 'vitest';
import { createKommoClient } from './client';
import { KommoNetworkError, KommoRateLimitedError, KommoServerError } from './errors';
import { pipelinesPage } from './testing/pipelines-page';
import { useScriptedClient } from './testing/scripted-client';
import { closedPort } from './testing/scripted-server';

const start = useScriptedClient();

describe('retries', () => {
  it('honours retry_after from a problem+json 429, then succeeds', async () => {
    const { client, server, events } = await start(
      (_req, n) =>
        n === 0
          ? { status: 429, json: { title: 'Too Many Requests', status: 429, retry_after: 1 } }
          : pipelinesPage,
      { retry: { maxDelayMs: 5000 } },
    );
    const started = Date.now();
    expect(await client.listPipelines()).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.requests).toHaveLength(2);
    expect(events.find((e) => e.kind === 'rate_limited')).toMatchObject({
      status: 429,
      delayMs: 1000,
    });
  });

  it('honours a Retry-After header on a non-JSON 429', async () => {
    const { client, events } = await start(
      (_req, n) =>
        n === 0
          ? { status: 429, body: '<html>slow down</html>', headers: { 'Retry-After': '1' } }
          : pipelinesPage,
      { retry: { maxDelayMs: 5000 } },
    );
    expect(await client.listPipelines()).toHaveLength(1);
    expect(events.find((e) => e.kind === 'rate_limited')?.delayMs).toBe(1000);
  });

  it('backs off with jitter on a 429 without retry_after, JSON or not', async () => {
    const { client, server, events } = await start((_req, n) =>
      n === 0
        ? { status: 429, body: 'Too Many Requests' }
        : n === 1
          ? { status: 429, json: { title: 'x' } }
          : pipelinesPage,
    );
    expect(await client.listPipelines()).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    const sleeps = events.filter((e) => e.kind === 'rate_limited').map((e) => e.delayMs ?? -1);
    expect(sleeps).toHaveLength(2);
    // Full jitter: uniform in [0, base·2^(n-1)] with base 5 ms.
    expect(sleeps[0]).toBeLessThanOrEqual(5);
    expect(sleeps[1]).toBeLessThanOrEqual(10);
  });

  it('gives up after the configured attempts with KommoRateLimitedError', async () => {
    const { client, server } = await start(() => ({ status: 429, body: '' }), {
      retry: { attempts: 3 },
    });
    await expect(client.listPipelines()).rejects.toBeInstanceOf(KommoRateLimitedError);
    expect(server.requests).toHaveLength(3);
  });

  it('fails fast when retry_after is longer than it is willing to sleep', async () => {
    const { client, server } = await start(() => ({ status: 429, json: { retry_after: 60 } }));
    const error = await client.listPipelines().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoRateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 60_000, status: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it.each([500, 502, 503, 504])('retries %i to success', async (status) => {
    const { client, server, events } = await start((_req, n) =>
      n < 2 ? { status, json: { title: 'Internal', trace_id: 'abc' } } : pipelinesPage,
    );
    expect(await client.listPipelines()).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(2);
  });

  it('throws KommoServerError with the trace id when 5xx persists', async () => {
    const { client, server } = await start(() => ({
      status: 500,
      json: { title: 'Oops', trace_id: 't-1' },
    }));
    const error = await client.listPipelines().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoServerError);
    expect(error).toMatchObject({
      status: 500,
      requestId: 't-1',
      path: '/api/v4/leads/pipelines',
    });
    expect(server.requests).toHaveLength(5);
  });

  it('retries a timeout, then succeeds', async () => {
    const { client, server } = await start((_req, n) => (n === 0 ? 'hang' : pipelinesPage), {
      timeoutMs: 200,
    });
    expect(await client.listPipelines()).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('turns persistent timeouts into KommoNetworkError', async () => {
    const { client } = await start(() => 'hang', { timeoutMs: 100, retry: { attempts: 2 } });
    await expect(client.listPipelines()).rejects.toThrow(/no answer in 100 ms/);
  });

  it('retries a reset connection', async () => {
    const { client, server } = await start((_req, n) => (n === 0 ? 'reset' : pipelinesPage));
    expect(await client.listPipelines()).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection, acquiring the rate limiter every time', async () => {
    let acquired = 0;
    const client = createKommoClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      tokens: { getAccessToken: async () => 't', refreshAccessToken: async () => 't' },
      rateLimiter: { acquire: async () => void acquired++ },
      retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const error = await client.listPipelines().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoNetworkError);
    expect(String(error)).toMatch(/ECONNREFUSED/);
    expect(acquired).toBe(4);
  });

  it('calls the rate limiter before every attempt', async () => {
    const { client, acquired } = await start((_req, n) =>
      n < 2 ? { status: 502, body: 'Bad gateway' } : pipelinesPage,
    );
    await client.listPipelines();
    expect(acquired()).toBe(3);
  });

  it('stops at once when the caller aborts', async () => {
    const { client, server } = await start(() => 'hang');
    const controller = new AbortController();
    const pending = client.listLeads({ signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 50);
    await expect(pending).rejects.toThrow('user left');
    expect(server.requests).toHaveLength(1);
  });
});
