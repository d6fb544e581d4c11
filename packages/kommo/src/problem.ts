import { z } from 'zod';
import {
  KommoError,
  type KommoErrorInit,
  type KommoFieldError,
  KommoForbiddenError,
  KommoNotFoundError,
  KommoPaymentRequiredError,
  KommoRateLimitedError,
  KommoServerError,
  KommoUnauthorizedError,
  KommoValidationError,
} from './errors';

/**
 * Kommo's error bodies are problem+json (https://developers.kommo.com/docs/errors), except when
 * they are not (a 429 or a proxy's 502 may be HTML or plain text). We are already on the error path,
 * so every field is best-effort: a malformed field is dropped, never a reason to throw something else.
 */
const text = z.string().optional().catch(undefined);
const id = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);

const scalar = z.union([z.string(), z.number()]).transform(String).catch('');
const fieldErrorSchema = z.object({ code: scalar, path: scalar, detail: text });

const problemSchema = z.object({
  title: text,
  detail: text,
  // The OAuth endpoint explains itself in `hint` ("Cannot decrypt the authorization code").
  hint: text,
  trace_id: id,
  request_id: id,
  retry_after: z.coerce.number().nonnegative().optional().catch(undefined),
  'validation-errors': z
    .array(z.object({ request_id: id, errors: z.array(fieldErrorSchema).catch([]) }))
    .optional()
    .catch(undefined),
});

export interface Problem {
  title?: string;
  detail?: string;
  hint?: string;
  traceId?: string;
  retryAfterSeconds?: number;
  errors: KommoFieldError[];
  /** The first characters of a body that was not JSON, for the error message. */
  raw?: string;
}

export function readProblem(body: string): Problem {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const raw = body.trim().slice(0, 200);
    return raw ? { errors: [], raw } : { errors: [] };
  }
  const parsed = problemSchema.safeParse(json);
  if (!parsed.success) return { errors: [] };
  const p = parsed.data;
  const errors = (p['validation-errors'] ?? []).flatMap((group) =>
    group.errors.map((e) => ({
      code: e.code,
      path: e.path,
      detail: e.detail ?? '',
      ...(group.request_id === undefined ? {} : { requestId: group.request_id }),
    })),
  );
  return {
    ...(p.title === undefined ? {} : { title: p.title }),
    ...(p.detail === undefined ? {} : { detail: p.detail }),
    ...(p.hint === undefined ? {} : { hint: p.hint }),
    ...(p.trace_id === undefined ? {} : { traceId: p.trace_id }),
    ...(p.retry_after === undefined ? {} : { retryAfterSeconds: p.retry_after }),
    errors,
  };
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterHeader(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function describeProblem(problem: Problem): string {
  const parts = [problem.title, problem.detail, problem.hint, problem.raw].filter(
    (s): s is string => !!s,
  );
  const fields = problem.errors.map((e) => `${e.path}: ${e.detail || e.code}`);
  return [...parts, ...fields].join('; ');
}

/** Maps a non-2xx answer to the error class the app acts on. */
export function errorFromResponse(args: {
  status: number;
  method: string;
  path: string;
  problem: Problem;
  requestId?: string;
  retryAfterMs?: number;
}): KommoError {
  const { status, method, path, problem } = args;
  const what = describeProblem(problem);
  const message = `Kommo answered ${status} to ${method} ${path}${what ? `: ${what}` : ''}`;
  const requestId = problem.traceId ?? args.requestId;
  const init: KommoErrorInit = { status, path, ...(requestId ? { requestId } : {}) };
  if (status === 401) return new KommoUnauthorizedError(message, init);
  if (status === 402) return new KommoPaymentRequiredError(message, init);
  if (status === 403) return new KommoForbiddenError(message, init);
  if (status === 404) return new KommoNotFoundError(message, init);
  if (status === 400 || status === 422) {
    return new KommoValidationError(message, { ...init, errors: problem.errors });
  }
  if (status === 429) {
    return new KommoRateLimitedError(message, {
      ...init,
      ...(args.retryAfterMs === undefined ? {} : { retryAfterMs: args.retryAfterMs }),
    });
  }
  if (status >= 500) return new KommoServerError(message, init);
  return new KommoError(message, init);
}
