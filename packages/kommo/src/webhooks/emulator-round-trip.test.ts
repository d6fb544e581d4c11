import { startTestAccount } from '@leadpilot/kommo-emulator/test-support/test-account';
import { writtenIds } from '@leadpilot/kommo-emulator/test-support/api-client';
import { startWebhookReceiver } from '@leadpilot/kommo-emulator/test-support/webhook-receiver';
import { WEBHOOK_SETTINGS } from '@leadpilot/kommo-emulator/model/webhook-writes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KommoWebhookEvent } from './events';
import { parseWebhookBody } from './parse-webhook';

/**
 * Round trip: the emulator encodes webhooks in Kommo's wire format (checked against the real
 * captures by its conformance tests); every body it sends for every family parses back into the
 * events that caused it, with nothing unhandled.
 */

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

/** The event type each webhook setting produces. */
function expectedType(setting: string): string {
  const [action, entity] = setting.split('_') as [string, string];
  if (setting === 'add_message') return 'message.received';
  if (action === 'note') return 'note.added';
  const verb: Record<string, string> = {
    add: 'added',
    update: 'updated',
    delete: 'deleted',
    restore: 'restored',
    status: 'status_changed',
    responsible: 'responsible_changed',
  };
  return `${entity}.${verb[action]}`;
}

beforeAll(async () => {
  ctx = await startTestAccount();
  receiver = await startWebhookReceiver();
  const res = await ctx.api.post('/api/v4/webhooks', {
    destination: receiver.url,
    settings: WEBHOOK_SETTINGS,
  });
  expect(res.status).toBe(200);
  const { api, emulator } = ctx;
  const created = await api.post('/api/v4/leads', [
    {
      name: 'Сделка «Ромашка»',
      price: 1500,
      custom_fields_values: [
        { field_id: 910_001, values: [{ value: 'бюджет согласован' }] },
        { field_id: 910_003, values: [{ enum_id: 920_002 }] },
        { field_id: 910_005, values: [{ value: 1_790_000_000 }] },
      ],
      _embedded: { tags: [{ name: 'горячий' }] },
    },
  ]);
  const [leadId] = writtenIds(created);
  await api.patch(`/api/v4/leads/${leadId}`, { name: 'Renamed' });
  await api.patch('/api/v4/leads', [{ id: leadId, status_id: 61_000_012 }]);
  await api.patch('/api/v4/leads', [{ id: leadId, responsible_user_id: 8_100_002 }]);
  await api.post('/api/v4/contacts', [
    {
      name: 'Анна',
      custom_fields_values: [
        { field_code: 'PHONE', values: [{ value: '+79000000001', enum_code: 'MOB' }] },
      ],
    },
  ]);
  await api.post('/api/v4/companies', [{ name: 'ООО Ромашка' }]);
  await api.post(`/api/v4/leads/${leadId}/notes`, [
    { note_type: 'common', params: { text: 'Перезвонить завтра' } },
  ]);
  await emulator.simulate.task({ leadId: leadId!, text: 'Call back' });
  const task = [...emulator.account.tasks.values()].at(-1)!;
  await api.patch('/api/v4/tasks', [{ id: task.id, is_completed: true, result: { text: 'Done' } }]);
  await emulator.simulate.call({ direction: 'inbound', phone: '+79000000001', duration: 0 });
  await emulator.simulate.call({
    direction: 'outbound',
    phone: '+79000000002',
    duration: 95,
    leadId,
  });
  await emulator.simulate.incomingMessage({ leadId, text: 'Здравствуйте! 👋', origin: 'whatsapp' });
  // Kommo has no REST delete here; the emulator emits the events its dispatcher encodes.
  const lead = emulator.account.leads.get(leadId!)!;
  emulator.account.emit({ kind: 'lead', action: 'delete', lead, old: null, actorId: 8_100_001 });
  emulator.account.emit({ kind: 'lead', action: 'restore', lead, old: null, actorId: 8_100_001 });
  const contact = [...emulator.account.contacts.values()].at(-1)!;
  emulator.account.emit({
    kind: 'contact',
    action: 'delete',
    entity: contact,
    oldResponsibleUserId: null,
    actorId: 8_100_001,
  });
  await emulator.webhooksSettled();
});

