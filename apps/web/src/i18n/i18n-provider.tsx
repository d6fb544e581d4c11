import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useTRPC } from '../trpc/trpc';
import { dictionaries } from './dictionaries';
import { createFormatters } from './formatters';
import { I18nContext, type I18n } from './i18n-context';
import { localeStore } from './locale-store';
import { createTranslator, translatePlural } from './translate';

/** The signed-in user's saved language wins; signed out, the device's choice or the browser's. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const deviceLocale = useSyncExternalStore(localeStore.subscribe, localeStore.get);
  const userLocale = me.data?.user.locale;
  const locale = userLocale ?? deviceLocale;

  useEffect(() => {
    // Remember it for the sign-in page after signing out.
    if (userLocale) localeStore.set(userLocale);
  }, [userLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const dictionary = dictionaries[locale];
    return {
      locale,
      t: createTranslator(dictionary),
      tp: (base, count) => translatePlural(dictionary, locale, base, count),
      format: createFormatters(locale),
    };
  }, [locale]);

  return <I18nContext value={value}>{children}</I18nContext>;
}
