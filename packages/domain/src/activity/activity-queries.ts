import type { Db } from '@leadpilot/db/client';
import { Prisma } from '@leadpilot/db/prisma';
import { errorActivityTypes, type ActivityType } from '@leadpilot/schemas/activity';
import { queryRows, type OrgScope } from '../context';
import { DomainError } from '../errors';
import { entryColumns, entryJoins, toEntry, type ActivityEntry } from './activity-entry';

/** The position after an entry in (created_at DESC, id DESC) order. */
interface FeedKeyset {
  createdAt: Date;
  id: string;
}

export function encodeFeedCursor(k: FeedKeyset): string {
  return Buffer.from(`${k.createdAt.toISOString()}|${k.id}`).toString('base64url');
}

function decodeFeedCursor(cursor: string | null | undefined): FeedKeyset | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new DomainError('BAD_REQUEST', 'The page cursor is not valid; reload the feed.', {
      fieldErrors: { cursor: ['Invalid cursor'] },
    });
  }
  return { createdAt, id };
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ListActivityOptions {
  cursor?: string | null | undefined;
  limit: number;
  types?: ActivityType[] | undefined;
  agentId?: string | undefined;
  integrationId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  search?: string | undefined;
}

/**
 * A page of the feed, newest first. Raw SQL because the keyset needs a row comparison,
 * `(created_at, id) < (…)`, which the index (org_id[, filter], created_at DESC, id DESC) answers
 * with a seek: a page 10,000 entries deep costs what the first does (Prisma only writes it as an
 * OR, which Postgres filters row by row). Several types run as one seek per type (LATERAL) merged.
 *
 * The first page also returns `latestId`, the organisation's newest entry just before it was read
 * (whatever the filters): the live subscription starts after it, so nothing committed in between
 * is missed.
 */
export async function listActivity(scope: OrgScope, input: ListActivityOptions) {
  const after = decodeFeedCursor(input.cursor);
  const conditions: Prisma.Sql[] = [Prisma.sql`a.org_id = ${scope.orgId}::uuid`];
  if (input.agentId) conditions.push(Prisma.sql`a.agent_id = ${input.agentId}::uuid`);
  if (input.integrationId)
    conditions.push(Prisma.sql`a.integration_id = ${input.integrationId}::uuid`);
  if (input.from) conditions.push(Prisma.sql`a.created_at >= ${input.from}::timestamptz`);
  if (input.to) conditions.push(Prisma.sql`a.created_at < ${input.to}::timestamptz`);
  if (input.search) conditions.push(Prisma.sql`a.title ILIKE ${likePattern(input.search)}::text`);
  if (after) {
    conditions.push(
      Prisma.sql`(a.created_at, a.id) < (${after.createdAt}::timestamptz, ${after.id}::bigint)`,
    );
  }
  const take = input.limit + 1;
  const types = input.types?.length ? [...new Set(input.types)] : null;
  const where = (extra?: Prisma.Sql) =>
    Prisma.join(extra ? [...conditions, extra] : conditions, ' AND ');

  const page = types
    ? Prisma.sql`
        SELECT ${entryColumns}, a.id AS "sortId"
          FROM unnest(${types}::text[]) AS t(type)
          CROSS JOIN LATERAL (
            SELECT * FROM activity_logs a
             WHERE ${where(Prisma.sql`a.activity_type = t.type`)}
             ORDER BY a.created_at DESC, a.id DESC LIMIT ${take}
          ) a
          ${entryJoins}
         ORDER BY a.created_at DESC, a.id DESC LIMIT ${take}`
    : Prisma.sql`
        SELECT ${entryColumns}, a.id AS "sortId"
          FROM activity_logs a
          ${entryJoins}
         WHERE ${where()}
         ORDER BY a.created_at DESC, a.id DESC LIMIT ${take}`;
  // The first page reads latestId in the same statement, so from the same snapshot as its rows:
  // an entry committed in between cannot fall into neither. One row comes back even when the
  // page is empty.
  const rows = await queryRows<{ id: string | null; latestId?: string | null }>(
    scope,
    after
      ? page
      : Prisma.sql`
          SELECT l."latestId", p.*
            FROM (SELECT (SELECT id::text FROM activity_logs
                           WHERE org_id = ${scope.orgId}::uuid
                           ORDER BY created_at DESC, id DESC LIMIT 1) AS "latestId") l
            LEFT JOIN LATERAL (${page}) p ON true
           ORDER BY p."createdAt" DESC, p."sortId" DESC`,
  );
  const latestId = after ? null : (rows[0]?.latestId ?? null);
  const entries = rows.filter((row) => row.id !== null).map(toEntry);
  const items = entries.slice(0, input.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: entries.length > input.limit && last ? encodeFeedCursor(last) : null,
    latestId,
  };
}

