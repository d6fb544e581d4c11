import { Prisma } from '@leadpilot/db/prisma';
import { z } from 'zod';

/** One feed entry as every reader gets it: list pages, the subscription, NOTIFY payloads. */
export interface ActivityEntry {
  /** bigint as a decimal string: the keyset tie-breaker and the subscription's event id. */
  id: string;
  type: string;
  title: string;
  description: string;
  params: Record<string, unknown>;
  subject: { type: string; id: string } | null;
  agentId: string | null;
  integrationId: string | null;
  integrationName: string | null;
  user: { id: string; name: string } | null;
  createdAt: Date;
}

/**
 * The columns of an entry, the same for every query and for the NOTIFY payload (built from it
 * with row_to_json). Aliases are camelCase so the JSON and the raw rows parse with one schema.
 * Needs `a` = activity_logs; joins users `u` and integrations `i` (names as they are now).
 */
export const entryColumns = Prisma.sql`
  a.id::text AS "id", a.activity_type AS "type", a.title AS "title",
  a.description AS "description", a.metadata AS "params", a.subject_type AS "subjectType",
  a.subject_id AS "subjectId", a.agent_id AS "agentId", a.integration_id AS "integrationId",
  COALESCE(i.account_name, i.host) AS "integrationName", a.user_id AS "userId",
  u.name AS "userName", a.created_at AS "createdAt"`;

export const entryJoins = Prisma.sql`
  LEFT JOIN users u ON u.id = a.user_id
  LEFT JOIN integrations i ON i.id = a.integration_id`;

export const entryRowSchema = z.object({
  id: z.string(),
  type: z.string(),
  title: z.string(),
  description: z.string(),
  params: z.record(z.string(), z.unknown()).catch({}),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  agentId: z.string().nullable(),
  integrationId: z.string().nullable(),
  integrationName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  // A Date from a query, an ISO string from JSON.
  createdAt: z.coerce.date(),
});
export type EntryRow = z.input<typeof entryRowSchema>;

export function toEntry(raw: unknown): ActivityEntry {
  const row = entryRowSchema.parse(raw);
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    description: row.description,
    params: row.params,
    subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
    agentId: row.agentId,
    integrationId: row.integrationId,
    integrationName: row.integrationName,
    user: row.userId && row.userName ? { id: row.userId, name: row.userName } : null,
    createdAt: row.createdAt,
  };
}
