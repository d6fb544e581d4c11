import { readFileSync } from 'node:fs';
import { encodePhpForm, toPhpFormInput } from '@leadpilot/kommo-emulator/webhooks/php-form';
import { describe, expect, it } from 'vitest';
import { parseWebhookBody } from './parse-webhook';

/**
 * Every capture and documented example in /work/shared/kommo/samples (copied to the emulator's
 * fixtures, which the conformance tests there also read) parses to the right events. The JSON
 * samples are Kommo's docs printing the payload decoded: each is checked both as JSON and
 * form-encoded the way it travels.
 */
const sample = (name: string) =>
  readFileSync(
    new URL(`../../../kommo-emulator/fixtures/webhook-samples/${name}`, import.meta.url),
    'utf8',
  );
const form = (name: string) =>
  parseWebhookBody(sample(name), { contentType: 'application/x-www-form-urlencoded' });
function bothWays(name: string) {
  const json = parseWebhookBody(sample(name), { contentType: 'application/json' });
  const encoded = encodePhpForm(
    toPhpFormInput(JSON.parse(sample(name))) as Parameters<typeof encodePhpForm>[0],
  );
  const wire = parseWebhookBody(encoded, { contentType: 'application/x-www-form-urlencoded' });
  expect(wire.events).toEqual(json.events);
  expect(json.unhandled).toEqual([]);
  expect(wire.format).toBe('form');
  return json;
}

describe('real captures', () => {
  it('lead_add_01 (2016): lead.added with its custom field, account by subdomain only', () => {
    const parsed = form('lead_add_01.txt');
    expect(parsed.unhandled).toEqual([]);
    expect(parsed.account).toEqual({ subdomain: 'test000002' });
    expect(parsed.events).toEqual([
      {
        type: 'lead.added',
        path: 'leads[add][0]',
        lead: {
          id: 31926529,
          name: 'qaz',
          statusId: 10216993,
          pipelineId: 2116,
          price: 24234,
          responsibleUserId: 102525,
          createdUserId: 102525,
          modifiedUserId: 102525,
          createdAt: 1456824464,
          updatedAt: 1456824464,
          tags: [],
          customFields: [{ id: 1119321, name: 'Some text field', values: [{ value: 'asdfdsf' }] }],
          thin: false,
        },
      },
    ]);
  });

  it('lead_update_02 (modern): lead.updated by a robot, account id and link', () => {
    const parsed = form('lead_update_02.txt');
    expect(parsed.unhandled).toEqual([]);
    expect(parsed.account).toEqual({
      id: 16700680,
      subdomain: 'unirock',
      url: 'https://unirock.amocrm.ru',
    });
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      type: 'lead.updated',
      lead: {
        id: 30052055,
        name: 'TEST MISHA (SORRY)',
        modifiedUserId: 0,
        price: 0,
        createdAt: 1744532875,
        updatedAt: 1744532876,
        customFields: [{ id: 957901, name: 'test_id', values: [{ value: '30052055' }] }],
        thin: false,
      },
    });
  });

  it('lead_status_01_dp (Digital-Pipeline short form): a thin lead.status_changed', () => {
    const parsed = form('lead_status_01_dp.txt');
    expect(parsed.unhandled).toEqual([]);
    expect(parsed.account).toEqual({ id: 30307558, subdomain: 'anyor' });
    expect(parsed.events).toEqual([
      {
        type: 'lead.status_changed',
        path: 'leads[status][0]',
        lead: {
          id: 10754147,
          statusId: 54423922,
          oldStatusId: 54435014,
          pipelineId: 6344290,
          oldPipelineId: 6344290,
          tags: [],
          customFields: [],
          thin: true,
        },
      },
    ]);
  });

  it('contact_add_01 and company_add_01: both under contacts[add], told apart by type', () => {
    const contact = form('contact_add_01.txt');
    expect(contact.unhandled).toEqual([]);
    expect(contact.events).toEqual([
      expect.objectContaining({
        type: 'contact.added',
        contact: expect.objectContaining({ id: 1112, name: 'wqds', createdAt: 1456824964 }),
      }),
    ]);
    const company = form('company_add_01.txt');
    expect(company.unhandled).toEqual([]);
    expect(company.events).toEqual([
      expect.objectContaining({
        type: 'company.added',
        company: expect.objectContaining({ id: 1110, name: 'dsf', responsibleUserId: 102525 }),
      }),
    ]);
  });
});

