import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KommoForbiddenError } from '@leadpilot/kommo/errors';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { recordActivity } from '@leadpilot/domain/activity/record-activity';
import { recordKommoFailure } from '@leadpilot/domain/integrations/kommo-client';
import { runSync } from '@leadpilot/domain/sync/run-sync';
import type { ListActivityInput } from '@leadpilot/schemas/activity';
import { codeOf, errorOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';
import { connectDemo, demoConfig } from '../testing/kommo';

let emulator: KommoEmulator;
let h: Harness;

beforeAll(async () => {
  emulator = createKommoEmulator({ autoApprove: true });
  await emulator.start();
  h = await createHarness({ kommo: demoConfig(emulator) });
});
afterAll(async () => {
  await h.close();
  await emulator.stop();
});

const tokenOf = (url: string) => url.split('/').pop()!;
const AGENT = '0190a0a0-0000-7000-8000-00000000a9e7';
const orgIdOf = async (c: TestClient) => (await c.call((api) => api.auth.me()))!.activeOrg!.id;
const feed = (c: TestClient, input: Omit<ListActivityInput, 'limit'> = {}) =>
  c.call((api) => api.activity.list({ limit: 100, ...input }));

/** Writes `n` entries straight through the domain function, as any later feature would. */
async function seed(orgId: string, n: number, extra: { agentId?: string } = {}) {
  for (let i = 0; i < n; i++) {
    await recordActivity(h.db, {
      orgId,
      type: 'agent.replied',
      ...extra,
      params: { agentName: `Seed ${i}` },
    });
  }
}

describe('activity feed: what gets recorded', () => {
  it('records agent created, updated (with what changed) and deleted, newest first', async () => {
    const owner = await h.signUp({ name: 'Olga' });
    const agent = await owner.call((api) => api.agents.create({ name: 'Qualifier' }));
    await owner.call((api) =>
      api.agents.update({ id: agent.id, data: { name: 'Qualifier 2', status: 'active' } }),
    );
    // saving without changes is not an event
    await owner.call((api) => api.agents.update({ id: agent.id, data: { status: 'active' } }));
    await owner.call((api) => api.agents.delete({ id: agent.id }));

    const { items } = await feed(owner);
    expect(items.map((e) => e.type)).toEqual(['agent.deleted', 'agent.updated', 'agent.created']);
    expect(items[2]).toMatchObject({
      title: 'Agent "Qualifier" created',
      params: { name: 'Qualifier' },
      agentId: agent.id,
      subject: { type: 'agent', id: agent.id },
      user: { name: 'Olga' },
    });
    expect(items[1]!.params).toEqual({ name: 'Qualifier 2', changes: ['name', 'status'] });
    expect(items[0]).toMatchObject({ subject: null, params: { name: 'Qualifier 2' } });
  });

  it('records nothing when the transaction it belongs to rolls back', async () => {
    const owner = await h.signUp();
    const orgId = await orgIdOf(owner);
    await expect(
      h.db.$transaction(async (tx) => {
        await recordActivity(tx, { orgId, type: 'agent.created', params: { name: 'Ghost' } });
        throw new Error('the change failed after the entry was written');
      }),
    ).rejects.toThrow(/change failed/);
    const other = await h.signUp();
    const foreign = await other.call((api) => api.agents.create({ name: 'Theirs' }));
    expect(
      await codeOf(owner.call((api) => api.agents.update({ id: foreign.id, data: { name: 'x' } }))),
    ).toBe('NOT_FOUND');
    expect((await feed(owner)).items).toEqual([]);
  });

  it('records a member joining, changing role, being removed and leaving', async () => {
    const owner = await h.signUp();
    const link = await owner.call((api) => api.members.invite({ role: 'member' }));
    const bob = await h.signUp({ name: 'Bob' });
    await bob.call((api) => api.members.acceptInvitation({ token: tokenOf(link.url) }));
    const bobId = (await bob.call((api) => api.auth.me()))!.user.id;
    await owner.call((api) => api.members.changeRole({ userId: bobId, role: 'admin' }));
    await owner.call((api) => api.members.remove({ userId: bobId }));
    const link2 = await owner.call((api) => api.members.invite({ role: 'member' }));
    const carol = await h.signUp({ name: 'Carol' });
    await carol.call((api) => api.members.acceptInvitation({ token: tokenOf(link2.url) }));
    await carol.call((api) => api.members.leave());

    const { items } = await feed(owner);
    expect(items.map((e) => [e.type, e.params])).toEqual([
      ['member.left', { name: 'Carol' }],
      ['member.joined', { name: 'Carol', role: 'member' }],
      ['member.removed', { name: 'Bob' }],
      ['member.role_changed', { name: 'Bob', role: 'admin', previousRole: 'member' }],
      ['member.joined', { name: 'Bob', role: 'member' }],
    ]);
    expect(items[4]!.subject).toEqual({ type: 'member', id: bobId });
  });

  it('records Kommo connected, sync finished, needs attention, sync failed and disconnected', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    const run = await h.db.syncRun.findFirstOrThrow({ where: { integrationId } });
    await runSync(h, run.id);

    emulator.faults.inject({ kind: '403', count: 50 });
    try {
      const again = await owner.call((api) => api.integrations.sync({ id: integrationId }));
      await runSync(h, again.runId);
    } finally {
      emulator.faults.clear();
    }
    // a second failure of the same kind is not news
    expect(
      await recordKommoFailure(
        h.db,
        integrationId,
        new KommoForbiddenError('no', { status: 403, path: '/api/v4/account' }),
      ),
    ).toBe(true);
    await owner.call((api) => api.integrations.disconnect({ id: integrationId }));

    const { items } = await feed(owner, { integrationId });
    expect(items.map((e) => e.type)).toEqual([
      'integration.disconnected',
      'sync.failed',
      'integration.needs_attention',
      'sync.succeeded',
      'integration.connected',
    ]);
    const succeeded = items[3]!;
    expect(succeeded.subject).toEqual({ type: 'sync_run', id: run.id });
    expect(succeeded.params.records).toBeGreaterThan(0);
    expect(succeeded.integrationName).toBeTruthy();
    expect(items[2]).toMatchObject({
      params: { status: 'blocked' },
      description: expect.stringMatching(/blocked/),
    });
  }, 60_000);
});

