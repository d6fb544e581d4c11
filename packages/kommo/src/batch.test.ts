import { describe, expect, it } from 'vitest';
import { KommoValidationError } from './errors';
import { useScriptedClient } from './testing/scripted-client';
import { halPage, type Reply, type Seen } from './testing/scripted-server';

const start = useScriptedClient();

/** Echoes created ids: request_id N → id 1000 + N. */
function echo(req: Seen): Reply {
  const body = Array.isArray(req.json) ? req.json : [];
  const results = body.map((item: unknown) => {
    const rid =
      item && typeof item === 'object' && 'request_id' in item ? String(item.request_id) : '?';
    return { id: 1000 + Number(rid), request_id: rid };
  });
  return { status: 200, json: halPage('leads', results) };
}

const leads = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Lead ${i}`, request_id: String(i) }));
const sizes = (requests: Seen[]) =>
  requests.map((r) => (Array.isArray(r.json) ? r.json.length : -1));

describe('batched writes', () => {
  it('sends 120 leads as 50 + 50 + 20 and returns results in input order', async () => {
    const { client, server } = await start(echo);
    const results = await client.createLeads(leads(120));
    expect(sizes(server.requests)).toEqual([50, 50, 20]);
    expect(
      server.requests.every((r) => r.method === 'POST' && r.url.pathname === '/api/v4/leads'),
    ).toBe(true);
    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 120 }, (_, i) => 1000 + i));
  });

  it('halves a batch that gets a 504, without retrying the big one', async () => {
    const { client, server } = await start((req) =>
      Array.isArray(req.json) && req.json.length > 25
        ? { status: 504, body: 'Gateway Time-out' }
        : echo(req),
    );
    const results = await client.updateLeads(leads(50).map((l, i) => ({ ...l, id: i })));
    expect(sizes(server.requests)).toEqual([50, 25, 25]);
    expect(results.map((r) => r.request_id)).toEqual(leads(50).map((l) => l.request_id));
  });

  it('retries a single item on 504 like any 5xx', async () => {
    const { client, server } = await start((req, n) =>
      n < 2 ? { status: 504, body: '' } : echo(req),
    );
    expect(await client.createLeads(leads(1))).toHaveLength(1);
    expect(sizes(server.requests)).toEqual([1, 1, 1]);
  });

  it('does not split on other errors', async () => {
    const { client, server } = await start(() => ({
      status: 422,
      json: { title: 'Limit 250 per page' },
    }));
    await expect(client.createLeads(leads(10))).rejects.toBeInstanceOf(KommoValidationError);
    expect(server.requests).toHaveLength(1);
  });
});
