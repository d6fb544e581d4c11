import type { RawSql } from '@leadpilot/db/raw-sql';
import { uuidv7 } from '../ids';

/** A mirrored column: its SQL type, and `ts` for unix seconds that become timestamptz. */
export interface Column {
  name: string;
  type: 'int' | 'bigint' | 'text' | 'bool' | 'jsonb' | 'int[]' | 'text[]' | 'ts';
}

/**
 * Upserts one page of Kommo records in a single statement (jsonb_to_recordset + ON CONFLICT):
 * row-by-row Prisma upserts would cost a round trip each, about 50× slower for 250-row pages.
 * Every row gets `synced_at = syncedAt` (so a full import can mark what it did not see as removed).
 * Returns how many rows were new and how many changed (by `kommo_updated_at`, or were restored).
 * Table and column names come from constants in this package, never from input.
 */
export async function bulkUpsert(
  tx: Pick<RawSql, '$queryRawUnsafe'>,
  table: string,
  columns: Column[],
  integrationId: string,
  rows: Record<string, unknown>[],
  syncedAt: Date,
  /** Webhooks: never overwrite a row with an older version (deliveries arrive out of order). */
  options: { onlyIfNewer?: boolean } = {},
): Promise<{ created: number; updated: number }> {
  if (!rows.length) return { created: 0, updated: 0 };
  const recordType = columns
    .map((c) => `${c.name} ${c.type === 'ts' ? 'bigint' : c.type}`)
    .join(', ');
  const value = (c: Column) => (c.type === 'ts' ? `to_timestamp(r.${c.name})` : `r.${c.name}`);
  const names = columns.map((c) => c.name);
  const sql = `
    WITH incoming AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(kommo_id int, ${recordType})),
    prev AS (
      SELECT kommo_id, kommo_updated_at, removed_at FROM ${table}
       WHERE integration_id = $2::uuid AND kommo_id IN (SELECT kommo_id FROM incoming)
    ),
    up AS (
      INSERT INTO ${table} (id, integration_id, kommo_id, ${names.join(', ')}, removed_at, synced_at)
      SELECT gen_random_uuid(), $2::uuid, r.kommo_id, ${columns.map(value).join(', ')}, NULL, $3::timestamptz
        FROM incoming r
      ON CONFLICT (integration_id, kommo_id) DO UPDATE
        SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, removed_at = NULL, synced_at = EXCLUDED.synced_at
        ${options.onlyIfNewer ? `WHERE ${table}.kommo_updated_at <= EXCLUDED.kommo_updated_at` : ''}
      RETURNING kommo_id, kommo_updated_at
    )
    SELECT count(*) FILTER (WHERE p.kommo_id IS NULL)::int AS created,
           count(*) FILTER (WHERE p.kommo_id IS NOT NULL
                              AND (p.kommo_updated_at IS DISTINCT FROM up.kommo_updated_at OR p.removed_at IS NOT NULL))::int AS updated
      FROM up LEFT JOIN prev p ON p.kommo_id = up.kommo_id`;
  const [result] = await tx.$queryRawUnsafe<{ created: number; updated: number }[]>(
    sql,
    JSON.stringify(rows),
    integrationId,
    syncedAt,
  );
  return result ?? { created: 0, updated: 0 };
}

/** After a full import: whatever the import did not touch is gone from Kommo. */
export async function markUnseenRemoved(
  tx: Pick<RawSql, '$executeRawUnsafe'>,
  table: string,
  integrationId: string,
  syncedAt: Date,
): Promise<number> {
  return tx.$executeRawUnsafe(
    `UPDATE ${table} SET removed_at = $2::timestamptz WHERE integration_id = $1::uuid AND removed_at IS NULL AND synced_at < $2::timestamptz`,
    integrationId,
    syncedAt,
  );
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * `createMany` for the metadata mirrors, as one statement with one JSON parameter
 * (jsonb_populate_recordset against the table's own row type). Prisma's createMany spends ~0.5 ms
 * of CPU per row building and compiling the query: half a second of blocked event loop for a
 * thousand custom fields, during which the sync's other requests miss their rate-limit slots.
 * Keys are the Prisma field names (camelCase, mapped to snake_case columns); ids are UUIDv7 like
 * Prisma's default. `table` comes from constants in this package, never from input.
 */
export async function insertRows(
  tx: Pick<RawSql, '$executeRawUnsafe'>,
  table: string,
  rows: Record<string, unknown>[],
): Promise<number> {
  if (!rows.length) return 0;
  const { sql, json } = populate(table, rows);
  return tx.$executeRawUnsafe(sql, json);
}

/**
 * insertRows for append-only tables written more than once (a webhook batch that runs again):
 * rows that conflict with a stored one are skipped, and `returning` (an SQL expression over the
 * table's columns) is returned for each row this call inserted.
 */
export async function insertNewRows(
  tx: Pick<RawSql, '$queryRawUnsafe'>,
  table: string,
  rows: Record<string, unknown>[],
  returning: string,
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const { sql, json } = populate(table, rows);
  const inserted = await tx.$queryRawUnsafe<{ key: string }[]>(
    `${sql} ON CONFLICT DO NOTHING RETURNING (${returning})::text AS key`,
    json,
  );
  return new Set(inserted.map((r) => r.key));
}

function populate(table: string, rows: Record<string, unknown>[]) {
  const records = rows.map((row) =>
    Object.fromEntries(
      Object.entries({ id: uuidv7(), ...row }).map(([key, value]) => [snakeCase(key), value]),
    ),
  );
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))].join(', ');
  return {
    sql: `INSERT INTO ${table} (${columns})
     SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    json: JSON.stringify(records),
  };
}
