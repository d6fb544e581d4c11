/**
 * The `?next=` target after signing in, if it is a path of this app. Anything else (another
 * origin, `//host`, `javascript:`) is an open-redirect attempt and is ignored.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return null;
  if (next.startsWith('/sign-in') || next.startsWith('/sign-up')) return null;
  return next;
}

export function withNext(path: string, next: string | null | undefined): string {
  const safe = safeNextPath(next);
  return safe ? `${path}?next=${encodeURIComponent(safe)}` : path;
}
