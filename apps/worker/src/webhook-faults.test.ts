import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoConfig } from '@leadpilot/api/testing/kommo';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import type { KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { createLogger } from '@leadpilot/runtime/logger';
import { holdLeadRow } from './testing/hold-lead-row';
import {
  backlog,
  countEffects,
  expectedEffects,
  kommoWrites,
  planTraffic,
  play,
  recordedKommoWrites,
  type TrafficOp,
} from './testing/kommo-traffic';
import { spawnWorker, type WorkerProcess } from './testing/spawn-worker';
import {
  MAPPED_USER,
  OTHER_USER,
  ourDeliveries,
  resend,
  settled,
  startWebhookStack,
  until,
  type WebhookStack,
} from './testing/webhook-stack';
import { createWorker, type LeadpilotWorker } from './worker';

/**
 * Issue #5 with real processes and real faults, end to end: Kommo (the emulator) sends its
 * webhooks to the real receiver; a real worker processes them into the mirror, the timeline,
 * notifications, the activity feed and writes back to Kommo (callback tasks, call summaries).
 *
 * 1. The worker process is SIGKILLed in the middle of a batch, and a fresh one takes over.
 * 2. Postgres itself (a cluster of this test's own) is stopped while webhooks arrive, and started
 *    again.
 *
 * Both end with: every acknowledged delivery processed, exactly once in effect — counted in the
 * database and in what Kommo received.
 */

const log = createLogger('test', 'silent');

// Whatever a test starts is stopped after it, in reverse order, even when it fails.
const cleanups: (() => Promise<unknown> | unknown)[] = [];
const onCleanup = (stop: () => Promise<unknown> | unknown) => void cleanups.push(stop);
afterEach(async () => {
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length) throw errors[0];
});

/**
 * What every fault test must end with: each delivery Kommo had acknowledged stored once and
 * processed once (attempts = 1: a processing whose transaction died never counted), the effects
 * of the traffic exactly once, and exactly one Kommo write per callback task and call summary.
 */
async function expectExactlyOnce(
  s: WebhookStack,
  options: {
    ops: TrafficOp[];
    before: Awaited<ReturnType<typeof countEffects>>;
    acknowledged: string[];
  },
) {
  const { db } = s.h;
  const rows = await db.webhookDelivery.findMany({
    where: { integrationId: s.integrationId },
    select: { requestId: true, status: true, attempts: true },
  });
  const originals = rows.filter((r) => r.status !== 'duplicate');
  // nothing pending, failed, dead, unhandled or rejected
  expect(originals.filter((r) => r.status !== 'processed')).toEqual([]);
  expect(originals.filter((r) => r.attempts !== 1)).toEqual([]);
  // every acknowledged request is stored as exactly one original
  const byRequest = new Map<string, number>();
  for (const r of originals) byRequest.set(r.requestId!, (byRequest.get(r.requestId!) ?? 0) + 1);
  expect([...byRequest.values()].filter((n) => n !== 1)).toEqual([]);
  expect(options.acknowledged.filter((id) => !byRequest.has(id))).toEqual([]);
  // and nothing we never sent
  const sent = new Set(ourDeliveries(s).map((d) => d.requestId));
  expect([...byRequest.keys()].filter((id) => !sent.has(id))).toEqual([]);

  const expected = expectedEffects(options.ops, MAPPED_USER);
  const after = await countEffects(db, s.integrationId);
  const delta = Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, v - options.before[k as keyof typeof after]]),
  );
  expect(delta).toEqual({
    stageChanges: expected.stageChanges,
    stageActivity: expected.stageChanges,
    messages: expected.messages,
    calls: expected.calls,
    missedCalls: expected.missedCalls,
    missedActivity: expected.missedCalls,
    tasks: expected.tasks,
    taskActivity: expected.tasks,
    notifications: expected.notifications,
    notes: expected.notes,
  });

  // Kommo received one callback task per missed call and one summary per answered call.
  const writes = kommoWrites(s.emulator);
  expect(writes.callbackTexts.sort()).toEqual(
    expected.missedPhones.map((p) => `Call back ${p}: missed call`).sort(),
  );
  expect(writes.summaryTexts).toHaveLength(expected.answeredPhones.length);
  for (const phone of expected.answeredPhones)
    expect(writes.summaryTexts.filter((t) => t.includes(phone))).toHaveLength(1);
  expect(await recordedKommoWrites(db, s.integrationId)).toEqual({
    callbacks: expected.missedCalls,
    summaries: expected.answeredPhones.length,
  });

  // The mirror agrees with Kommo about every lead's stage: no move lost, none replayed late.
  const leads = await db.kommoLead.findMany({
    where: { integrationId: s.integrationId },
    select: { kommoId: true, statusKommoId: true },
  });
  const stale = leads.filter(
    (l) => l.statusKommoId !== s.emulator.account.leads.get(l.kommoId)?.statusId,
  );
  expect(stale).toEqual([]);
}