/** The organisation's newest entry id (ids grow in commit order per organisation). */
export async function latestActivityId(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM activity_logs WHERE org_id = ${orgId}::uuid
     ORDER BY created_at DESC, id DESC LIMIT 1`;
  return row?.id ?? null;
}

/** Entries after `afterId`, oldest first: a subscriber catching up. */
export async function activityAfter(
  db: Db,
  input: { orgId: string; afterId: string; limit: number },
): Promise<ActivityEntry[]> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT ${entryColumns} FROM activity_logs a ${entryJoins}
     WHERE a.org_id = ${input.orgId}::uuid AND a.id > ${input.afterId}::bigint
     ORDER BY a.id LIMIT ${input.limit}`;
  return rows.map(toEntry);
}

/** Per-type counts over [from, to), per day in the reader's time zone, and the dashboard's cards. */
export async function activityStats(
  scope: OrgScope,
  input: { from: Date; to: Date; timeZone: string },
) {
  const { from, to, timeZone } = input;
  const range = Prisma.sql`a.org_id = ${scope.orgId}::uuid
    AND a.created_at >= ${from}::timestamptz AND a.created_at < ${to}::timestamptz`;
  const [perDay, [leads]] = await Promise.all([
    queryRows<{ day: string; type: string | null; count: number | null }>(
      scope,
      Prisma.sql`
      WITH counts AS (
        SELECT (a.created_at AT TIME ZONE ${timeZone}::text)::date AS day,
               a.activity_type AS type, count(*)::int AS count
          FROM activity_logs a WHERE ${range} GROUP BY 1, 2
      )
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, c.type, c.count
        FROM generate_series((${from}::timestamptz AT TIME ZONE ${timeZone}::text)::date,
                             ((${to}::timestamptz - interval '1 millisecond')
                                AT TIME ZONE ${timeZone}::text)::date,
                             interval '1 day') AS d(day)
        LEFT JOIN counts c ON c.day = d.day::date
       ORDER BY d.day, c.type`,
    ),
    queryRows<{ count: number }>(
      scope,
      Prisma.sql`
      SELECT count(DISTINCT (a.integration_id, a.subject_id))::int AS count
        FROM activity_logs a WHERE ${range} AND a.subject_type = 'lead'`,
    ),
  ]);

  const totals: Record<string, number> = {};
  const days: { day: string; counts: Record<string, number> }[] = [];
  for (const row of perDay) {
    let day = days[days.length - 1];
    if (day?.day !== row.day) days.push((day = { day: row.day, counts: {} }));
    if (row.type && row.count) {
      day.counts[row.type] = row.count;
      totals[row.type] = (totals[row.type] ?? 0) + row.count;
    }
  }
  return {
    cards: {
      repliesSent: totals['agent.replied'] ?? 0,
      actionsExecuted: totals['action.executed'] ?? 0,
      leadsTouched: leads?.count ?? 0,
      errors: errorActivityTypes.reduce((n, type) => n + (totals[type] ?? 0), 0),
    },
    totals,
    days,
  };
}
