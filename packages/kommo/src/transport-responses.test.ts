import { describe, expect, it } from 'vitest';
import {
  KommoContractError,
  KommoForbiddenError,
  KommoNotFoundError,
  KommoPaymentRequiredError,
  KommoUnauthorizedError,
  KommoValidationError,
} from './errors';
import { pipelinesPage } from './testing/pipelines-page';
import { useScriptedClient } from './testing/scripted-client';
import { halPage } from './testing/scripted-server';

const lead = (id: number) => ({
  id,
  name: `L${id}`,
  status_id: 1,
  pipeline_id: 1,
  created_at: 1,
  updated_at: 2,
});

const start = useScriptedClient();

describe('errors that are not retried', () => {
  it.each([
    [400, KommoValidationError],
    [402, KommoPaymentRequiredError],
    [403, KommoForbiddenError],
    [404, KommoNotFoundError],
    [422, KommoValidationError],
  ])('%i → one request, %o', async (status, type) => {
    const { client, server } = await start(() => ({ status, json: { title: 'No', status } }));
    await expect(client.listPipelines()).rejects.toBeInstanceOf(type);
    expect(server.requests).toHaveLength(1);
  });

  it('maps problem+json validation-errors to field errors', async () => {
    const { client } = await start(() => ({
      status: 400,
      headers: { 'Content-Type': 'application/problem+json' },
      json: {
        title: 'Bad Request',
        type: 'https://httpstatus.es/400',
        status: 400,
        detail: 'Request validation failed',
        'validation-errors': [
          {
            request_id: '0',
            errors: [
              {
                code: 'NotSupportedChoice',
                path: 'custom_fields_values.0.field_id',
                detail: 'The value you selected is not a valid choice.',
              },
            ],
          },
        ],
      },
    }));
    const error = await client.createLeads([{ name: 'x' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoValidationError);
    expect(error).toMatchObject({
      status: 400,
      path: '/api/v4/leads',
      errors: [
        {
          code: 'NotSupportedChoice',
          path: 'custom_fields_values.0.field_id',
          detail: 'The value you selected is not a valid choice.',
          requestId: '0',
        },
      ],
    });
    expect(String(error)).toMatch(/Request validation failed; custom_fields_values\.0\.field_id/);
  });
});

describe('401', () => {
  it('refreshes once with the rejected token and retries with the new one', async () => {
    const rejected: string[] = [];
    const { client, server, events } = await start(
      (_req, n) => (n === 0 ? { status: 401, json: { title: 'Unauthorized' } } : pipelinesPage),
      {
        tokens: {
          getAccessToken: async () => 'old',
          refreshAccessToken: async (token) => {
            rejected.push(token);
            return 'new';
          },
        },
      },
    );
    expect(await client.listPipelines()).toHaveLength(1);
    expect(rejected).toEqual(['old']);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
    expect(events.map((e) => e.kind)).toEqual(['request', 'refresh', 'request']);
  });

  it('a second 401 is KommoUnauthorizedError (one refresh only)', async () => {
    let refreshes = 0;
    const { client, server } = await start(
      () => ({ status: 401, json: { title: 'Unauthorized' } }),
      {
        tokens: {
          getAccessToken: async () => 'a',
          refreshAccessToken: async () => `b${++refreshes}`,
        },
      },
    );
    await expect(client.listPipelines()).rejects.toBeInstanceOf(KommoUnauthorizedError);
    expect(refreshes).toBe(1);
    expect(server.requests).toHaveLength(2);
  });
});

describe('bodies', () => {
  it('names the JSON path of a contract break', async () => {
    const { client } = await start(() => ({
      status: 200,
      json: halPage('leads', [lead(1), lead(2), lead(3), { ...lead(4), status_id: 'won' }]),
    }));
    const error = await client.listLeads().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KommoContractError);
    expect(String(error)).toMatch(
      /_embedded\.leads\.3\.status_id: expected number, received string/,
    );
  });

  it('tolerates fields it does not know', async () => {
    const { client } = await start(() => ({
      status: 200,
      json: halPage('leads', [{ ...lead(1), brand_new_field: { x: 1 } }]),
    }));
    const [first] = await client.listLeads();
    expect(first?.['brand_new_field']).toEqual({ x: 1 });
  });

  it('204 is an empty list, and "not found" for one entity', async () => {
    const { client } = await start(() => ({ status: 204 }));
    expect(await client.listLeads()).toEqual([]);
    expect(await client.listSources()).toEqual([]);
    await expect(client.getLead(7)).rejects.toBeInstanceOf(KommoNotFoundError);
  });

  it('sends If-Modified-Since and reads 304 as "no changes"', async () => {
    const { client, server } = await start(() => ({ status: 304 }));
    const since = new Date('2026-01-02T03:04:05Z');
    expect(await client.listLeads({ ifModifiedSince: since })).toEqual([]);
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
  });

  it('builds Kommo filters in the query', async () => {
    const { client, server } = await start(() => ({ status: 204 }));
    await client.listLeads({
      with: ['contacts', 'source_id'],
      filter: { updated_at: { from: new Date(1_700_000_000_000) }, id: [1, 2] },
      order: { updated_at: 'asc' },
    });
    const q = server.requests[0]?.url.searchParams;
    expect(q?.get('with')).toBe('contacts,source_id');
    expect(q?.get('filter[updated_at][from]')).toBe('1700000000');
    expect(q?.getAll('filter[id][]')).toEqual(['1', '2']);
    expect(q?.get('order[updated_at]')).toBe('asc');
    expect(q?.get('limit')).toBe('250');
  });
});
