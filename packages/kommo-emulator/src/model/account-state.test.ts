import { describe, expect, it } from 'vitest';
import { createDemoAccount } from '../fixtures/demo-account';
import { AccountState } from './account-state';
import { prepareLeadWrites } from './lead-writes';

describe('AccountState', () => {
  it('shares nothing writable with its fixture: two emulators on one fixture stay apart', () => {
    const fixture = createDemoAccount(1_790_000_000);
    const a = new AccountState(fixture);
    const b = new AccountState(fixture);
    const batch = prepareLeadWrites(
      a,
      [
        {
          id: 20_000_001,
          status_id: 61_000_012,
          custom_fields_values: [{ field_id: 910_001, values: [{ value: 'x' }] }],
          _embedded: { tags: [{ name: 'new' }] },
        },
      ],
      'update',
      8_100_001,
    );
    expect(batch.issues).toEqual([]);
    batch.apply();
    expect(a.leads.get(20_000_001)?.statusId).toBe(61_000_012);
    expect(b.leads.get(20_000_001)?.statusId).toBe(61_000_010);
    expect(b.leads.get(20_000_001)?.customFields).toEqual(fixture.leads[0]?.customFields);
    expect(fixture.leads[0]?.statusId).toBe(61_000_010);
    expect([...b.tags.leads.values()].map((t) => t.name)).not.toContain('new');
  });

  it('the demo account is realistic: pipelines with won/lost, linked contacts, open tasks', () => {
    const state = new AccountState(createDemoAccount(1_790_000_000));
    expect(state.pipelines.size).toBeGreaterThanOrEqual(2);
    expect(state.leads.size).toBe(30);
    expect(state.contacts.size).toBe(20);
    expect(state.companies.size).toBe(3);
    expect([...state.tasks.values()].filter((t) => !t.isCompleted)).toHaveLength(15);
    expect([...state.users.values()].filter((u) => u.isAdmin)).toHaveLength(1);
    for (const lead of state.leads.values()) {
      expect(state.status(lead.pipelineId, lead.statusId)).toBeDefined();
      expect(lead.mainContactId).not.toBeNull();
    }
    expect([...state.leads.values()].some((l) => l.statusId === 142)).toBe(true);
    expect([...state.leads.values()].some((l) => l.statusId === 143)).toBe(true);
  });
});
