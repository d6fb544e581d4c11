import { describe, expect, it } from 'vitest';
import { matchesQuery, parseFilters, toQuery } from './activity-filters';

const agent = '0190a0a0-0000-7000-8000-000000000001';

describe('activity filters', () => {
  it('read the URL, ignoring what is not valid', () => {
    const f = parseFilters(
      new URLSearchParams(
        `types=agent.created,nope,sync.failed&agent=${agent}&integration=x&from=2026-11-01&to=bad&q=%20anna%20`,
      ),
    );
    expect(f).toEqual({
      types: ['agent.created', 'sync.failed'],
      agentId: agent,
      integrationId: undefined,
      from: '2026-11-01',
      to: undefined,
      search: 'anna',
    });
  });

  it('make "to" include its whole day and match live entries like the server does', () => {
    const q = toQuery(parseFilters(new URLSearchParams('from=2026-11-01&to=2026-11-02&q=BOT')));
    expect(q.to!.getTime() - q.from!.getTime()).toBe(2 * 86_400_000);
    const entry = {
      type: 'agent.created',
      agentId: agent,
      integrationId: null,
      title: 'Agent "Sales bot" created',
      createdAt: new Date(2026, 10, 2, 23, 59),
    };
    expect(matchesQuery(entry, q)).toBe(true);
    expect(matchesQuery({ ...entry, createdAt: new Date(2026, 10, 3) }, q)).toBe(false);
    expect(matchesQuery(entry, { types: ['sync.failed'] })).toBe(false);
    expect(matchesQuery(entry, { agentId: agent, types: ['agent.created'] })).toBe(true);
    expect(matchesQuery(entry, { integrationId: agent })).toBe(false);
  });
});