describe("Kommo's documented examples (as JSON and form-encoded)", () => {
  it('message[add]: an incoming chat message with author and channel', () => {
    expect(bothWays('doc_message_add.json').events).toEqual([
      {
        type: 'message.received',
        path: 'message[add][0]',
        message: {
          id: '660b5b93-4ead-ac38-3797c062146c',
          chatId: '33b41601-443b-9108-6938ae6b7935',
          talkId: 191,
          contactId: 11018118,
          text: 'Hello!',
          createdAt: 1726581295,
          entityType: 'lead',
          entityId: 9276114,
          author: {
            id: 'e1ec058c-7efb-4b59-24b1bcesdf3168f6',
            type: 'external',
            name: 'user name',
            avatarUrl:
              'https://amojo.kommo.com/attachments/profiles/a6c9-24b1bc7368f6/file-0_128x128.jpg',
          },
          origin: 'telegram',
        },
      },
    ]);
  });

  it('talk[add]', () => {
    expect(bothWays('doc_talk_add.json').events).toEqual([
      {
        type: 'talk.added',
        path: 'talk[add][0]',
        talk: {
          talkId: 191,
          chatId: '33b41601-7ed1-333ff2-9108-6938ae6b7935',
          contactId: 11018118,
          entityType: 'lead',
          entityId: 9276114,
          origin: 'telegram',
          isInWork: true,
          isRead: false,
          rate: 0,
          createdAt: 1726581298,
          updatedAt: 1726581298,
        },
      },
    ]);
  });

  it('task[add] on a lead, and task[update] completed with a result on a company', () => {
    expect(bothWays('doc_task_add.json').events).toEqual([
      {
        type: 'task.added',
        path: 'task[add][0]',
        task: {
          id: 1564671,
          entityType: 'leads',
          entityId: 15320411,
          taskTypeId: 1,
          text: 'Task text',
          isCompleted: false,
          responsibleUserId: 11087123,
          createdUserId: 11087123,
          completeTill: 1759438740,
          completeTillText: '2025-10-02 20:59:00',
          createdAt: 1726578449,
          updatedAt: 1726578449,
        },
      },
    ]);
    expect(bothWays('doc_task_update_result.json').events).toEqual([
      expect.objectContaining({
        type: 'task.updated',
        task: expect.objectContaining({
          id: 1564835,
          entityType: 'companies',
          isCompleted: true,
          result: { id: 4600307, text: 'client responded' },
          createdUserId: 0,
        }),
      }),
    ]);
  });

  it('leads[note]: a common text note with its metadata decoded', () => {
    expect(bothWays('doc_note_lead_text.json').events).toEqual([
      {
        type: 'note.added',
        path: 'leads[note][0]',
        note: {
          id: 4600471,
          entityType: 'leads',
          entityId: 15320411,
          noteType: 'common',
          noteTypeCode: '4',
          text: 'note text',
          metadata: { event_source: { id: 11087123, author_name: 'Jean Pierre', type: 1 } },
          createdBy: 11087123,
          responsibleUserId: 11087123,
          createdAt: 1726580291,
          updatedAt: 1726580329,
        },
      },
    ]);
  });

  it('unsorted[add]: an incoming form lead with its source', () => {
    const [event] = bothWays('doc_unsorted_add.json').events;
    expect(event).toMatchObject({
      type: 'unsorted.added',
      unsorted: {
        uid: '4278accf80c59e99411d5c6e01e4054864ca958e594699484ba8c5f40bb1',
        category: 'forms',
        pipelineId: 8572511,
        sourceId: 36504,
        leadId: 15318519,
        createdAt: 1726573764,
        sourceName: 'Site request #1303311 from form «Form #1712844073»',
        sourceData: { form_id: '1303311', origin: { ip: '172.241.70.196' } },
        data: { leads: { 0: { name: 'Lead name' } } },
      },
    });
  });

  it('unsorted[delete] with action=accept: the lead it became', () => {
    expect(bothWays('doc_unsorted_delete_accept.json').events).toEqual([
      {
        type: 'unsorted.accepted',
        path: 'unsorted[delete][0]',
        unsorted: {
          uid: 'f575b754b0d1eb1c380e53d6821ffd2820a6dfbe3822de0cfddaf266980f',
          category: 'mail',
          modifiedUserId: 11087123,
          createdAt: 1726392264,
          leadIds: [15258873],
          contactIds: [],
          companyIds: [],
        },
      },
    ]);
  });
});

