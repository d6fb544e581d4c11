import type { RawSql } from '@leadpilot/db/raw-sql';
import { Prisma } from '@leadpilot/db/prisma';
import {
  activityParams,
  type ActivityParams,
  type ActivitySubjectType,
  type ActivityType,
} from '@leadpilot/schemas/activity';
import { entryColumns, entryJoins } from './activity-entry';
import { englishTitles } from './english-titles';

/** The LISTEN/NOTIFY channel new entries are announced on (see activity-hub.ts). */
export const ACTIVITY_CHANNEL = 'activity_log';
/** Advisory-lock class for "recording activity in organisation X" (the key is hashtext(org id)). */
const LOCK_CLASS = 61_001;
/** NOTIFY payloads must stay under 8000 bytes; a larger entry is announced by id only. */
const MAX_PAYLOAD_BYTES = 7_900;

type EntryFor<T extends ActivityType> = {
  orgId: string;
  type: T;
  params: ActivityParams<T>;
  /** Who did it; null/omitted for Leadpilot itself, Kommo or a schedule. */
  userId?: string | null;
  agentId?: string | null;
  integrationId?: string | null;
  /** What the entry opens when clicked. */
  subject?: { type: ActivitySubjectType; id: string } | null;
  /** A detail line in English (a reason from Kommo, an error message). */
  description?: string;
};
export type ActivityInput = { [T in ActivityType]: EntryFor<T> }[ActivityType];

/**
 * Records a feed entry inside the caller's transaction (pass the `tx` of the change it describes),
 * and announces it with pg_notify — which Postgres delivers only when that transaction commits, so
 * a rolled-back change leaves neither an entry nor an event.
 *
 * One statement, so it is atomic even when given a plain client:
 *  1. takes a transaction-scoped advisory lock for the organisation. It is held until commit, so
 *     within one organisation ids (and created_at) are handed out in commit order: a reader that has
 *     seen id N will never later find a committed entry below N. That is what lets keyset pages be
 *     stable and a reconnecting subscriber resume with "id > last" without gaps. The cost: entries of
 *     one organisation are written one transaction at a time — call this last in a transaction.
 *  2. created_at = now on the clock, never before the organisation's newest entry (clock steps back),
 *     so ordering by (created_at, id) is ordering by commit, and date filters use the same index.
 *  3. NOTIFY with the entry as the readers will see it (names joined), or its id when too large.
 */
export async function recordActivity(tx: RawSql, entry: ActivityInput): Promise<{ id: string }> {
  const [row] = await recordActivities(tx, [entry]);
  if (!row) throw new Error('recordActivity: the insert returned no row');
  return row;
}

/**
 * `recordActivity` for several entries of one organisation, in one statement (webhook batches):
 * one lock, ids and created_at in the order given, one NOTIFY per entry in that order.
 */
export async function recordActivities(
  tx: RawSql,
  entries: ActivityInput[],
): Promise<{ id: string }[]> {
  const first = entries[0];
  if (!first) return [];
  const orgId = first.orgId;
  const rows = entries.map((entry, ord) => {
    if (entry.orgId !== orgId)
      throw new Error('recordActivities: entries of several organisations');
    const params = activityParams[entry.type].parse(entry.params);
    const title = (englishTitles[entry.type] as (p: typeof params) => string)(params);
    return {
      ord,
      user_id: entry.userId ?? null,
      agent_id: entry.agentId ?? null,
      integration_id: entry.integrationId ?? null,
      activity_type: entry.type,
      title: title.slice(0, 500),
      description: (entry.description ?? '').slice(0, 2000),
      metadata: params,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
    };
  });
  // clock_timestamp() grows row by row; the max is read once, before the statement's inserts.
  // The notifications are raised from an ordered, fenced subquery so they go out in id order.
  return tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH lock AS (
      SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, hashtext(${orgId}::text))
    ), input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS r(ord int, user_id uuid, agent_id uuid, integration_id uuid, activity_type text,
             title text, description text, metadata jsonb, subject_type text, subject_id text)
    ), a AS (
      INSERT INTO activity_logs (org_id, user_id, agent_id, integration_id, activity_type, title,
        description, metadata, subject_type, subject_id, created_at)
      SELECT ${orgId}::uuid, r.user_id, r.agent_id, r.integration_id, r.activity_type, r.title,
        r.description, r.metadata, r.subject_type, r.subject_id,
        GREATEST(clock_timestamp(), (SELECT max(created_at) FROM activity_logs
                                      WHERE org_id = ${orgId}::uuid))
      FROM input r, lock
      ORDER BY r.ord
      RETURNING *
    ), payload AS (
      SELECT a.id, a.org_id, row_to_json(e)::text AS body
        FROM a, LATERAL (SELECT ${entryColumns}, a.org_id AS "orgId" FROM (SELECT 1) one
                           ${entryJoins}) e
       ORDER BY a.id
      OFFSET 0
    )
    SELECT id::text AS id,
           pg_notify(${ACTIVITY_CHANNEL}, CASE WHEN octet_length(body) <= ${MAX_PAYLOAD_BYTES}
             THEN body
             ELSE json_build_object('orgId', org_id, 'id', id::text)::text END)::text AS notified
      FROM payload`);
}
