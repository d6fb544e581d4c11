import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateAccount } from '../generate-account';
import { testApi } from '../test-support/api-client';
import { startTestAccount } from '../test-support/test-account';

const page = z.object({
  _page: z.number(),
  _links: z.object({
    self: z.object({ href: z.string() }),
    next: z.object({ href: z.string() }).optional(),
    prev: z.object({ href: z.string() }).optional(),
  }),
  _embedded: z.object({ leads: z.array(z.object({ id: z.number(), updated_at: z.number() })) }),
});

let ctx: Awaited<ReturnType<typeof startTestAccount>>;
beforeAll(async () => {
  ctx = await startTestAccount({
    fixture: generateAccount({
      pipelines: 1,
      stagesPerPipeline: 3,
      customFields: 4,
      sources: 1,
      users: 2,
      leads: 100,
      contacts: 10,
      seed: 7,
    }),
  });
});
afterAll(() => ctx.emulator.stop());

describe('lists', () => {
  it('pages with absolute _links.next until an empty page answers 204 with no body', async () => {
    let path: string | null = '/api/v4/leads?limit=25&order[id]=asc';
    const ids: number[] = [];
    let pages = 0;
    while (path) {
      const res = await ctx.api.get(path);
      if (res.status === 204) {
        expect(res.body).toBeNull();
        break;
      }
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/hal+json');
      const body = page.parse(res.body);
      pages++;
      expect(body._page).toBe(pages);
      if (pages > 1) expect(body._links.prev).toBeDefined();
      ids.push(...body._embedded.leads.map((l) => l.id));
      const next = body._links.next?.href;
      if (next) expect(next.startsWith(`${ctx.emulator.url}/api/v4/leads?`)).toBe(true);
      path = next ? next.slice(ctx.emulator.url.length) : null;
    }
    // 100 leads at 25 a page: four full pages, each offering `next`, then 204.
    expect(pages).toBe(4);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('keeps filters in the links and answers 204 when nothing matches', async () => {
    const res = await ctx.api.get('/api/v4/leads?filter[id][]=99999999');
    expect(res.status).toBe(204);
    const filtered = page.parse(
      (
        await ctx.api.get(
          '/api/v4/leads?limit=2&with=contacts&filter[pipeline_id]=' +
            [...ctx.emulator.account.pipelines.keys()][0],
        )
      ).body,
    );
    expect(filtered._links.next?.href).toContain('with=contacts');
  });

  it('rejects limit > 250 with a Kommo validation error', async () => {
    const res = await ctx.api.get('/api/v4/leads?limit=251');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.body).toMatchObject({
      status: 400,
      'validation-errors': [
        {
          request_id: '0',
          errors: [{ path: 'limit', code: expect.any(String), detail: expect.any(String) }],
        },
      ],
    });
    expect((await ctx.api.get('/api/v4/leads?limit=250')).status).toBe(200);
  });

  it('answers 304 to If-Modified-Since when nothing changed, and lists only what changed', async () => {
    const maxUpdated = Math.max(
      ...[...ctx.emulator.account.leads.values()].map((l) => l.updatedAt),
    );
    const since = new Date((maxUpdated + 1) * 1000).toUTCString();
    const unchanged = await ctx.api.get('/api/v4/leads', { 'If-Modified-Since': since });
    expect(unchanged.status).toBe(304);

    const [lead] = ctx.emulator.account.leads.values();
    const before = lead?.updatedAt ?? 0;
    await ctx.api.patch('/api/v4/leads', [{ id: lead?.id, price: 123_456 }]);
    expect(lead?.updatedAt).toBeGreaterThanOrEqual(before);
    const sinceBefore = new Date((Math.floor(Date.now() / 1000) - 1) * 1000).toUTCString();
    const changed = page.parse(
      (await ctx.api.get('/api/v4/leads', { 'If-Modified-Since': sinceBefore })).body,
    );
    expect(changed._embedded.leads.map((l) => l.id)).toEqual([lead?.id]);
  });

  it('orders by updated_at desc', async () => {
    const body = page.parse(
      (await ctx.api.get('/api/v4/leads?order[updated_at]=desc&limit=50')).body,
    );
    const stamps = body._embedded.leads.map((l) => l.updated_at);
    expect([...stamps].sort((a, b) => b - a)).toEqual(stamps);
    expect((await ctx.api.get('/api/v4/leads?order[price]=sideways')).status).toBe(400);
  });

  it('pages custom fields at most 50 at a time with totals', async () => {
    const res = await testApi(ctx.emulator, ctx.token).get('/api/v4/leads/custom_fields?limit=2');
    expect(res.body).toMatchObject({ _total_items: 4, _page_count: 2, _page: 1 });
    expect((await ctx.api.get('/api/v4/leads/custom_fields?limit=51')).status).toBe(400);
  });
});
