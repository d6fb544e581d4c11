import { performance } from 'node:perf_hooks';

/**
 * Kommo allows 7 requests per second per account and blocks the IP (every call → 403) after
 * repeated 429s (API.md §2, https://developers.kommo.com/docs/limitations). The client awaits
 * `acquire()` before every attempt, retries included. The app injects a Postgres-backed
 * implementation shared by all its processes; `createLocalRateLimiter` is the in-process one.
 */
export interface RateLimiter {
  /** Resolves when a request may be sent; rejects with `signal.reason` if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface LocalRateLimiterOptions {
  perSecond?: number;
  /**
   * Added to the one-second window. Kommo counts arrivals at its side, where network jitter can
   * pull two of our requests closer than we sent them; a little slack keeps us under 7 there too.
   */
  safetyMs?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Evenly spaced slots, FIFO. Each grant is at least `(1000 + safetyMs) / perSecond` ms after the
 * *actual* previous grant (not after its scheduled time), so a timer that fires late can only
 * widen the gap: any `perSecond + 1` consecutive grants span more than a second, i.e. no sliding
 * one-second window ever holds more than `perSecond` of them. No bursts: Kommo treats bursts as
 * the pattern it throttles.
 */
export function createLocalRateLimiter(options: LocalRateLimiterOptions = {}): RateLimiter {
  const perSecond = options.perSecond ?? 7;
  const safetyMs = options.safetyMs ?? 25;
  if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
  const spacingMs = (1000 + safetyMs) / perSecond;
  const queue: Waiter[] = [];
  let lastGrant = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;

  function pump(): void {
    timer = undefined;
    for (;;) {
      const next = queue[0];
      if (!next) return;
      const now = performance.now();
      const due = lastGrant + spacingMs;
      // Timers may fire a fraction of a millisecond early: re-check instead of trusting them.
      if (now < due) {
        timer = setTimeout(pump, Math.ceil(due - now));
        return;
      }
      queue.shift();
      lastGrant = now;
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
    }
  }

  return {
    acquire(signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const i = queue.indexOf(waiter);
            if (i >= 0) queue.splice(i, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        queue.push(waiter);
        if (timer === undefined) pump();
      });
    },
  };
}