describe('what real traffic varies', () => {
  const body = (data: Parameters<typeof encodePhpForm>[0]) => parseWebhookBody(encodePhpForm(data));

  it('bare date values, fields without values, enums, tags and Cyrillic', () => {
    const parsed = body({
      leads: {
        update: [
          {
            id: 7,
            name: 'Сделка «Ромашка» 🌼',
            tags: [{ id: 3, name: 'горячий' }],
            custom_fields: [
              { id: 1, name: 'Demo date', values: [1790000000] },
              { id: 2, name: 'Emptied' },
              { id: 3, name: 'Product', values: [{ value: 'Business', enum: 920002 }] },
              { id: 4, name: 'Address', values: [{ value: { city: 'Москва', zip: '101000' } }] },
            ],
          },
        ],
      },
    });
    expect(parsed.unhandled).toEqual([]);
    expect(parsed.events[0]).toMatchObject({
      lead: {
        name: 'Сделка «Ромашка» 🌼',
        tags: [{ id: 3, name: 'горячий' }],
        customFields: [
          { id: 1, values: [{ value: '1790000000' }] },
          { id: 2, values: [] },
          { id: 3, values: [{ value: 'Business', enumId: 920002 }] },
          { id: 4, values: [{ value: { city: 'Москва', zip: '101000' } }] },
        ],
      },
    });
  });

  it('a delete carries only ids: a thin lead.deleted', () => {
    const parsed = body({ leads: { delete: [{ id: 5, status_id: 142, pipeline_id: 1 }] } });
    expect(parsed.events).toEqual([
      {
        type: 'lead.deleted',
        path: 'leads[delete][0]',
        lead: { id: 5, statusId: 142, pipelineId: 1, tags: [], customFields: [], thin: true },
      },
    ]);
  });

  it('a batch of many items and several families in one body, account block anywhere', () => {
    const parsed = body({
      leads: {
        update: [
          { id: 1, name: 'a' },
          { id: 2, name: 'b' },
        ],
      },
      contacts: { update: [{ id: 3, name: 'c', type: 'contact' }] },
      account: { id: 42, subdomain: 'shop' },
    });
    expect(parsed.account).toEqual({ id: 42, subdomain: 'shop' });
    expect(parsed.events.map((e) => `${e.type}:${e.path}`)).toEqual([
      'lead.updated:leads[update][0]',
      'lead.updated:leads[update][1]',
      'contact.updated:contacts[update][0]',
    ]);
  });

  it('contact phones and emails come from the PHONE / EMAIL fields', () => {
    const parsed = body({
      contacts: {
        add: [
          {
            id: 9,
            name: 'Анна',
            type: 'contact',
            custom_fields: [
              { id: 1, code: 'PHONE', values: [{ value: '+7 900 000-00-00', enum: 1 }] },
              { id: 2, code: 'EMAIL', values: [{ value: 'anna@example.com', enum: 2 }] },
            ],
          },
        ],
      },
    });
    expect(parsed.events[0]).toMatchObject({
      type: 'contact.added',
      contact: { phones: ['+7 900 000-00-00'], emails: ['anna@example.com'] },
    });
  });

  it('call notes: params or the legacy JSON text, direction from the note type', () => {
    const parsed = body({
      contacts: {
        note: [
          {
            note: {
              id: 1,
              note_type: 10,
              element_type: 1,
              element_id: 77,
              text: JSON.stringify({ UNIQ: 'u1', DURATION: 0, PHONE: '+100', call_status: 6 }),
            },
          },
          {
            note: {
              id: 2,
              note_type: 'call_out',
              element_type: 2,
              element_id: 5,
              params: {
                uniq: 'u2',
                duration: 61,
                link: 'https://rec/2.mp3',
                phone: '+200',
                call_status: 4,
              },
            },
          },
        ],
      },
    });
    expect(parsed.unhandled).toEqual([]);
    expect(parsed.events.map((e) => (e.type === 'note.added' ? e.note : null))).toEqual([
      expect.objectContaining({
        entityType: 'contacts',
        entityId: 77,
        noteType: 'call_in',
        call: { direction: 'inbound', uniq: 'u1', duration: 0, phone: '+100', status: 6 },
      }),
      expect.objectContaining({
        entityType: 'leads',
        noteType: 'call_out',
        call: {
          direction: 'outbound',
          uniq: 'u2',
          duration: 61,
          link: 'https://rec/2.mp3',
          phone: '+200',
          status: 4,
        },
      }),
    ]);
  });

  it('an outgoing message is message.sent', () => {
    const parsed = body({ message: { add: [{ id: 'm1', text: 'Ответ', type: 'outgoing' }] } });
    expect(parsed.events).toEqual([
      { type: 'message.sent', path: 'message[add][0]', message: { id: 'm1', text: 'Ответ' } },
    ]);
  });

  it('customers and a declined incoming lead', () => {
    const parsed = body({
      customers: { add: [{ id: 4, name: 'Клиент', next_price: 990, next_date: 1790000000 }] },
      unsorted: { delete: [{ uid: 'x1', action: 'decline', category: 'chats' }] },
    });
    expect(parsed.events.map((e) => e.type)).toEqual(['customer.added', 'unsorted.declined']);
  });
});

