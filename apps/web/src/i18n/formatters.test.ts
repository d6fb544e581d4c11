import { describe, expect, it } from 'vitest';
import { createFormatters } from './formatters';

describe('formatters', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('says how long ago in the active language', () => {
    const en = createFormatters('en');
    expect(en.relative(new Date('2026-03-10T11:57:00Z'), now)).toBe('3 minutes ago');
    expect(en.relative(new Date('2026-03-12T12:00:00Z'), now)).toBe('in 2 days');
    expect(en.relative(now, now)).toBe('now');
    expect(createFormatters('ru').relative(new Date('2026-03-10T07:00:00Z'), now)).toBe(
      '5 часов назад',
    );
  });

  it('names weekdays from Monday = 0, and languages by code', () => {
    expect(createFormatters('en').weekday(0)).toBe('Monday');
    expect(createFormatters('ru').weekday(6)).toBe('Воскресенье');
    expect(createFormatters('ru').languageName('en')).toBe('Английский');
  });
});
