/**
 * Fetches numbered pages with up to `inFlight` requests at once, handing each page to `onPage` in
 * page order, until a page comes back short (fewer than `limit` items) or empty. Several requests
 * in flight keep the account's rate budget busy while each waits out Kommo's latency; the shared
 * rate limiter still spaces them (see integrations/rate-limiter.ts).
 */
export async function fetchPages<T>(options: {
  limit: number;
  inFlight: number;
  fetchPage: (page: number) => Promise<T[]>;
  onPage: (items: T[], page: number) => Promise<void>;
}): Promise<void> {
  const pending = new Map<number, Promise<T[]>>();
  let nextToStart = 1;
  let lastPage = Infinity;
  const fill = () => {
    while (pending.size < options.inFlight && nextToStart <= lastPage) {
      const page = nextToStart++;
      const promise = options.fetchPage(page);
      promise.catch(() => {}); // observed when awaited below
      pending.set(page, promise);
    }
  };
  for (let page = 1; page <= lastPage; page++) {
    fill();
    const promise = pending.get(page);
    if (!promise) break;
    const items = await promise;
    pending.delete(page);
    if (items.length < options.limit) lastPage = page; // later pages in flight are empty: ignore them
    if (items.length) await options.onPage(items, page);
  }
  await Promise.allSettled(pending.values());
}
