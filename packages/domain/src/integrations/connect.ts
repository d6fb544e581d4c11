import { createHash, randomBytes } from 'node:crypto';
import {
  accountBaseUrl,
  buildConsentUrl,
  exchangeCode,
  parseCallback,
} from '@leadpilot/kommo/oauth';
import { KommoError } from '@leadpilot/kommo/errors';
import { createStaticTokenProvider } from '@leadpilot/kommo/token-provider';
import { recordActivity } from '../activity/record-activity';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { DomainError } from '../errors';
import { WEBHOOK_SETTINGS, webhookUrl, type KommoConfig } from './kommo-config';
import { kommoClientWith, oauthAppFor, type KommoDeps } from './kommo-client';
import { requestSync } from '../sync/request-sync';

const STATE_TTL_MS = 20 * 60_000; // as long as Kommo's authorisation code lives
const hash = (v: string) => createHash('sha256').update(v).digest('hex');

export type IntegrationKind = 'kommo' | 'kommo_demo';

/** Where the admin's browser goes to approve access: Kommo's consent page, or the emulator's. */
export async function startKommoConnect(
  scope: OrgScope & { sessionId: string; kommo: KommoConfig },
  kind: IntegrationKind,
): Promise<{ url: string }> {
  requireRole(scope, 'admin', 'connect Kommo');
  const app = oauthAppFor(scope.kommo, kind);
  const state = randomBytes(24).toString('base64url');
  await scope.db.oAuthState.create({
    data: {
      stateHash: hash(state),
      kind,
      orgId: scope.orgId,
      userId: scope.userId,
      sessionId: scope.sessionId,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    },
  });
  if (kind === 'kommo') {
    return {
      url: buildConsentUrl({
        consentUrl: scope.kommo.real!.consentUrl,
        clientId: app.clientId,
        state,
        mode: 'popup',
      }),
    };
  }
  const url = new URL('/oauth', scope.kommo.demo!.baseUrl);
  url.search = new URLSearchParams({
    client_id: app.clientId,
    state,
    mode: 'popup',
    redirect_uri: app.redirectUri,
  }).toString();
  return { url: url.toString() };
}

export class ConnectError extends DomainError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
  }
}

/** Every account host this server may send a code and client secret to. */
function acceptedHosts(config: KommoConfig): string[] {
  return [
    ...(config.real?.allowedHostSuffixes ?? []),
    ...(config.demo ? [new URL(config.demo.baseUrl).host] : []),
  ];
}

function allowedHost(config: KommoConfig, kind: IntegrationKind, host: string): boolean {
  if (kind === 'kommo_demo')
    return config.demo !== undefined && new URL(config.demo.baseUrl).host === host;
  const bare = host.toLowerCase();
  return (config.real?.allowedHostSuffixes ?? []).some((suffix) => bare.endsWith(suffix));
}

/**
 * The OAuth callback: checks `state` (exists, unexpired, single use, started by this session),
 * checks the account host before any secret is sent to it, exchanges the code, reads the account,
 * stores the integration with encrypted tokens and registers Leadpilot's webhook. Any refusal
 * throws a ConnectError with a message for the error page; nothing is stored then.
 */
export async function completeKommoConnect(
  deps: KommoDeps,
  input: { query: URLSearchParams; session: { id: string; userId: string } | null },
): Promise<{ integrationId: string; orgId: string }> {
  const { db, kommo } = deps;
  const callback = parseCallback(input.query, { allowedHosts: acceptedHosts(kommo) });
  if (callback.kind === 'invalid')
    throw new ConnectError(`Kommo's answer could not be read: ${callback.reason}`);
  if (!callback.state)
    throw new ConnectError(
      'The answer from Kommo carries no state. Start connecting again from Leadpilot.',
    );
  const stateRow = await db.oAuthState.findUnique({ where: { stateHash: hash(callback.state) } });
  if (!stateRow)
    throw new ConnectError(
      'This connection link is unknown or was already used. Start connecting again.',
    );
  await db.oAuthState.delete({ where: { id: stateRow.id } });
  if (stateRow.expiresAt < new Date())
    throw new ConnectError('The connection took too long and expired. Start connecting again.');
  if (
    !input.session ||
    input.session.id !== stateRow.sessionId ||
    input.session.userId !== stateRow.userId
  ) {
    throw new ConnectError(
      'Connecting was started in another session. Sign in and start connecting again.',
    );
  }
  if (callback.kind === 'denied')
    throw new ConnectError('Access was not granted in Kommo. Nothing was connected.');
  const kind = stateRow.kind;
  if (!allowedHost(kommo, kind, callback.host)) {
    throw new ConnectError(
      `"${callback.host}" is not a Kommo account address this server accepts.`,
    );
  }
  const app = oauthAppFor(kommo, kind);
  const baseUrl =
    kind === 'kommo_demo' ? new URL(kommo.demo!.baseUrl).origin : accountBaseUrl(callback.host);
  try {
    const tokens = await exchangeCode({
      baseUrl,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      redirectUri: app.redirectUri,
      code: callback.code,
    });
    return await storeConnection(deps, {
      orgId: stateRow.orgId,
      userId: stateRow.userId,
      kind,
      host: callback.host,
      baseUrl,
      tokens: {
        access: tokens.accessToken,
        refresh: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
      },
    });
  } catch (error) {
    if (error instanceof KommoError) throw new ConnectError(`Kommo answered: ${error.message}`);
    throw error;
  }
}

