import { useMutation } from '@tanstack/react-query';
import { useMe } from '../auth/use-me';
import { useSessionCache } from '../auth/use-session-cache';
import { localeStore } from '../i18n/locale-store';
import type { Locale } from '../i18n/translate';
import { useTRPC } from '../trpc/trpc';

/** Applies at once; signed in, it is also saved to the profile (and rolled back if that fails). */
export function useChangeLocale() {
  const trpc = useTRPC();
  const { data: me } = useMe();
  const session = useSessionCache();
  const save = useMutation(
    trpc.auth.updateProfile.mutationOptions({
      onSuccess: (updated) => session.meUpdated(updated),
      onError: () => void session.refreshMe(),
    }),
  );

  return (locale: Locale) => {
    localeStore.set(locale);
    if (me && me.user.locale !== locale) {
      session.meUpdated({ ...me, user: { ...me.user, locale } });
      save.mutate({ locale });
    }
  };
}
