import { describe, expect, it } from 'vitest';
import type { Agent } from '../../trpc/app-router';
import {
  agentFormSchema,
  agentToValues,
  emptyAgentValues,
  stripDataPrefix,
  weekdayRows,
} from './agent-form-values';

const agent: Agent = {
  id: '6b1c9f0e-9f55-4a61-9d8e-0f5c1a2b3c4d',
  name: 'Inbound qualifier',
  description: 'Answers new leads',
  status: 'active',
  persona: 'Anna',
  instructions: 'Qualify, then hand over.',
  languages: ['en', 'ru'],
  tone: 'professional',
  workingHours: {
    timezone: 'Europe/Moscow',
    intervals: [{ day: 0, start: '09:00', end: '18:00' }],
  },
  handoffPhrases: ['manager'],
  handoffUserId: null,
  handoffUser: null,
  integrationId: null,
  integration: null,
  createdBy: { id: 'u1', name: 'Lea' },
  createdAt: new Date('2026-01-01T10:00:00Z'),
  updatedAt: new Date('2026-01-02T10:00:00Z'),
};

describe('agent form values', () => {
  it('a new agent needs only a name', () => {
    const empty = agentFormSchema.safeParse(emptyAgentValues('UTC'));
    expect(empty.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    expect(agentFormSchema.safeParse({ ...emptyAgentValues('UTC'), name: 'Bot' }).success).toBe(
      true,
    );
  });

  it('round-trips a saved agent into exactly the fields the API takes (row keys stripped)', () => {
    const values = agentToValues(agent);
    expect(values.workingHours.intervals[0]).toHaveProperty('key');
    const parsed = agentFormSchema.parse(values);
    expect(parsed).toEqual({
      name: agent.name,
      description: agent.description,
      status: agent.status,
      persona: agent.persona,
      instructions: agent.instructions,
      languages: agent.languages,
      tone: agent.tone,
      workingHours: agent.workingHours,
      handoffPhrases: agent.handoffPhrases,
      handoffUserId: null,
      integrationId: null,
    });
  });

  it('keeps the linked Kommo integration, and starts new agents not linked', () => {
    const integrationId = '0d5e3c1a-7b2f-4c8e-9a61-3f2b1c0d9e8f';
    const linked: Agent = {
      ...agent,
      integrationId,
      integration: {
        id: integrationId,
        accountName: 'Acme',
        host: 'acme.kommo.com',
        status: 'connected',
      },
    };
    expect(agentFormSchema.parse(agentToValues(linked)).integrationId).toBe(integrationId);
    expect(emptyAgentValues('UTC').integrationId).toBeNull();
  });

  it('offers Monday to Friday, 09:00–18:00, with distinct row keys', () => {
    const rows = weekdayRows();
    expect(rows.map((r) => r.day)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(5);
    expect(
      agentFormSchema.safeParse({
        ...agentToValues(agent),
        workingHours: { timezone: 'UTC', intervals: rows },
      }).success,
    ).toBe(true);
  });

  it('maps the server paths of agents.update onto the form fields', () => {
    expect(
      stripDataPrefix({ 'data.name': ['Taken'], 'data.workingHours.intervals.0.end': ['x'] }),
    ).toEqual({
      name: ['Taken'],
      'workingHours.intervals.0.end': ['x'],
    });
    expect(stripDataPrefix(null)).toBeNull();
  });
});
