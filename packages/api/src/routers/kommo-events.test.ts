import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import {
  applyFact,
  applyFacts,
  type ApplyContext,
  type ApplyResult,
} from '@leadpilot/domain/kommo-events/apply';
import { callFollowUp } from '@leadpilot/domain/kommo-events/call-follow-up';
import {
  addTestSubscriber,
  DOMAIN_EVENT_TYPES,
  domainEventSchema,
} from '@leadpilot/domain/kommo-events/domain-events';
import type { KommoFact, NoteFacts, TaskFacts } from '@leadpilot/domain/kommo-events/facts';
import {
  refreshRequestedLeads,
  sweepLeadRefreshes,
} from '@leadpilot/domain/kommo-events/refresh-lead';
import { runSync } from '@leadpilot/domain/sync/run-sync';
import { codeOf } from '../testing/errors';
import { createHarness, type Harness, type TestClient } from '../testing/harness';
import { connectDemo, demoConfig } from '../testing/kommo';

/**
 * Processing of Kommo events into the mirror, the timeline, notifications and domain events —
 * each applied twice, as a job that runs again would (every effect must happen once).
 */
let emulator: KommoEmulator;
let h: Harness;
let owner: TestClient;
let ownerId: string;
let integrationId: string;
let orgId: string;

beforeAll(async () => {
  emulator = createKommoEmulator({ autoApprove: true });
  await emulator.start();
  h = await createHarness({ kommo: demoConfig(emulator) });
  owner = await h.signUp();
  ({ integrationId } = await connectDemo(h, owner));
  const run = await h.db.syncRun.findFirstOrThrow({ where: { integrationId } });
  await runSync(h, run.id);
  const me = (await owner.call((api) => api.auth.me()))!;
  ownerId = me.user.id;
  orgId = me.activeOrg!.id;
}, 120_000);
afterAll(async () => {
  await h.close();
  await emulator.stop();
});

/** Applies facts twice, each time in its own transaction, like a delivery processed again. */
async function applyTwice(...facts: KommoFact[]) {
  const results = [];
  for (let round = 0; round < 2; round++)
    results.push(
      await h.db.$transaction(async (tx) => {
        const ctx: ApplyContext = { tx, orgId, integrationId, receivedAt: new Date() };
        const out = [];
        for (const fact of facts) out.push(await applyFact(ctx, fact));
        return out;
      }),
    );
  return results[0]!;
}

const domainJobs = async () =>
  (
    await h.db.$queryRaw<{ payload: unknown }[]>`
      SELECT j.payload FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'domain_event'`
  ).map(
    (r) => r.payload as { subscriber: string; event: { type: string; subject: { id: string } } },
  );

const someLead = () => [...emulator.account.leads.values()][0]!;

