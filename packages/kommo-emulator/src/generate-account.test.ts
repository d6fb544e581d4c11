import { describe, expect, it } from 'vitest';
import { generateAccount } from './generate-account';
import { AccountState } from './model/account-state';

// Speed and memory at 50,000 leads + 50,000 contacts: `pnpm --filter @leadpilot/kommo-emulator bench:generate`.
describe('generateAccount', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const spec = {
      pipelines: 2,
      stagesPerPipeline: 4,
      customFields: 6,
      sources: 2,
      users: 3,
      leads: 200,
      contacts: 50,
      companies: 5,
      tasks: 20,
    };
    expect(JSON.stringify(generateAccount({ ...spec, seed: 1 }))).toBe(
      JSON.stringify(generateAccount({ ...spec, seed: 1 })),
    );
    expect(JSON.stringify(generateAccount({ ...spec, seed: 2 }))).not.toBe(
      JSON.stringify(generateAccount({ ...spec, seed: 1 })),
    );
  });

  it('builds Kommo-valid pipelines: one incoming stage, N regular ones, 142 and 143', () => {
    const account = generateAccount({
      pipelines: 3,
      stagesPerPipeline: 5,
      customFields: 1,
      sources: 1,
      users: 1,
      leads: 10,
      contacts: 2,
    });
    for (const p of account.pipelines) {
      expect(p.statuses.filter((s) => s.type === 1)).toHaveLength(1);
      expect(p.statuses.map((s) => s.id)).toEqual(expect.arrayContaining([142, 143]));
      expect(p.statuses).toHaveLength(5 + 3);
    }
    for (const lead of account.leads) {
      const pipeline = account.pipelines.find((p) => p.id === lead.pipelineId);
      expect(pipeline?.statuses.some((s) => s.id === lead.statusId && s.type === 0)).toBe(true);
    }
  });

  it('links every lead to a contact and indexes it both ways', () => {
    const state = new AccountState(
      generateAccount({
        pipelines: 2,
        stagesPerPipeline: 3,
        customFields: 10,
        sources: 2,
        users: 4,
        leads: 5_000,
        contacts: 1_000,
        companies: 10,
        tasks: 500,
      }),
    );
    expect(state.leads.size).toBe(5_000);
    expect(state.leadIdsOfContact(11_000_001)).toHaveLength(5);
    expect(state.leads.get(21_000_001)?.mainContactId).toBe(11_000_001);
    expect([...state.tasks.values()].filter((t) => !t.isCompleted).length).toBe(400);
  });
});
