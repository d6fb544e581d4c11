import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestAccount } from '../test-support/test-account';
import { startWebhookReceiver } from '../test-support/webhook-receiver';
import { decodePhpForm } from './php-form';

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

async function subscribe(settings: string[], destination = receiver.url) {
  const res = await ctx.api.post('/api/v4/webhooks', { destination, settings });
  expect(res.status).toBe(200);
}

beforeEach(async () => {
  ctx = await startTestAccount();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await ctx.emulator.stop();
  await receiver.close();
});

describe('webhook delivery', () => {
  it('a PATCH /leads status change reaches the receiver as leads[status] with the old stage', async () => {
    await subscribe(['status_lead']);
    const res = await ctx.api.patch('/api/v4/leads', [{ id: 20_000_004, status_id: 61_000_014 }]);
    expect(res.status).toBe(200);
    const [hook] = await receiver.waitFor(1);
    const body = decodePhpForm(hook?.body ?? '');
    expect(body).toMatchObject({
      account: { id: '31234567', subdomain: 'demo', _links: { self: ctx.emulator.url } },
      leads: {
        status: {
          0: {
            id: '20000004',
            status_id: '61000014',
            old_status_id: '61000011',
            pipeline_id: '7100001',
            old_pipeline_id: '7100001',
            modified_user_id: '8100001',
          },
        },
      },
    });
    // Only the subscribed family is sent: no leads[update] to this destination.
    await ctx.emulator.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
    expect(ctx.emulator.deliveries()).toMatchObject([
      { setting: 'status_lead', key: 'leads[status]', status: 200, ok: true },
    ]);
  });

  it('one batch write is one body per family, with every entity indexed', async () => {
    await subscribe(['add_lead', 'update_lead']);
    await ctx.api.post('/api/v4/leads', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    await ctx.emulator.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
    const names = new URLSearchParams(receiver.received[0]?.body);
    expect([0, 1, 2].map((i) => names.get(`leads[add][${i}][name]`))).toEqual(['A', 'B', 'C']);
  });

  it('simulate.incomingMessage sends message[add] (and talk[add] for a new chat) with the text', async () => {
    await subscribe(['add_message', 'add_talk', 'add_lead', 'add_contact']);
    await ctx.emulator.simulate.incomingMessage({
      leadId: 20_000_005,
      text: 'Здравствуйте! How much is Business?',
      origin: 'whatsapp',
    });
    const keys = receiver.received.map((r) =>
      Object.keys(decodePhpForm(r.body)).filter((k) => k !== 'account'),
    );
    expect(keys.flat().sort()).toEqual(['message', 'talk']);
    const message = receiver.received.map((r) => decodePhpForm(r.body)).find((b) => 'message' in b);
    expect(message).toMatchObject({
      message: {
        add: {
          0: {
            text: 'Здравствуйте! How much is Business?',
            contact_id: '10000005',
            element_type: '2',
            entity_type: 'lead',
            element_id: '20000005',
            entity_id: '20000005',
            type: 'incoming',
            origin: 'whatsapp',
            author: { type: 'external', name: 'Дмитрий Соколов' },
          },
        },
      },
    });
    const talkId = new URLSearchParams(
      receiver.received.find((r) => r.body.includes('message'))?.body,
    ).get('message[add][0][talk_id]');
    const talk = await ctx.api.get(`/api/v4/talks/${talkId}`);
    expect(talk.status).toBe(200);
    expect(talk.body).toMatchObject({
      talk_id: Number(talkId),
      entity_id: 20_000_005,
      origin: 'whatsapp',
    });
  });

  it('a message from a stranger creates a contact and an incoming lead, announced by the robot', async () => {
    await subscribe(['add_message', 'add_lead', 'add_contact']);
    await ctx.emulator.simulate.incomingMessage({
      text: 'Hi',
      authorName: 'Zoe',
      origin: 'telegram',
    });
    const bodies = receiver.received.map((r) => new URLSearchParams(r.body));
    const lead = bodies.find((b) => b.has('leads[add][0][id]'));
    expect(lead?.get('leads[add][0][status_id]')).toBe('61000010'); // the incoming stage
    expect(lead?.get('leads[add][0][modified_user_id]')).toBe('0');
    expect(bodies.find((b) => b.has('contacts[add][0][id]'))?.get('contacts[add][0][name]')).toBe(
      'Zoe',
    );
    expect(
      bodies.find((b) => b.has('message[add][0][id]'))?.get('message[add][0][element_id]'),
    ).toBe(lead?.get('leads[add][0][id]'));
  });

  it('a missed inbound call produces a call_in note webhook with call_status 6', async () => {
    await subscribe(['note_lead']);
    await ctx.emulator.simulate.call({
      direction: 'inbound',
      phone: '+7 900 123-45-07',
      duration: 0,
      leadId: 20_000_007,
    });
    const note = decodePhpForm(receiver.received[0]?.body ?? '');
    expect(note).toMatchObject({
      leads: {
        note: {
          0: {
            note: {
              note_type: '10',
              element_type: '2',
              element_id: '20000007',
              params: { call_status: '6', duration: '0' },
            },
          },
        },
      },
    });
    const text =
      new URLSearchParams(receiver.received[0]?.body).get('leads[note][0][note][text]') ?? '';
    expect(JSON.parse(text)).toMatchObject({ call_status: 6, phone: '+7 900 123-45-07' });
  });

  it('a slow receiver is given up on after 2 s and the failure is recorded', async () => {
    const slow = await startWebhookReceiver({ delayMs: 2_500 });
    await subscribe(['add_task'], slow.url);
    await ctx.emulator.simulate.task({ leadId: 20_000_002, text: 'Call back' });
    expect(ctx.emulator.deliveries()).toMatchObject([
      { setting: 'add_task', ok: false, status: null },
    ]);
    expect(ctx.emulator.deliveries()[0]?.durationMs).toBeGreaterThanOrEqual(1_900);
    await slow.close();
  });
});
