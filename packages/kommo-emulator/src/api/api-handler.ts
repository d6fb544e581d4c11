import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorContext } from '../context';
import { faultProblem } from '../limits/fault-answer';
import { HttpProblem, problems } from '../http/problem';
import { readBody } from '../http/read-body';
import { rawQuery, type RecordedRequest } from '../http/request-log';
import { send, sendProblem, type HttpAnswer } from '../http/respond';
import { decodePhpForm } from '../webhooks/php-form';
import type { ApiCall } from './api-call';
import { registerAccountRoutes } from './routes/account-routes';
import { registerActivityRoutes } from './routes/activity-routes';
import { createApiRouter } from './routes/api-router';
import { registerEntityRoutes } from './routes/entity-routes';
import { registerIntegrationRoutes } from './routes/integration-routes';
import { registerLinkRoutes } from './routes/link-routes';

/**
 * Every `/api/*` request goes through the same steps, in Kommo's order as far as a client can
 * tell: count the attempt (rejected ones count too), injected fault, rate limit, latency,
 * Bearer token, route, handler. Each request is recorded; successful writes are too.
 */
export function createApiHandler(ctx: EmulatorContext) {
  const router = createApiRouter();
  registerAccountRoutes(router);
  registerLinkRoutes(router);
  registerActivityRoutes(router);
  registerIntegrationRoutes(router);
  registerEntityRoutes(router);

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: rawQuery(url.searchParams),
      status: 0,
      at: Date.now(),
    };
    ctx.log.requests.push(record);
    const answer = (a: HttpAnswer) => {
      record.status = a.status;
      send(res, a);
    };
    const fail = (p: HttpProblem) => {
      record.status = p.status;
      sendProblem(res, p);
    };

    const admission = ctx.limiter.attempt();
    const fault = ctx.faults.take(url.pathname);
    if (ctx.latencyMs > 0) await sleep(ctx.latencyMs);
    if (fault) {
      const p = faultProblem(fault);
      if (p === 'hold') return; // answered by nobody: the client times out or the server stops
      if (fault.kind === '429') ctx.limiter.rateLimited++;
      return fail(p);
    }
    if (!admission.allowed) return fail(problems.tooManyRequests(admission.retryAfter, true));

    const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const user = auth?.[1] ? ctx.tokens.authenticate(auth[1].trim()) : null;
    if (!user) return fail(problems.unauthorized());

    const match = router.match(method, url.pathname);
    if (match === null) return fail(problems.notFound());
    if (match === 'method') return fail(problems.methodNotAllowed());
    try {
      const call: ApiCall = {
        ctx,
        method,
        path: url.pathname,
        url,
        query: decodePhpForm(url.searchParams),
        body: method === 'GET' ? undefined : await readBody(req),
        headers: req.headers,
        userId: user.userId,
      };
      const result = await match.handler(call, match.params);
      if (method !== 'GET' && result.status < 300) {
        ctx.log.writes.push({ method, path: url.pathname, body: call.body, at: record.at });
      }
      answer(result);
    } catch (err) {
      if (err instanceof HttpProblem) return fail(err);
      console.error('[kommo-emulator] handler failed', err);
      fail(problems.serverError());
    }
  };
}
