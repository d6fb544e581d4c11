import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));
  it('round-trips, with a fresh IV every time', () => {
    const a = box.seal('refresh-token-Ω');
    expect(a).not.toContain('refresh-token');
    expect(box.seal('refresh-token-Ω')).not.toBe(a);
    expect(box.open(a)).toBe('refresh-token-Ω');
  });
  it('refuses tampered values and other keys', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
