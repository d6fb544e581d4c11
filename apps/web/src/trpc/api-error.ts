import { TRPCClientError } from '@trpc/client';
import type { Translate } from '../i18n/translate';

export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR';

const knownCodes: readonly string[] = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'TOO_MANY_REQUESTS',
  'INTERNAL_SERVER_ERROR',
];

function dataOf(error: unknown): Record<string, unknown> | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
}

/** The tRPC error code, or null when the server never answered (network, proxy, crash). */
export function apiErrorCode(error: unknown): ApiErrorCode | null {
  const code = dataOf(error)?.code;
  if (typeof code !== 'string') return null;
  return knownCodes.includes(code) ? (code as ApiErrorCode) : 'INTERNAL_SERVER_ERROR';
}

/** `error.data.fieldErrors`: dotted path → messages. */
export function apiFieldErrors(error: unknown): Record<string, string[]> | null {
  const fieldErrors = dataOf(error)?.fieldErrors;
  if (typeof fieldErrors !== 'object' || fieldErrors === null) return null;
  const out: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    if (Array.isArray(messages))
      out[path] = messages.filter((m): m is string => typeof m === 'string');
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function apiRetryAfterSeconds(error: unknown): number | null {
  const seconds = dataOf(error)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : null;
}

/**
 * A title in the interface language and the server's own sentence (it is written for people and
 * never carries a stack). Without a server answer: a translated network message instead.
 */
export function describeApiError(error: unknown, t: Translate): { title: string; message: string } {
  const code = apiErrorCode(error);
  if (!code || !(error instanceof TRPCClientError)) {
    return { title: t('errors.network.title'), message: t('errors.network.message') };
  }
  const title = t(`errors.code.${code}`);
  if (code === 'INTERNAL_SERVER_ERROR') return { title, message: t('errors.internal.message') };
  return { title, message: error.message || title };
}
