import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { faultProblem } from '../limits/fault-answer';
import { HttpProblem } from '../http/problem';
import { readBody } from '../http/read-body';
import { send, sendProblem } from '../http/respond';
import type { IssuedTokens, TokenError } from './token-store';

const common = {
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  redirect_uri: z.string().min(1),
};
const tokenRequest = z.discriminatedUnion('grant_type', [
  z.object({ ...common, grant_type: z.literal('authorization_code'), code: z.string().min(1) }),
  z.object({ ...common, grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1) }),
]);

/** Kommo's OAuth errors: problem+json with a human `hint` (API.md §1). */
function oauthProblem(status: 400 | 401, hint: string, detail: string): HttpProblem {
  return new HttpProblem(status, {
    hint,
    title: status === 401 ? 'Unauthorized' : 'Bad Request',
    type: 'https://developers.kommo.com/v4/errors/OAuthProblemJson',
    status,
    detail,
  });
}

/**
 * `POST /oauth2/access_token` (JSON, or form-encoded as some OAuth libraries send it). A fault
 * aimed at this path answers instead; a 'timeout' fault processes the grant and then never
 * answers — the "refresh succeeded but the answer was lost" case.
 */
export async function handleTokenRequest(
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const fault = ctx.faults.take(path);
  const faulted = fault ? faultProblem(fault) : null;
  if (faulted instanceof HttpProblem) return sendProblem(res, faulted);
  try {
    const result = exchange(ctx, await readBody(req));
    if (faulted === 'hold') return; // the server stopping closes the socket
    send(
      res,
      {
        status: 200,
        body: { token_type: 'Bearer', ...result, server_time: Math.floor(Date.now() / 1000) },
      },
      'application/json',
    );
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    if (faulted !== 'hold') sendProblem(res, err);
  }
}

function exchange(ctx: EmulatorContext, body: unknown): IssuedTokens {
  const grantType = z.looseObject({ grant_type: z.string() }).safeParse(body).data?.grant_type;
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    throw oauthProblem(
      400,
      'Check the `grant_type` parameter',
      'The authorization grant type is not supported by the authorization server.',
    );
  }
  const parsed = tokenRequest.safeParse(body);
  if (!parsed.success) {
    const missing = parsed.error.issues[0]?.path.join('.') ?? 'request';
    throw oauthProblem(
      400,
      `Check the \`${missing}\` parameter`,
      'The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
    );
  }
  const input = parsed.data;
  const client = ctx.clients.find((c) => c.clientId === input.client_id);
  if (!client || client.clientSecret !== input.client_secret) {
    throw oauthProblem(
      401,
      'Check the client_id and client_secret',
      'Client authentication failed',
    );
  }
  if (client.redirectUri && client.redirectUri !== input.redirect_uri) {
    throw oauthProblem(
      400,
      'Invalid redirect URI',
      'The redirect_uri does not match the integration settings.',
    );
  }
  const result: IssuedTokens | TokenError =
    input.grant_type === 'authorization_code'
      ? ctx.tokens.exchangeCode(input.client_id, input.code, input.redirect_uri)
      : ctx.tokens.refresh(input.client_id, input.refresh_token);
  if ('hint' in result) throw oauthProblem(result.status, result.hint, result.detail);
  return result;
}
