import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { KommoEmulator } from '../emulator';
import { HttpProblem, problem } from '../http/problem';
import { readBody } from '../http/read-body';
import { send, sendProblem, type HttpAnswer } from '../http/respond';
import { Router } from '../http/router';
import { faultSchema } from '../limits/faults';
import {
  callSchema,
  incomingMessageSchema,
  stageChangeSchema,
  taskSchema,
} from '../simulate/simulations';
import { SimulationError } from '../simulate/simulation-error';

interface AdminCall {
  body: unknown;
}

const longLivedSchema = z.strictObject({ days: z.number().int().min(1).max(1825).optional() });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw problem(400, z.prettifyError(parsed.error));
  return parsed.data;
}

const ok = (body?: unknown): HttpAnswer =>
  body === undefined ? { status: 204 } : { status: 200, body };

/**
 * `/_emulator/*`: the same controls as the TypeScript API, for the CLI, browser tests and other
 * processes. No auth, no rate limit; bodies are JSON checked with zod (bad input: 400).
 */
export function createAdminHandler(emulator: KommoEmulator) {
  const router = new Router<AdminCall, HttpAnswer | Promise<HttpAnswer>>()
    .on('POST', '/_emulator/faults', ({ body }) => {
      emulator.faults.inject(parse(faultSchema, body));
      return ok();
    })
    .on('DELETE', '/_emulator/faults', () => {
      emulator.faults.clear();
      return ok();
    })
    .on('POST', '/_emulator/tokens/expire', () => {
      emulator.tokens.expireAll();
      return ok();
    })
    .on('POST', '/_emulator/tokens/revoke', () => {
      emulator.tokens.revokeAll();
      return ok();
    })
    .on('POST', '/_emulator/tokens/long-lived', ({ body }) =>
      ok({ token: emulator.tokens.issueLongLived(parse(longLivedSchema, body).days) }),
    )
    .on('GET', '/_emulator/stats', () => ok(emulator.stats()))
    .on('GET', '/_emulator/requests', () => ok(emulator.requests()))
    .on('GET', '/_emulator/writes', () => ok(emulator.writes()))
    .on('GET', '/_emulator/deliveries', () => ok(emulator.deliveries()))
    .on('POST', '/_emulator/simulate/message', async ({ body }) => {
      await emulator.simulate.incomingMessage(parse(incomingMessageSchema, body));
      return ok();
    })
    .on('POST', '/_emulator/simulate/call', async ({ body }) => {
      await emulator.simulate.call(parse(callSchema, body));
      return ok();
    })
    .on('POST', '/_emulator/simulate/task', async ({ body }) => {
      await emulator.simulate.task(parse(taskSchema, body));
      return ok();
    })
    .on('POST', '/_emulator/simulate/stage-change', async ({ body }) => {
      await emulator.simulate.stageChange(parse(stageChangeSchema, body));
      return ok();
    });

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const match = router.match(req.method ?? 'GET', url.pathname);
    try {
      if (match === null) throw problem(404, `No admin endpoint ${url.pathname}`);
      if (match === 'method') throw problem(405, 'Method Not Allowed');
      const body = req.method === 'GET' ? undefined : await readBody(req, { jsonFirst: true });
      send(res, await match.handler({ body }, match.params), 'application/json');
    } catch (err) {
      if (err instanceof SimulationError) return sendProblem(res, problem(400, err.message));
      if (err instanceof HttpProblem) return sendProblem(res, err);
      console.error('[kommo-emulator] admin request failed', err);
      sendProblem(res, problem(500, err instanceof Error ? err.message : String(err)));
    }
  };
}
