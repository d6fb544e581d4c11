import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../root';
import type { TestClient } from './harness';

type Entry = inferRouterOutputs<AppRouter>['activity']['list']['items'][number];

/** An open `activity.onNew` subscription that collects what it receives, for assertions. */
export interface OpenFeed {
  received: Entry[];
  /** Resolves once `count` entries in total have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Entry[]>;
  /** The error the stream ended with, if it did. */
  ended(): Promise<unknown>;
  close(): void;
}

export async function openFeed(
  client: TestClient,
  input: { lastEventId?: string | null } = {},
): Promise<OpenFeed> {
  const controller = new AbortController();
  const stream = await client.call((api) => api.activity.onNew(input), {
    signal: controller.signal,
  });
  const received: Entry[] = [];
  const waiters = new Set<() => void>();
  const done = (async () => {
    try {
      for await (const envelope of stream) {
        // tracked(id, data) arrives as [id, data, marker]
        const [id, entry] = envelope as unknown as [string, Entry];
        if (id !== entry.id) throw new Error(`event id ${id} is not the entry's ${entry.id}`);
        received.push(entry);
        for (const w of waiters) w();
      }
      return null;
    } catch (error) {
      return error;
    } finally {
      for (const w of waiters) w();
    }
  })();
  let finished = false;
  void done.then(() => (finished = true));

  return {
    received,
    // Generous: on a loaded 2-core CI machine a live entry has been seen to take over 5 s.
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (finished) throw new Error(`the stream ended after ${received.length} of ${count}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`received ${received.length} of ${count} entries in time`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
      return received.slice(0, count);
    },
    ended: () => done,
    close: () => controller.abort(),
  };
}