describe('what cannot be mapped is reported, never thrown', () => {
  it('unknown families and actions, items without ids, wrong types', () => {
    const parsed = parseWebhookBody(
      [
        'widgets[add][0][id]=1',
        'leads[frobnicate][0][id]=2',
        'leads[add][0][name]=no+id',
        'leads[add][1][id]=abc',
        'leads[add][2][id]=3&leads[add][2][price]=cheap&leads[add][2][name]=kept',
        'leads[add][x][id]=4',
        'task=plain',
        'account[id]=not-a-number',
        'contacts[add][0][id]=5&contacts[add][0][type]=robot',
        'message[add][0][id][nested]=1',
      ].join('&'),
    );
    expect(parsed.events).toEqual([
      expect.objectContaining({
        type: 'lead.added',
        lead: expect.objectContaining({ id: 3, name: 'kept' }),
      }),
    ]);
    expect(parsed.events[0]).not.toHaveProperty('lead.price');
    expect(parsed.unhandled.map((u) => u.path).sort()).toEqual(
      [
        'account[id]',
        'contacts[add][0][type]',
        'leads[add][0]',
        'leads[add][1]',
        'leads[add][2][price]',
        'leads[add][x]',
        'leads[frobnicate]',
        'message[add][0]',
        'task',
        'widgets',
      ].sort(),
    );
    expect(parsed.account).toEqual({});
  });

  it('an empty body is no events and nothing unhandled', () => {
    expect(parseWebhookBody('')).toEqual({
      account: {},
      events: [],
      unhandled: [],
      format: 'form',
    });
  });
});
