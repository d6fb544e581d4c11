import { createContext, useContext } from 'react';
import type { Formatters } from './formatters';
import type { Locale, PluralKey, Translate } from './translate';

export interface I18n {
  locale: Locale;
  t: Translate;
  /** Plural-aware: `tp('orgs.memberCount', 3)` */
  tp: (base: PluralKey, count: number) => string;
  format: Formatters;
}

export const I18nContext = createContext<I18n | null>(null);

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs <I18nProvider>');
  return i18n;
}
