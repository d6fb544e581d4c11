import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { DomainError, type DomainErrorCode } from '@leadpilot/domain/errors';
import { ZodError } from 'zod';

// The one place domain errors become tRPC errors.
const codeFor: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
};

export function toTRPCError(error: DomainError): TRPCError {
  return new TRPCError({ code: codeFor[error.code], message: error.message, cause: error });
}

/** `a.b.0.c` → messages, for forms to show next to their fields. */
export function fieldErrorsOf(error: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function humanLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What a client sees of an error: a sentence a person understands, the code, field errors for
 * forms, and never a stack trace or the text of an unexpected error.
 */
export function formatError(error: TRPCError): {
  message: string;
  fieldErrors: Record<string, string[]> | null;
  retryAfterSeconds: number | null;
} {
  const cause = error.cause;
  if (cause instanceof ZodError) {
    const fieldErrors = fieldErrorsOf(cause);
    const summary = Object.entries(fieldErrors)
      .map(([path, messages]) =>
        path === '_' ? messages[0] : `${humanLabel(path)}: ${messages[0]}`,
      )
      .join(' ');
    return {
      message: summary || 'The request is not valid.',
      fieldErrors,
      retryAfterSeconds: null,
    };
  }
  if (cause instanceof DomainError) {
    return {
      message: cause.message,
      fieldErrors: cause.details.fieldErrors ?? null,
      retryAfterSeconds: cause.details.retryAfterSeconds ?? null,
    };
  }
  if (error.code === 'INTERNAL_SERVER_ERROR') {
    return {
      message: 'Something went wrong on our side. Please try again.',
      fieldErrors: null,
      retryAfterSeconds: null,
    };
  }
  return { message: error.message, fieldErrors: null, retryAfterSeconds: null };
}
