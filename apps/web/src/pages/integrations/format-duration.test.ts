import { describe, expect, it } from 'vitest';
import { formatDuration } from './format-duration';

describe('formatDuration', () => {
  it('uses the largest units that matter, rounded to seconds', () => {
    expect(formatDuration(0, 'en')).toBe('0 sec');
    expect(formatDuration(44_600, 'en')).toBe('45 sec');
    expect(formatDuration(185_000, 'en')).toBe('3 min 5 sec');
    expect(formatDuration(120_000, 'en')).toBe('2 min');
    expect(formatDuration(3_720_000, 'en')).toBe('1 hr 2 min');
  });

  it('speaks the interface language', () => {
    expect(formatDuration(185_000, 'ru')).toBe('3 мин 5 с');
  });

  it('never goes negative (clock skew)', () => {
    expect(formatDuration(-500, 'en')).toBe('0 sec');
  });
});
