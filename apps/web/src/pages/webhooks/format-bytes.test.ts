import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';

describe('formatBytes', () => {
  it('picks a unit and rounds like a person would', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1434, 'en')).toBe('1.4 KB');
    expect(formatBytes(20_000, 'en')).toBe('20 KB');
    expect(formatBytes(1024 * 1024, 'en')).toBe('1 MB');
    expect(formatBytes(1434, 'ru')).toBe('1,4 KB');
  });
});
