/**
 * Kommo list parameters, PHP-style (https://developers.kommo.com/reference/leads-list):
 * `page`, `limit` ≤ 250, `with=a,b`, `filter[updated_at][from]=…`, `filter[id][]=…`,
 * `order[updated_at]=asc`, `query=` (full-text search).
 */
export type FilterValue =
  | string
  | number
  | boolean
  | Date
  | readonly (string | number)[]
  | { readonly [key: string]: FilterValue | undefined };

export interface ListParams {
  page?: number;
  /** ≤ 250 (Kommo's maximum); the client's default is 250 to keep request counts down. */
  limit?: number;
  with?: readonly string[];
  filter?: { readonly [key: string]: FilterValue | undefined };
  order?: { readonly [field: string]: 'asc' | 'desc' };
  query?: string | number;
}

export const MAX_PAGE_SIZE = 250;

export function buildQuery(params: ListParams = {}): URLSearchParams {
  const q = new URLSearchParams();
  if (params.page !== undefined) q.set('page', String(params.page));
  if (params.limit !== undefined) {
    if (!Number.isInteger(params.limit) || params.limit < 1 || params.limit > MAX_PAGE_SIZE) {
      throw new RangeError(`limit must be an integer 1…${MAX_PAGE_SIZE}, got ${params.limit}`);
    }
    q.set('limit', String(params.limit));
  }
  if (params.with?.length) q.set('with', params.with.join(','));
  if (params.query !== undefined) q.set('query', String(params.query));
  for (const [key, value] of Object.entries(params.filter ?? {})) {
    appendFilter(q, `filter[${key}]`, value);
  }
  for (const [field, direction] of Object.entries(params.order ?? {})) {
    q.set(`order[${field}]`, direction);
  }
  return q;
}

function appendFilter(q: URLSearchParams, key: string, value: FilterValue | undefined): void {
  if (value === undefined) return;
  if (value instanceof Date) {
    // Kommo timestamps are unix seconds.
    q.append(key, String(Math.floor(value.getTime() / 1000)));
  } else if (Array.isArray(value)) {
    for (const item of value) q.append(`${key}[]`, String(item));
  } else if (typeof value === 'object') {
    for (const [sub, subValue] of Object.entries(value))
      appendFilter(q, `${key}[${sub}]`, subValue);
  } else {
    q.append(key, String(value));
  }
}
