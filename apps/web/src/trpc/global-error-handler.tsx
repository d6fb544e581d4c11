import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionCache } from '../auth/use-session-cache';
import { useI18n } from '../i18n/i18n-context';
import { notifyError } from '../lib/notify';
import { apiErrorCode, describeApiError } from './api-error';
import type { AppQueryMeta } from './query-meta';

/**
 * One place for errors: a lost session goes to sign-in (the route guard redirects once
 * `auth.me` is null); an organisation that is gone reloads `auth.me`; anything a screen does not
 * show itself becomes a notification with the server's sentence.
 */
export function GlobalErrorHandler() {
  const queryClient = useQueryClient();
  const session = useSessionCache();
  const { t } = useI18n();

  useEffect(() => {
    function handle(error: unknown, meta: AppQueryMeta | undefined) {
      const code = apiErrorCode(error);
      // While signed out, UNAUTHORIZED is a form's answer (wrong password), not a lost session.
      if (code === 'UNAUTHORIZED' && session.current()) {
        notifyError(t('errors.sessionEnded.title'), t('errors.sessionEnded.message'));
        session.signedOut();
        return;
      }
      if (code === 'PRECONDITION_FAILED') void session.refreshMe();
      if (meta?.inlineErrors) return;
      const { title, message } = describeApiError(error, t);
      notifyError(title, message);
    }
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') {
        handle(event.action.error, event.query.meta);
      }
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') {
        handle(event.action.error, event.mutation?.meta);
      }
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, session, t]);

  return null;
}
