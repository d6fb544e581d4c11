/**
 * A first-come, first-served cap on requests in flight, shared by every resource of a sync run:
 * however many resources are paging at once, the account's rate budget sees a steady queue of at
 * most `size` requests (the shared rate limiter then spaces them: integrations/rate-limiter.ts).
 */
export interface RequestPermits {
  /**
   * Runs `fn` once a permit is free. A task whose `skip()` is true by then is not run (resolves
   * with `fallback`): pages queued past a resource's end cost no request.
   */
  run<T>(fn: () => Promise<T>, options?: { skip?: () => boolean; fallback?: T }): Promise<T>;
}

export function createRequestPermits(size: number): RequestPermits {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return {
    async run(fn, options = {}) {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        if (options.skip?.()) return options.fallback as never;
        return await fn();
      } finally {
        release();
      }
    },
  };
}

/**
 * Fetches numbered pages and hands each to `onPage` in page order, until a page comes back short
 * (fewer than `limit` items) or empty. Up to `readAhead` pages are requested ahead of the one
 * being written, so a slow database write never leaves the rate budget idle; how many of them are
 * actually in flight is up to the shared `permits`. Pages still queued when the end is found are
 * dropped without a request.
 */
export async function fetchPages<T>(options: {
  limit: number;
  permits: RequestPermits;
  readAhead: number;
  fetchPage: (page: number) => Promise<T[]>;
  onPage: (items: T[], page: number) => Promise<void>;
}): Promise<void> {
  const { permits } = options;
  const pending = new Map<number, Promise<T[]>>();
  let nextToStart = 1;
  let lastPage = Infinity;
  const fill = (current: number) => {
    while (nextToStart <= lastPage && nextToStart < current + options.readAhead) {
      const page = nextToStart++;
      const promise = permits.run(() => options.fetchPage(page), {
        skip: () => page > lastPage,
        fallback: [],
      });
      promise.catch(() => {}); // observed when awaited below
      pending.set(page, promise);
    }
  };
  try {
    for (let page = 1; page <= lastPage; page++) {
      fill(page);
      const promise = pending.get(page);
      if (!promise) break;
      const items = await promise;
      pending.delete(page);
      if (items.length < options.limit) lastPage = page; // pages after it are empty: ignore them
      if (items.length) await options.onPage(items, page);
    }
  } finally {
    // On failure too: queued pages are skipped, none outlives the run.
    lastPage = 0;
    await Promise.allSettled(pending.values());
  }
}
