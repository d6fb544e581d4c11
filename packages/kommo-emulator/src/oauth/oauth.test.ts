import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createKommoEmulator, type EmulatorOptions, type KommoEmulator } from '../emulator';

const REDIRECT = 'https://app.leadpilot.example/oauth/callback';
const tokenAnswer = z.object({
  token_type: z.literal('Bearer'),
  expires_in: z.number(),
  access_token: z.string(),
  refresh_token: z.string(),
  server_time: z.number(),
});

let emulator: KommoEmulator;
afterEach(() => emulator.stop());

async function start(options: EmulatorOptions = {}) {
  emulator = createKommoEmulator({ rateLimitPerSecond: null, ...options });
  await emulator.start();
}

async function tokenRequest(body: Record<string, string>, form = false) {
  const res = await fetch(`${emulator.url}/oauth2/access_token`, {
    method: 'POST',
    headers: { 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as unknown,
  };
}

const secrets = {
  client_id: 'leadpilot-demo',
  client_secret: 'leadpilot-demo-secret',
  redirect_uri: REDIRECT,
};
const refresh = (refreshToken: string) =>
  tokenRequest({ ...secrets, grant_type: 'refresh_token', refresh_token: refreshToken });
const account = (accessToken: string) =>
  fetch(`${emulator.url}/api/v4/account`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  }).then((r) => r.status);

/** Consent page → Allow → code → tokens, as a browser and a backend would. */
async function connect() {
  const page = await fetch(
    `${emulator.url}/oauth?client_id=leadpilot-demo&state=st-1&mode=post_message&redirect_uri=${encodeURIComponent(REDIRECT)}`,
  );
  const html = await page.text();
  const consentId = /name="consent_id" value="([0-9a-f]+)"/.exec(html)?.[1] ?? '';
  const decision = await fetch(`${emulator.url}/oauth/decision`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `consent_id=${consentId}&decision=allow`,
    redirect: 'manual',
  });
  const location = new URL(decision.headers.get('location') ?? '');
  const code = location.searchParams.get('code') ?? '';
  const res = await tokenRequest({ ...secrets, grant_type: 'authorization_code', code });
  return { page, html, decision, location, code, res, tokens: tokenAnswer.parse(res.body) };
}

