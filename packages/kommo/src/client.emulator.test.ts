import { createKommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoClient, type KommoClientOptions } from './client';
import { KommoForbiddenError, KommoUnauthorizedError } from './errors';
import {
  accountBaseUrl,
  buildConsentUrl,
  exchangeCode,
  parseCallback,
  refreshTokens,
} from './oauth';
import { createLocalRateLimiter } from './rate-limiter';
import {
  createInMemoryTokenProvider,
  createStaticTokenProvider,
  type TokenPair,
} from './token-provider';
import type { KommoEvent } from './transport';

/** The emulator's default OAuth client (accepts any redirect_uri). */
const oauthClient = {
  clientId: 'leadpilot-demo',
  clientSecret: 'leadpilot-demo-secret',
  redirectUri: 'https://app.test/kommo/callback',
};

type Emulator = ReturnType<typeof createKommoEmulator>;

let emulator: Emulator;
let baseUrl: string;
let host: string;
// One limiter for the whole file, like the app's shared one: every test's calls count against the same 7/s.
const rateLimiter = createLocalRateLimiter({ perSecond: 7 });

beforeAll(async () => {
  emulator = createKommoEmulator({ rateLimitPerSecond: 7 });
  const started = await emulator.start();
  host = started.host;
  baseUrl = accountBaseUrl(host, 'http');
});
afterAll(async () => {
  await emulator.stop();
});

/** The browser part of OAuth, done by fetch: consent → 302 → our callback's query. */
async function connect(): Promise<TokenPair> {
  const consent = new URL(
    buildConsentUrl({
      consentUrl: `${emulator.url}/oauth`,
      clientId: oauthClient.clientId,
      state: 'state-1',
      mode: 'popup',
    }),
  );
  consent.searchParams.set('auto', '1');
  consent.searchParams.set('redirect_uri', oauthClient.redirectUri);
  const response = await fetch(consent, { redirect: 'manual' });
  expect(response.status).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  const location = new URL(response.headers.get('location') ?? '');
  expect(location.origin + location.pathname).toBe(oauthClient.redirectUri);
  const callback = parseCallback(location.searchParams, { allowedHosts: [host] });
  if (callback.kind !== 'code') throw new Error(`callback was ${JSON.stringify(callback)}`);
  expect(callback.state).toBe('state-1');
  expect(callback.host).toBe(host);
  return exchangeCode({
    ...oauthClient,
    baseUrl: accountBaseUrl(callback.host, 'http'),
    code: callback.code,
  });
}

