import type { Db } from '@leadpilot/db/client';
import type { Role } from '@leadpilot/schemas/common';
import { forbidden } from './errors';

/** What every organisation-scoped domain function receives: who acts, in which organisation. */
export interface OrgScope {
  db: Db;
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
