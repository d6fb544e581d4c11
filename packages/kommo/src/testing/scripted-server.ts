import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** What the server saw of one request. */
export interface Seen {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** `JSON.parse(body)` when it parses. */
  json: unknown;
}

/** `hang`: never answer (timeouts); `reset`: destroy the socket (connection errors). */
export type Reply =
  | { status: number; json?: unknown; body?: string; headers?: Record<string, string> }
  | 'hang'
  | 'reset';

/**
 * A tiny HTTP server for unit tests that need exact control over what Kommo answers: each request
 * gets the reply the script returns for it (`n` counts from 0).
 */
export async function startScriptedServer(script: (req: Seen, n: number) => Reply) {
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const seen: Seen = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://scripted.test'),
        headers: req.headers,
        body,
        json,
      };
      requests.push(seen);
      const reply = script(seen, requests.length - 1);
      if (reply === 'hang') return;
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
      res.writeHead(reply.status, {
        ...(reply.json !== undefined ? { 'Content-Type': 'application/hal+json' } : {}),
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on, for "connection refused". */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A HAL page body. */
export function halPage(key: string, items: unknown[], next?: string) {
  return {
    _page: 1,
    _links: { self: { href: 'x' }, ...(next ? { next: { href: next } } : {}) },
    _embedded: { [key]: items },
  };
}

function portOf(server: Server): number {
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return address.port;
}
