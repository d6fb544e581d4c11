import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@leadpilot/db/client';
import type { Role } from '@leadpilot/schemas/common';
import { recordActivity } from '../activity/record-activity';
import type { OrgScope } from '../context';
import { requireRole } from '../context';
import { DomainError, forbidden, notFound } from '../errors';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export type InvitationStatus = 'pending' | 'expired' | 'used' | 'revoked';

function statusOf(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (i.acceptedAt) return 'used';
  if (i.revokedAt) return 'revoked';
  if (i.expiresAt <= now) return 'expired';
  return 'pending';
}

/**
 * A single-use link. The token is shown once (to be copied; no mail server needed) and only its
 * SHA-256 is stored. Admins may invite members and admins; owners may also invite owners.
 */
export async function createInvitation(
  scope: OrgScope,
  input: { role: Role; email?: string | undefined; expiresInDays: number },
) {
  requireRole(scope, 'admin', 'invite teammates');
  if (input.role === 'owner' && scope.role !== 'owner')
    throw forbidden('Only owners can invite owners.');
  const token = randomBytes(24).toString('base64url');
  const invitation = await scope.db.invitation.create({
    data: {
      orgId: scope.orgId,
      tokenHash: hashToken(token),
      role: input.role,
      email: input.email ?? null,
      createdById: scope.userId,
      expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
    },
    select: { id: true, role: true, expiresAt: true },
  });
  return { ...invitation, token, url: `/invite/${token}` };
}

export async function listPendingInvitations(scope: OrgScope) {
  requireRole(scope, 'admin', 'see invitations');
  return scope.db.invitation.findMany({
    where: { orgId: scope.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: {
      id: true,
      role: true,
      email: true,
      createdAt: true,
      expiresAt: true,
      createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: 'desc' },
    take: 200,
  });
}

export async function revokeInvitation(scope: OrgScope, id: string) {
  requireRole(scope, 'admin', 'revoke invitations');
  const { count } = await scope.db.invitation.updateMany({
    where: { id, orgId: scope.orgId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!count) throw notFound('Invitation');
  return { id };
}

/** What the invitation page shows before the visitor signs in. */
export async function invitationInfo(db: Db, token: string) {
  const i = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      org: { select: { name: true } },
      createdBy: { select: { name: true } },
    },
  });
  if (!i) throw notFound('Invitation');
  return {
    orgName: i.org.name,
    role: i.role,
    invitedBy: i.createdBy.name,
    expiresAt: i.expiresAt,
    status: statusOf(i),
  };
}

/** Joins the invitation's organisation with its role. The link works once. */
export async function acceptInvitation(db: Db, input: { token: string; userId: string }) {
  return db.$transaction(async (tx) => {
    const i = await tx.invitation.findUnique({
      where: { tokenHash: hashToken(input.token) },
      select: {
        id: true,
        orgId: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        org: { select: { name: true } },
      },
    });
    if (!i) throw notFound('Invitation');
    const status = statusOf(i);
    if (status !== 'pending') {
      const why = { used: 'has already been used', revoked: 'was revoked', expired: 'has expired' }[
        status
      ];
      throw new DomainError('CONFLICT', `This invitation ${why}. Ask for a new link.`);
    }
    const existing = await tx.membership.findUnique({
      where: { orgId_userId: { orgId: i.orgId, userId: input.userId } },
      select: { id: true },
    });
    if (existing) throw new DomainError('CONFLICT', `You are already a member of ${i.org.name}.`);
    // The conditional update is the single-use guarantee: of two concurrent accepts, one wins.
    const { count } = await tx.invitation.updateMany({
      where: { id: i.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedById: input.userId },
    });
    if (!count)
      throw new DomainError(
        'CONFLICT',
        'This invitation has already been used. Ask for a new link.',
      );
    const joined = await tx.membership.create({
      data: { orgId: i.orgId, userId: input.userId, role: i.role },
      select: { user: { select: { name: true } } },
    });
    await recordActivity(tx, {
      orgId: i.orgId,
      userId: input.userId,
      type: 'member.joined',
      subject: { type: 'member', id: input.userId },
      params: { name: joined.user.name, role: i.role },
    });
    return { orgId: i.orgId, orgName: i.org.name };
  });
}
