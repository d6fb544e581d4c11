import { afterEach } from 'vitest';
import { createKommoClient } from '../client';
import type { RateLimiter } from '../rate-limiter';
import type { TokenProvider } from '../token-provider';
import type { KommoEvent, RetryPolicy } from '../transport';
import { type Reply, type Seen, startScriptedServer } from './scripted-server';

export interface ScriptedClientOptions {
  tokens?: TokenProvider;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * For a test file: `const start = useScriptedClient()`, then per test
 * `const { client, server, events } = await start((req, n) => reply)`. The client has fast
 * retries and a counting (non-waiting) rate limiter; the server is closed after each test.
 */
export function useScriptedClient() {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  return async function start(
    script: (req: Seen, n: number) => Reply,
    options: ScriptedClientOptions = {},
  ) {
    const server = await startScriptedServer(script);
    close = server.close;
    const events: KommoEvent[] = [];
    let acquired = 0;
    const rateLimiter: RateLimiter = {
      acquire: () => {
        acquired++;
        return Promise.resolve();
      },
    };
    const client = createKommoClient({
      baseUrl: server.url,
      tokens: options.tokens ?? {
        getAccessToken: () => Promise.resolve('token-1'),
        refreshAccessToken: () => Promise.resolve('token-2'),
      },
      rateLimiter,
      timeoutMs: options.timeoutMs ?? 2000,
      retry: { attempts: 5, baseDelayMs: 5, maxDelayMs: 50, ...options.retry },
      onEvent: (e) => events.push(e),
    });
    return { client, server, events, acquired: () => acquired };
  };
}
