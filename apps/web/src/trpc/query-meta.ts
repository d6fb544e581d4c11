/**
 * Per-query/mutation switches read by the global error handler.
 * `inlineErrors: true`: the screen shows this error itself (a form, an error state), so the
 * handler neither toasts it nor treats UNAUTHORIZED as a lost session (e.g. wrong password).
 */
export interface AppQueryMeta extends Record<string, unknown> {
  inlineErrors?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: AppQueryMeta;
    mutationMeta: AppQueryMeta;
  }
}
