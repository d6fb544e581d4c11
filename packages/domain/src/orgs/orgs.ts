import type { Db } from '@leadpilot/db/client';
import type { Role } from '@leadpilot/schemas/common';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { notFound } from '../errors';

export async function listMyOrgs(db: Db, userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: {
      role: true,
      org: { select: { id: true, name: true, _count: { select: { memberships: true } } } },
    },
    orderBy: { org: { name: 'asc' } },
  });
  return memberships.map((m) => ({
    id: m.org.id,
    name: m.org.name,
    role: m.role,
    memberCount: m.org._count.memberships,
  }));
}

/** A new organisation with the caller as its owner. */
export async function createOrg(
  db: Db,
  userId: string,
  name: string,
): Promise<{ id: string; name: string; role: Role }> {
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name }, select: { id: true, name: true } });
    await tx.membership.create({ data: { orgId: org.id, userId, role: 'owner' } });
    return { ...org, role: 'owner' as const };
  });
}

/** The caller's role in an organisation, or NOT_FOUND when they are not a member. */
export async function membershipRole(db: Db, userId: string, orgId: string): Promise<Role> {
  const m = await db.membership.findUnique({
    where: { orgId_userId: { orgId, userId } },
    select: { role: true },
  });
  if (!m) throw notFound('Organisation');
  return m.role;
}

export async function renameOrg(scope: OrgScope, name: string) {
  requireRole(scope, 'admin', 'rename the organisation');
  return scope.db.organization.update({
    where: { id: scope.orgId },
    data: { name },
    select: { id: true, name: true },
  });
}
