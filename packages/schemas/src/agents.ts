import { z } from 'zod';
import { idSchema, pageInput } from './common';

export const agentStatusSchema = z.enum(['draft', 'active', 'paused']);
export type AgentStatus = z.infer<typeof agentStatusSchema>;
export const agentToneSchema = z.enum(['friendly', 'professional', 'formal', 'casual']);
export type AgentTone = z.infer<typeof agentToneSchema>;

/** Languages an agent may reply in (ISO 639-1). */
export const replyLanguages = [
  'en',
  'ru',
  'es',
  'pt',
  'de',
  'fr',
  'it',
  'tr',
  'uk',
  'kk',
  'uz',
  'ar',
  'zh',
] as const;
export const replyLanguageSchema = z.enum(replyLanguages);

// Custom issues carry `params.key` (see messages.ts) instead of English text, so that each client
// can word them in its own language.
const timeOfDay = z
  .string()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(v), { params: { key: 'timeOfDay' } });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const workingIntervalSchema = z
  .object({
    /** 0 = Monday … 6 = Sunday */
    day: z.number().int().min(0).max(6),
    start: timeOfDay,
    end: timeOfDay,
  })
  .refine((i) => i.start < i.end, { params: { key: 'endAfterStart' }, path: ['end'] });

export const workingHoursSchema = z.object({
  timezone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, { params: { key: 'timeZone' } }),
  /** Empty: the agent works around the clock. */
  intervals: z.array(workingIntervalSchema).max(50),
});
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const agentFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(500),
  status: agentStatusSchema,
  persona: z.string().trim().max(2000),
  instructions: z.string().trim().max(20000),
  languages: z.array(replyLanguageSchema).max(replyLanguages.length),
  tone: agentToneSchema,
  workingHours: workingHoursSchema,
  handoffPhrases: z.array(z.string().trim().min(1).max(200)).max(50),
  handoffUserId: idSchema.nullable(),
  /** The Kommo integration the agent works in. */
  integrationId: idSchema.nullable(),
};

export const defaultWorkingHours: WorkingHours = { timezone: 'UTC', intervals: [] };

export const createAgentInput = z.object({
  name: agentFields.name,
  description: agentFields.description.default(''),
  status: agentFields.status.default('draft'),
  persona: agentFields.persona.default(''),
  instructions: agentFields.instructions.default(''),
  languages: agentFields.languages.default([]),
  tone: agentFields.tone.default('friendly'),
  workingHours: agentFields.workingHours.default(defaultWorkingHours),
  handoffPhrases: agentFields.handoffPhrases.default([]),
  handoffUserId: agentFields.handoffUserId.default(null),
  integrationId: agentFields.integrationId.default(null),
});
export type CreateAgentInput = z.input<typeof createAgentInput>;

export const updateAgentInput = z.object({
  id: idSchema,
  data: z.object(agentFields).partial(),
});
export type UpdateAgentInput = z.input<typeof updateAgentInput>;

export const listAgentsInput = pageInput.extend({
  search: z.string().trim().max(100).optional(),
  status: agentStatusSchema.optional(),
});
export type ListAgentsInput = z.input<typeof listAgentsInput>;
