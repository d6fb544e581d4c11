import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, type PgPool } from '@leadpilot/db/pool';
import {
  MAX_DELIVERY_ATTEMPTS,
  processIntegrationWebhooks,
} from '@leadpilot/domain/webhooks/process-deliveries';
import { createWebhookReceiver } from '@leadpilot/domain/webhooks/receive-webhook';
import { createWebhookAuthenticator } from '@leadpilot/domain/webhooks/webhook-auth';
import { webhookUrl } from '@leadpilot/domain/integrations/kommo-config';
import { codeOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';

let h: Harness;
let pool: PgPool;
const silent = { warn: () => {}, error: () => {} };

beforeAll(async () => {
  h = await createHarness();
  pool = createPgPool(h.url, { max: 2 });
});
afterAll(async () => {
  await pool.end();
  await h.close();
});

/** An organisation (owner + member) with a connected integration, and a way to send it webhooks. */
async function setup() {
  const owner = await h.signUp();
  const me = await owner.call((api) => api.auth.me());
  const secret = randomBytes(24).toString('base64url');
  const integration = await h.db.integration.create({
    data: {
      orgId: me!.activeOrg!.id,
      kind: 'kommo',
      host: `shop${randomUUID().slice(0, 8)}.kommo.com`,
      baseUrl: 'https://shop.kommo.com',
      accountId: 777,
      subdomain: 'shop',
      webhookSecretEnc: h.box.seal(secret),
    },
  });
  const receiver = createWebhookReceiver({
    pool,
    log: silent,
    auth: createWebhookAuthenticator({ db: h.db, box: h.box }),
  });
  const send = async (body: string, headers: Record<string, string> = {}) => {
    const outcome = await receiver.receive({
      integrationId: integration.id,
      secret,
      body: Buffer.from(body),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return outcome.status === 200 ? outcome.deliveryId : null;
  };
  const link = await owner.call((api) => api.members.invite({ role: 'member' }));
  const member = await h.signUp();
  await member.call((api) => api.members.acceptInvitation({ token: link.url.split('/').pop()! }));
  return { owner, member, integrationId: integration.id, secret, send };
}

const lead = (n: number) => `leads[add][0][id]=${n}&leads[add][0][name]=Lead+${n}&account[id]=777`;
const listIds = async (
  c: TestClient,
  input: { integrationId: string; status?: 'processed' | 'pending' | 'rejected' },
) => (await c.call((api) => api.webhooks.list({ ...input, limit: 100 }))).items.map((i) => i.id);

describe('webhooks.list', () => {
  it('pages newest first by keyset, filters by status, org-scoped', async () => {
    const { owner, member, integrationId, send } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((await send(lead(i)))!);
    await processIntegrationWebhooks({ db: h.db, pg: pool }, integrationId);
    for (let i = 2; i < 5; i++) ids.push((await send(lead(i)))!);

    const page1 = await owner.call((api) => api.webhooks.list({ integrationId, limit: 2 }));
    expect(page1.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    const page2 = await owner.call((api) =>
      api.webhooks.list({ integrationId, limit: 2, cursor: page1.nextCursor }),
    );
    const page3 = await owner.call((api) =>
      api.webhooks.list({ integrationId, limit: 2, cursor: page2.nextCursor }),
    );
    expect([...page2.items, ...page3.items].map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(page3.nextCursor).toBeNull();
    expect(page3.items[0]).toMatchObject({
      status: 'processed',
      eventCount: 1,
      eventTypes: ['lead.added'],
      attempts: 1,
    });

    expect(await listIds(member, { integrationId, status: 'processed' })).toEqual([ids[1], ids[0]]);
    expect(await listIds(member, { integrationId, status: 'pending' })).toEqual([
      ids[4],
      ids[3],
      ids[2],
    ]);
    const stranger = await h.signUp();
    expect(
      await codeOf(stranger.call((api) => api.webhooks.list({ integrationId, limit: 5 }))),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        owner.call((api) => api.webhooks.list({ integrationId, cursor: 'garbage', limit: 5 })),
      ),
    ).toBe('BAD_REQUEST');
  });
});

describe('webhooks.get', () => {
  it('shows headers, the raw body, the decoded payload and the events', async () => {
    const { member, send } = await setup();
    const id = (await send(lead(1), {
      'x-amocrm-requestid': 'req-1',
      'user-agent': 'amoCRM-Webhooks/3.0',
    }))!;
    const detail = await member.call((api) => api.webhooks.get({ id }));
    expect(detail).toMatchObject({
      id,
      status: 'pending',
      requestId: 'req-1',
      headers: { 'x-amocrm-requestid': 'req-1', 'user-agent': 'amoCRM-Webhooks/3.0' },
      body: lead(1),
      bodyTruncated: false,
      payload: { leads: { add: { 0: { id: '1', name: 'Lead 1' } } }, account: { id: '777' } },
      decodeError: null,
      account: { id: 777 },
      events: [{ type: 'lead.added', path: 'leads[add][0]', lead: { id: 1, name: 'Lead 1' } }],
      unhandled: [],
    });
  });

  it('a rejected body shows why it could not be decoded', async () => {
    const { owner, integrationId, send } = await setup();
    await send('leads[add][0][name]=%zz');
    const list = await owner.call((api) =>
      api.webhooks.list({ integrationId, status: 'rejected', limit: 5 }),
    );
    const detail = await owner.call((api) => api.webhooks.get({ id: list.items[0]!.id }));
    expect(detail).toMatchObject({
      status: 'rejected',
      payload: null,
      decodeError: expect.stringMatching(/Bad percent escape "%zz"/),
      lastError: expect.stringMatching(/Bad percent escape/),
      body: 'leads[add][0][name]=%zz',
      events: [],
    });
    const stranger = await h.signUp();
    expect(await codeOf(stranger.call((api) => api.webhooks.get({ id: detail.id })))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('webhooks.replay', () => {
  it('admins re-queue a dead or unhandled delivery; members cannot; processed ones are refused', async () => {
    const { owner, member, integrationId, send } = await setup();
    const dead = (await send(lead(50)))!;
    // Its last attempt fails.
    await h.db.webhookDelivery.update({
      where: { id: dead },
      data: { attempts: MAX_DELIVERY_ATTEMPTS - 1 },
    });
    await processIntegrationWebhooks({ db: h.db, pg: pool }, integrationId, async () => {
      throw new Error('mirror table missing');
    });
    expect((await owner.call((api) => api.webhooks.get({ id: dead }))).status).toBe('dead');
    expect(await codeOf(member.call((api) => api.webhooks.replay({ id: dead })))).toBe('FORBIDDEN');

    expect(await owner.call((api) => api.webhooks.replay({ id: dead }))).toEqual({
      id: dead,
      status: 'pending',
    });
    const [request] = await h.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM webhook_processing_requests WHERE integration_id = ${integrationId}::uuid`;
    expect(request!.n).toBe(1); // processing is asked for (and queued, as none is running)
    await processIntegrationWebhooks({ db: h.db, pg: pool }, integrationId);
    expect(await owner.call((api) => api.webhooks.get({ id: dead }))).toMatchObject({
      status: 'processed',
      attempts: MAX_DELIVERY_ATTEMPTS + 1,
      lastError: null,
    });
    expect(await codeOf(owner.call((api) => api.webhooks.replay({ id: dead })))).toBe('CONFLICT');

    const unhandled = (await send('widgets[add][0][id]=1&account[id]=777'))!;
    await processIntegrationWebhooks({ db: h.db, pg: pool }, integrationId);
    expect((await owner.call((api) => api.webhooks.replay({ id: unhandled }))).status).toBe(
      'pending',
    );
    const stranger = await h.signUp();
    expect(await codeOf(stranger.call((api) => api.webhooks.replay({ id: unhandled })))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('integrations.get webhookUrl', () => {
  it('is the URL the receiver accepts (admins only; members get null)', async () => {
    const { owner, member, integrationId, secret } = await setup();
    const url = (await owner.call((api) => api.integrations.get({ id: integrationId })))
      .webhookUrl!;
    expect(url).toBe(webhookUrl(h.kommo, integrationId, secret));
    const [, id, urlSecret] = /\/webhooks\/kommo\/([^/]+)\/([^/]+)$/.exec(new URL(url).pathname)!;
    const auth = createWebhookAuthenticator({ db: h.db, box: h.box });
    expect(await auth.verify(id!, urlSecret!)).toMatchObject({ integrationId });
    expect(
      (await member.call((api) => api.integrations.get({ id: integrationId }))).webhookUrl,
    ).toBeNull();
  });
});
