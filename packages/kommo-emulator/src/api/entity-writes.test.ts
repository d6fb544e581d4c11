import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writtenIds } from '../test-support/api-client';
import { startTestAccount } from '../test-support/test-account';
import { validationErrors } from '../test-support/validation-errors';

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
beforeAll(async () => {
  ctx = await startTestAccount();
});
afterAll(() => ctx.emulator.stop());

describe('leads, contacts, companies', () => {
  it('creates leads with contacts, tags and custom fields and reads them back in Kommo shape', async () => {
    const res = await ctx.api.post('/api/v4/leads', [
      {
        name: 'Site chat — Пётр',
        price: 5000,
        pipeline_id: 7_100_002,
        custom_fields_values: [
          { field_id: 910_003, values: [{ enum_id: 920_002 }] },
          { field_code: 'UTM_SOURCE', values: [{ value: 'google' }] },
          { field_id: 910_005, values: [{ value: 1_790_000_000 }] },
        ],
        _embedded: { contacts: [{ id: 10_000_003, is_main: true }], tags: [{ name: 'hot' }] },
        request_id: 'abc',
      },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      _embedded: {
        leads: [
          {
            request_id: 'abc',
            _links: { self: { href: expect.stringContaining('/api/v4/leads/') } },
          },
        ],
      },
    });
    const [id] = writtenIds(res);
    const lead = await ctx.api.get(`/api/v4/leads/${id}?with=contacts`);
    expect(lead.body).toMatchObject({
      id,
      pipeline_id: 7_100_002,
      status_id: 61_000_021, // the first stage after "incoming"
      responsible_user_id: 8_100_001,
      account_id: 31_234_567,
      custom_fields_values: [
        {
          field_id: 910_003,
          field_name: 'Product',
          field_code: null,
          field_type: 'select',
          values: [{ value: 'Business', enum_id: 920_002 }],
        },
        { field_id: 910_013, field_code: 'UTM_SOURCE', values: [{ value: 'google' }] },
        { field_id: 910_005, field_type: 'date', values: [{ value: 1_790_000_000 }] },
      ],
      _embedded: {
        tags: [{ name: 'hot' }],
        contacts: [{ id: 10_000_003, is_main: true }],
        companies: [],
      },
    });
    expect(ctx.emulator.writes().at(-1)).toMatchObject({ method: 'POST', path: '/api/v4/leads' });
  });

  it('rejects the whole batch with validation-errors per request_id', async () => {
    const before = ctx.emulator.account.leads.size;
    const res = await ctx.api.post('/api/v4/leads', [
      { name: 'ok' },
      { name: 'bad', status_id: 123 },
      {
        name: 'worse',
        price: 'a lot',
        custom_fields_values: [{ field_id: 910_002, values: [{ value: 'many' }] }],
      },
    ]);
    expect(res.status).toBe(400);
    const errors = validationErrors(res.body);
    expect(errors).toEqual([
      {
        request_id: '1',
        errors: [{ code: 'NotSupportedChoice', path: 'status_id', detail: expect.any(String) }],
      },
      {
        request_id: '2',
        errors: [expect.objectContaining({ code: 'InvalidType', path: 'price' })],
      },
    ]);
    const cf = await ctx.api.post('/api/v4/leads', [
      { custom_fields_values: [{ field_id: 910_003, values: [{ enum_id: 1 }] }] },
    ]);
    expect(validationErrors(cf.body)[0]?.errors[0]).toMatchObject({
      code: 'NotSupportedChoice',
      path: 'custom_fields_values.0.values.0.enum_id',
    });
    expect(ctx.emulator.account.leads.size).toBe(before);
  });

  it('refuses more than 250 entities per write with 422', async () => {
    const res = await ctx.api.post(
      '/api/v4/contacts',
      Array.from({ length: 251 }, (_, i) => ({ name: `c${i}` })),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ status: 422, detail: 'Limit 250 per page' });
  });

  it('PATCH moves a lead, bumps updated_at and closes it at 142', async () => {
    const lead = ctx.emulator.account.leads.get(20_000_006);
    const before = lead?.updatedAt ?? 0;
    const res = await ctx.api.patch('/api/v4/leads/20000006', { status_id: 142 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 20_000_006, updated_at: expect.any(Number) });
    expect(lead?.updatedAt).toBeGreaterThan(before);
    expect(lead?.closedAt).not.toBeNull();
    expect((await ctx.api.patch('/api/v4/leads/20000006', { status_id: 61_000_010 })).status).toBe(
      400,
    ); // incoming
    expect((await ctx.api.patch('/api/v4/leads/999', { name: 'x' })).status).toBe(404);
    expect((await ctx.api.get('/api/v4/leads/999')).body).toMatchObject({
      status: 404,
      title: 'Not Found',
    });
  });

  it('finds contacts by phone digits and email through query', async () => {
    const page = z.object({
      _embedded: z.object({ contacts: z.array(z.object({ id: z.number() })) }),
    });
    const byPhone = page.parse((await ctx.api.get('/api/v4/contacts?query=79001234502')).body);
    expect(byPhone._embedded.contacts.map((c) => c.id)).toEqual([10_000_002]);
    const byEmail = page.parse((await ctx.api.get('/api/v4/contacts?query=carlos@solymar')).body);
    expect(byEmail._embedded.contacts.map((c) => c.id)).toEqual([10_000_003]);
  });
});
