import type { IncomingMessage } from 'node:http';

function firstHeader(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;
}

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  return (
    (trustProxy && firstHeader(req, 'x-forwarded-for')) || req.socket.remoteAddress || 'unknown'
  );
}

/** The origin the browser believes it is talking to. */
export function selfOrigin(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const host = (trustProxy && firstHeader(req, 'x-forwarded-host')) || req.headers.host;
  if (!host) return undefined;
  const proto =
    (trustProxy && firstHeader(req, 'x-forwarded-proto')) ||
    ('encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http');
  return `${proto}://${host}`;
}
