import type { Db } from '@leadpilot/db/client';
import type { RateLimiter } from '@leadpilot/kommo/rate-limiter';

/**
 * Kommo's limit (7 requests/s per account) shared by every process: each request takes the next
 * free slot from one row per account host, slots `spacingMs` apart, and waits for it.
 *
 * Why it holds: seven slots span 6 × 155 ms = 930 ms, so a 1-second window can only see an eighth
 * request if the first of eight is sent more than 85 ms later than its slot while the eighth is on
 * time. Requests are never sent early (the wait is counted from when the database's answer
 * arrived), and one whose timer fires more than `LATE_MS` late gives its slot up and takes a new
 * one (at most `MAX_RETAKES` times, so a busy process cannot starve). What remains uncovered is a
 * database answer delayed by more than the margin; 155 ms spacing is 92% of Kommo's budget.
 */
const SPACING_MS = 155;
const LATE_MS = 30;
const MAX_RETAKES = 3;

export function createPgRateLimiter(options: {
  db: Db;
  host: string;
  spacingMs?: number;
}): RateLimiter {
  const spacing = options.spacingMs ?? SPACING_MS;

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
      for (let attempt = 0; ; attempt++) {
        signal?.throwIfAborted();
        // Count the wait from when the answer arrived, never from when it was asked: a query that
        // queued for a connection would otherwise make us wake early and bunch with the next slot.
        const waitMs = await reserve();
        const wake = performance.now() + waitMs;
        if (waitMs > 0) await sleep(waitMs, signal);
        if (performance.now() - wake <= LATE_MS || attempt >= MAX_RETAKES) return;
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
