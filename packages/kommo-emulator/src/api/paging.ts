import type { HttpAnswer } from '../http/respond';
import { problems } from '../http/problem';
import type { ApiCall } from './api-call';
import { stringOf } from './query-params';

export const MAX_LIMIT = 250;

/** `page` (from 1) and `limit` (≤ 250, default 50); out of range is a 400 like Kommo's. */
export function pageParams(
  call: ApiCall,
  maxLimit = MAX_LIMIT,
  defaultLimit = 50,
): { page: number; limit: number } {
  const rawPage = stringOf(call.query.page);
  const rawLimit = stringOf(call.query.limit);
  const page = rawPage === undefined ? 1 : Number(rawPage);
  const limit = rawLimit === undefined ? defaultLimit : Number(rawLimit);
  const errors = [];
  if (!Number.isInteger(page) || page < 1) {
    errors.push({
      code: 'InvalidValue',
      path: 'page',
      detail: 'This value should be greater than or equal to 1.',
    });
  }
  if (!Number.isInteger(limit) || limit < 1) {
    errors.push({
      code: 'InvalidValue',
      path: 'limit',
      detail: 'This value should be greater than or equal to 1.',
    });
  } else if (limit > maxLimit) {
    errors.push({
      code: 'InvalidValue',
      path: 'limit',
      detail: `This value should be less than or equal to ${maxLimit}.`,
    });
  }
  if (errors.length) throw problems.validation([{ request_id: '0', errors }]);
  return { page, limit };
}

function pageHref(call: ApiCall, page: number, limit: number): string {
  const params = new URLSearchParams(call.url.search);
  params.delete('page');
  params.delete('limit');
  params.set('page', String(page));
  params.set('limit', String(limit));
  return `${call.ctx.url()}${call.url.pathname}?${params.toString()}`;
}

/**
 * A HAL page: `_page`, `_links.self/next/prev`, items under `_embedded.<key>`. An empty page is
 * 204 with no body. `next` is offered whenever the page is full — so a list whose size is a
 * multiple of the limit ends with a 204, as Kommo's do. `totals` adds `_total_items` and
 * `_page_count`, which Kommo sends on account-level lists (custom fields, users); those know
 * their size, so `next` appears only when another page exists.
 */
export function halPage<T>(
  call: ApiCall,
  key: string,
  items: T[],
  serialize: (item: T) => unknown,
  opts: { maxLimit?: number; defaultLimit?: number; totals?: boolean } = {},
): HttpAnswer {
  const { page, limit } = pageParams(call, opts.maxLimit, opts.defaultLimit);
  const slice = items.slice((page - 1) * limit, page * limit);
  if (!slice.length) return { status: 204 };
  const links: Record<string, { href: string }> = { self: { href: pageHref(call, page, limit) } };
  const hasNext = opts.totals ? page * limit < items.length : slice.length === limit;
  if (hasNext) links.next = { href: pageHref(call, page + 1, limit) };
  if (page > 1) links.prev = { href: pageHref(call, page - 1, limit) };
  return {
    status: 200,
    body: {
      ...(opts.totals
        ? { _total_items: items.length, _page_count: Math.max(1, Math.ceil(items.length / limit)) }
        : {}),
      _page: page,
      _links: links,
      _embedded: { [key]: slice.map(serialize) },
    },
  };
}
