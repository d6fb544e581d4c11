import { randomBytes } from 'node:crypto';
import type { EntityIssues } from '../model/validation-issue';

/**
 * An answer other than success, thrown by handlers and written by the server. Kommo's API errors
 * are `application/problem+json` `{title, type, status, detail}`; gateway errors (502/504) come
 * from its nginx as HTML, and a 429 may be plain text.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown> | string,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'string' ? body : String(body.detail ?? body.title ?? status));
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}) {
  return new HttpProblem(status, {
    title: TITLES[status] ?? 'Error',
    type: `https://httpstatus.es/${status}`,
    status,
    detail,
    ...extra,
  });
}

export const problems = {
  unauthorized: () => problem(401, 'Unauthorized'),
  /** Not an error, but it ends a handler the same way: no body. */
  notModified: () => new HttpProblem(304, ''),
  notFound: (detail = 'Not Found') => problem(404, detail),
  methodNotAllowed: () => problem(405, 'Method Not Allowed'),
  badRequest: (detail: string) => problem(400, detail),
  validation: (issues: EntityIssues[]) =>
    problem(400, 'Request validation failed', { 'validation-errors': issues }),
  /** > 250 entities in one write (API.md §2). */
  batchTooLarge: () => problem(422, 'Limit 250 per page'),
  paymentRequired: () => problem(402, 'Payment Required: the account is not paid'),
  forbidden: (detail: string) => problem(403, detail),
  serverError: () =>
    problem(500, 'Internal Server Error', { trace_id: randomBytes(8).toString('hex') }),
  tooManyRequests: (retryAfter: number, json: boolean) =>
    json
      ? new HttpProblem(
          429,
          {
            title: TITLES[429],
            type: 'https://httpstatus.es/429',
            status: 429,
            detail: 'Too Many Requests',
            retry_after: retryAfter,
          },
          { 'Retry-After': String(retryAfter) },
        )
      : new HttpProblem(429, 'Too Many Requests', { 'Retry-After': String(retryAfter) }),
  gateway: (status: 502 | 504) => {
    const text = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
    return new HttpProblem(
      status,
      `<html>\r\n<head><title>${text}</title></head>\r\n<body>\r\n<center><h1>${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      { 'Content-Type': 'text/html' },
    );
  },
};
