import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { csrfRejection } from './csrf';
import { parseCookies } from './cookies';

const req = (method: string, headers: Record<string, string>) =>
  ({
    method,
    headers: { host: 'app.local:3000', ...headers },
    socket: {},
  }) as unknown as IncomingMessage;

describe('csrfRejection', () => {
  const opts = { trustProxy: false, appOrigin: 'https://leadpilot.example.com' };
  it('lets safe methods through', () => {
    expect(csrfRejection(req('GET', { origin: 'https://evil.example' }), opts)).toBeNull();
  });
  it('accepts the same origin and the configured app origin', () => {
    expect(csrfRejection(req('POST', { origin: 'http://app.local:3000' }), opts)).toBeNull();
    expect(
      csrfRejection(req('POST', { origin: 'https://leadpilot.example.com' }), opts),
    ).toBeNull();
  });
  it('refuses other origins, "null" origins and cross-site fetches without Origin', () => {
    expect(csrfRejection(req('POST', { origin: 'https://evil.example' }), opts)).toMatch(/refused/);
    expect(csrfRejection(req('POST', { origin: 'null' }), opts)).toMatch(/refused/);
    expect(csrfRejection(req('POST', { 'sec-fetch-site': 'cross-site' }), opts)).toMatch(/refused/);
    expect(csrfRejection(req('POST', { 'sec-fetch-site': 'same-site' }), opts)).toMatch(/refused/);
  });
  it('uses X-Forwarded-Host/Proto only behind a trusted proxy', () => {
    const proxied = req('POST', {
      origin: 'https://public.example',
      'x-forwarded-host': 'public.example',
      'x-forwarded-proto': 'https',
    });
    expect(csrfRejection(proxied, { trustProxy: true })).toBeNull();
    expect(csrfRejection(proxied, { trustProxy: false })).toMatch(/refused/);
  });
});

describe('parseCookies', () => {
  it('reads cookies, keeps the first of duplicates and ignores malformed values', () => {
    const c = parseCookies('a=1; b=%E2%9C%93; a=2; bad=%E0%A4%A; =x');
    expect(c.get('a')).toBe('1');
    expect(c.get('b')).toBe('✓');
    expect(c.has('bad')).toBe(false);
  });
});