describe('Kommo events', () => {
  it('a stage change moves the mirrored lead, keeps history once, and shows in the timeline', async () => {
    const lead = someLead();
    const pipeline = emulator.account.pipelines.get(lead.pipelineId)!;
    const to = pipeline.statuses.find((s) => s.id !== lead.statusId && s.id !== 143)!;
    const now = Math.floor(Date.now() / 1000);
    await applyTwice({
      type: 'lead',
      change: 'status',
      lead: {
        id: lead.id,
        name: lead.name,
        statusId: to.id,
        oldStatusId: lead.statusId,
        pipelineId: lead.pipelineId,
        price: 5000,
        responsibleUserId: lead.responsibleUserId,
        modifiedUserId: lead.responsibleUserId,
        updatedAt: now,
        createdAt: lead.createdAt,
        customFields: [{ id: 1, name: 'Budget note', values: [{ value: 'Привет 👋' }] }],
      },
    });
    const mirrored = await h.db.kommoLead.findFirstOrThrow({
      where: { integrationId, kommoId: lead.id },
    });
    expect(mirrored).toMatchObject({ statusKommoId: to.id, price: 5000n });
    expect(await h.db.kommoLeadStageChange.count({ where: { integrationId } })).toBe(1);

    // an older delivery arriving late changes nothing
    await applyTwice({
      type: 'lead',
      change: 'updated',
      lead: { id: lead.id, name: 'Stale name', statusId: lead.statusId, updatedAt: now - 60 },
    });
    expect(
      await h.db.kommoLead.findFirstOrThrow({ where: { integrationId, kommoId: lead.id } }),
    ).toMatchObject({ name: lead.name, statusKommoId: to.id });

    const timeline = await owner.call((api) =>
      api.kommo.timeline({ integrationId, leadId: lead.id }),
    );
    expect(timeline.items[0]).toMatchObject({ kind: 'stage_change', toStage: to.name });

    // one feed entry, however often the delivery was processed
    const feed = await owner.call((api) => api.activity.list({ types: ['lead.stage_changed'] }));
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      subject: { type: 'lead', id: String(lead.id) },
      params: { leadName: lead.name, stage: to.name },
    });
  });

  it('a thin Digital-Pipeline event records the move and asks for the lead; the read fills it in', async () => {
    const lead = [...emulator.account.leads.values()][1]!;
    const pipeline = emulator.account.pipelines.get(lead.pipelineId)!;
    const to = pipeline.statuses.find((s) => s.id !== lead.statusId && s.id !== 143)!;
    const [result] = await applyTwice({
      type: 'lead',
      change: 'status',
      lead: {
        id: lead.id,
        statusId: to.id,
        oldStatusId: lead.statusId,
        pipelineId: lead.pipelineId,
      },
    });
    expect(result).toEqual({ kind: 'needs_fetch', leadId: lead.id });
    // asked for once, however often the event came, with the integration's one job
    expect(
      await h.db.kommoLeadRefresh.findMany({
        where: { integrationId },
        select: { leadKommoId: true },
      }),
    ).toEqual([{ leadKommoId: lead.id }]);
    const [job] = await h.db.$queryRaw<{ key: string; queue: string }[]>`
      SELECT j.key, q.queue_name AS queue FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
       WHERE j.key = ${`kommo_lead_refresh:${integrationId}`}`;
    expect(job).toEqual({
      key: `kommo_lead_refresh:${integrationId}`,
      queue: `kommo:${integrationId}`,
    });
    lead.name = 'Renamed before the read';
    expect(await refreshRequestedLeads(h, integrationId)).toBe(1);
    expect(await h.db.kommoLeadRefresh.count({ where: { integrationId } })).toBe(0);
    expect(
      await h.db.kommoLead.findFirstOrThrow({ where: { integrationId, kommoId: lead.id } }),
    ).toMatchObject({ name: 'Renamed before the read' });
  });

  it('thin events for many leads are read in batches (one request per batch); a lead Kommo no longer has is removed', async () => {
    const leads = [...emulator.account.leads.values()].slice(0, 25);
    const gone = 987_654_321;
    await h.db.kommoLead.create({
      data: {
        integrationId,
        kommoId: gone,
        name: 'Deleted in Kommo',
        kommoCreatedAt: new Date(),
        kommoUpdatedAt: new Date(0),
        syncedAt: new Date(),
      },
    });
    await applyTwice(
      ...[...leads.map((l) => l.id), gone].map((id): KommoFact => ({
        type: 'lead',
        change: 'status',
        lead: { id, statusId: 1, oldStatusId: 2 },
      })),
    );
    expect(await h.db.kommoLeadRefresh.count({ where: { integrationId } })).toBe(26);
    const later = Math.floor(Date.now() / 1000) + 120; // newer than anything mirrored so far
    for (const l of leads) Object.assign(l, { name: `Read in a batch ${l.id}`, updatedAt: later });
    const before = emulator.requests().length;
    expect(await refreshRequestedLeads(h, integrationId, { batch: 10 })).toBe(26);
    const reads = emulator
      .requests()
      .slice(before)
      .filter((r) => r.path === '/api/v4/leads');
    expect(reads.map((r) => (r.query['filter[id][]'] as string[]).length)).toEqual([10, 10, 6]);
    const mirrored = await h.db.kommoLead.findMany({
      where: { integrationId, kommoId: { in: [...leads.map((l) => l.id), gone] } },
      select: { kommoId: true, name: true, removedAt: true },
    });
    expect(mirrored.filter((m) => m.name.startsWith('Read in a batch'))).toHaveLength(25);
    expect(mirrored.find((m) => m.kommoId === gone)?.removedAt).toBeInstanceOf(Date);
    expect(await h.db.kommoLeadRefresh.count({ where: { integrationId } })).toBe(0);

    // a request whose job went missing is asked for again by the minute sweep
    const key = `kommo_lead_refresh:${integrationId}`;
    await h.db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE key = ${key}`;
    await h.db.kommoLeadRefresh.create({
      data: {
        integrationId,
        leadKommoId: leads[0]!.id,
        requestedAt: new Date(Date.now() - 120_000),
      },
    });
    expect(await sweepLeadRefreshes(h.db)).toBe(1);
    const [job] = await h.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ${key}`;
    expect(job!.n).toBe(1);
    expect(await refreshRequestedLeads(h, integrationId)).toBe(1);
  });

  it('a task assigned to a mapped Kommo user notifies that teammate once', async () => {
    const kommoUser = [...emulator.account.users.values()][0]!;
    await owner.call((api) =>
      api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: ownerId }),
    );
    const lead = someLead();
    await applyTwice({
      type: 'task',
      change: 'added',
      task: {
        id: 777_001,
        entityType: 'leads',
        entityId: lead.id,
        text: 'Send the proposal',
        responsibleUserId: kommoUser.id,
        completeTill: Math.floor(Date.now() / 1000) + 3600,
        createdAt: Math.floor(Date.now() / 1000),
      },
    });
    expect(await owner.call((api) => api.notifications.unreadCount())).toBe(1);
    expect(
      (await owner.call((api) => api.activity.list({ types: ['task.assigned'] }))).items,
    ).toHaveLength(1);
    const list = await owner.call((api) => api.notifications.list({}));
    expect(list.items[0]).toMatchObject({
      kind: 'task.assigned',
      params: { text: 'Send the proposal', leadId: lead.id },
      subjectType: 'lead',
    });
    await owner.call((api) => api.notifications.markRead({ ids: [list.items[0]!.id] }));
    expect(await owner.call((api) => api.notifications.unreadCount())).toBe(0);

    // completing it: mirrored, no new notification
    await applyTwice({
      type: 'task',
      change: 'updated',
      task: {
        id: 777_001,
        entityType: 'leads',
        entityId: lead.id,
        text: 'Send the proposal',
        responsibleUserId: kommoUser.id,
        isCompleted: true,
        resultText: 'Sent',
        updatedAt: Math.floor(Date.now() / 1000) + 1,
      },
    });
    expect(await h.db.kommoTask.findFirstOrThrow({ where: { kommoId: 777_001 } })).toMatchObject({
      isCompleted: true,
      resultText: 'Sent',
    });
    expect(await owner.call((api) => api.notifications.unreadCount())).toBe(0);

    // another organisation sees none of it
    const stranger = await h.signUp();
    expect(await stranger.call((api) => api.notifications.list({}))).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(
      await codeOf(stranger.call((api) => api.kommo.timeline({ integrationId, leadId: lead.id }))),
    ).toBe('NOT_FOUND');
  });

  it('a missed call is stored once and its follow-up creates one callback task in Kommo', async () => {
    const lead = someLead();
    const tasksBefore = emulator.account.tasks.size;
    await applyTwice({
      type: 'note',
      note: {
        id: 888_001,
        entityType: 'leads',
        entityId: lead.id,
        noteType: 'call_in',
        call: { phone: '+7 900 000-00-01', durationSeconds: 0, callStatus: 6 },
        responsibleUserId: lead.responsibleUserId,
      },
    });
    const call = await h.db.kommoCall.findFirstOrThrow({ where: { noteKommoId: 888_001 } });
    expect(
      (await owner.call((api) => api.activity.list({ types: ['call.missed'] }))).items,
    ).toMatchObject([{ params: { phone: '+7 900 000-00-01' } }]);
    expect(call).toMatchObject({ missed: true, direction: 'in', leadKommoId: lead.id });
    const jobs = (await domainJobs()).filter((j) => j.event.subject.id === call.id);
    expect(jobs.map((j) => [j.subscriber, j.event.type])).toEqual([
      ['callFollowUp', 'call.missed'],
    ]);

    const event = domainEventSchema.parse(jobs[0]!.event);
    await callFollowUp(h, event);
    await callFollowUp(h, event); // the job ran again
    expect(emulator.account.tasks.size).toBe(tasksBefore + 1);
    const created = (await h.db.kommoCall.findUniqueOrThrow({ where: { id: call.id } }))
      .callbackTaskKommoId!;
    expect(emulator.account.tasks.get(created)).toMatchObject({
      entityId: lead.id,
      responsibleUserId: lead.responsibleUserId,
    });
  });

  it('chat messages land in the lead’s conversation once, in and out, with channel and author', async () => {
    const lead = someLead();
    await applyTwice(
      {
        type: 'talk',
        change: 'added',
        talk: { id: 55, chatId: 'chat-1', leadId: lead.id, origin: 'telegram', isInWork: true },
      },
      {
        type: 'message',
        message: {
          id: 'msg-1',
          direction: 'in',
          talkId: 55,
          chatId: 'chat-1',
          text: 'Здравствуйте! Is the offer still on?',
          origin: 'telegram',
          authorName: 'Ivan',
          attachments: [{ type: 'picture', link: 'https://example.com/a.png', fileName: 'a.png' }],
          createdAt: Math.floor(Date.now() / 1000) + 5,
        },
      },
    );
    const timeline = await owner.call((api) =>
      api.kommo.timeline({ integrationId, leadId: lead.id, limit: 2 }),
    );
    expect(timeline.items[0]).toMatchObject({
      kind: 'message',
      direction: 'in',
      origin: 'telegram',
      author: 'Ivan',
      text: 'Здравствуйте! Is the offer still on?',
    });
    expect(await h.db.kommoMessage.count({ where: { integrationId } })).toBe(1);
    // paging continues where it stopped, without repeats
    const next = await owner.call((api) =>
      api.kommo.timeline({ integrationId, leadId: lead.id, cursor: timeline.nextCursor }),
    );
    const ids = [...timeline.items, ...next.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(4); // message, call, task, stage change
  });
});