/** A lead the traffic leaves alone, and its moves through the other stages (the test's own). */
function sentinelLead(emulator: KommoEmulator) {
  const lead = [...emulator.account.leads.values()].find(
    (l) => l.pipelineId === 7_100_001 && l.statusId !== 142 && l.statusId !== 143,
  )!;
  const stages = emulator.account.pipelines
    .get(lead.pipelineId)!
    .statuses.filter((st) => st.type === 0 && ![142, 143, lead.statusId].includes(st.id));
  return {
    leadId: lead.id,
    moves: stages.map((st): TrafficOp => ({ kind: 'stage', leadId: lead.id, statusId: st.id })),
  };
}

/** How long the in-process worker's Kommo client waits for an answer (test 2). */
const KOMMO_TIMEOUT_MS = 1_500;

describe('Kommo webhooks: real processes, real faults', () => {
  it('a worker process SIGKILLed mid-batch: a fresh process takes over, every delivery is processed, none twice in effect', async () => {
    const key = randomBytes(32);
    let workerEnv: Record<string, string> = {};
    let first: WorkerProcess | undefined;
    const s = await startWebhookStack({
      onCleanup,
      encryptionKey: key,
      startWorker: async (h, emulator) => {
        workerEnv = {
          DATABASE_URL: h.url,
          ENCRYPTION_KEY: key.toString('base64'),
          KOMMO_DEMO_URL: emulator.url,
        };
        first = spawnWorker(workerEnv, onCleanup);
        await first.ready;
      },
    });
    const { db } = s.h;
    const before = await countEffects(db, s.integrationId);
    const sentinel = sentinelLead(s.emulator);
    const traffic = planTraffic(s.emulator, {
      users: [MAPPED_USER, OTHER_USER],
      messages: 60,
      missedCalls: 12,
      answeredCalls: 6,
      tasks: 24,
      skipLeads: [sentinel.leadId],
      tag: 'kill',
      series: 201,
    });
    const cut = (f: number) => Math.round(traffic.length * f);
    const early = traffic.slice(0, cut(0.4));
    const [justBefore, justAfter] = [
      traffic.slice(cut(0.4), cut(0.5)),
      traffic.slice(cut(0.5), cut(0.6)),
    ];
    const whileDead = [...traffic.slice(cut(0.6)), ...sentinel.moves.slice(1)];
    const ops = [...early, ...justBefore, sentinel.moves[0]!, ...justAfter, ...whileDead];

    for (const op of early) await play(s.emulator, op);
    await until('some deliveries processed', async () => {
      return (await backlog(db, s.integrationId)).processed > 0;
    });
    // Kommo holds Leadpilot's writes from now on, so that none is half-done (applied in Kommo,
    // not yet recorded) when the worker dies: call-follow-up.ts says why that could double it.
    s.emulator.faults.inject({ kind: 'timeout', path: '/api/v4/tasks', count: 1000 });
    s.emulator.faults.inject({ kind: 'timeout', path: '/api/v4/leads/notes', count: 1000 });
    // The worker's round that moves the sentinel lead waits inside its transaction.
    const blocker = await holdLeadRow(s.h.url, s.integrationId, sentinel.leadId);
    for (const op of [...justBefore, sentinel.moves[0]!]) await play(s.emulator, op);
    const waiter = await until('a batch waiting inside its transaction', () => blocker.waiter(db));
    expect(waiter.claimed.length).toBeGreaterThan(0);
    // More arrives meanwhile, for the next round.
    for (const op of justAfter) await play(s.emulator, op);
    const progress = await backlog(db, s.integrationId);
    expect(progress.processed).toBeGreaterThan(0); // some processed …
    expect(progress.waiting).toBeGreaterThan(waiter.claimed.length); // … some claimed, some not
    await until('every Kommo write Leadpilot made is recorded', async () => {
      const applied = kommoWrites(s.emulator);
      const recorded = await recordedKommoWrites(db, s.integrationId);
      return (
        applied.callbackTexts.length === recorded.callbacks &&
        applied.summaryTexts.length === recorded.summaries
      );
    });

    first!.child.kill('SIGKILL');
    expect((await first!.exited).signal).toBe('SIGKILL');
    s.emulator.faults.clear();
    await blocker.release();
    // The dead worker's transaction ends with its connection, uncommitted: what it had claimed
    // (and partly handled) is pending again.
    await until('the killed transaction rolled back', async () => {
      const [row] = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${waiter.pid}::int`;
      return row!.n === 0;
    });
    const claimed = await db.webhookDelivery.findMany({
      where: { id: { in: waiter.claimed } },
      select: { status: true, attempts: true },
    });
    expect(claimed.filter((d) => d.status !== 'pending' || d.attempts !== 0)).toEqual([]);
    // Jobs it had taken stay locked by it (graphile-worker would keep them for 4 hours).
    const [locked] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`;
    expect(locked!.n).toBeGreaterThan(0);

    // Kommo keeps sending while no worker runs: stored, acknowledged.
    for (const op of whileDead) await play(s.emulator, op);

    const second = spawnWorker(workerEnv, onCleanup);
    await second.ready;
    await until('everything processed', () => settled(s), 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nworker output:\n${second.output()}`);
    });
    const sent = ourDeliveries(s);
    expect(sent.filter((d) => d.status !== 200)).toEqual([]);
    await expectExactlyOnce(s, { ops, before, acknowledged: sent.map((d) => d.requestId) });

    // and the fresh worker stops cleanly
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('Postgres stopped mid-batch while webhooks arrive: 503 with Retry-After, never 200; restarted, the retries are stored and everything is processed once', async () => {
    let cluster: EmbeddedDatabase = await startEmbeddedPostgres({
      dataDir: path.join(os.tmpdir(), `leadpilot-faults-${randomBytes(4).toString('hex')}`),
      fresh: true,
    });
    const { dataDir, port } = cluster;
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanups.push(() => cluster.stop());
    const templateUrl = cluster.urlFor('leadpilot_faults_template');
    await migrate({ connectionString: templateUrl });

    const s = await startWebhookStack({
      onCleanup,
      templateUrl,
      startWorker: async (h, emulator) => {
        const worker: LeadpilotWorker = createWorker({
          connectionString: h.url,
          db: h.db,
          log,
          box: h.box,
          kommo: { ...demoConfig(emulator), requestTimeoutMs: KOMMO_TIMEOUT_MS },
          concurrency: 4,
          schedules: false,
          pollInterval: 100,
        });
        await worker.start();
        cleanups.push(() => worker.stop());
      },
    });
    const { db } = s.h;
    const before = await countEffects(db, s.integrationId);
    const sentinel = sentinelLead(s.emulator);
    const plan = (series: number, calls: boolean) =>
      planTraffic(s.emulator, {
        users: [MAPPED_USER, OTHER_USER],
        stageMoves: 0,
        messages: 10,
        missedCalls: calls ? 3 : 0,
        answeredCalls: calls ? 2 : 0,
        tasks: 5,
        skipLeads: [sentinel.leadId],
        tag: `pg-${series}`,
        series,
      });
    const moves = planTraffic(s.emulator, {
      users: [MAPPED_USER, OTHER_USER],
      messages: 0,
      missedCalls: 0,
      answeredCalls: 0,
      tasks: 0,
      skipLeads: [sentinel.leadId],
      tag: 'pg-moves',
      series: 0,
    });
    // Before the outage no call but one, whose follow-up is caught in its Kommo request: a Kommo
    // write cut off half-way by the outage could be made twice (call-follow-up.ts says why).
    const early = [...plan(101, false), ...moves.slice(0, 20)];
    const heldCall: TrafficOp = {
      kind: 'call',
      leadId: sentinel.leadId,
      phone: '+79019990001',
      missed: true,
      responsibleUserId: MAPPED_USER,
    };
    const during = [...plan(102, true), ...moves.slice(20, 35)];
    const after = [...plan(103, true), ...moves.slice(35, 55), ...sentinel.moves.slice(1)];
    const ops = [...early, heldCall, sentinel.moves[0]!, ...during, ...after];
    const ready = () => fetch(`${s.serverUrl}/readyz`).then((r) => r.status);
    const readiness = () => fetch(`${s.serverUrl}/readyz`).then((r) => r.json());
    const healthy = () => fetch(`${s.serverUrl}/healthz`).then((r) => r.status);

    for (const op of early) await play(s.emulator, op);
    // When Postgres goes away, one job is waiting for Kommo to answer its callback task (Kommo
    // holds the request)…
    s.emulator.faults.inject({ kind: 'timeout', path: '/api/v4/tasks', count: 1000 });
    await play(s.emulator, heldCall);
    const held = await until('the callback task request held by Kommo', () =>
      s.emulator.requests().find((r) => r.path === '/api/v4/tasks' && r.status === 0),
    );
    // …and another is in the middle of a batch of deliveries.
    const blocker = await holdLeadRow(s.h.url, s.integrationId, sentinel.leadId);
    await play(s.emulator, sentinel.moves[0]!);
    const waiter = await until('a batch waiting inside its transaction', () => blocker.waiter(db));
    expect(waiter.claimed.length).toBeGreaterThan(0);
    const acknowledged = ourDeliveries(s);
    expect(acknowledged.every((d) => d.status === 200)).toBe(true);

    await cluster.stop();
    s.emulator.faults.clear();
    await blocker.release();
    expect(await readiness()).toEqual({ ok: false, reason: 'database unreachable' });
    expect(await ready()).toBe(503);
    expect(await healthy()).toBe(200);

    // Kommo keeps sending: every request is refused with 503 (it retries), none acknowledged.
    for (const op of during) await play(s.emulator, op);
    const refused = ourDeliveries(s).slice(acknowledged.length);
    expect(refused.length).toBeGreaterThan(30);
    expect(refused.filter((d) => d.status !== 503)).toEqual([]);
    const again = await resend(refused[0]!);
    expect(again.status).toBe(503);
    expect(again.headers.get('retry-after')).toBe('5');
    expect(await ready()).toBe(503);
    expect(await healthy()).toBe(200); // the server process is alive and answering
    // The outage lasts until the held request has timed out and its retry has met the outage
    // (the worker's timers run in this process, in order, before this one).
    const outageEnds = held.at + KOMMO_TIMEOUT_MS + 1_500;
    await new Promise((r) => setTimeout(r, Math.max(0, outageEnds - Date.now())));

    cluster = await startEmbeddedPostgres({ dataDir, port });
    await until('/readyz after the restart', async () => (await ready()) === 200);
    // Kommo's retries of the refused deliveries are stored now, once each.
    for (const d of refused) {
      const res = await until(`retry of ${d.key}`, async () => {
        const r = await resend(d);
        return r.status === 200 ? r : undefined;
      });
      expect(await res.json()).toEqual({ ok: true, duplicate: false });
    }
    for (const op of after) await play(s.emulator, op);

    // The same worker (in this process) carries on by itself and processes everything.
    await until('everything processed', () => settled(s), 60_000);
    const sent = ourDeliveries(s);
    // Refused are those sent during the outage (and re-sent since); everything else got 200.
    expect(sent.filter((d) => d.status !== 200)).toEqual(refused);
    await expectExactlyOnce(s, { ops, before, acknowledged: sent.map((d) => d.requestId) });
  }, 120_000);
});