describe('activity.list', () => {
  it('shows each organisation only its own entries, and hides them from non-members', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    await a.call((api) => api.agents.create({ name: 'A only' }));
    await b.call((api) => api.agents.create({ name: 'B only' }));
    expect((await feed(a)).items.map((e) => e.params.name)).toEqual(['A only']);
    expect((await feed(b)).items.map((e) => e.params.name)).toEqual(['B only']);
    expect(await codeOf(h.client().call((api) => api.activity.list({})))).toBe('UNAUTHORIZED');
  });

  it('filters by types, agent, integration, date range and title text', async () => {
    const owner = await h.signUp();
    const orgId = await orgIdOf(owner);
    const first = await owner.call((api) => api.agents.create({ name: 'Alpha bot' }));
    const second = await owner.call((api) => api.agents.create({ name: 'Beta bot' }));
    await owner.call((api) => api.agents.update({ id: first.id, data: { tone: 'formal' } }));
    await seed(orgId, 3, { agentId: second.id });

    const types = async (input: Omit<ListActivityInput, 'limit'>) =>
      (await feed(owner, input)).items.map((e) => e.type);
    expect(await types({ types: ['agent.updated'] })).toEqual(['agent.updated']);
    expect(await types({ types: ['agent.created', 'agent.updated'] })).toEqual([
      'agent.updated',
      'agent.created',
      'agent.created',
    ]);
    expect(await types({ agentId: first.id })).toEqual(['agent.updated', 'agent.created']);
    expect(await types({ agentId: second.id, types: ['agent.replied'] })).toHaveLength(3);
    expect(await types({ search: 'beta' })).toEqual(['agent.created']);
    expect(await types({ search: '100%' })).toEqual([]);
    expect(await types({ to: new Date(Date.now() - 60_000) })).toEqual([]);
    expect(await types({ from: new Date(Date.now() - 60_000) })).toHaveLength(6);
    expect(await types({ integrationId: first.id })).toEqual([]);
    expect(
      await codeOf(
        owner.call((api) => api.activity.list({ types: ['no.such' as 'agent.created'] })),
      ),
    ).toBe('BAD_REQUEST');
    expect(await codeOf(owner.call((api) => api.activity.list({ cursor: 'garbage' })))).toBe(
      'BAD_REQUEST',
    );
  });

  it.each([
    ['no filter', {}],
    ['a type and an agent', { types: ['agent.replied' as const], agentId: AGENT }],
  ])(
    'pages by keyset with no entry skipped or repeated while others are being written (%s)',
    async (_label, filter: Omit<ListActivityInput, 'limit' | 'cursor'>) => {
      const owner = await h.signUp();
      const orgId = await orgIdOf(owner);
      // every other entry is by the agent the filter asks for
      const write = (i: number) => seed(orgId, 1, i % 2 ? {} : { agentId: AGENT });
      for (let i = 0; i < 60; i++) await write(i);
      const before = (await feed(owner, filter)).items.map((e) => e.id);
      expect(before.length).toBeGreaterThanOrEqual(30);

      // writers keep adding entries (in parallel transactions) while the reader pages through
      let writing = true;
      const writers = Array.from({ length: 3 }, async () => {
        for (let i = 0; writing; i++) await write(i);
      });
      const seen: string[] = [];
      let cursor: string | null = null;
      let latestId: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof feed>> = await owner.call((api) =>
          api.activity.list({ ...filter, limit: 7, cursor }),
        );
        latestId ??= page.latestId;
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
        await new Promise((r) => setTimeout(r, 5));
      } while (cursor);
      writing = false;
      await Promise.all(writers);
      expect(await h.db.activityLog.count({ where: { orgId } })).toBeGreaterThan(65);

      expect(new Set(seen).size).toBe(seen.length); // nothing twice
      const ids = seen.map(BigInt);
      expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true); // newest first
      expect(seen).toEqual(expect.arrayContaining(before)); // nothing that existed was skipped
      // every matching entry committed before the first page was read (id ≤ latestId) was paged
      // through; later ones are for the live subscription, which resumes after latestId
      const committedBefore = await h.db.activityLog.findMany({
        where: {
          orgId,
          id: { lte: BigInt(latestId!) },
          ...(filter.agentId ? { agentId: filter.agentId, activityType: 'agent.replied' } : {}),
        },
        select: { id: true },
      });
      expect(seen.filter((id) => BigInt(id) <= BigInt(latestId!)).sort()).toEqual(
        committedBefore.map((r) => String(r.id)).sort(),
      );
    },
  );
});

