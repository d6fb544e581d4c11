import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApi } from '../test-support/api-client';
import { startTestAccount } from '../test-support/test-account';
import { startWebhookReceiver } from '../test-support/webhook-receiver';

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
beforeEach(async () => {
  ctx = await startTestAccount();
});
afterEach(() => ctx.emulator.stop());

const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${ctx.emulator.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
};

describe('admin HTTP API', () => {
  it('injects and clears faults, validating the body', async () => {
    expect((await admin('POST', '/faults', { kind: '502', path: '/api/v4/leads' })).status).toBe(
      204,
    );
    expect((await ctx.api.get('/api/v4/leads')).status).toBe(502);
    const bad = await admin('POST', '/faults', { kind: '418' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400, detail: expect.stringContaining('kind') });
    await admin('POST', '/faults', { kind: '500' });
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await ctx.api.get('/api/v4/leads')).status).toBe(200);
  });

  it('issues long-lived tokens, expires and revokes them', async () => {
    const { token } = z
      .object({ token: z.string() })
      .parse((await admin('POST', '/tokens/long-lived', { days: 2 })).body);
    const api = testApi(ctx.emulator, token);
    expect((await api.get('/api/v4/account')).status).toBe(200);
    expect((await admin('POST', '/tokens/expire')).status).toBe(204);
    expect((await api.get('/api/v4/account')).status).toBe(401);
    const fresh = z
      .object({ token: z.string() })
      .parse((await admin('POST', '/tokens/long-lived', {})).body).token;
    await admin('POST', '/tokens/revoke');
    expect((await testApi(ctx.emulator, fresh).get('/api/v4/account')).status).toBe(401);
    expect((await admin('POST', '/tokens/long-lived', { days: 0 })).status).toBe(400);
  });

  it('reports stats, requests and writes', async () => {
    await ctx.api.get('/api/v4/leads?filter[id][]=20000001&filter[id][]=20000002');
    await ctx.api.patch('/api/v4/leads/20000001', { price: 1 });
    expect((await admin('GET', '/stats')).body).toMatchObject({ requests: 2, rateLimited: 0 });
    expect((await admin('GET', '/requests')).body).toMatchObject([
      {
        method: 'GET',
        path: '/api/v4/leads',
        query: { 'filter[id][]': ['20000001', '20000002'] },
        status: 200,
      },
      { method: 'PATCH', path: '/api/v4/leads/20000001', status: 200 },
    ]);
    expect((await admin('GET', '/writes')).body).toMatchObject([
      { method: 'PATCH', body: { price: 1 } },
    ]);
  });

  it('simulates a message, a call, a task and a stage change, each with its webhook', async () => {
    const receiver = await startWebhookReceiver();
    await ctx.api.post('/api/v4/webhooks', {
      destination: receiver.url,
      settings: ['add_message', 'note_contact', 'add_task', 'status_lead'],
    });
    expect(
      (await admin('POST', '/simulate/message', { contactId: 10_000_001, text: 'Привет' })).status,
    ).toBe(204);
    expect(
      (
        await admin('POST', '/simulate/call', {
          direction: 'inbound',
          phone: '+7 900 123-45-01',
          duration: 0,
        })
      ).status,
    ).toBe(204);
    expect(
      (await admin('POST', '/simulate/task', { leadId: 20_000_004, text: 'Call back' })).status,
    ).toBe(204);
    expect(
      (await admin('POST', '/simulate/stage-change', { leadId: 20_000_004, statusId: 61_000_013 }))
        .status,
    ).toBe(204);
    const families = receiver.received.map(
      (r) =>
        [...new URLSearchParams(r.body).keys()]
          .find((k) => !k.startsWith('account'))
          ?.split('[0]')[0],
    );
    expect(families).toEqual(['message[add]', 'contacts[note]', 'task[add]', 'leads[status]']);
    expect(ctx.emulator.account.leads.get(20_000_004)?.statusId).toBe(61_000_013);

    const bad = await admin('POST', '/simulate/stage-change', { leadId: 20_000_004, statusId: 1 });
    expect(bad.status).toBe(400);
    expect((await admin('POST', '/simulate/message', { text: '' })).status).toBe(400);
    expect((await admin('POST', '/simulate/task', { leadId: 1, text: 'x' })).status).toBe(400);
    await receiver.close();
  });
});
