import type { Locale } from '../../i18n/translate';

/** "45 sec", "3 min 5 sec", "1 hr 2 min" in the interface language (rounded to seconds). */
export function formatDuration(ms: number, locale: Locale): string {
  const unit = (unit: 'second' | 'minute' | 'hour', value: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0)
    return minutes > 0 ? `${unit('hour', hours)} ${unit('minute', minutes)}` : unit('hour', hours);
  if (minutes > 0) {
    return seconds > 0
      ? `${unit('minute', minutes)} ${unit('second', seconds)}`
      : unit('minute', minutes);
  }
  return unit('second', seconds);
}
