import { z } from 'zod';
import { idSchema, pageInput, roleSchema } from './common';

/**
 * Every kind of activity-feed entry and the parameters it stores. The server validates an entry's
 * parameters with its schema when recording it; the web app parses them with the same schema before
 * rendering the title in the reader's language (apps/web/src/pages/dashboard/activity-title.ts).
 * A new kind: one line here, its English title in packages/domain/src/activity/english-titles.ts,
 * its en/ru wording in the web app, and one `recordActivity` call where the thing happens.
 */
const name = z.string().max(300);
/** Kinds later issues will write: their parameters are settled there; names and counts exist now. */
const pending = z.record(z.string(), z.union([z.string().max(1000), z.number(), z.boolean()]));

export const activityParams = {
  'agent.created': z.object({ name }),
  'agent.updated': z.object({ name, changes: z.array(z.string().max(50)).max(20) }),
  'agent.deleted': z.object({ name }),
  'agent.replied': pending,
  'agent.error': pending,
  'action.executed': pending,
  'action.undone': pending,
  'lead.stage_changed': z.object({
    leadName: name,
    stage: name,
    fromStage: name.nullable(),
    by: name.nullable(),
  }),
  'task.assigned': z.object({ text: z.string().max(1000), assignee: name.nullable() }),
  'call.missed': z.object({ phone: name.nullable(), leadName: name.nullable() }),
  'member.joined': z.object({ name, role: roleSchema }),
  'member.role_changed': z.object({ name, role: roleSchema, previousRole: roleSchema }),
  'member.removed': z.object({ name }),
  'member.left': z.object({ name }),
  'integration.connected': z.object({ name }),
  'integration.disconnected': z.object({ name }),
  'integration.needs_attention': z.object({
    name,
    status: z.enum(['needs_reauth', 'blocked', 'payment_required']),
  }),
  'sync.succeeded': z.object({ name, records: z.number().int() }),
  'sync.partially_failed': z.object({
    name,
    records: z.number().int(),
    failed: z.array(z.string().max(50)).max(20),
  }),
  'sync.failed': z.object({ name }),
} as const;

export type ActivityType = keyof typeof activityParams;
export type ActivityParams<T extends ActivityType> = z.infer<(typeof activityParams)[T]>;

export const activityTypes = Object.keys(activityParams) as [ActivityType, ...ActivityType[]];
export const activityTypeSchema = z.enum(activityTypes);

/** Kinds the "Errors" card counts. */
export const errorActivityTypes = [
  'agent.error',
  'sync.failed',
  'sync.partially_failed',
  'integration.needs_attention',
] as const satisfies readonly ActivityType[];

/** What an entry can link to. */
export const activitySubjectTypes = [
  'agent',
  'integration',
  'sync_run',
  'lead',
  'member',
  'task',
  'call',
] as const;
export type ActivitySubjectType = (typeof activitySubjectTypes)[number];

const dayMs = 86_400_000;
export const MAX_STATS_DAYS = 92;

export const listActivityInput = pageInput.extend({
  limit: z.number().int().min(1).max(100).default(30),
  types: z.array(activityTypeSchema).max(activityTypes.length).optional(),
  agentId: idSchema.optional(),
  integrationId: idSchema.optional(),
  /** Inclusive. */
  from: z.date().optional(),
  /** Exclusive. */
  to: z.date().optional(),
  /** Matches the stored English title (which carries the names: agents, accounts, teammates). */
  search: z.string().trim().max(100).optional(),
});
export type ListActivityInput = z.input<typeof listActivityInput>;

export const activityStatsInput = z
  .object({
    from: z.date(),
    to: z.date(),
    /** IANA zone the per-day buckets are cut in (the reader's). */
    timeZone: z
      .string()
      .max(64)
      .refine(
        (tz) => {
          try {
            new Intl.DateTimeFormat('en', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        },
        { params: { key: 'timeZone' } },
      )
      .default('UTC'),
  })
  .refine((i) => i.from < i.to, { message: 'The start must be before the end.', path: ['to'] })
  .refine((i) => i.to.getTime() - i.from.getTime() <= MAX_STATS_DAYS * dayMs, {
    message: `Choose at most ${MAX_STATS_DAYS} days.`,
    path: ['from'],
  });
export type ActivityStatsInput = z.input<typeof activityStatsInput>;

export const activityEventIdSchema = z.string().regex(/^\d{1,19}$/, 'Not an event id.');

export const onNewActivityInput = z
  .object({
    /** Resume after this entry (tRPC fills it in from the last event when it reconnects). */
    lastEventId: activityEventIdSchema.nullish(),
  })
  .default({});
