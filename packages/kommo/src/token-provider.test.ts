import { describe, expect, it } from 'vitest';
import { KommoUnauthorizedError } from './errors';
import {
  createInMemoryTokenProvider,
  createStaticTokenProvider,
  type TokenPair,
} from './token-provider';

const pair = (n: number): TokenPair => ({
  accessToken: `a${n}`,
  refreshToken: `r${n}`,
  expiresAt: new Date(Date.now() + 86_400_000),
});

describe('createInMemoryTokenProvider', () => {
  it('refreshes once for concurrent 401s and spends each refresh token once', async () => {
    const used: string[] = [];
    const saved: string[] = [];
    const tokens = createInMemoryTokenProvider({
      initial: pair(1),
      refresh: async (refreshToken) => {
        used.push(refreshToken);
        await new Promise((r) => setTimeout(r, 20));
        return pair(2);
      },
      onTokens: (p) => void saved.push(p.accessToken),
    });
    const results = await Promise.all([1, 2, 3].map(() => tokens.refreshAccessToken('a1')));
    expect(results).toEqual(['a2', 'a2', 'a2']);
    expect(used).toEqual(['r1']);
    expect(saved).toEqual(['a2']);
    // A request that got a 401 with the old token after the refresh just takes the new one.
    expect(await tokens.refreshAccessToken('a1')).toBe('a2');
    expect(used).toEqual(['r1']);
    expect(await tokens.getAccessToken()).toBe('a2');
  });
});

describe('createStaticTokenProvider', () => {
  it('cannot refresh a long-lived token', async () => {
    const tokens = createStaticTokenProvider('long');
    expect(await tokens.getAccessToken()).toBe('long');
    await expect(tokens.refreshAccessToken('long')).rejects.toBeInstanceOf(KommoUnauthorizedError);
  });
});
