import type { Db } from '@leadpilot/db/client';
import type { RateLimiter } from '@leadpilot/kommo/rate-limiter';

/**
 * Kommo's limit (7 requests/s per account) shared by every process: each request takes the next
 * free slot from one row per account host, slots `spacingMs` apart, and waits for it.
 *
 * Why it holds: if every request is sent within `LATE_MS` after its slot, any 1-second window
 * contains at most floor((1000 + LATE_MS) / spacing) + 1 requests: 7 with 150 ms and 40 ms. A request
 * whose timer fires later than that (busy event loop, slow database) gives the slot up and takes a
 * new one instead of bunching with the next request. 150 ms spacing is 95% of Kommo's budget.
 */
const LATE_MS = 40;

export function createPgRateLimiter(options: {
  db: Db;
  host: string;
  spacingMs?: number;
}): RateLimiter {
  const spacing = options.spacingMs ?? 150;

  async function reserve(): Promise<number> {
    const [row] = await options.db.$queryRaw<{ wait_ms: number }[]>`
      INSERT INTO kommo_rate_limits AS r (host, next_slot_at)
      VALUES (${options.host}, clock_timestamp() + ${spacing} * interval '1 millisecond')
      ON CONFLICT (host) DO UPDATE
        SET next_slot_at = greatest(r.next_slot_at, clock_timestamp()) + ${spacing} * interval '1 millisecond'
      RETURNING greatest(0, extract(epoch FROM (r.next_slot_at - ${spacing} * interval '1 millisecond' - clock_timestamp())) * 1000)::float8 AS wait_ms`;
    return row?.wait_ms ?? 0;
  }

  return {
    async acquire(signal) {
      for (;;) {
        signal?.throwIfAborted();
        // Anchor on when the answer arrived, never when it was asked: a query that queued for a
        // connection would otherwise make us wake early and bunch with the next slot.
        const waitMs = await reserve();
        const slot = performance.now() + waitMs;
        const wait = slot - performance.now();
        if (wait > 0) await sleep(wait, signal);
        if (performance.now() - slot <= LATE_MS) return;
      }
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
