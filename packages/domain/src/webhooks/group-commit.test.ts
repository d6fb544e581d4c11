import { describe, expect, it, vi } from 'vitest';
import { createGroupCommit } from './group-commit';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('group commit', () => {
  it('writes what arrives while a flush is in flight as the next batch, results in order', async () => {
    const batches: number[][] = [];
    const gc = createGroupCommit<number, string>({
      maxConcurrent: 1,
      flush: async (items) => {
        batches.push(items);
        await tick();
        return items.map((i) => `ok ${i}`);
      },
    });
    const first = gc.submit(0);
    await new Promise((r) => setImmediate(r)); // the first flush has started
    const rest = Array.from({ length: 50 }, (_, i) => gc.submit(i + 1));
    expect(await Promise.all([first, ...rest])).toEqual(
      Array.from({ length: 51 }, (_, i) => `ok ${i}`),
    );
    expect(batches).toEqual([[0], Array.from({ length: 50 }, (_, i) => i + 1)]);
    expect(gc.stats()).toEqual({ flushes: 2, items: 51, largestBatch: 50 });
  });

  it('caps batch size and flushes in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const gc = createGroupCommit<number, number>({
      maxBatch: 10,
      maxConcurrent: 2,
      flush: async (items) => {
        most = Math.max(most, ++inFlight);
        await tick();
        inFlight--;
        return items;
      },
    });
    await Promise.all(Array.from({ length: 95 }, (_, i) => gc.submit(i)));
    expect(most).toBe(2);
    expect(gc.stats().largestBatch).toBe(10);
  });

  it('a failed flush rejects every item of its batch, and the next batch still runs', async () => {
    let fail = true;
    const gc = createGroupCommit<number, number>({
      flush: async (items) => {
        if (fail) throw new Error('database down');
        return items;
      },
    });
    const failed = await Promise.allSettled([gc.submit(1), gc.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await gc.submit(3)).toBe(3);
    await gc.drain();
  });

  it('leaves out items whose request gave up before their batch started', async () => {
    const written: number[] = [];
    const gc = createGroupCommit<number, number>({
      maxConcurrent: 1,
      flush: async (items) => {
        written.push(...items);
        await tick();
        return items;
      },
    });
    const busy = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const request = { abandoned: false, reason: undefined as unknown };
    const gaveUp = gc.submit(2, { signal: request });
    const kept = gc.submit(3);
    Object.assign(request, { abandoned: true, reason: new Error('answered 503') });
    await expect(gaveUp).rejects.toThrow('answered 503');
    expect(await Promise.all([busy, kept])).toEqual([1, 3]);
    expect(written).toEqual([1, 3]);
  });

  it('with overlapAfterMs, a second flush waits that long after the first started, gathering', async () => {
    const started: { at: number; items: number[] }[] = [];
    const release: (() => void)[] = [];
    const t0 = performance.now();
    const gc = createGroupCommit<number, number>({
      maxConcurrent: 4,
      overlapAfterMs: 300,
      flush: async (items) => {
        started.push({ at: performance.now() - t0, items });
        await new Promise<void>((r) => release.push(r));
        return items;
      },
    });
    const all = [gc.submit(0)];
    await new Promise((r) => setImmediate(r)); // the first flush has started at once
    expect(started.map((s) => s.items)).toEqual([[0]]);
    for (let i = 1; i <= 5; i++) all.push(gc.submit(i));
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toHaveLength(1); // still gathering
    // Polled rather than slept for, so a loaded test run cannot make it flaky.
    await vi.waitFor(() => expect(started).toHaveLength(2), { timeout: 3_000, interval: 10 });
    expect(started.map((s) => s.items)).toEqual([[0], [1, 2, 3, 4, 5]]);
    expect(started[1]!.at - started[0]!.at).toBeGreaterThanOrEqual(299);
    release.forEach((r) => r());
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('with overlapAfterMs, the next batch goes as soon as the flush in flight ends', async () => {
    const gc = createGroupCommit<number, number>({
      maxConcurrent: 4,
      overlapAfterMs: 10_000,
      flush: async (items) => {
        await tick();
        return items;
      },
    });
    const t0 = performance.now();
    const first = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    expect(await Promise.all([first, gc.submit(2), gc.submit(3)])).toEqual([1, 2, 3]);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(gc.stats()).toMatchObject({ flushes: 2, items: 3 });
    await gc.drain();
  });
});
