import type { Locale } from './translate';

export interface Formatters {
  date: (value: Date) => string;
  dateTime: (value: Date) => string;
  /** "3 minutes ago", "in 2 days" */
  relative: (value: Date, now?: Date) => string;
  days: (count: number) => string;
  languageName: (code: string) => string;
  weekday: (day: number) => string;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

// 1 January 2024 was a Monday: weekday names without a dictionary entry per language.
const MONDAY = Date.UTC(2024, 0, 1);

export function createFormatters(locale: Locale): Formatters {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' });
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });

  return {
    date: (value) => date.format(value),
    dateTime: (value) => dateTime.format(value),
    relative(value, now = new Date()) {
      const seconds = (value.getTime() - now.getTime()) / 1000;
      for (const [unit, size] of units) {
        if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
      }
      return relative.format(0, 'second');
    },
    days: (count) => days.format(count),
    languageName(code) {
      const name = languages.of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    },
    weekday(day) {
      const name = weekday.format(MONDAY + day * 24 * 3600 * 1000);
      return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
    },
  };
}
