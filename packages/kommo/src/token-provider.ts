import { KommoUnauthorizedError } from './errors';

/**
 * Where the client gets its bearer token. On a 401 the client calls `refreshAccessToken` with the
 * token Kommo rejected, at most once per request, then retries once.
 *
 * Refresh tokens are single-use in practice (API.md §1): two processes refreshing with the same
 * one break the connection. The app's implementation therefore refreshes under a cross-process
 * lock and, when the stored access token already differs from `rejected`, returns the stored one
 * instead of refreshing again (another process got there first).
 */
export interface TokenProvider {
  getAccessToken(): Promise<string>;
  refreshAccessToken(rejected: string): Promise<string>;
}

/** A long-lived token (private integrations, API.md §1): nothing to refresh with. */
export function createStaticTokenProvider(accessToken: string): TokenProvider {
  return {
    getAccessToken: () => Promise.resolve(accessToken),
    refreshAccessToken: () =>
      Promise.reject(
        new KommoUnauthorizedError('Kommo rejected the long-lived token; issue a new one.', {
          path: '/oauth2/access_token',
        }),
      ),
  };
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

/**
 * One process, one integration: refreshes are single-flight and skipped when the rejected token is
 * already stale. For scripts, tests and the dev CLI; the app persists pairs and locks across
 * processes. `onTokens` runs before the new token is used, so persist there.
 */
export function createInMemoryTokenProvider(options: {
  initial: TokenPair;
  refresh: (refreshToken: string) => Promise<TokenPair>;
  onTokens?: (pair: TokenPair) => void | Promise<void>;
}): TokenProvider {
  let current = options.initial;
  let inFlight: Promise<string> | undefined;

  return {
    getAccessToken: () => Promise.resolve(current.accessToken),
    refreshAccessToken(rejected) {
      if (rejected !== current.accessToken) return Promise.resolve(current.accessToken);
      inFlight ??= (async () => {
        try {
          const pair = await options.refresh(current.refreshToken);
          await options.onTokens?.(pair);
          current = pair;
          return pair.accessToken;
        } finally {
          inFlight = undefined;
        }
      })();
      return inFlight;
    },
  };
}
