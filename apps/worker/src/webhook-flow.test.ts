import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { createHarness, type Harness, type TestClient } from '@leadpilot/api/testing/harness';
import { connectDemo, demoConfig } from '@leadpilot/api/testing/kommo';
import { createLogger } from '@leadpilot/runtime/logger';
import { readServerEnv } from '@leadpilot/server/env';
import { createServer, type LeadpilotServer } from '@leadpilot/server/server';
import { createWorker, type LeadpilotWorker } from './worker';

/**
 * End to end through real processes' code: the emulator sends its webhooks (real wire format) to
 * the real receiver, which stores them; the real worker processes them into the mirror, the
 * lead's timeline, notifications and Kommo writes. Only the browser is missing (see e2e/).
 */
let emulator: KommoEmulator;
let h: Harness;
let server: LeadpilotServer;
let worker: LeadpilotWorker;
let owner: TestClient;
let integrationId: string;

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  emulator = createKommoEmulator({ autoApprove: true });
  await emulator.start();
  const kommo = demoConfig(emulator);
  h = await createHarness({ kommo });
  const log = createLogger('test', 'silent');
  server = createServer({
    env: readServerEnv({ DATABASE_URL: h.url, PORT: '0', HOST: '127.0.0.1', WEB_DIST: '' }),
    db: h.db,
    log,
    box: h.box,
    kommo,
  });
  // the webhook URL registered at connect points at this server
  kommo.publicUrl = (await server.start()).url;
  worker = createWorker({
    connectionString: h.url,
    db: h.db,
    log,
    box: h.box,
    kommo,
    concurrency: 4,
    schedules: false,
    pollInterval: 100,
  });
  await worker.start();
  owner = await h.signUp();
  ({ integrationId } = await connectDemo(h, owner));
  await until(
    async () =>
      (await owner.call((api) => api.integrations.syncStatus({ id: integrationId }))).last
        ?.finishedAt,
  );
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await server.stop();
  await h.close();
  await emulator.stop();
});

describe('Kommo events, end to end', () => {
  it('a stage change, a chat message, a missed call and a task reach the timeline, notifications and Kommo', async () => {
    const lead = [...emulator.account.leads.values()][0]!;
    const pipeline = emulator.account.pipelines.get(lead.pipelineId)!;
    const to = pipeline.statuses.find((s) => s.id !== lead.statusId && s.id !== 143)!;
    const me = (await owner.call((api) => api.auth.me()))!;
    const kommoUser = [...emulator.account.users.values()][0]!;
    await owner.call((api) =>
      api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: me.user.id }),
    );
    const tasksBefore = emulator.account.tasks.size;

    await emulator.simulate.stageChange({ leadId: lead.id, statusId: to.id });
    await emulator.simulate.incomingMessage({
      leadId: lead.id,
      text: 'Добрый день! Still available?',
      origin: 'telegram',
      authorName: 'Olga',
    });
    await emulator.simulate.call({
      direction: 'inbound',
      phone: '+79000000001',
      duration: 0,
      status: 6,
      leadId: lead.id,
      responsibleUserId: kommoUser.id,
    });
    await emulator.simulate.task({
      leadId: lead.id,
      text: 'Prepare the contract',
      responsibleUserId: kommoUser.id,
    });
    await emulator.webhooksSettled();
    expect(emulator.deliveries().every((d) => d.status === 200)).toBe(true);

    const timeline = await until(async () => {
      const t = await owner.call((api) => api.kommo.timeline({ integrationId, leadId: lead.id }));
      const kinds = new Set(t.items.map((i) => i.kind));
      const call = t.items.find((i) => i.kind === 'call');
      return ['stage_change', 'message', 'call', 'task'].every((k) => kinds.has(k as never)) &&
        call?.kind === 'call' &&
        call.callbackTaskKommoId !== null
        ? t
        : undefined;
    });
    expect(timeline.items.find((i) => i.kind === 'stage_change')).toMatchObject({
      toStage: to.name,
    });
    expect(timeline.items.find((i) => i.kind === 'message')).toMatchObject({
      text: 'Добрый день! Still available?',
      origin: 'telegram',
      author: 'Olga',
    });
    expect(timeline.items.find((i) => i.kind === 'call')).toMatchObject({ missed: true });
    // the callback task exists in Kommo (plus the simulated one), once
    expect(emulator.account.tasks.size).toBe(tasksBefore + 2);
    expect(
      (await owner.call((api) => api.kommo.lead({ integrationId, kommoId: lead.id })))
        .statusKommoId,
    ).toBe(to.id);
    // the simulated task and Leadpilot's own callback task (its webhook comes back) are both theirs
    await until(async () => (await owner.call((api) => api.notifications.unreadCount())) === 2);
    const texts = (await owner.call((api) => api.notifications.list({}))).items.map(
      (n) => (n.params as { text: string }).text,
    );
    expect(texts).toContain('Prepare the contract');
    expect(texts.some((t) => t.startsWith('Call back'))).toBe(true);
    const deliveries = await owner.call((api) => api.webhooks.list({ integrationId }));
    expect(deliveries.items.length).toBeGreaterThanOrEqual(4);
    expect(deliveries.items.every((d) => d.status === 'processed')).toBe(true);
  }, 60_000);
});
