export interface RecordedRequest {
  method: string;
  path: string;
  /** The raw query; repeated keys (`filter[id][]`) become arrays. */
  query: Record<string, string | string[]>;
  /** 0 while unanswered (a 'timeout' fault holds the request). */
  status: number;
  /** Arrival time, ms since the epoch. */
  at: number;
}

export interface RecordedWrite {
  method: string;
  path: string;
  body: unknown;
  at: number;
}

export function rawQuery(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = query[key];
    query[key] =
      prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return query;
}

/** Every API request and successful write, for assertions (`requests()`, `writes()`). */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly writes: RecordedWrite[] = [];
}
