import type { Locale } from './translate';

// The language of signed-out pages: the last one chosen on this device, else the browser's.
const STORAGE_KEY = 'leadpilot.locale';
const listeners = new Set<() => void>();

function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ru';
}

export function detectBrowserLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

function read(): Locale | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // storage disabled (privacy mode): fall back to the browser language
  }
}

let current: Locale = read() ?? detectBrowserLocale();

export const localeStore = {
  get: (): Locale => current,
  set(locale: Locale): void {
    if (locale === current) return;
    current = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // not persisted; still applies to this tab
    }
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