describe('activity.stats', () => {
  it('counts per day and type for the cards and chart, per organisation', async () => {
    const owner = await h.signUp();
    const other = await h.signUp();
    const orgId = await orgIdOf(owner);
    await owner.call((api) => api.agents.create({ name: 'Counted' }));
    await seed(orgId, 2);
    await recordActivity(h.db, { orgId, type: 'agent.error', params: { reason: 'LLM down' } });
    await recordActivity(h.db, {
      orgId,
      type: 'lead.stage_changed',
      subject: { type: 'lead', id: '101' },
      params: { leadName: 'Deal', stage: 'Won', fromStage: null, by: null },
    });
    await recordActivity(h.db, {
      orgId,
      type: 'agent.replied',
      subject: { type: 'lead', id: '101' },
      params: {},
    });
    await other.call((api) => api.agents.create({ name: 'Not counted' }));

    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 7 * 86_400_000);
    const stats = await owner.call((api) =>
      api.activity.stats({ from, to, timeZone: 'Europe/Moscow' }),
    );
    expect(stats.cards).toEqual({ repliesSent: 3, actionsExecuted: 0, leadsTouched: 1, errors: 1 });
    expect(stats.totals).toEqual({
      'agent.created': 1,
      'agent.replied': 3,
      'agent.error': 1,
      'lead.stage_changed': 1,
    });
    expect(stats.days.length).toBeGreaterThanOrEqual(7);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
      new Date(),
    );
    expect(stats.days.find((d) => d.day === today)?.counts['agent.replied']).toBe(3);
    expect(
      stats.days.filter((d) => d.day !== today).every((d) => Object.keys(d.counts).length === 0),
    ).toBe(true);

    const bad = await errorOf(owner.call((api) => api.activity.stats({ from: to, to: from })));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(
      await codeOf(
        owner.call((api) => api.activity.stats({ from: new Date(0), to, timeZone: 'UTC' })),
      ),
    ).toBe('BAD_REQUEST');
  });
});
