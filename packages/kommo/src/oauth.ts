import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { parseContract } from './contract';
import { KommoNetworkError, KommoUnauthorizedError } from './errors';
import { describeProblem, errorFromResponse, readProblem } from './problem';
import type { TokenPair } from './token-provider';

/**
 * Kommo OAuth 2.0 (API.md §1, https://developers.kommo.com/docs/oauth-20): consent URL, the
 * redirect back to us, code exchange, refresh, and the "access revoked" hook.
 */
export const DEFAULT_CONSENT_URL = 'https://www.kommo.com/oauth';

/** Account hosts Kommo redirects with (`referer`); anything else is refused by `parseCallback`. */
export const KOMMO_HOST_SUFFIXES: readonly string[] = ['.kommo.com', '.amocrm.ru', '.amocrm.com'];

/** `hostname[:port]`, lower case: DNS labels only, no scheme, path, user info or IP-literal tricks. */
const HOST_RE =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

/** `popup`: the redirect happens in the main window; `post_message`: inside the popup. */
export function buildConsentUrl(input: {
  consentUrl?: string;
  clientId: string;
  state: string;
  mode: 'popup' | 'post_message';
}): string {
  const url = new URL(input.consentUrl ?? DEFAULT_CONSENT_URL);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('state', input.state);
  url.searchParams.set('mode', input.mode);
  return url.toString();
}

export type OAuthCallback =
  | { kind: 'code'; code: string; host: string; state: string }
  | { kind: 'denied'; state: string | undefined }
  | { kind: 'invalid'; reason: string };

const callbackSchema = z.object({
  code: z.string({ error: 'the code is missing' }).min(1, 'the code is empty'),
  referer: z
    .string({ error: 'the referer (account host) is missing' })
    .trim()
    .toLowerCase()
    .max(259, 'the referer is too long')
    .regex(HOST_RE, 'the referer is not a host name'),
  // We always send a state; a callback without one cannot be tied to the session that asked.
  state: z.string({ error: 'the state is missing' }).min(1, 'the state is empty'),
});

/**
 * Reads Kommo's redirect: `?code&referer&state` on allow, `?error=access_denied&state` on deny.
 * The host must be allowed: `exchangeCode` posts our client secret to it, so a forged `referer`
 * would hand the secret to whoever forged it. `allowedHosts` entries starting with a dot match
 * subdomains (`.kommo.com`); others match exactly (`localhost:4010` for the emulator).
 */
export function parseCallback(
  query: URLSearchParams,
  options: { allowedHosts?: readonly string[] } = {},
): OAuthCallback {
  const error = query.get('error');
  if (error === 'access_denied') return { kind: 'denied', state: query.get('state') ?? undefined };
  if (error) return { kind: 'invalid', reason: `Kommo answered with error "${error}"` };

  const parsed = callbackSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) {
    return { kind: 'invalid', reason: parsed.error.issues.map((i) => i.message).join('; ') };
  }
  const { code, referer: host, state } = parsed.data;
  if (!isAllowedHost(host, options.allowedHosts ?? KOMMO_HOST_SUFFIXES)) {
    return { kind: 'invalid', reason: `the referer ${host} is not a Kommo account host` };
  }
  return { kind: 'code', code, host, state };
}

function isAllowedHost(host: string, allowed: readonly string[]): boolean {
  const name = host.replace(/:\d+$/, '');
  return allowed.some((entry) =>
    entry.startsWith('.') ? name.endsWith(entry) && name.length > entry.length : host === entry,
  );
}

/** The account's API origin from the callback's host: `https://shop.kommo.com`. */
export function accountBaseUrl(host: string, scheme: 'https' | 'http' = 'https'): string {
  if (!HOST_RE.test(host)) throw new RangeError(`"${host}" is not a host name`);
  return `${scheme}://${host}`;
}

export interface TokenRequestOptions {
  /** The account origin (`accountBaseUrl(host)`). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Trades the callback's code (valid 20 minutes, single use) for a token pair. */
export function exchangeCode(input: TokenRequestOptions & { code: string }): Promise<TokenPair> {
  return tokenRequest(input, { grant_type: 'authorization_code', code: input.code });
}

/**
 * A new pair from a refresh token. Refresh tokens are single-use in practice: persist the new pair
 * before using it. On `KommoNetworkError` retrying with the same refresh token is allowed (API.md §1);
 * `KommoUnauthorizedError` means the connection is gone and the user must reconnect.
 */
export function refreshTokens(
  input: TokenRequestOptions & { refreshToken: string },
): Promise<TokenPair> {
  return tokenRequest(input, { grant_type: 'refresh_token', refresh_token: input.refreshToken });
}

const tokenResponseSchema = z.looseObject({
  token_type: z.string(),
  expires_in: z.number().positive(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
});

async function tokenRequest(
  input: TokenRequestOptions,
  grant: Record<string, string>,
): Promise<TokenPair> {
  const path = '/oauth2/access_token';
  const url = new URL(path, input.baseUrl);
  const body = {
    client_id: input.clientId,
    client_secret: input.clientSecret,
    redirect_uri: input.redirectUri,
    ...grant,
  };
  let response: Response;
  let text: string;
  try {
    response = await (input.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(input.timeoutMs ?? 15_000),
      redirect: 'manual',
    });
    text = await response.text();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new KommoNetworkError(`POST ${url.origin}${path} failed: ${reason}`, {
      path,
      cause: err,
    });
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const tokens = parseContract(tokenResponseSchema, json, { method: 'POST', path });
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    };
  }
  const problem = readProblem(text);
  if (status === 400 || status === 401) {
    const hint = describeProblem(problem) || `status ${status}`;
    throw new KommoUnauthorizedError(`Kommo refused the ${grant['grant_type']} grant: ${hint}`, {
      status,
      path,
    });
  }
  throw errorFromResponse({ status, method: 'POST', path, problem });
}

/**
 * The "access revoked" hook (API.md §1): valid when `signature` is the hex
 * HMAC-SHA256(client_secret, `${client_id}|${account_id}`). Compared in constant time.
 */
export function verifyRevokedHookSignature(input: {
  clientId: string;
  clientSecret: string;
  accountId: string | number;
  signature: string;
}): boolean {
  const expected = createHmac('sha256', input.clientSecret)
    .update(`${input.clientId}|${input.accountId}`)
    .digest();
  if (!/^[0-9a-f]+$/i.test(input.signature)) return false;
  const given = Buffer.from(input.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The whole hook request: `?client_uuid&account_id&signature` (one public test names the first
 * `client_id`; both are accepted) must name our client and carry a valid signature.
 */
export function parseRevokedHook(
  query: URLSearchParams,
  client: { clientId: string; clientSecret: string },
): { ok: true; accountId: string } | { ok: false; reason: string } {
  const clientUuid = query.get('client_uuid') ?? query.get('client_id');
  const accountId = query.get('account_id');
  const signature = query.get('signature');
  if (!clientUuid || !accountId || !signature) {
    return { ok: false, reason: 'client_uuid, account_id or signature is missing' };
  }
  if (clientUuid !== client.clientId)
    return { ok: false, reason: 'the hook is for another client' };
  if (!verifyRevokedHookSignature({ ...client, accountId, signature })) {
    return { ok: false, reason: 'the signature does not match' };
  }
  return { ok: true, accountId };
}
