import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSession } from '@leadpilot/api/context';
import type { Auth } from '@leadpilot/domain/auth/lucia';
import { completeKommoConnect } from '@leadpilot/domain/integrations/connect';
import type { KommoDeps } from '@leadpilot/domain/integrations/kommo-client';
import { DomainError } from '@leadpilot/domain/errors';
import { KommoNetworkError } from '@leadpilot/kommo/errors';
import type { Logger } from '@leadpilot/runtime/logger';
import { cookieJar } from './cookies';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, message: string) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'DENY',
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)} · Leadpilot</title>
<style>body{font-family:system-ui,sans-serif;background:#f8f9fa;color:#1a1b1e;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #e9ecef;border-radius:12px;padding:32px;max-width:480px}h1{font-size:20px;margin:0 0 12px}
p{line-height:1.5;color:#495057}a{display:inline-block;margin-top:12px;background:#4552d3;color:#fff;padding:8px 16px;border-radius:8px;text-decoration:none}</style></head>
<body><main><h1>${escape(title)}</h1><p role="alert">${escape(message)}</p><a href="/integrations">Back to integrations</a></main></body></html>`);
}

/**
 * GET /oauth/kommo/callback — where Kommo (or the demo account) sends the admin's browser after
 * the consent page. Success lands on the integration page; a refusal shows what happened and how
 * to go on, and stores nothing.
 */
export function kommoOAuthCallback(deps: KommoDeps & { auth: Auth; log: Logger }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const { session, user } = await readSession(deps.auth, cookieJar(req, res));
    try {
      const { integrationId } = await completeKommoConnect(deps, {
        query: url.searchParams,
        session: session && user ? { id: session.id, userId: user.id } : null,
      });
      res.writeHead(302, {
        Location: `/integrations/${integrationId}?connected=1`,
        'Cache-Control': 'no-store',
      });
      res.end();
    } catch (error) {
      if (error instanceof DomainError)
        return page(res, 400, 'Kommo was not connected', error.message);
      if (error instanceof KommoNetworkError) {
        return page(
          res,
          502,
          'Kommo could not be reached',
          'Kommo did not answer in time. Nothing was connected; try again in a minute.',
        );
      }
      deps.log.error({ err: error }, 'kommo oauth callback failed');
      page(
        res,
        500,
        'Kommo was not connected',
        'Something went wrong on our side. Nothing was connected; please try again.',
      );
    }
  };
}
