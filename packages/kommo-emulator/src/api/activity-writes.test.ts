import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { testApi, writtenIds } from '../test-support/api-client';
import { startTestAccount } from '../test-support/test-account';
import { validationErrors } from '../test-support/validation-errors';

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
beforeAll(async () => {
  ctx = await startTestAccount();
});
afterAll(() => ctx.emulator.stop());

describe('tasks, notes, calls, webhooks, bots', () => {
  it('requires text and complete_till on tasks; filters open tasks of a lead', async () => {
    const bad = await ctx.api.post('/api/v4/tasks', [
      { entity_id: 20_000_002, entity_type: 'leads' },
    ]);
    expect(bad.status).toBe(400);
    expect(
      validationErrors(bad.body)[0]
        ?.errors.map((e) => e.path)
        .sort(),
    ).toEqual(['complete_till', 'text']);
    const ok = await ctx.api.post('/api/v4/tasks', [
      {
        entity_id: 20_000_002,
        entity_type: 'leads',
        text: 'Call back',
        complete_till: 1_790_100_000,
        task_type_id: 2_510_001,
      },
    ]);
    const [taskId] = writtenIds(ok);
    const list = await ctx.api.get(
      '/api/v4/tasks?filter[is_completed]=0&filter[entity_type]=leads&filter[entity_id][]=20000002',
    );
    expect(list.body).toMatchObject({
      _embedded: {
        tasks: expect.arrayContaining([expect.objectContaining({ id: taskId, result: [] })]),
      },
    });
    const done = await ctx.api.patch('/api/v4/tasks', [
      { id: taskId, is_completed: true, result: { text: 'Talked' } },
    ]);
    expect(done.status).toBe(200);
    expect((await ctx.api.get(`/api/v4/tasks/${taskId}`)).body).toMatchObject({
      is_completed: true,
      result: { text: 'Talked' },
    });
  });

  it('adds notes by entity and by path, checking params per note type', async () => {
    const res = await ctx.api.post('/api/v4/leads/20000003/notes', [
      { note_type: 'common', params: { text: 'Hello' } },
    ]);
    expect(res.status).toBe(200);
    const bad = await ctx.api.post('/api/v4/leads/notes', [
      { entity_id: 20_000_003, note_type: 'call_in', params: { phone: '1' } },
    ]);
    expect(bad.status).toBe(400);
    const notes = await ctx.api.get('/api/v4/leads/20000003/notes?filter[note_type][]=common');
    expect(notes.body).toMatchObject({
      _embedded: {
        notes: expect.arrayContaining([expect.objectContaining({ params: { text: 'Hello' } })]),
      },
    });
  });

  it('files POST /calls on the contact with that phone, and reports unknown numbers', async () => {
    const res = await ctx.api.post('/api/v4/calls', [
      {
        direction: 'inbound',
        duration: 0,
        source: 'pbx',
        phone: '+7 (900) 123-45-01',
        call_status: 6,
      },
      { direction: 'outbound', duration: 30, source: 'pbx', phone: '+1 000 000 0000' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      _embedded: { calls: [{ entity_id: 10_000_001, entity_type: 'contact', request_id: '0' }] },
      errors: [{ request_id: '1' }],
    });
    expect(ctx.emulator.account.calls.at(-1)).toMatchObject({
      callStatus: 6,
      direction: 'inbound',
    });
  });

  it('saves webhooks by destination, updates on re-post, deletes by destination with 204', async () => {
    const destination = 'https://hooks.leadpilot.example/k/abc';
    expect(
      (await ctx.api.post('/api/v4/webhooks', { destination, settings: ['add_lead'] })).status,
    ).toBe(200);
    const again = await ctx.api.post('/api/v4/webhooks', {
      destination,
      settings: ['add_lead', 'add_message'],
    });
    expect(again.body).toMatchObject({
      destination,
      settings: ['add_lead', 'add_message'],
      disabled: false,
    });
    expect(
      [...ctx.emulator.account.webhooks.values()].filter((w) => w.destination === destination),
    ).toHaveLength(1);
    expect(
      (await ctx.api.post('/api/v4/webhooks', { destination, settings: ['nonsense'] })).status,
    ).toBe(400);
    expect((await ctx.api.delete('/api/v4/webhooks', { destination })).status).toBe(204);
    expect(
      (await ctx.api.get(`/api/v4/webhooks?filter[destination]=${encodeURIComponent(destination)}`))
        .status,
    ).toBe(204);
  });

  it('accepts salesbot runs and continuations with 202 and records them', async () => {
    expect(
      (await ctx.api.post('/api/v4/bots/77/run', { entity_id: 20_000_001, entity_type: 2 })).status,
    ).toBe(202);
    const body = {
      data: { reply: 'Hi' },
      execute_handlers: [{ handler: 'show', params: { type: 'text', value: 'Hello!' } }],
    };
    expect((await ctx.api.post('/api/v4/salesbot/77/continue/c-123', body)).status).toBe(202);
    expect(ctx.emulator.account.botCalls.at(-1)).toMatchObject({
      kind: 'continue',
      botId: 77,
      continueId: 'c-123',
      body,
    });
    const tooMany = {
      execute_handlers: Array.from({ length: 11 }, () => ({ handler: 'show', params: {} })),
    };
    expect((await ctx.api.post('/api/v4/salesbot/77/continue/c-124', tooMany)).status).toBe(400);
  });

  it('serves account, pipelines with 142/143 and one incoming stage each, users and sources', async () => {
    const account = await ctx.api.get(
      '/api/v4/account?with=amojo_id,task_types,users_groups,datetime_settings',
    );
    expect(account.body).toMatchObject({
      id: 31_234_567,
      subdomain: 'demo',
      amojo_id: expect.any(String),
      _embedded: {
        task_types: expect.arrayContaining([expect.objectContaining({ id: 2_510_001 })]),
        datetime_settings: { timezone: 'Europe/Moscow' },
      },
    });
    const pipelines = z
      .object({
        _embedded: z.object({
          pipelines: z.array(
            z.object({
              _embedded: z.object({
                statuses: z.array(z.object({ id: z.number(), type: z.number() })),
              }),
            }),
          ),
        }),
      })
      .parse((await ctx.api.get('/api/v4/leads/pipelines')).body);
    for (const p of pipelines._embedded.pipelines) {
      const ids = p._embedded.statuses.map((s) => s.id);
      expect(ids).toEqual(expect.arrayContaining([142, 143]));
      expect(p._embedded.statuses.filter((s) => s.type === 1)).toHaveLength(1);
    }
    const users = await testApi(ctx.emulator, ctx.token).get(
      '/api/v4/users?with=role,group,uuid,amojo_id',
    );
    expect(users.body).toMatchObject({ _total_items: 4 });
    expect((await ctx.api.get('/api/v4/sources')).body).toMatchObject({
      _embedded: {
        sources: [
          { origin_code: 'whatsapp' },
          { origin_code: 'telegram' },
          { origin_code: 'instagram_business' },
        ],
      },
    });
  });
});
