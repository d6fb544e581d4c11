import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { applyFact, type ApplyContext } from '@leadpilot/domain/kommo-events/apply';
import { callFollowUp } from '@leadpilot/domain/kommo-events/call-follow-up';
import { domainEventSchema } from '@leadpilot/domain/kommo-events/domain-events';
import type { KommoFact } from '@leadpilot/domain/kommo-events/facts';
import { refreshLeadFromKommo } from '@leadpilot/domain/kommo-events/refresh-lead';
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
    lead.name = 'Renamed before the read';
    await refreshLeadFromKommo(h, integrationId, lead.id);
    expect(
      await h.db.kommoLead.findFirstOrThrow({ where: { integrationId, kommoId: lead.id } }),
    ).toMatchObject({ name: 'Renamed before the read' });
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