describe('a batch of facts', () => {
  const L = [9_100_001, 9_100_002, 9_100_003, 9_100_004];
  const T = [9_200_001, 9_200_002, 9_200_003];
  const K = [9_300_001, 9_300_002, 9_300_003];
  const N = [9_400_001, 9_400_002, 9_400_003];
  const C = [9_500_001, 9_500_002, 9_500_003];
  const U = ['batch-u1', 'batch-u2', 'batch-u3'];
  const M = ['batch-m1', 'batch-m2', 'batch-m3'];
  const t0 = 1_790_000_000;

  function facts() {
    const lead = someLead();
    const pipeline = emulator.account.pipelines.get(lead.pipelineId)!;
    const [S1, S2, S3] = pipeline.statuses
      .filter((s) => s.id !== 142 && s.id !== 143)
      .map((s) => s.id);
    const [A, B] = [...emulator.account.users.values()].map((u) => u.id);
    const P = pipeline.id;
    const full = (id: number, name: string, updatedAt: number, extra: object = {}) => ({
      id,
      name,
      statusId: S1,
      pipelineId: P,
      price: 100,
      responsibleUserId: A,
      modifiedUserId: A,
      createdAt: t0,
      updatedAt,
      tags: [{ name: 'vip' }],
      customFields: [{ id: 1, name: 'Budget', values: [{ value: '100 000 ₽' }] }],
      ...extra,
    });
    const taskT1 = (change: 'added' | 'updated', extra: Partial<TaskFacts>): KommoFact => ({
      type: 'task',
      change,
      task: { id: T[0]!, entityType: 'leads', entityId: L[0], text: 'Call the client', ...extra },
    });
    const noteL1 = (id: number, noteType: string, extra: Partial<NoteFacts>): KommoFact => ({
      type: 'note',
      note: { id, entityType: 'leads', entityId: L[0]!, noteType, ...extra },
    });
    const seed: KommoFact[] = [
      { type: 'lead', change: 'added', lead: full(L[2]!, 'Seeded', t0) },
      {
        type: 'task',
        change: 'added',
        task: { id: T[2]!, text: 'Seeded task', responsibleUserId: B, updatedAt: t0 },
      },
      {
        type: 'talk',
        change: 'added',
        talk: { id: K[1]!, leadId: L[2], isInWork: true, createdAt: t0 },
      },
      { type: 'unsorted', unsorted: { uid: U[2]!, action: 'add', leadId: L[2], at: t0 } },
    ];
    const scenario: KommoFact[] = [
      { type: 'lead', change: 'added', lead: full(L[0]!, 'Первая сделка', t0 + 10) },
      {
        type: 'lead',
        change: 'status',
        lead: full(L[0]!, 'Первая сделка', t0 + 20, { statusId: S2, oldStatusId: S1 }),
      },
      {
        type: 'lead',
        change: 'status',
        lead: { id: L[0]!, statusId: S3, oldStatusId: S2, pipelineId: P, updatedAt: t0 + 30 },
      },
      {
        type: 'lead',
        change: 'updated',
        lead: { id: L[0]!, name: 'Stale', statusId: S1, updatedAt: t0 + 5 },
      },
      {
        type: 'lead',
        change: 'responsible',
        lead: full(L[0]!, 'Первая сделка', t0 + 40, {
          statusId: S3,
          responsibleUserId: B,
          oldResponsibleUserId: A,
        }),
      },
      {
        type: 'lead',
        change: 'status',
        lead: { id: L[1]!, statusId: S2, oldStatusId: S1, pipelineId: P },
      },
      {
        type: 'lead',
        change: 'status',
        lead: { id: L[2]!, statusId: S2, pipelineId: P, updatedAt: t0 + 50 },
      },
      {
        type: 'lead',
        change: 'updated',
        lead: { id: L[2]!, name: 'Seeded, renamed', updatedAt: t0 + 60 },
      },
      {
        type: 'lead',
        change: 'status',
        lead: { id: L[1]!, statusId: S2, oldStatusId: S1, pipelineId: P },
      },
      taskT1('added', { responsibleUserId: A, completeTill: t0 + 3600, createdAt: t0 + 10 }),
      taskT1('updated', { responsibleUserId: B, updatedAt: t0 + 20 }),
      taskT1('updated', {
        responsibleUserId: B,
        isCompleted: true,
        resultText: 'Done',
        updatedAt: t0 + 30,
      }),
      {
        type: 'task',
        change: 'added',
        task: { id: T[1]!, text: 'Temp', responsibleUserId: A, updatedAt: t0 + 10 },
      },
      { type: 'task', change: 'deleted', task: { id: T[1]! } },
      {
        type: 'task',
        change: 'updated',
        task: { id: T[2]!, text: 'Seeded task', responsibleUserId: A, updatedAt: t0 + 20 },
      },
      {
        type: 'talk',
        change: 'added',
        talk: {
          id: K[0]!,
          leadId: L[0],
          chatId: 'c1',
          origin: 'telegram',
          isInWork: true,
          createdAt: t0 + 10,
        },
      },
      // the same message twice
      ...[0, 0].map((): KommoFact => ({
        type: 'message',
        message: {
          id: M[0]!,
          direction: 'in',
          talkId: K[0],
          text: 'Привет 👋',
          createdAt: t0 + 11,
        },
      })),
      { type: 'talk', change: 'updated', talk: { id: K[0]!, isInWork: false, updatedAt: t0 + 30 } },
      { type: 'message', message: { id: M[1]!, direction: 'out', leadId: L[0], text: 'Hello' } },
      {
        type: 'talk',
        change: 'updated',
        talk: { id: K[1]!, isInWork: true, isRead: true, updatedAt: t0 + 5 },
      },
      {
        type: 'message',
        message: { id: M[2]!, direction: 'in', talkId: K[1], text: 'Seeded talk' },
      },
      // a missed call twice, an answered call, a note twice
      noteL1(N[0]!, 'call_in', {
        call: { phone: '+7 900 111-22-33', durationSeconds: 0, callStatus: 6 },
      }),
      noteL1(N[0]!, 'call_in', {
        call: { phone: '+7 900 111-22-33', durationSeconds: 0, callStatus: 6 },
      }),
      noteL1(N[1]!, 'call_out', { call: { durationSeconds: 65 } }),
      noteL1(N[2]!, 'common', { text: 'A note' }),
      noteL1(N[2]!, 'common', { text: 'A note' }),
      {
        type: 'unsorted',
        unsorted: { uid: U[0]!, action: 'add', leadId: L[1], category: 'forms', at: t0 },
      },
      { type: 'unsorted', unsorted: { uid: U[0]!, action: 'accept', at: t0 + 10 } },
      { type: 'unsorted', unsorted: { uid: U[1]!, action: 'delete' } },
      { type: 'unsorted', unsorted: { uid: U[2]!, action: 'decline', at: t0 + 10 } },
      ...(['added', 'updated', 'deleted', 'updated'] as const).map((change, i): KommoFact => ({
        type: 'party',
        change,
        party: {
          id: C[0]!,
          kind: 'contact',
          name: `Анна ${i}`,
          customFields: [{ id: 2, code: 'PHONE', values: [{ value: `+7 900 ${i}` }] }],
          updatedAt: t0 + 10 * (i + 1),
        },
      })),
      {
        type: 'party',
        change: 'added',
        party: { id: C[1]!, kind: 'company', name: 'ООО Ромашка' },
      },
      { type: 'party', change: 'deleted', party: { id: C[1]!, kind: 'company' } },
      { type: 'party', change: 'updated', party: { id: C[2]!, kind: 'contact' } },
      { type: 'lead', change: 'added', lead: full(L[3]!, 'Short-lived', t0 + 10) },
      { type: 'lead', change: 'deleted', lead: { id: L[3]! } },
      { type: 'lead', change: 'deleted', lead: { id: L[0]! } },
      {
        type: 'lead',
        change: 'restored',
        lead: full(L[0]!, 'Первая сделка', t0 + 70, { statusId: S3 }),
      },
      { type: 'talk', change: 'updated', talk: { id: K[2]!, isInWork: false, updatedAt: t0 + 30 } },
    ];
    return { seed, scenario };
  }

  const at = (i: number) => new Date(Date.UTC(2026, 10, 30, 10, 0, i));
  const inIds = (ids: (number | string)[]) =>
    ids.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(',');

  async function reset() {
    const q = (sql: string) => h.db.$executeRawUnsafe(sql, integrationId);
    const rowsOf: [table: string, column: string, ids: (number | string)[]][] = [
      ['kommo_leads', 'kommo_id', L],
      ['kommo_lead_stage_changes', 'lead_kommo_id', L],
      ['kommo_lead_refreshes', 'lead_kommo_id', L],
      ['kommo_tasks', 'kommo_id', T],
      ['kommo_talks', 'talk_kommo_id', K],
      ['kommo_calls', 'note_kommo_id', N],
      ['kommo_notes', 'note_kommo_id', N],
      ['kommo_messages', 'message_kommo_id', M],
      ['kommo_unsorted', 'uid', U],
      ['kommo_contacts', 'kommo_id', C],
      ['kommo_companies', 'kommo_id', C],
    ];
    for (const [table, column, ids] of rowsOf)
      await q(
        `DELETE FROM ${table} WHERE integration_id = $1::uuid AND ${column} IN (${inIds(ids)})`,
      );
    await q(
      `DELETE FROM notifications WHERE integration_id = $1::uuid AND dedupe_key LIKE 'task:%:92000%'`,
    );
    await q(`DELETE FROM activity_logs WHERE integration_id = $1::uuid AND created_at > '2026-11-30' AND
               (subject_id IN (${L.map(String)
                 .map((s) => `'${s}'`)
                 .join(',')}) OR subject_id IN (${T.map((s) => `'${s}'`).join(',')}))`);
    await h.db.$executeRawUnsafe(
      `DELETE FROM graphile_worker._private_jobs WHERE payload->>'subscriber' = 'batchCheck'
          OR (payload->>'subscriber' = 'callFollowUp' AND payload->'event'->'data'->>'leadId' = '${L[0]}')`,
    );
  }

  async function snapshot() {
    const rows = (sql: string) =>
      h.db.$queryRawUnsafe<unknown[]>(sql, ...(sql.includes('$1') ? [integrationId] : []));
    return {
      leads: await rows(`SELECT kommo_id, name, price::text, pipeline_kommo_id, status_kommo_id,
          responsible_kommo_id, tags, custom_fields, kommo_updated_at, removed_at
        FROM kommo_leads WHERE integration_id = $1::uuid AND kommo_id IN (${inIds(L)}) ORDER BY kommo_id`),
      stages: await rows(`SELECT lead_kommo_id, from_status_kommo_id, to_status_kommo_id,
          from_pipeline_kommo_id, to_pipeline_kommo_id, changed_by_kommo_id, changed_at
        FROM kommo_lead_stage_changes WHERE integration_id = $1::uuid AND lead_kommo_id IN (${inIds(L)})
        ORDER BY lead_kommo_id, changed_at, to_status_kommo_id`),
      tasks: await rows(`SELECT kommo_id, text, responsible_kommo_id, is_completed, result_text,
          kommo_updated_at, removed_at
        FROM kommo_tasks WHERE integration_id = $1::uuid AND kommo_id IN (${inIds(T)}) ORDER BY kommo_id`),
      talks: await rows(`SELECT talk_kommo_id, chat_id, lead_kommo_id, origin, is_in_work, is_read,
          opened_at, closed_at, updated_at
        FROM kommo_talks WHERE integration_id = $1::uuid AND talk_kommo_id IN (${inIds(K)}) ORDER BY 1`),
      messages:
        await rows(`SELECT message_kommo_id, talk_kommo_id, lead_kommo_id, direction, text, sent_at
        FROM kommo_messages WHERE integration_id = $1::uuid AND message_kommo_id IN (${inIds(M)}) ORDER BY 1`),
      calls: await rows(`SELECT note_kommo_id, lead_kommo_id, direction, missed, duration_seconds
        FROM kommo_calls WHERE integration_id = $1::uuid AND note_kommo_id IN (${inIds(N)}) ORDER BY 1`),
      notes: await rows(`SELECT note_kommo_id, note_type, text
        FROM kommo_notes WHERE integration_id = $1::uuid AND note_kommo_id IN (${inIds(N)}) ORDER BY 1`),
      unsorted: await rows(`SELECT uid, lead_kommo_id, category, status, received_at, decided_at
        FROM kommo_unsorted WHERE integration_id = $1::uuid AND uid IN (${inIds(U)}) ORDER BY 1`),
      parties:
        await rows(`SELECT 'contact' AS kind, kommo_id, name, phones::text AS phones, kommo_updated_at, removed_at
          FROM kommo_contacts WHERE integration_id = $1::uuid AND kommo_id IN (${inIds(C)})
        UNION ALL SELECT 'company', kommo_id, name, NULL, kommo_updated_at, removed_at
          FROM kommo_companies WHERE integration_id = $1::uuid AND kommo_id IN (${inIds(C)})
        ORDER BY 1, 2`),
      notifications: await rows(`SELECT dedupe_key, kind, params, subject_type, subject_id
        FROM notifications WHERE integration_id = $1::uuid AND dedupe_key LIKE 'task:%:92000%' ORDER BY 1`),
      feed: await rows(`SELECT activity_type, title, metadata, subject_type, subject_id, user_id
        FROM activity_logs WHERE integration_id = $1::uuid AND created_at > '2026-11-30' AND
             (subject_id IN (${L.map((s) => `'${s}'`).join(',')}) OR subject_id IN (${T.map((s) => `'${s}'`).join(',')}))
        ORDER BY id`),
      events:
        await rows(`SELECT payload->'event'->>'type' AS type, payload->'event'->'subject'->>'type' AS subject,
          CASE WHEN payload->'event'->'subject'->>'type' = 'call' THEN NULL
               ELSE payload->'event'->'subject'->>'id' END AS id,
          payload->'event'->'data' AS data
        FROM graphile_worker._private_jobs WHERE payload->>'subscriber' = 'batchCheck'
        ORDER BY 1, 3, 2, (payload->'event'->'data')::text`),
      followUps: await rows(`SELECT payload->'event'->>'type' AS type, q.queue_name
        FROM graphile_worker._private_jobs j LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
        WHERE payload->>'subscriber' = 'callFollowUp' AND payload->'event'->'data'->>'leadId' = '${L[0]}' ORDER BY 1`),
      refreshes: await rows(`SELECT lead_kommo_id FROM kommo_lead_refreshes
        WHERE integration_id = $1::uuid AND lead_kommo_id IN (${inIds(L)}) ORDER BY 1`),
    };
  }

  /** Seeds, then applies the scenario in transactions of the given sizes (cycled). */
  async function run(sizes: number[]) {
    await reset();
    const { seed, scenario } = facts();
    for (const [i, fact] of seed.entries())
      await h.db.$transaction((tx) =>
        applyFacts({ tx, orgId, integrationId }, [{ fact, receivedAt: at(i) }]),
      );
    const results: ApplyResult[] = [];
    for (let i = 0, n = 0; i < scenario.length; n++) {
      const size = sizes[n % sizes.length]!;
      const part = scenario
        .slice(i, i + size)
        .map((fact, j) => ({ fact, receivedAt: at(10 + i + j) }));
      results.push(
        ...(await h.db.$transaction((tx) => applyFacts({ tx, orgId, integrationId }, part))),
      );
      i += size;
    }
    return { results, state: await snapshot() };
  }

  it('applied at once, or split anyhow, has exactly the effects of its facts applied one by one', async () => {
    const stop = addTestSubscriber('batchCheck', DOMAIN_EVENT_TYPES);
    try {
      const oneByOne = await run([1]);
      const whole = await run([1000]);
      const split = await run([3, 1, 4, 1, 5, 9, 2, 6]);
      expect(whole).toEqual(oneByOne);
      expect(split).toEqual(oneByOne);

      // and what that is, spelled out for the interesting parts
      const { state, results } = whole;
      expect(results.filter((r) => r.kind === 'needs_fetch')).toHaveLength(4);
      expect(state.refreshes).toHaveLength(3); // L1, L2 (twice), L3: one request each
      expect(state.leads).toMatchObject([
        { kommo_id: L[0], name: 'Первая сделка', removed_at: null },
        { kommo_id: L[2], name: 'Seeded, renamed' },
        { kommo_id: L[3], name: 'Short-lived', removed_at: expect.any(Date) },
      ]);
      // L1: S1→S2 (full), S2→S3 (thin); L2: S1→S2 twice (no time: each at its arrival);
      // L3: S1→S2 (from the mirror)
      expect(state.stages).toHaveLength(5);
      expect(
        state.feed.filter(
          (e) => (e as { activity_type: string }).activity_type === 'lead.stage_changed',
        ),
      ).toHaveLength(5);
      expect(state.tasks).toMatchObject([
        { kommo_id: T[0], is_completed: true, responsible_kommo_id: expect.any(Number) },
        { kommo_id: T[1], removed_at: expect.any(Date) },
        { kommo_id: T[2] },
      ]);
      expect(state.messages).toMatchObject([
        { message_kommo_id: M[0], lead_kommo_id: L[0] },
        { message_kommo_id: M[1], lead_kommo_id: L[0] },
        { message_kommo_id: M[2], lead_kommo_id: L[2] },
      ]);
      expect(state.talks).toMatchObject([
        { talk_kommo_id: K[0], is_in_work: false, chat_id: 'c1', origin: 'telegram' },
        { talk_kommo_id: K[1], is_read: true },
        { talk_kommo_id: K[2], is_in_work: false },
      ]);
      expect(state.calls).toHaveLength(2);
      expect(state.notes).toHaveLength(1);
      expect(state.unsorted).toMatchObject([
        { uid: U[0], status: 'accepted', lead_kommo_id: L[1] },
        { uid: U[2], status: 'declined' },
      ]);
      expect(state.parties).toMatchObject([
        { kind: 'company', kommo_id: C[1], removed_at: expect.any(Date) },
        { kind: 'contact', kommo_id: C[0], name: 'Анна 3', removed_at: null },
      ]);
      expect(state.followUps).toEqual([
        { type: 'call.ended', queue_name: `kommo-follow-up:${integrationId}` },
        { type: 'call.missed', queue_name: `kommo-follow-up:${integrationId}` },
      ]);
      const types = state.events.map((e) => (e as { type: string }).type);
      expect(types.filter((t) => t === 'message.received')).toHaveLength(2);
      expect(types.filter((t) => t === 'talk.opened')).toHaveLength(2); // K2 (seed), K1
      expect(types.filter((t) => t === 'talk.closed')).toHaveLength(2);
      expect(types.filter((t) => t === 'lead.deleted')).toHaveLength(2);
    } finally {
      stop();
    }
  });
});
