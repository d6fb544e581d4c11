import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { runSync } from '@leadpilot/domain/sync/run-sync';
import { codeOf } from '../testing/errors';
import { createHarness, type Harness } from '../testing/harness';
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

const activeRun = (integrationId: string) =>
  h.db.syncRun.findFirstOrThrow({
    where: { integrationId, status: { in: ['queued', 'running'] } },
  });

describe('Kommo metadata sync', () => {
  it('queues a sync on connect and mirrors pipelines, stages, fields, sources and users field by field', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    const run = await activeRun(integrationId);
    expect(run).toMatchObject({ trigger: 'connect', status: 'queued' });

    await runSync(h, run.id);
    const status = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
    expect(status.active).toBeNull();
    expect(status.last).toMatchObject({ id: run.id, status: 'succeeded' });
    expect(status.last!.requests).toBeGreaterThanOrEqual(6);
    expect(status.lastSyncedAt).not.toBeNull();
    expect(status.last!.progress.pipelines).toMatchObject({ status: 'done' });

    const pipelines = await owner.call((api) => api.kommo.pipelines({ integrationId }));
    const expected = [...emulator.account.pipelines.values()];
    expect(pipelines.map((p) => p.kommoId).sort()).toEqual(expected.map((p) => p.id).sort());
    for (const p of expected) {
      const mirrored = pipelines.find((m) => m.kommoId === p.id)!;
      expect(mirrored.name).toBe(p.name);
      expect(mirrored.stages.map((s) => [s.kommoId, s.name, s.color]).sort()).toEqual(
        p.statuses.map((s) => [s.id, s.name, s.color]).sort(),
      );
      expect(mirrored.stages.map((s) => s.kommoId)).toEqual(expect.arrayContaining([142, 143]));
    }

    const leadFields = await owner.call((api) =>
      api.kommo.fields({ integrationId, entity: 'leads' }),
    );
    const emulated = [...emulator.account.customFields.values()].filter(
      (f) => f.entityType === 'leads',
    );
    expect(leadFields.map((f) => f.kommoId).sort()).toEqual(emulated.map((f) => f.id).sort());
    const select = leadFields.find((f) => f.type === 'select')!;
    expect(select.enums.length).toBeGreaterThan(1);

    expect(
      (await owner.call((api) => api.kommo.sources({ integrationId })))
        .map((s) => s.kommoId)
        .sort(),
    ).toEqual([...emulator.account.sources.keys()].sort());
    const users = await owner.call((api) => api.kommo.users({ integrationId }));
    expect(users.map((u) => u.kommoId).sort()).toEqual([...emulator.account.users.keys()].sort());
  });

  it('a second sync changes nothing; then picks up a rename and a removal made in Kommo', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    await runSync(h, (await activeRun(integrationId)).id);

    const again = await owner.call((api) => api.integrations.sync({ id: integrationId }));
    await runSync(h, again.runId);
    const quiet = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
    for (const p of Object.values(quiet.last!.progress))
      expect(p).toMatchObject({ created: 0, updated: 0, removed: 0 });

    const pipeline = [...emulator.account.pipelines.values()][0]!;
    const oldName = pipeline.name;
    pipeline.name = 'Renamed in Kommo';
    const [userId, user] = [...emulator.account.users.entries()].at(-1)!;
    emulator.account.users.delete(userId);
    try {
      const third = await owner.call((api) => api.integrations.sync({ id: integrationId }));
      await runSync(h, third.runId);
      const status = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
      expect(status.last!.progress.pipelines).toMatchObject({ updated: 1 });
      expect(status.last!.progress.users).toMatchObject({ removed: 1 });
      const pipelines = await owner.call((api) => api.kommo.pipelines({ integrationId }));
      expect(pipelines.find((p) => p.kommoId === pipeline.id)!.name).toBe('Renamed in Kommo');
      expect(
        (await owner.call((api) => api.kommo.users({ integrationId }))).map((u) => u.kommoId),
      ).not.toContain(userId);
      // removed, not deleted: the history row stays
      expect(
        await h.db.kommoUser.findFirst({ where: { integrationId, kommoId: userId } }),
      ).toMatchObject({ removedAt: expect.any(Date) });
    } finally {
      pipeline.name = oldName;
      emulator.account.users.set(userId, user);
    }
  });

  it('admins map Kommo users to teammates by hand; the next sync keeps it; "auto" goes back to email', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    await runSync(h, (await activeRun(integrationId)).id);
    const kommoUser = [...emulator.account.users.values()][0]!;

    // a teammate whose email is the Kommo user's is matched automatically by the next sync
    const invite = await owner.call((api) => api.members.invite({ role: 'member' }));
    const mate = await h.signUp({ email: kommoUser.email!.toUpperCase() });
    await mate.call((api) => api.members.acceptInvitation({ token: invite.url.split('/').pop()! }));
    const mateId = (await mate.call((api) => api.auth.me()))!.user.id;
    await runSync(
      h,
      (await owner.call((api) => api.integrations.sync({ id: integrationId }))).runId,
    );
    const byEmail = await owner.call((api) => api.kommo.users({ integrationId }));
    expect(byEmail.find((u) => u.kommoId === kommoUser.id)).toMatchObject({
      mappedByHand: false,
      user: { id: mateId },
    });

    // a member may look but not change it
    expect(
      await codeOf(
        mate.call((api) =>
          api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: null }),
        ),
      ),
    ).toBe('FORBIDDEN');
    // only members of this organisation can be chosen
    const stranger = await h.signUp();
    const strangerId = (await stranger.call((api) => api.auth.me()))!.user.id;
    expect(
      await codeOf(
        owner.call((api) =>
          api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: strangerId }),
        ),
      ),
    ).toBe('BAD_REQUEST');
    // another organisation cannot touch this integration
    expect(
      await codeOf(
        stranger.call((api) =>
          api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: null }),
        ),
      ),
    ).toBe('NOT_FOUND');

    // by hand: nobody, and a later sync leaves that alone
    const ownerId = (await owner.call((api) => api.auth.me()))!.user.id;
    expect(
      await owner.call((api) =>
        api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: null }),
      ),
    ).toMatchObject({ mappedByHand: true, user: null });
    const other = [...emulator.account.users.values()][1]!;
    await owner.call((api) =>
      api.kommo.mapUser({ integrationId, kommoId: other.id, userId: ownerId }),
    );
    await runSync(
      h,
      (await owner.call((api) => api.integrations.sync({ id: integrationId }))).runId,
    );
    const kept = await owner.call((api) => api.kommo.users({ integrationId }));
    expect(kept.find((u) => u.kommoId === kommoUser.id)).toMatchObject({
      mappedByHand: true,
      user: null,
    });
    expect(kept.find((u) => u.kommoId === other.id)).toMatchObject({
      mappedByHand: true,
      user: { id: ownerId },
    });

    // back to automatic: matched by email again at once
    expect(
      await owner.call((api) =>
        api.kommo.mapUser({ integrationId, kommoId: kommoUser.id, userId: 'auto' }),
      ),
    ).toMatchObject({ mappedByHand: false, user: { id: mateId } });
  });

  it('never starts a second concurrent sync of one integration', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    const clicks = await Promise.all(
      [1, 2, 3].map(() => owner.call((api) => api.integrations.sync({ id: integrationId }))),
    );
    expect(new Set(clicks.map((c) => c.runId)).size).toBe(1);
    expect(
      await h.db.syncRun.count({ where: { integrationId, status: { in: ['queued', 'running'] } } }),
    ).toBe(1);
    const jobs = await h.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE key = ${`kommo_sync:${integrationId}`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it('ends "partially failed" naming the resource when one resource fails, keeping the others', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    // sources keep failing longer than the client retries
    emulator.faults.inject({ kind: '500', path: '/api/v4/sources', count: 10 });
    try {
      await runSync(h, (await activeRun(integrationId)).id);
    } finally {
      emulator.faults.clear();
    }
    const status = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
    expect(status.last).toMatchObject({
      status: 'partially_failed',
      error: expect.stringContaining('sources'),
    });
    expect(status.last!.progress.sources).toMatchObject({ status: 'failed' });
    expect(status.last!.progress.pipelines).toMatchObject({ status: 'done' });
    expect(status.last!.retries).toBeGreaterThan(0);
    expect(
      (await owner.call((api) => api.kommo.pipelines({ integrationId }))).length,
    ).toBeGreaterThan(0);
  }, 60_000);

  it('lets members read the mirror but not start a sync; other organisations see nothing', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    const link = await owner.call((api) => api.members.invite({ role: 'member' }));
    const member = await h.signUp();
    await member.call((api) => api.members.acceptInvitation({ token: link.url.split('/').pop()! }));
    expect(await codeOf(member.call((api) => api.integrations.sync({ id: integrationId })))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(member.call((api) => api.kommo.pipelines({ integrationId })))).toBe('OK');
    const stranger = await h.signUp();
    expect(await codeOf(stranger.call((api) => api.kommo.pipelines({ integrationId })))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(stranger.call((api) => api.integrations.syncRuns({ id: integrationId }))),
    ).toBe('NOT_FOUND');
  });
});
