import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createContext } from '@leadpilot/api/context';
import { appRouter } from '@leadpilot/api/root';
import type { Db } from '@leadpilot/db/client';
import { createActivityHub } from '@leadpilot/domain/activity/activity-hub';
import { createPgPool } from '@leadpilot/db/pool';
import { createAuth } from '@leadpilot/domain/auth/lucia';
import type { SecretBox } from '@leadpilot/domain/crypto/secret-box';
import type { KommoConfig } from '@leadpilot/domain/integrations/kommo-config';
import { handleRevokedHook } from '@leadpilot/domain/integrations/revoked-hook';
import { createWebhookReceiver } from '@leadpilot/domain/webhooks/receive-webhook';
import { createWebhookAuthenticator } from '@leadpilot/domain/webhooks/webhook-auth';
import type { ServerEnv } from './env';
import { kommoOAuthCallback } from './http/kommo-oauth';
import { kommoWebhookHandler, redactWebhookUrl } from './http/kommo-webhook';
import { cookieJar } from './http/cookies';
import { csrfRejection } from './http/csrf';
import { readiness } from './http/health';
import { clientIp } from './http/request-info';
import { staticFiles } from './http/static-files';
import type { Logger } from '@leadpilot/runtime/logger';

export interface LeadpilotServer {
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * The HTTP server, composed in order: request id + access log → health → Kommo webhooks → CSRF →
 * tRPC at /trpc (queries, mutations, SSE subscriptions fed by the activity hub) → Kommo OAuth
 * callback and access-revoked hook → static web app → 404; with a last-resort error handler.
 * `stop()` drains in-flight requests and webhook batches, closes open SSE streams and the hub's
 * LISTEN connection.
 */
export interface ServerDeps {
  db: Db;
  log: Logger;
  box: SecretBox;
  kommo: KommoConfig;
}

export function createServer(options: { env: ServerEnv } & ServerDeps): LeadpilotServer {
  const { env, db, log, box, kommo } = options;
  const appOrigin = env.APP_URL ? new URL(env.APP_URL).origin : undefined;
  // Sessions and the hottest reads go through a small plain-pg pool (see session-adapter.ts).
  const pg = createPgPool(env.DATABASE_URL, { max: 6 });
  const auth = createAuth(pg, { secureCookies: appOrigin?.startsWith('https:') ?? false });
  const oauthCallback = kommoOAuthCallback({ db, pg, box, kommo, auth, log });
  // One LISTEN connection per process fans new feed entries out to this process's SSE streams.
  const activity = createActivityHub({
    connectionString: env.DATABASE_URL,
    onError: (message, err) => log.warn({ err }, message),
  });
  const ready = readiness(db);
  const streams = new Set<ServerResponse>();
  const serveStatic = env.WEB_DIST ? staticFiles(env.WEB_DIST) : () => false;
  // Webhooks are stored through a small pg pool of their own (see store-deliveries.ts), kept
  // connected: a burst after a quiet spell would otherwise wait for new connections (SCRAM
  // authentication costs each one milliseconds of CPU) while Kommo's 2 s clock runs.
  const webhookPool = createPgPool(env.DATABASE_URL, {
    // One connection per flush in flight, and two spare.
    max: env.WEBHOOK_FLUSH_CONCURRENCY + 2,
    idleTimeoutMillis: 0,
  });
  const webhookReceiver = createWebhookReceiver({
    pool: webhookPool,
    maxConcurrentFlushes: env.WEBHOOK_FLUSH_CONCURRENCY,
    flushOverlapMs: env.WEBHOOK_FLUSH_OVERLAP_MS,
    log,
    auth: createWebhookAuthenticator({ db, box }),
  });
  const kommoWebhook = kommoWebhookHandler({
    receiver: webhookReceiver,
    maxBytes: env.WEBHOOK_MAX_BYTES,
  });

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, res }) =>
      createContext(
        { db, pg, auth, box, kommo, activity },
        {
          cookies: cookieJar(req, res),
          ip: clientIp(req, env.TRUST_PROXY),
          requestId: String(res.getHeader('X-Request-Id')),
        },
      ),
    onError({ error, path, ctx }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error(
          { err: error.cause ?? error, path, requestId: ctx?.requestId },
          'procedure failed',
        );
      }
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const requestId =
      (typeof req.headers['x-request-id'] === 'string' &&
        req.headers['x-request-id'].slice(0, 100)) ||
      randomUUID();
    res.setHeader('X-Request-Id', requestId);
    if (log.isLevelEnabled('info')) {
      const started = performance.now();
      res.on('finish', () => {
        log.info(
          {
            requestId,
            method: req.method,
            url: redactWebhookUrl(req.url ?? ''),
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      });
    }

    const url = new URL(req.url ?? '/', 'http://localhost');
    const pathname = url.pathname;
    if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (pathname === '/readyz') {
      const result = await ready();
      return sendJson(res, result.ok ? 200 : 503, result);
    }
    // Before CSRF: Kommo is no browser; the URL's secret is the credential.
    if (pathname.startsWith('/webhooks/kommo/') && (await kommoWebhook(req, res, pathname))) return;
    const refusal = csrfRejection(req, { trustProxy: env.TRUST_PROXY, appOrigin });
    if (refusal) return sendJson(res, 403, { error: { message: refusal } });
    if (pathname.startsWith('/trpc/')) {
      // Subscriptions stream over SSE (GET, so CSRF lets them through like any read): they
      // never go idle, so stop() closes them itself and clients reconnect to another process.
      if (req.headers.accept?.includes('text/event-stream')) {
        streams.add(res);
        res.once('close', () => streams.delete(res));
      }
      return trpc(req, res);
    }
    if (pathname === '/oauth/kommo/callback' && req.method === 'GET')
      return oauthCallback(req, res, url);
    if (pathname === '/webhooks/kommo/revoked' && req.method === 'GET') {
      const valid = await handleRevokedHook({ db, kommo }, url.searchParams);
      return sendJson(
        res,
        valid ? 200 : 403,
        valid ? { ok: true } : { error: { message: 'Invalid signature.' } },
      );
    }
    if (serveStatic(req, res, pathname)) return;
    sendJson(res, 404, { error: { message: 'Not found.' } });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'unhandled request error');
      if (!res.headersSent)
        sendJson(res, 500, {
          error: { message: 'Something went wrong on our side. Please try again.' },
        });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;

  return {
    start: async () => {
      await activity.start();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(env.PORT, env.HOST, () => {
          const { port } = server.address() as AddressInfo;
          const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
          resolve({ url: `http://${host}:${port}` });
        });
      });
    },
    stop: async () => {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          void webhookReceiver
            .drain()
            .then(() => webhookPool.end())
            .then(resolve);
        });
        server.closeIdleConnections();
        for (const stream of streams) stream.destroy();
      });
      await Promise.all([activity.close(), pg.end()]);
    },
  };
}