function clientWith(tokens: KommoClientOptions['tokens'], extra: Partial<KommoClientOptions> = {}) {
  const events: KommoEvent[] = [];
  const client = createKommoClient({
    baseUrl,
    tokens,
    rateLimiter,
    timeoutMs: 2_000,
    retry: { attempts: 5, baseDelayMs: 100, maxDelayMs: 5_000 },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { client, events };
}

function refreshingProvider(initial: TokenPair) {
  return createInMemoryTokenProvider({
    initial,
    refresh: (refreshToken) => refreshTokens({ ...oauthClient, baseUrl, refreshToken }),
  });
}

describe('against the Kommo emulator', () => {
  it('connects through OAuth: consent redirect → parseCallback → exchangeCode', async () => {
    const pair = await connect();
    expect(pair.accessToken).not.toBe('');
    expect(pair.refreshToken).not.toBe('');
    expect(pair.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const { client } = clientWith(createStaticTokenProvider(pair.accessToken));
    const account = await client.getAccount({ with: ['amojo_id', 'task_types'] });
    expect(account.id).toBeGreaterThan(0);
    expect(account.subdomain).not.toBe('');
  });

  it('reads pipelines, custom fields, users, sources and every lead', async () => {
    const { client } = clientWith(createStaticTokenProvider(emulator.tokens.issueLongLived()));
    const pipelines = await client.listPipelines();
    expect(pipelines.length).toBeGreaterThan(0);
    for (const p of pipelines) {
      expect(p._embedded.statuses.map((s) => s.id)).toEqual(expect.arrayContaining([142, 143]));
    }
    expect((await client.listLeadCustomFields()).length).toBeGreaterThan(0);
    const contactFields = await client.listContactCustomFields();
    expect(contactFields.map((f) => f.code)).toEqual(expect.arrayContaining(['PHONE', 'EMAIL']));
    await client.listCompanyCustomFields();
    expect((await client.listUsers()).length).toBeGreaterThan(0);
    expect(Array.isArray(await client.listSources())).toBe(true);

    // Small pages so the demo account's leads span several; every live lead, each once, in order.
    const ids: number[] = [];
    for await (const lead of client.iterateLeads({ limit: 7, order: { id: 'asc' } })) {
      ids.push(lead.id);
    }
    const live = [...emulator.account.leads.values()].filter((l) => !l.isDeleted).map((l) => l.id);
    expect(live.length).toBeGreaterThan(14);
    expect(ids).toEqual(live.sort((a, b) => a - b));
    const firstPage = await client.listLeads({ limit: 7, order: { id: 'asc' } });
    expect(firstPage.map((l) => l.id)).toEqual(ids.slice(0, 7));
  });

  it(
    'writes what Kommo accepts: leads in batches, a stage move, notes, tasks, webhooks, Salesbot',
    { timeout: 30_000 },
    async () => {
      const { client, events } = clientWith(
        createStaticTokenProvider(emulator.tokens.issueLongLived()),
      );
      const [pipeline] = await client.listPipelines();
      if (!pipeline) throw new Error('the demo account has no pipeline');
      const stage = pipeline._embedded.statuses.find(
        (s) => s.type === 0 && s.id !== 142 && s.id !== 143,
      );
      if (!stage) throw new Error('no regular stage');

      const before = events.length;
      const created = await client.createLeads(
        Array.from({ length: 60 }, (_, i) => ({
          name: `Batch ${i}`,
          pipeline_id: pipeline.id,
          request_id: String(i),
        })),
      );
      expect(events.slice(before).filter((e) => e.kind === 'request')).toHaveLength(2);
      expect(created).toHaveLength(60);
      const first = created[0];
      if (!first) throw new Error('nothing created');

      await client.updateLead(first.id, { status_id: stage.id, pipeline_id: pipeline.id });
      expect((await client.getLead(first.id)).status_id).toBe(stage.id);

      const [note] = await client.addNotes('leads', [
        {
          entity_id: first.id,
          note_type: 'call_out',
          params: {
            uniq: 'call-1',
            duration: 30,
            source: 'Leadpilot',
            phone: '+15550001',
            call_status: 6,
          },
        },
      ]);
      expect(note?.id).toBeGreaterThan(0);

      const [task] = await client.createTasks([
        {
          text: 'Call back',
          complete_till: Math.floor(Date.now() / 1000) + 3600,
          entity_id: first.id,
          entity_type: 'leads',
        },
      ]);
      if (!task) throw new Error('no task');
      await client.completeTask(task.id, 'Done');
      const tasks = await client.listTasks({ filter: { id: [task.id] } });
      expect(tasks[0]).toMatchObject({ is_completed: true });

      const destination = 'https://app.test/hooks/abc';
      await client.subscribeWebhook({ destination, settings: ['add_lead', 'add_message'] });
      expect((await client.listWebhooks({ destination })).map((w) => w.destination)).toEqual([
        destination,
      ]);
      await client.unsubscribeWebhook(destination);
      expect(await client.listWebhooks({ destination })).toEqual([]);

      await client.runSalesbot(5, { entityId: first.id, entityType: 'leads' });
      await client.continueSalesbot(5, 'cont-9', {
        handlers: [
          {
            handler: 'show',
            params: {
              type: 'text',
              value:
                'A reply that is longer than eighty characters, so it goes out as two show handlers.',
            },
          },
        ],
      });
      expect(emulator.account.botCalls.map((c) => c.kind)).toEqual(['run', 'continue']);
      expect(emulator.account.botCalls[1]).toMatchObject({
        continueId: 'cont-9',
        body: { execute_handlers: [{ handler: 'show' }, { handler: 'show' }] },
      });
    },
  );

  it('reads the talk of an incoming chat message', async () => {
    const { client } = clientWith(createStaticTokenProvider(emulator.tokens.issueLongLived()));
    await emulator.simulate.incomingMessage({ text: 'Hi, is it in stock?', origin: 'telegram' });
    const [talkId] = [...emulator.account.talks.keys()].slice(-1);
    if (talkId === undefined) throw new Error('no talk');
    expect(await client.getTalk(talkId)).toMatchObject({ talk_id: talkId, origin: 'telegram' });
  });

  it(
    'a burst of 100 calls through the local limiter is never rate-limited',
    { timeout: 40_000 },
    async () => {
      const fresh = createKommoEmulator({ rateLimitPerSecond: 7 });
      const started = await fresh.start();
      try {
        const client = createKommoClient({
          baseUrl: accountBaseUrl(started.host, 'http'),
          tokens: createStaticTokenProvider(fresh.tokens.issueLongLived()),
          rateLimiter: createLocalRateLimiter({ perSecond: 7 }),
        });
        const t0 = performance.now();
        await Promise.all(Array.from({ length: 100 }, () => client.listPipelines()));
        const seconds = (performance.now() - t0) / 1000;
        const stats = fresh.stats();
        console.log(
          `burst: ${stats.requests} requests in ${seconds.toFixed(2)} s = ${(stats.requests / seconds).toFixed(2)} req/s, ` +
            `rateLimited=${stats.rateLimited}, maxInAnySecond=${stats.maxInAnySecond}`,
        );
        expect(stats.requests).toBe(100);
        expect(stats.rateLimited).toBe(0);
        expect(stats.maxInAnySecond).toBeLessThanOrEqual(7);
      } finally {
        await fresh.stop();
      }
    },
  );

  it.each([
    { kind: '429', retryAfter: 1 },
    { kind: '429', json: false },
    { kind: '500' },
    { kind: '504' },
    { kind: 'timeout' },
  ] as const)('retries an injected $kind to success', { timeout: 20_000 }, async (fault) => {
    const { client, events } = clientWith(
      createStaticTokenProvider(emulator.tokens.issueLongLived()),
    );
    emulator.faults.inject({ ...fault, count: 2, path: '/api/v4/leads/pipelines' });
    expect((await client.listPipelines()).length).toBeGreaterThan(0);
    const attempts = events.filter((e) => e.kind === 'request');
    expect(attempts).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'retry' || e.kind === 'rate_limited')).toHaveLength(2);
    if (fault.kind === '429' && 'retryAfter' in fault) {
      expect(events.find((e) => e.kind === 'rate_limited')?.delayMs).toBe(1000);
    }
  });

  it('refreshes an expired token once and carries on', async () => {
    const tokens = refreshingProvider(await connect());
    const { client, events } = clientWith(tokens);
    await client.listPipelines();
    emulator.tokens.expireAll();
    expect((await client.listPipelines()).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.kind === 'refresh')).toHaveLength(1);
    // The refreshed token works without another refresh.
    await client.listUsers();
    expect(events.filter((e) => e.kind === 'refresh')).toHaveLength(1);
  });

  it('revoked access ends in KommoUnauthorizedError', async () => {
    const tokens = refreshingProvider(await connect());
    const { client } = clientWith(tokens);
    emulator.tokens.revokeAll();
    await expect(client.listPipelines()).rejects.toBeInstanceOf(KommoUnauthorizedError);
  });

  it('403 is KommoForbiddenError and is not retried', async () => {
    const { client, events } = clientWith(
      createStaticTokenProvider(emulator.tokens.issueLongLived()),
    );
    emulator.faults.inject({ kind: '403', path: '/api/v4/leads' });
    await expect(client.listLeads()).rejects.toBeInstanceOf(KommoForbiddenError);
    expect(events.filter((e) => e.kind === 'request')).toHaveLength(1);
    emulator.faults.clear();
  });
});
