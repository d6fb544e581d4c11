import type { Db, Prisma } from '@leadpilot/db/client';
import type { PgPool } from '@leadpilot/db/pool';
import type { Role } from '@leadpilot/schemas/common';
import { forbidden } from './errors';

/** What every organisation-scoped domain function receives: who acts, in which organisation. */
export interface OrgScope {
  db: Db;
  /** A plain pg pool for hot read paths (see `queryRows`); absent in the worker and some tests. */
  pg?: PgPool | undefined;
  orgId: string;
  userId: string;
  role: Role;
}

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(role: Role, atLeast: Role): boolean {
  return rank[role] >= rank[atLeast];
}

export function requireRole(scope: Pick<OrgScope, 'role'>, atLeast: Role, action: string): void {
  if (!hasRole(scope.role, atLeast)) {
    throw forbidden(`Only ${atLeast === 'owner' ? 'owners' : 'admins and owners'} can ${action}.`);
  }
}

/**
 * Runs a raw SELECT composed with `Prisma.sql` on the scope's plain pg pool when it has one (the
 * API server), else through Prisma. Only for queries whose columns come back the same either way
 * (text-cast ids and numbers; rows are then parsed with a schema).
 */
export async function queryRows<T>(
  scope: Pick<OrgScope, 'db' | 'pg'>,
  sql: Prisma.Sql,
): Promise<T[]> {
  if (!scope.pg) return scope.db.$queryRaw<T[]>(sql);
  const result = await scope.pg.query(sql.text, sql.values);
  return result.rows as T[];
}