describe('OAuth', () => {
  it('shows a consent page and redirects back with code, referer, state and client_id', async () => {
    await start();
    const { page, html, decision, location } = await connect();
    expect(page.status).toBe(200);
    expect(html).toContain('Leadpilot wants access to Demo Kommo account');
    expect(html).toMatch(/<form method="post" action="\/oauth\/decision">/);
    expect(decision.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      code: expect.stringMatching(/^def50200/),
      referer: emulator.host,
      state: 'st-1',
      client_id: 'leadpilot-demo',
    });
  });

  it('denies with error=access_denied, omits state when none was sent, rejects unknown clients', async () => {
    await start();
    const html = await (
      await fetch(
        `${emulator.url}/oauth?client_id=leadpilot-demo&state=s2&redirect_uri=${REDIRECT}`,
      )
    ).text();
    const consentId = /name="consent_id" value="([0-9a-f]+)"/.exec(html)?.[1];
    const denied = await fetch(`${emulator.url}/oauth/decision`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `consent_id=${consentId}&decision=deny`,
      redirect: 'manual',
    });
    expect(denied.headers.get('location')).toBe(`${REDIRECT}?error=access_denied&state=s2`);

    const auto = await fetch(
      `${emulator.url}/oauth?client_id=leadpilot-demo&auto=1&redirect_uri=${REDIRECT}`,
      { redirect: 'manual' },
    );
    expect(new URL(auto.headers.get('location') ?? '').searchParams.has('state')).toBe(false);

    const unknown = await fetch(`${emulator.url}/oauth?client_id=nope&redirect_uri=${REDIRECT}`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Integration not found');
  });

  it('exchanges a code once; answers Kommo-style problems for reuse and bad secrets', async () => {
    await start();
    const { res, tokens, code } = await connect();
    expect(res.status).toBe(200);
    expect(tokens.expires_in).toBe(86_400);
    expect(tokens.access_token.split('.')).toHaveLength(3); // JWT-shaped
    expect(await account(tokens.access_token)).toBe(200);

    const reuse = await tokenRequest({ ...secrets, grant_type: 'authorization_code', code });
    expect(reuse.status).toBe(400);
    expect(reuse.type).toBe('application/problem+json');
    expect(reuse.body).toMatchObject({ status: 400, hint: 'Authorization code has been revoked' });

    const badSecret = await tokenRequest({
      ...secrets,
      client_secret: 'x',
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(badSecret.status).toBe(401);
    expect(await account('not-a-token')).toBe(401);
  });

  it('accepts form-encoded token requests and checks a configured redirect_uri', async () => {
    await start({
      autoApprove: true,
      clients: [{ clientId: 'app', clientSecret: 's', redirectUri: REDIRECT }],
    });
    const loc = (
      await fetch(`${emulator.url}/oauth?client_id=app`, { redirect: 'manual' })
    ).headers.get('location');
    const code = new URL(loc ?? '').searchParams.get('code') ?? '';
    const wrong = await tokenRequest(
      {
        client_id: 'app',
        client_secret: 's',
        redirect_uri: 'https://evil.example/',
        grant_type: 'authorization_code',
        code,
      },
      true,
    );
    expect(wrong.status).toBe(400);
    const ok = await tokenRequest(
      {
        client_id: 'app',
        client_secret: 's',
        redirect_uri: REDIRECT,
        grant_type: 'authorization_code',
        code,
      },
      true,
    );
    expect(ok.status).toBe(200);
  });

  it('rotates refresh tokens: the old one works until the new pair is used, then is revoked', async () => {
    await start();
    const { tokens: first } = await connect();
    const lost = tokenAnswer.parse((await refresh(first.refresh_token)).body); // the answer "got lost"
    const retried = await refresh(first.refresh_token); // so the client retries with the old token
    expect(retried.status).toBe(200);
    const second = tokenAnswer.parse(retried.body);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    expect(await account(second.access_token)).toBe(200); // first use of the new pair
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ hint: 'Token has been revoked' });
    expect(await account(lost.access_token)).toBe(401); // the undelivered sibling is dead too
    expect((await refresh(lost.refresh_token)).status).toBe(401);

    const third = await refresh(second.refresh_token);
    expect(third.status).toBe(200);
  });

  it('of two concurrent refreshes with one token, only the pair used first survives', async () => {
    await start();
    const { tokens } = await connect();
    const [a, b] = await Promise.all([
      refresh(tokens.refresh_token),
      refresh(tokens.refresh_token),
    ]);
    const pairA = tokenAnswer.parse(a?.body);
    const pairB = tokenAnswer.parse(b?.body);
    expect(await account(pairA.access_token)).toBe(200);
    expect(await account(pairB.access_token)).toBe(401);
    expect((await refresh(pairB.refresh_token)).body).toMatchObject({
      status: 401,
      hint: 'Token has been revoked',
    });
    expect((await refresh(pairA.refresh_token)).status).toBe(200);
  });

  it('expireAll forces a refresh; revokeAll (integration disabled) makes every call 401', async () => {
    await start();
    const { tokens } = await connect();
    emulator.tokens.expireAll();
    expect(await account(tokens.access_token)).toBe(401);
    const renewed = tokenAnswer.parse((await refresh(tokens.refresh_token)).body);
    expect(await account(renewed.access_token)).toBe(200);

    const longLived = emulator.tokens.issueLongLived(1);
    expect(await account(longLived)).toBe(200);
    emulator.tokens.revokeAll();
    expect(await account(renewed.access_token)).toBe(401);
    expect(await account(longLived)).toBe(401);
    expect((await refresh(renewed.refresh_token)).status).toBe(401);
  });

  it('access tokens expire after their TTL', async () => {
    await start({ accessTokenTtlSeconds: 1 });
    const { tokens } = await connect();
    expect(tokens.expires_in).toBe(1);
    expect(await account(tokens.access_token)).toBe(200);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await account(tokens.access_token)).toBe(401);
  });

  it('a refresh whose answer never arrives (timeout fault) can be retried with the same token', async () => {
    await start();
    const { tokens } = await connect();
    emulator.faults.inject({ kind: 'timeout', path: '/oauth2/access_token' });
    const lost = fetch(`${emulator.url}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        ...secrets,
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      }),
      signal: AbortSignal.timeout(300),
    });
    await expect(lost).rejects.toThrow();
    const retry = await refresh(tokens.refresh_token);
    expect(retry.status).toBe(200);
  });
});
