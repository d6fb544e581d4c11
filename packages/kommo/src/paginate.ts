import type { z } from 'zod';
import { KommoContractError } from './errors';
import { buildQuery, type ListParams } from './query';
import type { HalPage } from './schemas/hal';
import type { Answer, Request } from './transport';

export interface PageOptions extends ListParams {
  /**
   * Sent with the first page only. Kommo answers 304 when nothing in the list changed since then,
   * and the iteration ends without items: "no changes", not "the list is empty" (Kommo asks for this
   * header on repeated reads: https://developers.kommo.com/docs/limitations).
   */
  ifModifiedSince?: Date;
  signal?: AbortSignal;
}

/**
 * Every item of a list, page by page. Follows `_links.next.href` until a 204 or a page without
 * `next`; a body with no `_links` at all falls back to `page + 1` while pages come back full (only
 * when `limit` is given: without it Kommo picks the page size). `page`/`limit` are sent only when
 * given, so unpaged lists (pipelines, webhooks) get no parameters they never documented. Next links
 * are followed on our own origin only, so the token never leaves it.
 */
export async function* paginate<T>(
  request: Request,
  path: string,
  schema: z.ZodType<HalPage<T>>,
  options: PageOptions = {},
): AsyncGenerator<T, void, undefined> {
  const { ifModifiedSince, signal, ...params } = options;
  const { limit } = params;
  let page = params.page ?? 1;
  let next: string | undefined = withQuery(path, buildQuery(params));
  const seen = new Set<string>();

  while (next !== undefined) {
    if (seen.has(next)) {
      throw new KommoContractError(`Kommo's next link for ${path} points back to ${next}`, {
        path,
      });
    }
    seen.add(next);
    const answer: Answer<HalPage<T>> = await request(
      {
        method: 'GET',
        path: next,
        ...(seen.size === 1 && ifModifiedSince ? { ifModifiedSince } : {}),
        ...(signal ? { signal } : {}),
      },
      schema,
    );
    if (answer.kind === 'empty') return;
    yield* answer.data.items;

    if (answer.data.next !== undefined) {
      const link: URL = new URL(answer.data.next, 'http://kommo.invalid');
      next = `${link.pathname}${link.search}`;
    } else if (!answer.data.hasLinks && limit !== undefined && answer.data.items.length >= limit) {
      page += 1;
      next = withQuery(path, buildQuery({ ...params, page }));
    } else {
      next = undefined;
    }
  }
}

function withQuery(path: string, query: URLSearchParams): string {
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** Collects a whole list (for small ones: pipelines, fields, users, sources, tags). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
