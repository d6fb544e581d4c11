import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writtenIds } from '../test-support/api-client';
import { startTestAccount } from '../test-support/test-account';
import { startWebhookReceiver } from '../test-support/webhook-receiver';
import { decodePhpForm, leafPaths } from './php-form';

/**
 * The emulator's webhook bodies against the real captures in fixtures/webhook-samples: the same
 * key paths (indexes normalised) and the same kind of value under each key.
 */

const sample = (name: string) =>
  readFileSync(new URL(`../../fixtures/webhook-samples/${name}`, import.meta.url), 'utf8').trim();

const normalise = (path: string) => path.replace(/\[\d+\]/g, '[#]');
const keysOf = (body: string, rename?: [string, string]) =>
  new Set(
    leafPaths(decodePhpForm(body)).map((p) => {
      const n = normalise(p);
      return rename ? n.replace(rename[0], rename[1]) : n;
    }),
  );
const valueKinds = (body: string) =>
  new Map(
    leafPaths(decodePhpForm(body)).map((p) => {
      const value = new URLSearchParams(body).get(p) ?? '';
      const kind = /^\d+$/.test(value) ? 'integer' : /^https?:\/\//.test(value) ? 'url' : 'text';
      return [normalise(p), kind];
    }),
  );
const union = (...sets: Iterable<string>[]) => new Set(sets.flatMap((s) => [...s]));
const sorted = (s: Set<string>) => [...s].sort();

// What separates a 2016 capture from a modern (amoCRM-Webhooks/3.0) one of the same family,
// read off lead_add_01 (2016) vs lead_update_02 (2025).
const modernAdditions = (family: string) =>
  new Set([
    'account[id]',
    'account[_links][self]',
    `${family}[#][created_at]`,
    `${family}[#][updated_at]`,
  ]);

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const bodies = new Map<string, string>();

beforeAll(async () => {
  ctx = await startTestAccount();
  receiver = await startWebhookReceiver();
  const settings = ['add_lead', 'update_lead', 'status_lead', 'add_contact', 'add_company'];
  expect(
    (await ctx.api.post('/api/v4/webhooks', { destination: receiver.url, settings })).status,
  ).toBe(200);

  // The captures have one plain text custom field and no tags: write the same.
  const created = await ctx.api.post('/api/v4/leads', [
    {
      name: 'qaz',
      price: 24234,
      custom_fields_values: [{ field_id: 910_001, values: [{ value: 'asdfdsf' }] }],
    },
  ]);
  expect(created.status).toBe(200);
  const [id] = writtenIds(created);
  await ctx.emulator.webhooksSettled();
  expect((await ctx.api.patch(`/api/v4/leads/${id}`, { name: 'TEST MISHA (SORRY)' })).status).toBe(
    200,
  );
  await ctx.emulator.webhooksSettled();
  expect((await ctx.api.patch('/api/v4/leads', [{ id, status_id: 61_000_013 }])).status).toBe(200);
  await ctx.emulator.webhooksSettled();
  expect((await ctx.api.post('/api/v4/contacts', [{ name: 'wqds' }])).status).toBe(200);
  expect((await ctx.api.post('/api/v4/companies', [{ name: 'dsf' }])).status).toBe(200);
  await ctx.emulator.webhooksSettled();

  for (const r of receiver.received) {
    const decoded = decodePhpForm(r.body);
    for (const family of ['leads', 'contacts']) {
      const group = decoded[family];
      if (typeof group !== 'object') continue;
      for (const action of Object.keys(group)) {
        const type = new URLSearchParams(r.body).get(`${family}[${action}][0][type]`);
        bodies.set(`${family}[${action}]${type ? `:${type}` : ''}`, r.body);
      }
    }
  }
});

afterAll(async () => {
  await ctx.emulator.stop();
  await receiver.close();
});

const body = (key: string) => {
  const b = bodies.get(key);
  if (!b) throw new Error(`no ${key} webhook; got ${[...bodies.keys()].join(', ')}`);
  return b;
};

/** Ids, timestamps and links keep their kind; field values are user data, so they are skipped. */
function expectSameValueKinds(emulated: string, captured: string) {
  const ours = valueKinds(emulated);
  for (const [path, kind] of valueKinds(captured)) {
    if (path.includes('[values]') || !ours.has(path)) continue;
    expect({ path, kind: ours.get(path) }).toEqual({ path, kind });
  }
}

describe('webhook bodies match the real captures', () => {
  it('the two lead captures differ exactly by the modern additions', () => {
    const old = keysOf(sample('lead_add_01.txt'));
    const modern = keysOf(sample('lead_update_02.txt'), ['leads[update]', 'leads[add]']);
    expect(sorted(union(old, modernAdditions('leads[add]')))).toEqual(sorted(modern));
  });

  it("lead add: the capture's keys plus the modern ones, values of the same kinds", () => {
    const expected = union(keysOf(sample('lead_add_01.txt')), modernAdditions('leads[add]'));
    expect(sorted(keysOf(body('leads[add]')))).toEqual(sorted(expected));
    expectSameValueKinds(body('leads[add]'), sample('lead_add_01.txt'));
  });

  it('lead update: exactly the keys of the 2025 capture', () => {
    expect(sorted(keysOf(body('leads[update]')))).toEqual(
      sorted(keysOf(sample('lead_update_02.txt'))),
    );
    expectSameValueKinds(body('leads[update]'), sample('lead_update_02.txt'));
  });

  it('lead status: the update shape plus old_status_id/old_pipeline_id, a superset of the DP form', () => {
    const expected = union(
      keysOf(sample('lead_update_02.txt'), ['leads[update]', 'leads[status]']),
      ['leads[status][#][old_status_id]', 'leads[status][#][old_pipeline_id]'],
    );
    const ours = keysOf(body('leads[status]'));
    expect(sorted(ours)).toEqual(sorted(expected));
    for (const key of keysOf(sample('lead_status_01_dp.txt'))) expect(ours).toContain(key);
    expectSameValueKinds(body('leads[status]'), sample('lead_status_01_dp.txt'));
    const status = decodePhpForm(body('leads[status]'));
    expect(status).toMatchObject({
      leads: {
        status: { 0: { status_id: '61000013', old_status_id: '61000011', pipeline_id: '7100001' } },
      },
    });
  });

  it('contact add and company add: under contacts[add], told apart by type', () => {
    for (const [key, file] of [
      ['contacts[add]:contact', 'contact_add_01.txt'],
      ['contacts[add]:company', 'company_add_01.txt'],
    ] as const) {
      const expected = union(keysOf(sample(file)), modernAdditions('contacts[add]'));
      expect(sorted(keysOf(body(key)))).toEqual(sorted(expected));
      expectSameValueKinds(body(key), sample(file));
    }
  });

  it('every value on the wire is a plain string (no JSON, no [object Object])', () => {
    for (const raw of bodies.values()) {
      expect(raw).not.toMatch(/^\s*[{[]/);
      for (const [key, value] of new URLSearchParams(raw)) {
        expect(typeof value).toBe('string');
        expect(value).not.toMatch(/^(\[object Object\]|undefined|null|true|false)$/);
        expect(key).toMatch(/^[a-z_]+(\[[^\]]+\])*$/);
      }
    }
  });

  it("is sent form-encoded with Kommo's headers", () => {
    for (const r of receiver.received) {
      expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(r.headers['user-agent']).toBe('amoCRM-Webhooks/3.0');
      expect(r.headers['x-amocrm-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const ids = receiver.received.map((r) => r.headers['x-amocrm-requestid']);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
