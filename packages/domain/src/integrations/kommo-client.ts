import type { PgPool } from '@leadpilot/db/pool';
import type { Db } from '@leadpilot/db/client';
import { createKommoClient, type KommoClient } from '@leadpilot/kommo/client';
import {
  KommoForbiddenError,
  KommoPaymentRequiredError,
  KommoUnauthorizedError,
} from '@leadpilot/kommo/errors';
import type { TokenProvider } from '@leadpilot/kommo/token-provider';
import type { KommoEvent } from '@leadpilot/kommo/transport';
import type { SecretBox } from '../crypto/secret-box';
import { DomainError } from '../errors';
import { markIntegrationNeedsAttention } from './integration-attention';
import type { KommoConfig, KommoOAuthApp } from './kommo-config';
import { createPgRateLimiter } from './rate-limiter';
import { createIntegrationTokenProvider } from './token-provider';

export interface KommoDeps {
  db: Db;
  box: SecretBox;
  kommo: KommoConfig;
  /**
   * A plain pg pool for the rate limiter's slot query (every request takes one): through Prisma's
   * pool it queues behind a sync's bulk writes and arrives late. Prisma is used when absent.
   */
  pg?: PgPool | undefined;
}

export function oauthAppFor(kommo: KommoConfig, kind: 'kommo' | 'kommo_demo'): KommoOAuthApp {
  const app = kind === 'kommo' ? kommo.real : kommo.demo;
  if (!app) {
    throw new DomainError(
      'BAD_REQUEST',
      kind === 'kommo'
        ? 'Connecting a real Kommo account is not configured on this server (KOMMO_CLIENT_ID, KOMMO_CLIENT_SECRET).'
        : 'The demo Kommo account is not running on this server.',
    );
  }
  return app;
}

/** A client whose every request is paced by the shared Postgres limiter for the account host. */
export function kommoClientWith(
  deps: Pick<KommoDeps, 'db' | 'kommo' | 'pg'>,
  target: { host: string; baseUrl: string },
  tokens: TokenProvider,
  onEvent?: (event: KommoEvent) => void,
): KommoClient {
  return createKommoClient({
    baseUrl: target.baseUrl,
    tokens,
    rateLimiter: createPgRateLimiter({ db: deps.db, pg: deps.pg, host: target.host }),
    ...(deps.kommo.requestTimeoutMs ? { timeoutMs: deps.kommo.requestTimeoutMs } : {}),
    ...(onEvent ? { onEvent } : {}),
  });
}

/** The client for a stored integration: its tokens (refreshed under a row lock), its account's limit. */
export async function kommoClientFor(
  deps: KommoDeps,
  integrationId: string,
  onEvent?: (event: KommoEvent) => void,
): Promise<KommoClient> {
  const row = await deps.db.integration.findUniqueOrThrow({
    where: { id: integrationId },
    select: { kind: true, host: true, baseUrl: true },
  });
  const tokens = createIntegrationTokenProvider({
    db: deps.db,
    box: deps.box,
    integrationId,
    app: oauthAppFor(deps.kommo, row.kind),
    baseUrl: row.baseUrl,
  });
  return kommoClientWith(deps, row, tokens, onEvent);
}

/**
 * Records what a Kommo failure means for the integration, in words an admin can act on, so the
 * integration page shows it. Returns true when the error was one of those states.
 */
export async function recordKommoFailure(
  db: Db,
  integrationId: string,
  error: unknown,
): Promise<boolean> {
  const state =
    error instanceof KommoUnauthorizedError
      ? {
          status: 'needs_reauth' as const,
          statusReason:
            'Kommo no longer accepts our access (the integration was disabled or access revoked). Reconnect Kommo.',
        }
      : error instanceof KommoForbiddenError
        ? {
            status: 'blocked' as const,
            statusReason:
              'Kommo refused the request: the account blocked our IP or the connecting user lacks rights. Check the account, then reconnect.',
          }
        : error instanceof KommoPaymentRequiredError
          ? {
              status: 'payment_required' as const,
              statusReason:
                'The Kommo account is not paid. Renew the subscription, then reconnect.',
            }
          : null;
  if (!state) return false;
  await markIntegrationNeedsAttention(db, { integrationId, ...state });
  return true;
}
