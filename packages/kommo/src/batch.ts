import { KommoServerError } from './errors';

/** Kommo takes ≤ 250 entities per write and recommends 50 (API.md §2). */
export const BATCH_SIZE = 50;

export type SendBatch<I, O> = (chunk: I[], options: { failFastOn504: boolean }) => Promise<O[]>;

/**
 * Sends `items` in chunks of ≤ 50, in order, results concatenated in input order. A 504 on a
 * chunk means "make the batch smaller and retry" (API.md §2): the chunk is halved and each half
 * sent on its own, down to single items, which then get the ordinary retries.
 */
export async function writeInBatches<I, O>(
  items: readonly I[],
  send: SendBatch<I, O>,
  size = BATCH_SIZE,
): Promise<O[]> {
  const results: O[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await sendSplitting(items.slice(i, i + size), send)));
  }
  return results;
}

async function sendSplitting<I, O>(chunk: I[], send: SendBatch<I, O>): Promise<O[]> {
  const splittable = chunk.length > 1;
  try {
    return await send(chunk, { failFastOn504: splittable });
  } catch (err) {
    if (!(splittable && err instanceof KommoServerError && err.status === 504)) throw err;
    const half = Math.ceil(chunk.length / 2);
    const first = await sendSplitting(chunk.slice(0, half), send);
    const second = await sendSplitting(chunk.slice(half), send);
    return [...first, ...second];
  }
}
