import { randomBytes } from 'node:crypto';
import { newAuthorizationCode, newRefreshToken, signAccessToken } from './jwt';

const CODE_TTL_MS = 20 * 60 * 1000;
const REFRESH_TTL_MS = 90 * 24 * 60 * 60 * 1000;

interface TokenPair {
  id: number;
  clientId: string;
  userId: number;
  accessToken: string;
  refreshToken: string | null;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  /** The refresh token this pair was issued for, if any. */
  parentRefresh: string | null;
  used: boolean;
  /** Access and refresh token dead (revokeAll, or a sibling pair won the rotation). */
  revoked: boolean;
  /** Only the refresh token is dead: a newer pair issued for it has been used. */
  refreshRevoked: boolean;
}

interface Code {
  clientId: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
  userId: number;
}

export type TokenError = {
  status: 400 | 401;
  hint: string;
  detail: string;
};

export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/**
 * Authorization codes and token pairs. Refresh tokens rotate: each refresh issues a new pair, and
 * the old refresh token keeps working only until one of the pairs issued for it is first used
 * (API.md §1, "unsure" but documented: a client retrying after a lost answer succeeds). From
 * then on it answers 401 "Token has been revoked", and the sibling pairs issued for it are
 * revoked too — of two concurrent refreshes with one token, only the pair used first survives.
 */
export class TokenStore {
  private readonly secret = randomBytes(32);
  private readonly codes = new Map<string, Code>();
  private readonly byAccess = new Map<string, TokenPair>();
  private readonly byRefresh = new Map<string, TokenPair>();
  private readonly children = new Map<string, TokenPair[]>();
  private nextPairId = 1;

  constructor(
    private readonly opts: {
      accessTtlSeconds: number;
      accountId: number;
      host: () => string;
    },
  ) {}

  issueCode(clientId: string, redirectUri: string, userId: number): string {
    const code = newAuthorizationCode();
    this.codes.set(code, {
      clientId,
      redirectUri,
      userId,
      expiresAt: Date.now() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  exchangeCode(
    clientId: string,
    code: string,
    redirectUri: string | undefined,
  ): IssuedTokens | TokenError {
    const grant = this.codes.get(code);
    const invalid =
      'The provided authorization grant is invalid, expired, revoked, or was issued to another client.';
    if (!grant || grant.clientId !== clientId) {
      return { status: 400, hint: 'Cannot decrypt the authorization code', detail: invalid };
    }
    if (grant.used)
      return { status: 400, hint: 'Authorization code has been revoked', detail: invalid };
    if (grant.expiresAt <= Date.now())
      return { status: 400, hint: 'Authorization code has expired', detail: invalid };
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) {
      return { status: 400, hint: 'Invalid redirect URI', detail: invalid };
    }
    grant.used = true;
    return this.issuePair(clientId, grant.userId, null);
  }

  refresh(clientId: string, refreshToken: string): IssuedTokens | TokenError {
    const pair = this.byRefresh.get(refreshToken);
    const detail = 'The refresh token is invalid.';
    if (!pair || pair.clientId !== clientId) {
      return { status: 400, hint: 'Cannot decrypt the refresh token', detail };
    }
    if (pair.revoked || pair.refreshRevoked) {
      return { status: 401, hint: 'Token has been revoked', detail };
    }
    if (pair.refreshExpiresAt <= Date.now())
      return { status: 400, hint: 'Token has expired', detail };
    this.markUsed(pair);
    return this.issuePair(clientId, pair.userId, refreshToken);
  }

  /** The user of a valid access token; using a pair settles the rotation of its parent. */
  authenticate(accessToken: string): { userId: number; clientId: string } | null {
    const pair = this.byAccess.get(accessToken);
    if (!pair || pair.revoked || pair.accessExpiresAt <= Date.now()) return null;
    this.markUsed(pair);
    return { userId: pair.userId, clientId: pair.clientId };
  }

  expireAll(): void {
    const now = Date.now();
    for (const pair of this.byAccess.values())
      pair.accessExpiresAt = Math.min(pair.accessExpiresAt, now);
  }

  /** The admin disabled the integration: every token and pending code stops working. */
  revokeAll(): void {
    for (const pair of this.byAccess.values()) pair.revoked = true;
    this.codes.clear();
  }

  /** A long-lived token of a private integration: admin rights, no refresh token. */
  issueLongLived(userId: number, days: number): string {
    const pair = this.newPair('long-lived', userId, days * 86_400_000, null, false);
    return pair.accessToken;
  }

  private issuePair(clientId: string, userId: number, parent: string | null): IssuedTokens {
    const pair = this.newPair(clientId, userId, this.opts.accessTtlSeconds * 1000, parent, true);
    if (parent) this.children.set(parent, [...(this.children.get(parent) ?? []), pair]);
    return {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken ?? '',
      expires_in: this.opts.accessTtlSeconds,
    };
  }

  private newPair(
    clientId: string,
    userId: number,
    ttlMs: number,
    parent: string | null,
    withRefresh: boolean,
  ): TokenPair {
    const now = Date.now();
    const accessExpiresAt = now + ttlMs;
    const pair: TokenPair = {
      id: this.nextPairId++,
      clientId,
      userId,
      accessToken: signAccessToken(this.secret, {
        clientId,
        userId,
        accountId: this.opts.accountId,
        host: this.opts.host(),
        expiresAt: accessExpiresAt,
      }),
      refreshToken: withRefresh ? newRefreshToken() : null,
      accessExpiresAt,
      refreshExpiresAt: now + REFRESH_TTL_MS,
      parentRefresh: parent,
      used: false,
      revoked: false,
      refreshRevoked: false,
    };
    this.byAccess.set(pair.accessToken, pair);
    if (pair.refreshToken) this.byRefresh.set(pair.refreshToken, pair);
    return pair;
  }

  /**
   * First use of a pair: its parent refresh token dies, and so do the other pairs issued for
   * that parent (answers the client never got, or a racing process's). The parent's access
   * token stays valid until it expires, as a JWT would.
   */
  private markUsed(pair: TokenPair): void {
    if (pair.used) return;
    pair.used = true;
    if (!pair.parentRefresh) return;
    const parent = this.byRefresh.get(pair.parentRefresh);
    if (parent) parent.refreshRevoked = true;
    for (const sibling of this.children.get(pair.parentRefresh) ?? []) {
      if (sibling !== pair) sibling.revoked = true;
    }
  }
}