/**
 * A private integration's long-lived token, pasted by an admin instead of OAuth. It has no refresh
 * token: when it expires or is revoked the integration asks for a new one.
 */
export async function connectWithLongLivedToken(
  scope: OrgScope & KommoDeps,
  input: { host: string; token: string; kind?: IntegrationKind },
): Promise<{ integrationId: string }> {
  requireRole(scope, 'admin', 'connect Kommo');
  const kind = input.kind ?? 'kommo';
  const host = input.host
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');
  if (!allowedHost(scope.kommo, kind, host)) {
    throw new DomainError(
      'BAD_REQUEST',
      `"${host}" is not a Kommo account address (like yourcompany.kommo.com).`,
      {
        fieldErrors: { host: ['Use your account address, like yourcompany.kommo.com.'] },
      },
    );
  }
  try {
    const { integrationId } = await storeConnection(scope, {
      orgId: scope.orgId,
      userId: scope.userId,
      kind,
      host,
      baseUrl:
        kind === 'kommo_demo' ? new URL(scope.kommo.demo!.baseUrl).origin : accountBaseUrl(host),
      tokens: { access: input.token.trim(), refresh: null, expiresAt: null },
    });
    return { integrationId };
  } catch (error) {
    if (error instanceof KommoError) {
      throw new DomainError('BAD_REQUEST', `Kommo did not accept this token: ${error.message}`, {
        fieldErrors: { token: ['Kommo did not accept this token.'] },
      });
    }
    throw error;
  }
}

/**
 * Reads the account with the new tokens, stores the integration (tokens sealed; a reconnect reuses
 * the row and its webhook secret) and registers Leadpilot's webhook. Nothing is stored when the
 * account cannot be read.
 */
async function storeConnection(
  deps: KommoDeps,
  c: {
    orgId: string;
    userId: string;
    kind: IntegrationKind;
    host: string;
    baseUrl: string;
    tokens: { access: string; refresh: string | null; expiresAt: Date | null };
  },
): Promise<{ integrationId: string; orgId: string }> {
  const { db, box, kommo } = deps;
  // The tokens were just granted: a 401 now is final (KommoUnauthorizedError), no refresh.
  const client = kommoClientWith(deps, c, createStaticTokenProvider(c.tokens.access));
  const account = await client.getAccount({ with: ['amojo_id'] });
  const where = { orgId_host: { orgId: c.orgId, host: c.host } };
  const existing = await db.integration.findUnique({ where, select: { webhookSecretEnc: true } });
  const secret = existing
    ? box.open(existing.webhookSecretEnc)
    : randomBytes(24).toString('base64url');
  const data = {
    kind: c.kind,
    baseUrl: c.baseUrl,
    accountId: account.id,
    accountName: account.name,
    subdomain: account.subdomain,
    status: 'connected' as const,
    statusReason: null,
    accessTokenEnc: box.seal(c.tokens.access),
    refreshTokenEnc: c.tokens.refresh === null ? null : box.seal(c.tokens.refresh),
    tokenExpiresAt: c.tokens.expiresAt,
    longLivedToken: c.tokens.refresh === null,
    connectedById: c.userId,
    connectedAt: new Date(),
    disconnectedAt: null,
  };
  const integration = await db.$transaction(async (tx) => {
    const row = await tx.integration.upsert({
      where,
      create: { ...data, orgId: c.orgId, host: c.host, webhookSecretEnc: box.seal(secret) },
      update: data,
      select: { id: true },
    });
    await recordActivity(tx, {
      orgId: c.orgId,
      userId: c.userId,
      type: 'integration.connected',
      integrationId: row.id,
      subject: { type: 'integration', id: row.id },
      params: { name: account.name || c.host },
    });
    return row;
  });
  try {
    await client.subscribeWebhook({
      destination: webhookUrl(kommo, integration.id, secret),
      settings: [...WEBHOOK_SETTINGS],
    });
    await db.integration.update({
      where: { id: integration.id },
      data: { webhookRegistered: true },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.integration.update({
      where: { id: integration.id },
      data: {
        webhookRegistered: false,
        statusReason: `Connected, but Kommo did not accept our webhook (${reason}). Live updates will come from periodic sync only.`,
      },
    });
  }
  // The first sync starts right away; its progress shows on the integration page.
  await requestSync(db, { integrationId: integration.id, trigger: 'connect' });
  return { integrationId: integration.id, orgId: c.orgId };
}
