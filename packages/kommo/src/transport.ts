import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { parseContract } from './contract';
import { KommoContractError, KommoNetworkError, KommoUnauthorizedError } from './errors';
import { errorFromResponse, parseRetryAfterHeader, readProblem } from './problem';
import { createLocalRateLimiter, type RateLimiter } from './rate-limiter';
import type { TokenProvider } from './token-provider';

export interface KommoEvent {
  /** `request`: one per HTTP attempt; `retry`/`rate_limited`: before a backoff sleep. */
  kind: 'request' | 'retry' | 'rate_limited' | 'refresh';
  status?: number;
  path: string;
  attempt: number;
  delayMs?: number;
}

export interface RetryPolicy {
  /** Total attempts per request, the first included (a 401 refresh does not use one up). */
  attempts: number;
  baseDelayMs: number;
  /** Cap of one backoff sleep; a `retry_after` above it fails fast with `KommoRateLimitedError`. */
  maxDelayMs: number;
}

export interface TransportOptions {
  /** The account origin, e.g. `https://shop.kommo.com` (see `accountBaseUrl`). */
  baseUrl: string;
  tokens: TokenProvider;
  /**
   * Awaited before every attempt. Defaults to an in-process 7/s limiter for this client alone;
   * the app passes its Postgres-backed one so that all processes share the account's budget.
   */
  rateLimiter?: RateLimiter;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onEvent?: (event: KommoEvent) => void;
  fetch?: typeof fetch;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path on the account host, may carry a query (next links do): `/api/v4/leads?page=2`. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
  /** Lists only: Kommo answers 304 when nothing changed since then. */
  ifModifiedSince?: Date;
  signal?: AbortSignal;
  /** Batch writes: surface a 504 at once so the caller halves the batch (API.md §2). */
  failFastOn504?: boolean;
}

/** `empty`: 204, 304 or any 2xx without a body. Each method decides what "nothing" means. */
export type Answer<T> = { kind: 'data'; data: T } | { kind: 'empty'; status: number };

export type Request = <S extends z.ZodType>(
  spec: RequestSpec,
  schema: S,
) => Promise<Answer<z.output<S>>>;

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 };

/**
 * The one request function (CONVENTIONS.md §6): rate limit → bearer token → timeout → parse →
 * error mapping → retry. Retried: 429 (honouring `retry_after` / `Retry-After`), 5xx, timeouts and
 * connection errors, with exponential backoff and full jitter. Never retried: 400, 402, 403, 404,
 * 422; 401 gets one token refresh and one more try.
 *
 * Writes are retried too. A POST that timed out may still have been applied, so a create can be
 * duplicated on retry; notes and calls carry `uniq` for that reason.
 */
export function createTransport(options: TransportOptions): Request {
  const origin = new URL(options.baseUrl).origin;
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 15_000;
  const doFetch = options.fetch ?? fetch;
  const emit = options.onEvent ?? (() => {});
  const rateLimiter = options.rateLimiter ?? createLocalRateLimiter();

  return async function request<S extends z.ZodType>(
    spec: RequestSpec,
    schema: S,
  ): Promise<Answer<z.output<S>>> {
    const url = new URL(spec.path, origin);
    for (const [k, v] of spec.query ?? []) url.searchParams.append(k, v);
    const path = url.pathname;
    const at = { method: spec.method, path };
    let token = await options.tokens.getAccessToken();
    let refreshed = false;
    let failures = 0;

    for (let attempt = 1; ; attempt++) {
      await rateLimiter.acquire(spec.signal);
      const headers: Record<string, string> = {
        Accept: 'application/hal+json, application/json, application/problem+json',
        Authorization: `Bearer ${token}`,
      };
      if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
      if (spec.ifModifiedSince) headers['If-Modified-Since'] = spec.ifModifiedSince.toUTCString();
      const signal = spec.signal
        ? AbortSignal.any([spec.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs);

      let status: number;
      let text: string;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: spec.method,
          headers,
          body: spec.body === undefined ? null : JSON.stringify(spec.body),
          signal,
          // A redirect would carry our token to wherever it points; surface it instead.
          redirect: 'manual',
        });
        status = response.status;
        text = await response.text();
      } catch (err) {
        if (spec.signal?.aborted) throw spec.signal.reason;
        emit({ kind: 'request', path, attempt });
        const error = new KommoNetworkError(
          `${spec.method} ${path} failed: ${describeNetworkError(err, timeoutMs)}`,
          { path, cause: err },
        );
        failures++;
        if (failures >= policy.attempts) throw error;
        await pause('retry', undefined, backoff(failures), attempt);
        continue;
      }
      emit({ kind: 'request', status, path, attempt });

      if (status >= 200 && status < 300) {
        if (status === 204 || text.trim() === '') return { kind: 'empty', status };
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (err) {
          throw new KommoContractError(`Kommo's answer to ${spec.method} ${path} is not JSON`, {
            status,
            path,
            cause: err,
            issues: [`(body): ${text.slice(0, 100)}`],
          });
        }
        return { kind: 'data', data: parseContract(schema, json, at) };
      }
      if (status === 304) return { kind: 'empty', status };

      const problem = readProblem(text);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const retryAfterMs =
        problem.retryAfterSeconds !== undefined
          ? problem.retryAfterSeconds * 1000
          : parseRetryAfterHeader(response.headers.get('retry-after'));
      const error = errorFromResponse({
        status,
        ...at,
        problem,
        ...(requestId ? { requestId } : {}),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });

      if (status === 401 && !refreshed) {
        refreshed = true;
        emit({ kind: 'refresh', status, path, attempt });
        token = await refresh(token, path);
        continue;
      }
      const retryable =
        status === 429 || (status >= 500 && !(status === 504 && spec.failFastOn504));
      if (!retryable) throw error;
      failures++;
      if (failures >= policy.attempts) throw error;
      if (status === 429) {
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxDelayMs) throw error;
        await pause('rate_limited', status, retryAfterMs ?? backoff(failures), attempt);
      } else {
        await pause('retry', status, backoff(failures), attempt);
      }
    }

    async function pause(
      kind: 'retry' | 'rate_limited',
      status: number | undefined,
      ms: number,
      attempt: number,
    ) {
      const delayMs = Math.round(ms);
      emit({ kind, ...(status === undefined ? {} : { status }), path, attempt, delayMs });
      try {
        await sleep(delayMs, undefined, spec.signal ? { signal: spec.signal } : undefined);
      } catch (err) {
        throw spec.signal?.aborted ? spec.signal.reason : err;
      }
    }

    async function refresh(rejected: string, path: string): Promise<string> {
      try {
        return await options.tokens.refreshAccessToken(rejected);
      } catch (err) {
        if (!(err instanceof KommoUnauthorizedError)) throw err;
        throw new KommoUnauthorizedError(
          `Kommo rejected the token for ${spec.method} ${path} and refreshing failed: ${err.message}`,
          { status: 401, path, cause: err },
        );
      }
    }
  };

  /** Full jitter: uniform in [0, min(max, base·2^(n-1))]. https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/ */
  function backoff(failure: number): number {
    return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failure - 1));
  }
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer in ${timeoutMs} ms`;
  const cause = err instanceof Error ? err.cause : undefined;
  const code =
    cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  const message = err instanceof Error ? err.message : String(err);
  return code ? `${message} (${code})` : message;
}
