import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('keyset cursors', () => {
  it('round-trips a position', () => {
    const k = {
      createdAt: new Date('2026-01-02T03:04:05.678Z'),
      id: '01a22c82-8d28-76c3-8a23-75dc624277f6',
    };
    expect(decodeCursor(encodeCursor(k))).toEqual(k);
  });

  it('rejects a forged cursor as a client mistake', () => {
    for (const bad of [
      'garbage',
      Buffer.from('2026-01-01|not-a-uuid').toString('base64url'),
      Buffer.from('nope|01a22c82-8d28-76c3-8a23-75dc624277f6').toString('base64url'),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('trims the look-ahead row and points the next page at the last row shown', () => {
    const rows = [1, 2, 3].map((n) => ({
      createdAt: new Date(n * 1000),
      id: `0000000${n}-0000-0000-0000-000000000000`,
    }));
    const page = toPage(rows, 2);
    expect(page.items).toHaveLength(2);
    expect(decodeCursor(page.nextCursor)).toEqual(rows[1]);
    expect(toPage(rows, 3).nextCursor).toBeNull();
  });
});
