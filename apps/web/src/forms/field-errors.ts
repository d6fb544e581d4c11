import { issuePath, type ZodIssue } from './zod-issue-message';

/** An error shown under a field: from the client-side schema (translated) or from the server. */
export type FieldError = { kind: 'issue'; issue: ZodIssue } | { kind: 'server'; message: string };
export type FieldErrors = Record<string, FieldError>;

/** The first issue of each dotted path. */
export function errorsFromIssues(issues: readonly ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issuePath(issue) || '_';
    errors[path] ??= { kind: 'issue', issue };
  }
  return errors;
}

/** `error.data.fieldErrors` of a tRPC error (dotted paths, English sentences). */
export function errorsFromServer(fieldErrors: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const message = messages[0];
    if (message) errors[path] = { kind: 'server', message };
  }
  return errors;
}

export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Keeps the errors outside `prefix`, replaces those under it. */
export function replaceErrorsUnder(
  current: FieldErrors,
  next: FieldErrors,
  prefix: string,
): FieldErrors {
  const merged: FieldErrors = {};
  for (const [path, error] of Object.entries(current))
    if (!isUnder(path, prefix)) merged[path] = error;
  for (const [path, error] of Object.entries(next)) if (isUnder(path, prefix)) merged[path] = error;
  return merged;
}
