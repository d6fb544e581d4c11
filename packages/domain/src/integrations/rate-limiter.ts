import type { Db } from '@leadpilot/db/client';
import type { PgPool } from '@leadpilot/db/pool';
import type { RateLimiter } from '@leadpilot/kommo/rate-limiter';

/**
 * Kommo's limit (7 requests/s per account) shared by every process: each request takes the next
 * free slot from one row per account host, slots `spacingMs` apart, and waits for it.
 *
 * Why it holds: seven slots span 6 × 155 ms = 930 ms, so a 1-second window can only see an eighth
 * request if the first of eight is sent more than 85 ms later than its slot while the eighth is on
 * time. Slots are times on the database's clock; each process converts them to its own with an
 * offset measured like NTP does, on its fastest recent round trip (error ± half of it, ~1 ms).
 * A request waits until the latest its slot can be (so never early), and one that finds itself
 * more than `LATE_MS` after the earliest its slot can be (a busy event loop, an answer that queued
 * behind other queries) gives the slot up and takes a new one, at most `MAX_RETAKES` times so a
 * busy process cannot starve. 155 ms spacing is 92% of Kommo's budget. The table is UNLOGGED so
 * a slot's commit never waits behind other writes' WAL flushes.
 */
const SPACING_MS = 155;
const LATE_MS = 30;
const MAX_RETAKES = 8;
/** A clock-offset sample older than this is replaced by the next one, whatever its round trip. */
const OFFSET_MAX_AGE_MS = 30_000;

const RESERVE = `
  INSERT INTO kommo_rate_limits AS r (host, next_slot_at)
  VALUES ($1, clock_timestamp() + $2::float8 * interval '1 millisecond')
  ON CONFLICT (host) DO UPDATE
    SET next_slot_at = greatest(r.next_slot_at, clock_timestamp()) + $2::float8 * interval '1 millisecond'
  RETURNING extract(epoch FROM r.next_slot_at - $2::float8 * interval '1 millisecond')::float8 * 1000 AS slot_ms,
            extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms`;

const CLOCK = `SELECT extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms`;

interface ClockOffset {
  /** Database clock minus this process's clock, in ms. */
  offset: number;
  /** The round trip it was measured on: the offset is right within ± half of it. */
  rtt: number;
  at: number;
}

/** One estimate per database handle, shared by every limiter of the process that uses it. */
const offsets = new WeakMap<object, ClockOffset>();

const nowMs = () => performance.timeOrigin + performance.now();

export function createPgRateLimiter(options: {
  db: Db;
  /** Preferred: a plain pool answers in ~1 ms even while Prisma's is busy with bulk writes. */
  pg?: PgPool | undefined;
  host: string;
  spacingMs?: number;
}): RateLimiter {
  const spacing = options.spacingMs ?? SPACING_MS;
  const handle: object = options.pg ?? options.db;

  /** Runs one query timed on a connection in hand (pg), or through Prisma's pool. */
  async function timed<T>(sql: string, params: unknown[]) {
    if (options.pg) {
      // Timed on a connection already in hand, so a wait for the pool is not taken for distance.
      const client = await options.pg.connect();
      try {
        const asked = nowMs();
        const { rows } = await client.query(sql, params);
        return { rows: rows as T[], asked, answered: nowMs() };
      } finally {
        client.release();
      }
    }
    const asked = nowMs();
    const rows = await options.db.$queryRawUnsafe<T[]>(sql, ...params);
    return { rows, asked, answered: nowMs() };
  }

  /** Keeps the fastest recent round trip's offset (replacing it once it is old). */
  function sample(dbNow: number, asked: number, answered: number): ClockOffset {
    const rtt = answered - asked;
    const best = offsets.get(handle);
    if (best && rtt > best.rtt && answered - best.at <= OFFSET_MAX_AGE_MS) return best;
    const fresh = { offset: dbNow - (asked + answered) / 2, rtt, at: answered };
    offsets.set(handle, fresh);
    return fresh;
  }

  /**
   * An estimate too coarse to judge lateness by (no sample yet, or only a slow one: a cold
   * connection, a busy moment) is refined with a few clock reads first, shared by every caller.
   */
  let calibrating: Promise<void> | null = null;
  function calibrate(): Promise<void> {
    calibrating ??= (async () => {
      for (let i = 0; i < 3 && (offsets.get(handle)?.rtt ?? Infinity) > LATE_MS / 2; i++) {
        const { rows, asked, answered } = await timed<{ now_ms: number }>(CLOCK, []);
        if (rows[0]) sample(rows[0].now_ms, asked, answered);
      }
    })().finally(() => {
      calibrating = null;
    });
    return calibrating;
  }

  /** Takes the next slot; returns when it starts, as the earliest and latest it can be here. */
  async function reserve(): Promise<{ earliest: number; latest: number }> {
    if ((offsets.get(handle)?.rtt ?? Infinity) > LATE_MS / 2) await calibrate();
    const { rows, asked, answered } = await timed<{ slot_ms: number; now_ms: number }>(RESERVE, [
      options.host,
      spacing,
    ]);
    const row = rows[0];
    if (!row) throw new Error('rate limiter: no slot returned');
    const best = sample(row.now_ms, asked, answered);
    const slot = row.slot_ms - best.offset;
    return { earliest: slot - best.rtt / 2, latest: slot + best.rtt / 2 };
  }

  return {
    async acquire(signal) {
      for (let attempt = 0; ; attempt++) {
        signal?.throwIfAborted();
        const slot = await reserve();
        const wait = slot.latest - nowMs();
        if (wait > 0) await sleep(wait, signal);
        if (nowMs() - slot.earliest <= LATE_MS || attempt >= MAX_RETAKES) return;
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
