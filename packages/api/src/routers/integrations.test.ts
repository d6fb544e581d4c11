import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createDb } from '@leadpilot/db/client';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { completeKommoConnect } from '@leadpilot/domain/integrations/connect';
import { kommoClientFor, recordKommoFailure } from '@leadpilot/domain/integrations/kommo-client';
import { handleRevokedHook } from '@leadpilot/domain/integrations/revoked-hook';
import { KommoForbiddenError } from '@leadpilot/kommo/errors';
import { IntegrationUnavailableError } from '@leadpilot/domain/integrations/token-provider';
import { createHmac } from 'node:crypto';
import { formatError } from '../errors';
import { codeOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';

let emulator: KommoEmulator;
let h: Harness;

/** Revoking access is final for an emulated account: later tests get a fresh one on the same port. */
async function restartEmulator() {
  const port = Number(new URL(emulator.url).port);
  await emulator.stop();
  emulator = createKommoEmulator({ autoApprove: true, port });
  await emulator.start();
}

beforeAll(async () => {
  emulator = createKommoEmulator({ autoApprove: true });
  const { url } = await emulator.start();
  h = await createHarness({
    kommo: {
      publicUrl: 'http://localhost:3999',
      demo: {
        baseUrl: url,
        clientId: 'leadpilot-demo',
        clientSecret: 'leadpilot-demo-secret',
        redirectUri: 'http://localhost:3999/oauth/kommo/callback',
      },
    },
  });
});
afterAll(async () => {
  await h.close();
  await emulator.stop();
});

const userIdOf = async (c: TestClient) => (await c.call((api) => api.auth.me()))!.user.id;

/** Follows the consent page like a browser would, and returns the callback query. */
async function approve(consentUrl: string): Promise<URLSearchParams> {
  const res = await fetch(consentUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.pathname).toBe('/oauth/kommo/callback');
  return location.searchParams;
}

async function connect(owner: TestClient) {
  const { url } = await owner.call((api) => api.integrations.connectDemo());
  const query = await approve(url);
  return completeKommoConnect(h, {
    query,
    session: { id: owner.cookie()!, userId: await userIdOf(owner) },
  });
}

async function emulatorWebhooks(): Promise<{ destination: string }[]> {
  const token = emulator.tokens.issueLongLived();
  const res = await fetch(`${emulator.url}/api/v4/webhooks`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status === 204) return [];
  const body = (await res.json()) as { _embedded?: { webhooks?: { destination: string }[] } };
  return body._embedded?.webhooks ?? [];
}

describe('connecting the demo Kommo account', () => {
  it('goes through OAuth, stores encrypted tokens, reads the account and registers the webhook', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);

    const row = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(row).toMatchObject({
      kind: 'kommo_demo',
      host: emulator.host,
      status: 'connected',
      webhookRegistered: true,
    });
    expect(row.accountName).toBeTruthy();
    expect(row.accessTokenEnc).toMatch(/^v1\./);
    expect(h.box.open(row.accessTokenEnc!)).not.toBe(row.accessTokenEnc);

    const got = await owner.call((api) => api.integrations.get({ id: integrationId }));
    expect(got.webhookUrl).toMatch(
      new RegExp(`^http://localhost:3999/webhooks/kommo/${integrationId}/[\\w-]{20,}$`),
    );
    expect(JSON.stringify(got)).not.toContain(h.box.open(row.accessTokenEnc!));
    expect((await emulatorWebhooks()).map((w) => w.destination)).toContain(got.webhookUrl);

    // the stored connection works: a call through the integration's client
    const client = await kommoClientFor(h, integrationId);
    expect((await client.getAccount({})).id).toBe(row.accountId);
  });

  it('refuses a forged, reused, foreign-session or denied callback, storing nothing', async () => {
    const owner = await h.signUp();
    const session = { id: owner.cookie()!, userId: await userIdOf(owner) };
    const before = await h.db.integration.count();

    const forged = new URLSearchParams({
      code: 'x',
      referer: emulator.host,
      state: 'forged-state-forged-state',
    });
    await expect(completeKommoConnect(h, { query: forged, session })).rejects.toThrow(
      /unknown or was already used/,
    );
    await expect(
      completeKommoConnect(h, {
        query: new URLSearchParams({ code: 'x', referer: emulator.host }),
        session,
      }),
    ).rejects.toThrow(/state is missing/);

    const { url } = await owner.call((api) => api.integrations.connectDemo());
    const query = await approve(url);
    const stranger = await h.signUp();
    await expect(
      completeKommoConnect(h, {
        query,
        session: { id: stranger.cookie()!, userId: await userIdOf(stranger) },
      }),
    ).rejects.toThrow(/another session/);
    await expect(completeKommoConnect(h, { query, session })).rejects.toThrow(/already used/);

    const second = await owner.call((api) => api.integrations.connectDemo());
    const state = new URL(second.url).searchParams.get('state')!;
    await expect(
      completeKommoConnect(h, {
        query: new URLSearchParams({ error: 'access_denied', state }),
        session,
      }),
    ).rejects.toThrow(/not granted/);

    const third = await owner.call((api) => api.integrations.connectDemo());
    const evil = await approve(third.url);
    evil.set('referer', 'evil.example.com');
    await expect(completeKommoConnect(h, { query: evil, session })).rejects.toThrow(
      /not a Kommo account/,
    );
    expect(await h.db.integration.count()).toBe(before);
  });

  it("refuses a used or expired authorisation code with Kommo's reason, storing nothing", async () => {
    const owner = await h.signUp();
    const session = { id: owner.cookie()!, userId: await userIdOf(owner) };
    const first = await approve((await owner.call((api) => api.integrations.connectDemo())).url);
    const second = await approve((await owner.call((api) => api.integrations.connectDemo())).url);
    await completeKommoConnect(h, { query: first, session });
    const count = await h.db.integration.count();
    // a valid state carrying a code that was already exchanged
    second.set('code', first.get('code')!);
    await expect(completeKommoConnect(h, { query: second, session })).rejects.toThrow(
      /Kommo answered/,
    );
    expect(await h.db.integration.count()).toBe(count);
  });

  it('lets only admins connect; members see integrations without the webhook URL', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    const link = await owner.call((api) => api.members.invite({ role: 'member' }));
    const member = await h.signUp();
    await member.call((api) => api.members.acceptInvitation({ token: link.url.split('/').pop()! }));
    expect(await codeOf(member.call((api) => api.integrations.connectDemo()))).toBe('FORBIDDEN');
    expect(
      await codeOf(member.call((api) => api.integrations.disconnect({ id: integrationId }))),
    ).toBe('FORBIDDEN');
    expect(
      (await member.call((api) => api.integrations.get({ id: integrationId }))).webhookUrl,
    ).toBeNull();
    const stranger = await h.signUp();
    expect(await codeOf(stranger.call((api) => api.integrations.get({ id: integrationId })))).toBe(
      'NOT_FOUND',
    );
  });

  it('disconnects (webhook unsubscribed, tokens erased) and reconnects', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    const url = (await owner.call((api) => api.integrations.get({ id: integrationId })))
      .webhookUrl!;
    const result = await owner.call((api) => api.integrations.disconnect({ id: integrationId }));
    expect(result.warning).toBeNull();
    expect((await emulatorWebhooks()).map((w) => w.destination)).not.toContain(url);
    const row = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(row).toMatchObject({
      status: 'disconnected',
      accessTokenEnc: null,
      refreshTokenEnc: null,
    });

    const again = await connect(owner);
    expect(again.integrationId).toBe(integrationId);
    expect(
      (await owner.call((api) => api.integrations.get({ id: integrationId }))).webhookUrl,
    ).toBe(url);
  });

  it('links an agent to an integration of its own organisation only', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    const agent = await owner.call((api) => api.agents.create({ name: 'Linked', integrationId }));
    expect(agent.integration).toMatchObject({ id: integrationId, status: 'connected' });
    const other = await h.signUp();
    expect(
      await codeOf(other.call((api) => api.agents.create({ name: 'Nope', integrationId }))),
    ).toBe('BAD_REQUEST');
  });
});

