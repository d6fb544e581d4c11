import type { Db } from '@leadpilot/db/client';
import type { RawSql } from '@leadpilot/db/raw-sql';
import { jobs } from '../jobs/definitions';
import { kommoClientFor, type KommoDeps } from '../integrations/kommo-client';
import { bulkUpsert } from '../sync/bulk-upsert';
import { recordTable } from '../sync/records';

/**
 * Leads too thin to mirror (the Digital-Pipeline short form carries only ids and stages) are read
 * from Kommo — in batches: a request per lead would spend the account's 7 requests/s on a burst of
 * stage moves, so requests are rows of kommo_lead_refreshes, and one job per integration reads
 * them 100 ids per request (`GET /api/v4/leads?filter[id][]=…`).
 */
export const REFRESH_BATCH = 100;

/**
 * Adds the integration's (`$1`) refresh job on its queue `kommo:<id>` unless one is waiting: a job
 * backing off after a failure keeps its backoff; a running one gets a successor, as it may have
 * read the table already. Looks at graphile-worker's job table (pinned 0.17) for that.
 */
const ADD_JOB = `
  SELECT graphile_worker.add_job(identifier => '${jobs.kommoLeadRefresh.id}',
           payload => json_build_object('integrationId', $1::text),
           queue_name => 'kommo:' || $1::text, max_attempts => 10,
           job_key => '${jobs.kommoLeadRefresh.id}:' || $1::text)
   WHERE NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs
                      WHERE key = '${jobs.kommoLeadRefresh.id}:' || $1::text AND locked_at IS NULL)`;

/**
 * In the caller's transaction: asks for the leads to be read, and for the integration's refresh
 * job (ADD_JOB). One statement. The minute sweep (sweepLeadRefreshes) re-asks for any request
 * left behind.
 */
export async function requestLeadRefreshes(
  tx: Pick<RawSql, '$executeRawUnsafe'>,
  integrationId: string,
  leadIds: number[],
): Promise<void> {
  if (!leadIds.length) return;
  await tx.$executeRawUnsafe(
    `WITH requested AS (
       INSERT INTO kommo_lead_refreshes (integration_id, lead_kommo_id, requested_at)
       SELECT $1::text::uuid, unnest($2::int[]), now()
       ON CONFLICT (integration_id, lead_kommo_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
       RETURNING 1)
     ${ADD_JOB} AND EXISTS (SELECT 1 FROM requested)`,
    integrationId,
    leadIds,
  );
}

/**
 * The job: reads every requested lead of the integration from Kommo, REFRESH_BATCH per request,
 * and mirrors it (a lead Kommo no longer has is marked removed). A request made after a read
 * started is left for the next round. Returns how many leads were read.
 */
export async function refreshRequestedLeads(
  deps: KommoDeps & { db: Db },
  integrationId: string,
  options: { batch?: number } = {},
): Promise<number> {
  const { db } = deps;
  const batch = options.batch ?? REFRESH_BATCH;
  const client = await kommoClientFor(deps, integrationId);
  const { table, columns, toRow } = recordTable('leads');
  let read = 0;
  for (;;) {
    const rows = await db.$queryRaw<{ id: number; as_of: Date }[]>`
      SELECT lead_kommo_id AS id, statement_timestamp() AS as_of FROM kommo_lead_refreshes
       WHERE integration_id = ${integrationId}::uuid
       ORDER BY requested_at LIMIT ${batch}`;
    if (!rows.length) return read;
    const ids = rows.map((r) => r.id);
    const asOf = rows[0]!.as_of;
    const leads = await client.listLeads({
      filter: { id: ids },
      with: ['contacts'],
      limit: batch,
    });
    await bulkUpsert(
      db,
      table,
      columns,
      integrationId,
      leads.map((l) => toRow(l as never)),
      asOf,
      {
        onlyIfNewer: true,
      },
    );
    const found = new Set(leads.map((l) => l.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      await db.kommoLead.updateMany({
        where: { integrationId, kommoId: { in: missing }, removedAt: null },
        data: { removedAt: asOf },
      });
    await db.$executeRaw`
      DELETE FROM kommo_lead_refreshes
       WHERE integration_id = ${integrationId}::uuid AND lead_kommo_id = ANY(${ids}::int[])
         AND requested_at <= ${asOf}`;
    read += ids.length;
  }
}

/** Every minute: integrations with refresh requests over a minute old get their job again. */
export async function sweepLeadRefreshes(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ integration_id: string }[]>`
    SELECT DISTINCT integration_id FROM kommo_lead_refreshes
     WHERE requested_at < now() - interval '1 minute'`;
  for (const { integration_id: integrationId } of rows)
    await db.$executeRawUnsafe(ADD_JOB, integrationId);
  return rows.length;
}
