import type { Role } from '@leadpilot/schemas/common';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { DomainError, forbidden, notFound } from '../errors';
import type { Tx } from '@leadpilot/db/client';
import { recordActivity } from '../activity/record-activity';

export async function listMembers(scope: OrgScope) {
  const rows = await scope.db.membership.findMany({
    where: { orgId: scope.orgId },
    select: {
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
    isYou: m.user.id === scope.userId,
  }));
}

async function lockOwners(tx: Tx, orgId: string): Promise<number> {
  // Serialises owner changes in one organisation so two concurrent demotions cannot both pass the
  // "another owner remains" check.
  await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${orgId}::uuid FOR UPDATE`;
  return tx.membership.count({ where: { orgId, role: 'owner' } });
}

/**
 * Admins change roles; only owners grant or take away ownership; the last owner stays an owner.
 */
export async function changeRole(scope: OrgScope, input: { userId: string; role: Role }) {
  requireRole(scope, 'admin', 'change roles');
  return scope.db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId: input.userId } },
      select: { id: true, role: true, user: { select: { name: true } } },
    });
    if (!target) throw notFound('Member');
    if ((target.role === 'owner' || input.role === 'owner') && scope.role !== 'owner') {
      throw forbidden('Only owners can grant or change the owner role.');
    }
    if (
      target.role === 'owner' &&
      input.role !== 'owner' &&
      (await lockOwners(tx, scope.orgId)) <= 1
    ) {
      throw new DomainError(
        'CONFLICT',
        'The organisation needs at least one owner. Make someone else an owner first.',
      );
    }
    await tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
    if (target.role !== input.role) {
      await recordActivity(tx, {
        orgId: scope.orgId,
        userId: scope.userId,
        type: 'member.role_changed',
        subject: { type: 'member', id: input.userId },
        params: { name: target.user.name, role: input.role, previousRole: target.role },
      });
    }
    return { userId: input.userId, role: input.role };
  });
}

export async function removeMember(scope: OrgScope, userId: string) {
  if (userId !== scope.userId) requireRole(scope, 'admin', 'remove members');
  return scope.db.$transaction(async (tx) => {
    const target = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      select: { id: true, role: true, user: { select: { name: true } } },
    });
    if (!target) throw notFound('Member');
    if (target.role === 'owner' && userId !== scope.userId && scope.role !== 'owner') {
      throw forbidden('Only owners can remove an owner.');
    }
    if (target.role === 'owner' && (await lockOwners(tx, scope.orgId)) <= 1) {
      throw new DomainError(
        'CONFLICT',
        'The last owner cannot leave or be removed. Make someone else an owner first.',
      );
    }
    await tx.membership.delete({ where: { id: target.id } });
    // Sessions working in this organisation lose it; the user keeps their other organisations.
    await tx.session.updateMany({
      where: { userId, activeOrgId: scope.orgId },
      data: { activeOrgId: null },
    });
    await recordActivity(tx, {
      orgId: scope.orgId,
      userId: scope.userId,
      type: userId === scope.userId ? 'member.left' : 'member.removed',
      subject: { type: 'member', id: userId },
      params: { name: target.user.name },
    });
    return { userId };
  });
}
