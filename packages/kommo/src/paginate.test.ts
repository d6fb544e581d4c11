import { describe, expect, it } from 'vitest';
import { KommoContractError } from './errors';
import { useScriptedClient } from './testing/scripted-client';
import { halPage } from './testing/scripted-server';

const lead = (id: number) => ({ id, status_id: 1, pipeline_id: 1, created_at: 1, updated_at: 2 });
const ids = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => lead(from + i));

const start = useScriptedClient();

describe('paginate', () => {
  it('follows _links.next across 3 pages, on our own origin, until there is no next', async () => {
    const { client, server } = await start((req) => {
      const page = Number(req.url.searchParams.get('page') ?? 1);
      // Kommo's links are absolute on the account host; the token must not follow them elsewhere.
      const next =
        page < 3 ? `https://elsewhere.kommo.com/api/v4/leads?page=${page + 1}&limit=2` : undefined;
      return { status: 200, json: halPage('leads', ids(page * 10, page < 3 ? 2 : 1), next) };
    });
    const seen: number[] = [];
    for await (const l of client.iterateLeads({ limit: 2 })) seen.push(l.id);
    expect(seen).toEqual([10, 11, 20, 21, 30]);
    expect(server.requests.map((r) => r.url.searchParams.get('page'))).toEqual([null, '2', '3']);
  });

  it('ends on a 204 page', async () => {
    const { client } = await start((_req, n) =>
      n === 0
        ? { status: 200, json: halPage('leads', ids(1, 2), '/api/v4/leads?page=2&limit=2') }
        : { status: 204 },
    );
    const seen: number[] = [];
    for await (const l of client.iterateLeads({ limit: 2 })) seen.push(l.id);
    expect(seen).toEqual([1, 2]);
  });

  it('falls back to page+1 while full pages come without _links', async () => {
    const { client, server } = await start((req) => {
      const page = Number(req.url.searchParams.get('page') ?? 1);
      const items = page < 3 ? ids(page * 10, 2) : [];
      return { status: 200, json: { _embedded: { leads: items } } };
    });
    const seen: number[] = [];
    for await (const l of client.iterateLeads({ limit: 2, filter: { pipeline_id: 5 } }))
      seen.push(l.id);
    expect(seen).toEqual([10, 11, 20, 21]);
    expect(server.requests.map((r) => r.url.searchParams.get('filter[pipeline_id]'))).toEqual([
      '5',
      '5',
      '5',
    ]);
  });

  it('refuses a next link that loops', async () => {
    const { client } = await start(() => ({
      status: 200,
      json: halPage('leads', ids(1, 1), '/api/v4/leads?page=1&limit=250'),
    }));
    await expect(async () => {
      for await (const _ of client.iterateLeads()) void _;
    }).rejects.toBeInstanceOf(KommoContractError);
  });

  it('reads whole small lists (custom fields paging at 50)', async () => {
    const field = (id: number) => ({ id, name: `F${id}`, type: 'text', enums: null });
    const { client } = await start((req) => {
      const page = Number(req.url.searchParams.get('page') ?? 1);
      const next = page === 1 ? '/api/v4/contacts/custom_fields?page=2' : undefined;
      return { status: 200, json: halPage('custom_fields', [field(page)], next) };
    });
    expect((await client.listContactCustomFields()).map((f) => f.id)).toEqual([1, 2]);
  });
});