afterAll(async () => {
  await ctx.emulator.stop();
  await receiver.close();
});

describe('emulator-sent webhooks parse back into their events', () => {
  it('every body: right types, one event per item, nothing unhandled', () => {
    const deliveries = ctx.emulator.deliveries();
    expect(deliveries.length).toBeGreaterThan(12);
    const seen = new Set<string>();
    for (const delivery of deliveries) {
      const parsed = parseWebhookBody(delivery.body, {
        contentType: 'application/x-www-form-urlencoded',
      });
      expect({ key: delivery.key, unhandled: parsed.unhandled }).toEqual({
        key: delivery.key,
        unhandled: [],
      });
      expect(parsed.account).toEqual({ id: 31234567, subdomain: 'demo', url: ctx.emulator.url });
      const items = [...new URLSearchParams(delivery.body).keys()].filter((k) =>
        /^\w+\[\w+\]\[\d+\]\[(id|talk_id|note)\]/.test(k),
      );
      expect(parsed.events.length).toBeGreaterThan(0);
      expect(new Set(parsed.events.map((e) => e.path)).size).toBe(
        new Set(items.map((k) => k.replace(/\]\[(id|talk_id|note)\].*$/, ']'))).size,
      );
      for (const event of parsed.events) {
        expect(event.type).toBe(expectedType(delivery.setting));
        seen.add(event.type);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'lead.added',
        'lead.updated',
        'lead.status_changed',
        'lead.responsible_changed',
        'lead.deleted',
        'lead.restored',
        'contact.added',
        'contact.deleted',
        'company.added',
        'note.added',
        'task.added',
        'task.updated',
        'talk.added',
        'message.received',
      ].sort(),
    );
  });

  const events = () =>
    ctx.emulator
      .deliveries()
      .flatMap((d) => parseWebhookBody(d.body).events) satisfies KommoWebhookEvent[];

  it('keeps values: Cyrillic, enums, bare dates, tags, phones', () => {
    const added = events().find((e) => e.type === 'lead.added');
    expect(added).toMatchObject({
      lead: {
        name: 'Сделка «Ромашка»',
        price: 1500,
        tags: [{ name: 'горячий' }],
        customFields: expect.arrayContaining([
          expect.objectContaining({ id: 910_001, values: [{ value: 'бюджет согласован' }] }),
          expect.objectContaining({
            id: 910_003,
            values: [{ value: 'Business', enumId: 920_002 }],
          }),
          expect.objectContaining({ id: 910_005, values: [{ value: '1790000000' }] }),
        ]),
        thin: false,
      },
    });
    const status = events().find((e) => e.type === 'lead.status_changed');
    expect(status).toMatchObject({
      lead: { statusId: 61_000_012, oldStatusId: expect.any(Number) },
    });
    const contact = events().find((e) => e.type === 'contact.added' && e.contact.name === 'Анна');
    expect(contact).toMatchObject({ contact: { phones: ['+79000000001'] } });
  });

  it('calls: a missed inbound and an answered outbound call note', () => {
    const calls = events().flatMap((e) => (e.type === 'note.added' && e.note.call ? [e.note] : []));
    expect(calls).toEqual([
      expect.objectContaining({
        noteType: 'call_in',
        call: expect.objectContaining({
          direction: 'inbound',
          duration: 0,
          status: 6,
          phone: '+79000000001',
        }),
      }),
      expect.objectContaining({
        noteType: 'call_out',
        entityType: 'leads',
        call: expect.objectContaining({
          direction: 'outbound',
          duration: 95,
          status: 4,
          link: expect.stringMatching(/\.mp3$/),
        }),
      }),
    ]);
  });

  it('chat: the message text, its channel and the completed task result', () => {
    expect(events().find((e) => e.type === 'message.received')).toMatchObject({
      message: { text: 'Здравствуйте! 👋', origin: 'whatsapp', entityType: 'lead' },
    });
    expect(events().find((e) => e.type === 'task.updated')).toMatchObject({
      task: { isCompleted: true, result: { text: 'Done' }, entityType: 'leads' },
    });
  });
});
