/**
 * Group commit: callers submit items one at a time; items that arrive while a flush is in flight
 * are written together by the next one. One transaction per batch instead of per item is what
 * takes the receiver from ~750 to thousands of webhooks/s (each commit's WAL flush and
 * graphile-worker's NOTIFY lock are paid once per batch), while a lone request still goes out at
 * once (no timer: the first item of an idle batcher is flushed on the next tick).
 */
export interface GroupCommitOptions<T, R> {
  /** Writes a batch; resolves with one result per item, in order. Rejecting fails every item. */
  flush: (items: T[]) => Promise<R[]>;
  /** Items per flush at most. */
  maxBatch?: number;
  /** Flushes in flight at once (each holds a database connection). */
  maxConcurrent?: number;
  /**
   * While a flush is in flight, the next one starts only this many ms after the last one started
   * (it gathers what arrives meanwhile); unset, it starts at once, up to maxConcurrent. An idle
   * batcher always flushes at once.
   */
  overlapAfterMs?: number;
}

export interface GroupCommit<T, R> {
  /**
   * Resolves once the item's batch is written. An item whose `signal` aborts before its batch
   * starts is left out (and rejected with the signal's reason): under overload, work for
   * requests already answered 503 is shed instead of adding to the queue.
   */
  submit(item: T, options?: { signal?: Abandonable }): Promise<R>;
  /** Resolves when everything submitted so far is settled. */
  drain(): Promise<void>;
  stats(): { flushes: number; items: number; largestBatch: number };
}

/** Set `abandoned` when the caller no longer waits (an AbortSignal per request costs too much). */
export interface Abandonable {
  abandoned: boolean;
  reason?: unknown;
}

interface Waiting<T, R> {
  item: T;
  signal?: Abandonable;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  const maxBatch = options.maxBatch ?? 500;
  const maxConcurrent = options.maxConcurrent ?? 4;
  let queue: Waiting<T, R>[] = [];
  const overlapAfterMs = options.overlapAfterMs ?? 0;
  let running = 0;
  let lastStart = 0;
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  const idle: (() => void)[] = [];
  const stats = { flushes: 0, items: 0, largestBatch: 0 };

  /** How long the next flush must still wait (see overlapAfterMs). */
  const overlapWait = () =>
    running > 0 && overlapAfterMs > 0 ? lastStart + overlapAfterMs - performance.now() : 0;

  function schedule() {
    if (timer && overlapWait() <= 0) {
      // Waiting for an overlap, but a flush ended (or enough time passed): go now.
      clearTimeout(timer);
      timer = undefined;
      scheduled = false;
    }
    if (scheduled || running >= maxConcurrent || queue.length === 0) {
      if (running === 0 && queue.length === 0) idle.splice(0).forEach((done) => done());
      return;
    }
    scheduled = true;
    const wait = overlapWait();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        run();
      }, wait);
      return;
    }
    // Let every request that arrived in this turn of the event loop join the batch.
    setImmediate(run);
  }

  function run() {
    scheduled = false;
    while (running < maxConcurrent && queue.length) {
      if (overlapWait() > 0) {
        schedule();
        return;
      }
      const taken = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      const batch = taken.filter((w) => {
        if (!w.signal?.abandoned) return true;
        w.reject(w.signal.reason);
        return false;
      });
      if (!batch.length) continue;
      running++;
      lastStart = performance.now();
      stats.flushes++;
      stats.items += batch.length;
      stats.largestBatch = Math.max(stats.largestBatch, batch.length);
      options
        .flush(batch.map((w) => w.item))
        .then(
          (results) => {
            if (results.length !== batch.length)
              throw new Error(`flush returned ${results.length} results for ${batch.length} items`);
            batch.forEach((w, i) => w.resolve(results[i]!));
          },
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
        .finally(() => {
          running--;
          schedule();
        });
    }
  }

  return {
    submit(item, options = {}) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, signal: options.signal, resolve, reject });
        schedule();
      });
    },
    drain() {
      if (running === 0 && queue.length === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
    stats: () => ({ ...stats }),
  };
}
