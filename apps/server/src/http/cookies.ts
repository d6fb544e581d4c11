import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CookieJar } from '@leadpilot/api/context';

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (out.has(name)) continue; // the first (most specific path) wins, as browsers order them
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // a malformed value is ignored rather than failing the request
    }
  }
  return out;
}

export function cookieJar(req: IncomingMessage, res: ServerResponse): CookieJar {
  const cookies = parseCookies(req.headers.cookie);
  return {
    get: (name) => cookies.get(name),
    set: (serialized) => res.appendHeader('Set-Cookie', serialized),
  };
}
