import { describe, expect, it } from 'vitest';
import { KommoNotFoundError, KommoValidationError } from './errors';
import type { NoteInput } from './schemas/note';
import { useScriptedClient } from './testing/scripted-client';
import { halPage } from './testing/scripted-server';

const start = useScriptedClient();

const callNote: NoteInput = {
  entity_id: 5,
  note_type: 'call_out',
  params: {
    uniq: 'call-1',
    duration: 42,
    source: 'Leadpilot',
    phone: '+100',
    call_status: 6,
    call_result: 'No answer',
  },
};

describe('what the methods put on the wire', () => {
  it('adds call notes with the documented params', async () => {
    const { client, server } = await start(() => ({
      status: 200,
      json: halPage('notes', [{ id: 9, entity_id: 5, request_id: '0' }]),
    }));
    const result = await client.addNotes('leads', [callNote]);
    expect(result).toMatchObject([{ id: 9, entity_id: 5 }]);
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      url: expect.objectContaining({ pathname: '/api/v4/leads/notes' }),
    });
    expect(server.requests[0]?.json).toEqual([callNote]);
  });

  it('returns calls Kommo could not attach beside the created ones', async () => {
    const { client } = await start(() => ({
      status: 200,
      json: {
        _embedded: {
          calls: [{ id: 1, entity_id: 7, entity_type: 'contact', request_id: 'a' }],
          errors: [{ request_id: 'b', title: 'Entity not found' }],
        },
      },
    }));
    const result = await client.addCalls([
      { direction: 'inbound', uniq: 'a', duration: 5, source: 's', phone: '+1', request_id: 'a' },
      { direction: 'inbound', uniq: 'b', duration: 5, source: 's', phone: '+2', request_id: 'b' },
    ]);
    expect(result.created).toMatchObject([{ id: 1, entity_id: 7 }]);
    expect(result.errors).toEqual([{ request_id: 'b', title: 'Entity not found' }]);
  });

  it('completes a task with a result', async () => {
    const { client, server } = await start(() => ({
      status: 200,
      json: { id: 3, updated_at: 10 },
    }));
    expect(await client.completeTask(3, 'Called back')).toMatchObject({ id: 3 });
    expect(server.requests[0]).toMatchObject({
      method: 'PATCH',
      json: { is_completed: true, result: { text: 'Called back' } },
    });
    expect(server.requests[0]?.url.pathname).toBe('/api/v4/tasks/3');
  });

  it('reads a task whose empty result came as [] (PHP)', async () => {
    const { client } = await start(() => ({
      status: 200,
      json: halPage('tasks', [
        { id: 1, created_at: 1, updated_at: 1, is_completed: false, complete_till: 5, result: [] },
      ]),
    }));
    expect((await client.listTasks())[0]?.result).toBeNull();
  });

  it('unsubscribes a webhook by destination with DELETE and a body', async () => {
    const { client, server } = await start(() => ({ status: 204 }));
    await client.unsubscribeWebhook('https://app.test/hooks/x');
    expect(server.requests[0]).toMatchObject({
      method: 'DELETE',
      json: { destination: 'https://app.test/hooks/x' },
    });
  });

  it('subscribes a webhook', async () => {
    const { client, server } = await start(() => ({
      status: 200,
      json: {
        id: 1,
        destination: 'https://app.test/h',
        settings: ['add_lead', 'add_message'],
        sort: 1,
        disabled: false,
      },
    }));
    const hook = await client.subscribeWebhook({
      destination: 'https://app.test/h',
      settings: ['add_lead', 'add_message'],
    });
    expect(hook.settings).toEqual(['add_lead', 'add_message']);
    expect(server.requests[0]?.json).toEqual({
      destination: 'https://app.test/h',
      settings: ['add_lead', 'add_message'],
    });
  });

  it('gets a talk, 204 meaning not found', async () => {
    const { client } = await start((req) =>
      req.url.pathname.endsWith('/1')
        ? {
            status: 200,
            json: {
              talk_id: 1,
              chat_id: 'c-1',
              contact_id: 2,
              entity_id: 3,
              entity_type: 'lead',
              origin: 'telegram',
              is_in_work: true,
              is_read: false,
            },
          }
        : { status: 204 },
    );
    expect(await client.getTalk(1)).toMatchObject({ talk_id: 1, origin: 'telegram' });
    await expect(client.getTalk(2)).rejects.toBeInstanceOf(KommoNotFoundError);
  });

  it('continues a Salesbot, splitting a long reply into show handlers', async () => {
    const { client, server } = await start(() => ({ status: 202 }));
    const reply = 'Thanks for your message! '.repeat(8).trim();
    await client.continueSalesbot(77, 'cont-1', {
      data: { status: 'ok' },
      handlers: [{ handler: 'show', params: { type: 'text', value: reply } }],
    });
    expect(server.requests[0]?.url.pathname).toBe('/api/v4/salesbot/77/continue/cont-1');
    const body = server.requests[0]?.json;
    expect(body).toMatchObject({ data: { status: 'ok' } });
    const handlers =
      body && typeof body === 'object' && 'execute_handlers' in body ? body.execute_handlers : [];
    expect(Array.isArray(handlers) && handlers.length).toBe(3);
  });

  it('refuses a reply that needs more than 10 handlers, sending nothing', async () => {
    const { client, server } = await start(() => ({ status: 202 }));
    const reply = 'word '.repeat(200);
    const error = await client
      .continueSalesbot(77, 'c', {
        handlers: [{ handler: 'show', params: { type: 'text', value: reply } }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('runSalesbot', () => {
  it('uses the documented batch endpoint with numeric entity types', async () => {
    const { client, server } = await start(() => ({ status: 202 }));
    await client.runSalesbot(12, { entityId: 34, entityType: 'leads' });
    expect(server.requests[0]?.url.pathname).toBe('/api/v2/salesbot/run');
    expect(server.requests[0]?.json).toEqual([{ bot_id: 12, entity_id: 34, entity_type: 2 }]);
  });
});