describe('long-lived tokens (private integrations)', () => {
  it('connects with a pasted token, and a rejected token asks for a new one', async () => {
    const owner = await h.signUp();
    const token = emulator.tokens.issueLongLived(30);
    const { integrationId } = await owner.call((api) =>
      api.integrations.connectWithToken({ kind: 'kommo_demo', host: emulator.host, token }),
    );
    const row = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(row).toMatchObject({
      status: 'connected',
      longLivedToken: true,
      refreshTokenEnc: null,
      webhookRegistered: true,
    });

    const bad = await owner
      .call((api) =>
        api.integrations.connectWithToken({
          kind: 'kommo_demo',
          host: emulator.host,
          token: 'x'.repeat(40),
        }),
      )
      .catch((e: unknown) => e);
    expect(formatError(bad as never).fieldErrors).toHaveProperty('token');
    const wrongHost = await owner
      .call((api) => api.integrations.connectWithToken({ host: 'evil.example.com', token }))
      .catch((e: unknown) => e);
    expect(formatError(wrongHost as never).fieldErrors).toHaveProperty('host');
  });
});

describe('keeping the connection alive', () => {
  it('refreshes an expired token once even when several processes race, and the connection survives', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    emulator.tokens.expireAll();
    // count refresh calls on the wire
    let refreshes = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).endsWith('/oauth2/access_token'))
        refreshes++;
      return realFetch(input, init);
    };
    onTestFinished(() => {
      globalThis.fetch = realFetch;
    });
    // five "processes": separate clients over separate connection pools
    const pools = [1, 2, 3, 4, 5].map(() => createDb(h.url, { max: 2 }));
    try {
      const clients = await Promise.all(
        pools.map((db) => kommoClientFor({ ...h, db }, integrationId)),
      );
      const accounts = await Promise.all(clients.map((c) => c.getAccount({})));
      expect(new Set(accounts.map((a) => a.id)).size).toBe(1);
      expect(refreshes).toBe(1);
      // and the stored pair is the working one
      expect((await (await kommoClientFor(h, integrationId)).getAccount({})).id).toBe(
        accounts[0]!.id,
      );
    } finally {
      await Promise.all(pools.map((db) => db.$disconnect()));
    }
  });

  it('marks the integration "needs re-auth" when Kommo revokes access', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    emulator.tokens.revokeAll();
    onTestFinished(() => restartEmulator());
    const client = await kommoClientFor(h, integrationId);
    // 401 → the refresh is refused too → the provider records "needs re-auth" and says why
    const error = await client.getAccount({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationUnavailableError);
    const got = await owner.call((api) => api.integrations.get({ id: integrationId }));
    expect(got.status).toBe('needs_reauth');
    expect(got.statusReason).toMatch(/Reconnect Kommo/);
    const row = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    expect(row.accessTokenEnc).toBeNull();
    // further calls fail fast with the same reason, without calling Kommo
    await expect(client.getAccount({})).rejects.toThrow(/Reconnect Kommo/);
  });

  it('records 403 as "blocked" and 402 as "payment required"', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    const client = await kommoClientFor(h, integrationId);
    emulator.faults.inject({ kind: '403' });
    const forbidden = await client.getAccount({}).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(KommoForbiddenError);
    expect(await recordKommoFailure(h.db, integrationId, forbidden)).toBe(true);
    expect((await owner.call((api) => api.integrations.get({ id: integrationId }))).status).toBe(
      'blocked',
    );
    await h.db.integration.update({ where: { id: integrationId }, data: { status: 'connected' } });
    emulator.faults.inject({ kind: '402' });
    expect(
      await recordKommoFailure(
        h.db,
        integrationId,
        await client.getAccount({}).catch((e: unknown) => e),
      ),
    ).toBe(true);
    expect((await owner.call((api) => api.integrations.get({ id: integrationId }))).status).toBe(
      'payment_required',
    );
    expect(await recordKommoFailure(h.db, integrationId, new Error('other'))).toBe(false);
  });

  it('accepts the signed "access revoked" hook and rejects a forged one', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connect(owner);
    const row = await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } });
    const sign = (secret: string) =>
      createHmac('sha256', secret).update(`leadpilot-demo|${row.accountId}`).digest('hex');
    const query = (signature: string) =>
      new URLSearchParams({
        client_uuid: 'leadpilot-demo',
        account_id: String(row.accountId),
        signature,
      });
    expect(await handleRevokedHook(h, query(sign('wrong-secret')))).toBe(false);
    expect(
      (await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status,
    ).toBe('connected');
    expect(await handleRevokedHook(h, query(sign('leadpilot-demo-secret')))).toBe(true);
    expect(
      (await h.db.integration.findUniqueOrThrow({ where: { id: integrationId } })).status,
    ).toBe('needs_reauth');
  });
});
