import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { runSync } from '@leadpilot/domain/sync/run-sync';
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

async function syncOnce(integrationId: string) {
  const run = await h.db.syncRun.findFirst({
    where: { integrationId, status: { in: ['queued', 'running'] } },
  });
  await runSync(h, run!.id);
}

describe('Kommo records sync (leads, contacts, companies, tasks)', () => {
  it('imports every record on the first run, field by field, and serves them to the app', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    await syncOnce(integrationId);

    expect(await h.db.kommoLead.count({ where: { integrationId } })).toBe(
      emulator.account.leads.size,
    );
    expect(await h.db.kommoContact.count({ where: { integrationId } })).toBe(
      emulator.account.contacts.size,
    );
    expect(await h.db.kommoCompany.count({ where: { integrationId } })).toBe(
      emulator.account.companies.size,
    );
    const openTasks = [...emulator.account.tasks.values()].filter((t) => !t.isCompleted).length;
    expect(await h.db.kommoTask.count({ where: { integrationId } })).toBe(openTasks);

    const source = [...emulator.account.leads.values()].find((l) => l.contactIds.length > 0)!;
    const mirrored = await h.db.kommoLead.findUniqueOrThrow({
      where: { integrationId_kommoId: { integrationId, kommoId: source.id } },
    });
    expect(mirrored).toMatchObject({
      name: source.name,
      price: BigInt(source.price),
      pipelineKommoId: source.pipelineId,
      statusKommoId: source.statusId,
      responsibleKommoId: source.responsibleUserId,
      contactKommoIds: source.contactIds,
    });
    expect(mirrored.kommoUpdatedAt.getTime()).toBe(source.updatedAt * 1000);

    // paged through the API, every lead once
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { kommoId: number }[]; nextCursor: string | null } = await owner.call(
        (api) => api.kommo.leads({ integrationId, cursor, limit: 7 }),
      );
      seen.push(...page.items.map((l) => l.kommoId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(emulator.account.leads.size);

    const lead = await owner.call((api) => api.kommo.lead({ integrationId, kommoId: source.id }));
    expect(lead.stage?.name).toBeTruthy();
    expect(lead.contacts.map((c) => c.kommoId).sort()).toEqual([...source.contactIds].sort());

    const byStage = await owner.call((api) =>
      api.kommo.leads({
        integrationId,
        pipelineId: source.pipelineId,
        statusId: source.statusId,
        limit: 100,
      }),
    );
    expect(byStage.items.every((l) => l.statusKommoId === source.statusId)).toBe(true);
  });

  it('then reads only what changed (updated_at filter), and picks the change up', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    await syncOnce(integrationId);

    const lead = [...emulator.account.leads.values()][0]!;
    const token = emulator.tokens.issueLongLived();
    await new Promise((r) => setTimeout(r, 1100)); // our own requests used this second's budget
    const patched = await fetch(`${emulator.url}/api/v4/leads/${lead.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ price: 987654 }),
    });
    expect(patched.status).toBe(200);

    const before = emulator.requests().length;
    const { runId } = await owner.call((api) => api.integrations.sync({ id: integrationId }));
    await runSync(h, runId);
    const leadRequests = emulator
      .requests()
      .slice(before)
      .filter((r) => r.path === '/api/v4/leads');
    expect(leadRequests.length).toBeGreaterThan(0);
    expect(leadRequests.every((r) => r.query['filter[updated_at][from]'] !== undefined)).toBe(true);

    const status = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
    expect(status.last).toMatchObject({ status: 'succeeded' });
    expect(status.last!.progress.leads).toMatchObject({ status: 'done', created: 0, updated: 1 });
    const mirrored = await h.db.kommoLead.findUniqueOrThrow({
      where: { integrationId_kommoId: { integrationId, kommoId: lead.id } },
    });
    expect(mirrored.price).toBe(987654n);
  });

  it('records a stage change it finds (a webhook Kommo never delivered), once', async () => {
    const owner = await h.signUp();
    const { integrationId } = await connectDemo(h, owner);
    await syncOnce(integrationId);

    const lead = [...emulator.account.leads.values()][2]!;
    const pipeline = emulator.account.pipelines.get(lead.pipelineId)!;
    const from = lead.statusId;
    const to = pipeline.statuses.find((st) => st.id !== from && st.id !== 143)!;
    lead.statusId = to.id;
    lead.updatedAt = Math.floor(Date.now() / 1000) + 1;
    try {
      for (let i = 0; i < 2; i++) {
        const { runId } = await owner.call((api) => api.integrations.sync({ id: integrationId }));
        await runSync(h, runId);
      }
    } finally {
      lead.statusId = from;
    }
    const changes = await h.db.kommoLeadStageChange.findMany({
      where: { integrationId, leadKommoId: lead.id },
    });
    expect(changes).toMatchObject([
      { fromStatusKommoId: from, toStatusKommoId: to.id, source: 'sync' },
    ]);
  });
});
