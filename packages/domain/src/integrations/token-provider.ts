import type { Db } from '@leadpilot/db/client';
import { KommoUnauthorizedError } from '@leadpilot/kommo/errors';
import { refreshTokens } from '@leadpilot/kommo/oauth';
import type { TokenProvider } from '@leadpilot/kommo/token-provider';
import type { SecretBox } from '../crypto/secret-box';
import { DomainError } from '../errors';
import { markIntegrationNeedsAttention } from './integration-attention';
import type { KommoOAuthApp } from './kommo-config';

/** Refresh this long before expiry rather than wait for a 401. */
const REFRESH_SKEW_MS = 5 * 60_000;

export class IntegrationUnavailableError extends DomainError {
  constructor(reason: string) {
    super('CONFLICT', reason);
  }
}

interface TokenRow {
  status: string;
  access_token_enc: string | null;
  refresh_token_enc: string | null;
  token_expires_at: Date | null;
}

/**
 * Tokens of one integration, refreshed safely from any number of processes. Kommo's refresh tokens
 * are single-use: two processes refreshing with the same one break the connection. So a refresh
 * holds the integration's row lock (SELECT … FOR UPDATE), re-reads the row, and skips the call
 * when another process has already replaced the token that was rejected; the new pair is written
 * in the same transaction. After a network error the old pair stays, and a retry may reuse it.
 */
export function createIntegrationTokenProvider(options: {
  db: Db;
  box: SecretBox;
  integrationId: string;
  app: KommoOAuthApp;
  baseUrl: string;
}): TokenProvider {
  const { db, box, integrationId } = options;

  async function markNeedsReauth(reason: string) {
    await markIntegrationNeedsAttention(db, {
      integrationId,
      status: 'needs_reauth',
      statusReason: reason,
      clearTokens: true,
    });
  }

  async function refreshAccessToken(rejected: string): Promise<string> {
    const outcome = await db.$transaction(
      async (tx): Promise<{ error: string } | { token: string }> => {
        const [row] = await tx.$queryRaw<TokenRow[]>`
          SELECT status, access_token_enc, refresh_token_enc, token_expires_at
            FROM integrations WHERE id = ${integrationId}::uuid FOR UPDATE`;
        if (!row || row.status !== 'connected' || !row.access_token_enc) {
          return { error: 'The Kommo connection needs to be re-authorised.' };
        }
        const current = box.open(row.access_token_enc);
        const fresh =
          row.token_expires_at === null ||
          row.token_expires_at.getTime() - Date.now() > REFRESH_SKEW_MS;
        if (current !== rejected && fresh) return { token: current }; // another process refreshed already
        if (!row.refresh_token_enc) {
          return {
            error:
              'The long-lived Kommo token was rejected or has expired. Paste a new one or reconnect.',
          };
        }
        try {
          const tokens = await refreshTokens({
            baseUrl: options.baseUrl,
            clientId: options.app.clientId,
            clientSecret: options.app.clientSecret,
            redirectUri: options.app.redirectUri,
            refreshToken: box.open(row.refresh_token_enc),
          });
          await tx.integration.update({
            where: { id: integrationId },
            data: {
              accessTokenEnc: box.seal(tokens.accessToken),
              refreshTokenEnc: box.seal(tokens.refreshToken),
              tokenExpiresAt: tokens.expiresAt,
            },
          });
          return { token: tokens.accessToken };
        } catch (error) {
          if (error instanceof KommoUnauthorizedError) {
            return {
              error:
                'Kommo refused to renew access (the integration was disabled or access revoked). Reconnect Kommo.',
            };
          }
          throw error; // network trouble: keep the old pair, the caller retries
        }
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    if ('error' in outcome) {
      await markNeedsReauth(outcome.error);
      throw new IntegrationUnavailableError(outcome.error);
    }
    return outcome.token;
  }

  return {
    async getAccessToken() {
      const row = await db.integration.findUnique({
        where: { id: integrationId },
        select: {
          status: true,
          statusReason: true,
          accessTokenEnc: true,
          refreshTokenEnc: true,
          tokenExpiresAt: true,
        },
      });
      if (!row || row.status !== 'connected' || !row.accessTokenEnc) {
        throw new IntegrationUnavailableError(
          row?.statusReason ?? 'This Kommo integration is not connected.',
        );
      }
      const token = box.open(row.accessTokenEnc);
      const expiring =
        row.tokenExpiresAt !== null && row.tokenExpiresAt.getTime() - Date.now() < REFRESH_SKEW_MS;
      return expiring && row.refreshTokenEnc ? refreshAccessToken(token) : token;
    },
    refreshAccessToken,
  };
}
