import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { KommoContractError, KommoNetworkError, KommoUnauthorizedError } from './errors';
import {
  accountBaseUrl,
  buildConsentUrl,
  exchangeCode,
  parseCallback,
  parseRevokedHook,
  refreshTokens,
  verifyRevokedHookSignature,
} from './oauth';
import { closedPort, type Reply, startScriptedServer } from './testing/scripted-server';

const client = { clientId: 'cid', clientSecret: 'secret', redirectUri: 'https://app.test/cb' };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function tokenServer(reply: Reply) {
  const server = await startScriptedServer(() => reply);
  close = server.close;
  return server;
}

describe('consent and callback', () => {
  it('builds the consent URL', () => {
    const url = new URL(buildConsentUrl({ clientId: 'cid', state: 's 1', mode: 'post_message' }));
    expect(url.origin + url.pathname).toBe('https://www.kommo.com/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cid',
      state: 's 1',
      mode: 'post_message',
    });
  });

  it('reads an allowed code callback', () => {
    const q = new URLSearchParams(
      'code=abc&referer=Shop.Kommo.com&state=st&client_id=cid&from_widget=1',
    );
    expect(parseCallback(q)).toEqual({
      kind: 'code',
      code: 'abc',
      host: 'shop.kommo.com',
      state: 'st',
    });
    expect(
      parseCallback(new URLSearchParams('code=a&referer=shop.amocrm.ru&state=s')),
    ).toMatchObject({ kind: 'code' });
  });

  it('accepts a host:port only when allowed exactly (the emulator)', () => {
    const q = new URLSearchParams('code=a&referer=localhost:4010&state=s');
    expect(parseCallback(q)).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/not a Kommo account host/),
    });
    expect(parseCallback(q, { allowedHosts: ['localhost:4010'] })).toMatchObject({
      kind: 'code',
      host: 'localhost:4010',
    });
  });

  it('refuses hosts that would send our secret elsewhere', () => {
    for (const referer of [
      'evil.com',
      'kommo.com.evil.com',
      'https://shop.kommo.com',
      'shop.kommo.com/x',
      'a@shop.kommo.com',
      '.kommo.com',
    ]) {
      expect(parseCallback(new URLSearchParams({ code: 'a', referer, state: 's' })).kind).toBe(
        'invalid',
      );
    }
  });

  it('explains what is missing', () => {
    expect(parseCallback(new URLSearchParams('referer=shop.kommo.com'))).toEqual({
      kind: 'invalid',
      reason: 'the code is missing; the state is missing',
    });
    expect(parseCallback(new URLSearchParams('error=server_error'))).toEqual({
      kind: 'invalid',
      reason: 'Kommo answered with error "server_error"',
    });
  });

  it('reads a denial', () => {
    expect(parseCallback(new URLSearchParams('error=access_denied&state=st'))).toEqual({
      kind: 'denied',
      state: 'st',
    });
  });

  it('builds the account base URL', () => {
    expect(accountBaseUrl('shop.kommo.com')).toBe('https://shop.kommo.com');
    expect(accountBaseUrl('localhost:4010', 'http')).toBe('http://localhost:4010');
    expect(() => accountBaseUrl('evil.com/@x')).toThrow(RangeError);
  });
});

describe('token endpoint', () => {
  it('exchanges a code', async () => {
    const server = await tokenServer({
      status: 200,
      json: {
        token_type: 'Bearer',
        expires_in: 86400,
        access_token: 'A',
        refresh_token: 'R',
        server_time: 1,
      },
    });
    const before = Date.now();
    const pair = await exchangeCode({ ...client, baseUrl: server.url, code: 'C' });
    expect(pair.accessToken).toBe('A');
    expect(pair.refreshToken).toBe('R');
    expect(pair.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(server.requests[0]?.url.pathname).toBe('/oauth2/access_token');
    expect(server.requests[0]?.json).toEqual({
      client_id: 'cid',
      client_secret: 'secret',
      redirect_uri: 'https://app.test/cb',
      grant_type: 'authorization_code',
      code: 'C',
    });
  });

  it('sends the refresh grant', async () => {
    const server = await tokenServer({
      status: 200,
      json: { token_type: 'Bearer', expires_in: 86400, access_token: 'A2', refresh_token: 'R2' },
    });
    await refreshTokens({ ...client, baseUrl: server.url, refreshToken: 'R1' });
    expect(server.requests[0]?.json).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'R1',
    });
  });

  it.each([400, 401])("%i → KommoUnauthorizedError carrying Kommo's hint", async (status) => {
    const server = await tokenServer({
      status,
      json: {
        hint: 'Token has been revoked',
        title: 'Bad request',
        type: 'x',
        status,
        detail: 'Refresh token is invalid',
      },
    });
    const error = await refreshTokens({ ...client, baseUrl: server.url, refreshToken: 'R' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KommoUnauthorizedError);
    expect(String(error)).toMatch(/Token has been revoked/);
  });

  it('a network error is KommoNetworkError (the same refresh token may be retried)', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    await expect(refreshTokens({ ...client, baseUrl, refreshToken: 'R' })).rejects.toBeInstanceOf(
      KommoNetworkError,
    );
  });

  it('a 200 without tokens is a contract error', async () => {
    const server = await tokenServer({ status: 200, json: { token_type: 'Bearer' } });
    await expect(
      exchangeCode({ ...client, baseUrl: server.url, code: 'C' }),
    ).rejects.toBeInstanceOf(KommoContractError);
  });
});

describe('access-revoked hook', () => {
  const signature = createHmac('sha256', 'secret').update('cid|123').digest('hex');

  it('verifies the documented signature', () => {
    expect(
      verifyRevokedHookSignature({
        clientId: 'cid',
        clientSecret: 'secret',
        accountId: 123,
        signature,
      }),
    ).toBe(true);
    expect(
      verifyRevokedHookSignature({
        clientId: 'cid',
        clientSecret: 'secret',
        accountId: 124,
        signature,
      }),
    ).toBe(false);
    expect(
      verifyRevokedHookSignature({
        clientId: 'cid',
        clientSecret: 'secret',
        accountId: 123,
        signature: 'zz',
      }),
    ).toBe(false);
    expect(
      verifyRevokedHookSignature({
        clientId: 'cid',
        clientSecret: 'secret',
        accountId: 123,
        signature: signature.slice(2),
      }),
    ).toBe(false);
  });

  it('accepts client_uuid or client_id and checks it is ours', () => {
    const keys = { clientId: 'cid', clientSecret: 'secret' };
    expect(
      parseRevokedHook(
        new URLSearchParams({ client_uuid: 'cid', account_id: '123', signature }),
        keys,
      ),
    ).toEqual({ ok: true, accountId: '123' });
    expect(
      parseRevokedHook(
        new URLSearchParams({ client_id: 'cid', account_id: '123', signature }),
        keys,
      ),
    ).toEqual({ ok: true, accountId: '123' });
    expect(
      parseRevokedHook(
        new URLSearchParams({ client_uuid: 'other', account_id: '123', signature }),
        keys,
      ).ok,
    ).toBe(false);
  });
});
