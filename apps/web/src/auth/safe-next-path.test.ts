import { describe, expect, it } from 'vitest';
import { safeNextPath, withNext } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps paths of this app', () => {
    expect(safeNextPath('/invite/abc')).toBe('/invite/abc');
    expect(safeNextPath('/agents?q=bot')).toBe('/agents?q=bot');
  });

  it('refuses other origins and tricks (open redirects)', () => {
    for (const next of [
      'https://evil.test',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '',
      null,
    ]) {
      expect(safeNextPath(next)).toBeNull();
    }
  });

  it('does not loop back to the auth pages', () => {
    expect(safeNextPath('/sign-in?next=/agents')).toBeNull();
  });

  it('builds the sign-in link that returns to an invitation', () => {
    expect(withNext('/sign-in', '/invite/tok')).toBe('/sign-in?next=%2Finvite%2Ftok');
    expect(withNext('/sign-in', 'https://evil.test')).toBe('/sign-in');
  });
});
