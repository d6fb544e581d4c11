import { z } from 'zod';
import { agentFields, type AgentStatus, type AgentTone } from '@leadpilot/schemas/agents';
import type { Agent } from '../../trpc/app-router';

/** One weekly interval row; `key` only keeps React rows stable while rows are added/removed. */
export interface IntervalRow {
  key: string;
  day: number;
  start: string;
  end: string;
}

export interface AgentFormValues extends Record<string, unknown> {
  name: string;
  description: string;
  status: AgentStatus;
  persona: string;
  instructions: string;
  languages: string[];
  tone: AgentTone;
  workingHours: { timezone: string; intervals: IntervalRow[] };
  handoffPhrases: string[];
  handoffUserId: string | null;
  /** The Kommo integration the agent works in; null: not linked */
  integrationId: string | null;
}

/** Exactly the server's field rules; unknown keys (the row `key`) are stripped from the output. */
export const agentFormSchema = z.object(agentFields);
export type AgentFormOutput = z.output<typeof agentFormSchema>;

let rowCounter = 0;
export function newIntervalRow(day: number, start = '09:00', end = '18:00'): IntervalRow {
  rowCounter += 1;
  return { key: `row-${rowCounter}`, day, start, end };
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

export function emptyAgentValues(timezone: string = browserTimeZone()): AgentFormValues {
  return {
    name: '',
    description: '',
    status: 'draft',
    persona: '',
    instructions: '',
    languages: [],
    tone: 'friendly',
    workingHours: { timezone, intervals: [] },
    handoffPhrases: [],
    handoffUserId: null,
    integrationId: null,
  };
}

export function agentToValues(agent: Agent): AgentFormValues {
  return {
    name: agent.name,
    description: agent.description,
    status: agent.status,
    persona: agent.persona,
    instructions: agent.instructions,
    languages: [...agent.languages],
    tone: agent.tone,
    workingHours: {
      timezone: agent.workingHours.timezone,
      intervals: agent.workingHours.intervals.map((i) => newIntervalRow(i.day, i.start, i.end)),
    },
    handoffPhrases: [...agent.handoffPhrases],
    handoffUserId: agent.handoffUserId,
    integrationId: agent.integrationId,
  };
}

/** Monday to Friday, 09:00–18:00: the most common schedule, one click away. */
export function weekdayRows(): IntervalRow[] {
  return [0, 1, 2, 3, 4].map((day) => newIntervalRow(day));
}

/** Server paths of `agents.update` start with `data.`; the form's fields don't. */
export function stripDataPrefix(
  fieldErrors: Record<string, string[]> | null,
): Record<string, string[]> | null {
  if (!fieldErrors) return null;
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([path, messages]) => [path.replace(/^data\./, ''), messages]),
  );
}

export const agentFieldNames = [
  'name',
  'description',
  'status',
  'persona',
  'instructions',
  'languages',
  'tone',
  'workingHours',
  'handoffPhrases',
  'handoffUserId',
  'integrationId',
] as const;
