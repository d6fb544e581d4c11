import { requireRole, type OrgScope } from '../context';
import { DomainError, notFound } from '../errors';

async function assertIntegration(scope: OrgScope, integrationId: string) {
  const found = await scope.db.integration.findFirst({
    where: { id: integrationId, orgId: scope.orgId },
    select: { id: true },
  });
  if (!found) throw notFound('Integration');
}

/** Pipelines with their stages, as last synced (removed ones left out). */
export async function listMirroredPipelines(scope: OrgScope, integrationId: string) {
  await assertIntegration(scope, integrationId);
  const [pipelines, stages] = await Promise.all([
    scope.db.kommoPipeline.findMany({
      where: { integrationId, removedAt: null },
      orderBy: [{ sort: 'asc' }, { kommoId: 'asc' }],
    }),
    scope.db.kommoStage.findMany({
      where: { integrationId, removedAt: null },
      orderBy: [{ sort: 'asc' }, { kommoId: 'asc' }],
    }),
  ]);
  return pipelines.map((p) => ({
    kommoId: p.kommoId,
    name: p.name,
    isMain: p.isMain,
    isArchive: p.isArchive,
    stages: stages
      .filter((s) => s.pipelineKommoId === p.kommoId)
      .map((s) => ({
        kommoId: s.kommoId,
        name: s.name,
        color: s.color,
        type: s.type,
        sort: s.sort,
        isEditable: s.isEditable,
      })),
  }));
}

export async function listMirroredFields(
  scope: OrgScope,
  integrationId: string,
  entity: 'leads' | 'contacts' | 'companies',
) {
  await assertIntegration(scope, integrationId);
  const rows = await scope.db.kommoCustomField.findMany({
    where: { integrationId, entity, removedAt: null },
    orderBy: [{ sort: 'asc' }, { kommoId: 'asc' }],
    select: {
      kommoId: true,
      name: true,
      code: true,
      type: true,
      isRequired: true,
      isApiOnly: true,
      enums: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    enums: (Array.isArray(r.enums) ? r.enums : []) as { id: number; value: string; sort: number }[],
  }));
}

export async function listMirroredSources(scope: OrgScope, integrationId: string) {
  await assertIntegration(scope, integrationId);
  return scope.db.kommoSource.findMany({
    where: { integrationId, removedAt: null },
    orderBy: { kommoId: 'asc' },
    select: { kommoId: true, name: true, pipelineKommoId: true, originCode: true, isDefault: true },
  });
}

export async function listMirroredUsers(scope: OrgScope, integrationId: string) {
  await assertIntegration(scope, integrationId);
  return scope.db.kommoUser.findMany({
    where: { integrationId, removedAt: null },
    orderBy: { name: 'asc' },
    select: {
      kommoId: true,
      name: true,
      email: true,
      isAdmin: true,
      isActive: true,
      mappedByHand: true,
      user: { select: { id: true, name: true } },
    },
  });
}

/** Leads of the mirror, newest change first, keyset-paged over (kommo_updated_at, kommo_id). */
export async function listMirroredLeads(
  scope: OrgScope,
  input: {
    integrationId: string;
    cursor?: string | null;
    limit: number;
    pipelineId?: number | undefined;
    statusId?: number | undefined;
    search?: string | undefined;
  },
) {
  await assertIntegration(scope, input.integrationId);
  const after = decodeLeadCursor(input.cursor);
  const rows = await scope.db.kommoLead.findMany({
    where: {
      integrationId: input.integrationId,
      removedAt: null,
      ...(input.pipelineId !== undefined ? { pipelineKommoId: input.pipelineId } : {}),
      ...(input.statusId !== undefined ? { statusKommoId: input.statusId } : {}),
      ...(input.search ? { name: { contains: input.search, mode: 'insensitive' as const } } : {}),
      ...(after
        ? {
            OR: [
              { kommoUpdatedAt: { lt: after.at } },
              { kommoUpdatedAt: after.at, kommoId: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ kommoUpdatedAt: 'desc' }, { kommoId: 'desc' }],
    take: input.limit + 1,
    select: leadSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(`${last.kommoUpdatedAt.toISOString()}|${last.kommoId}`).toString('base64url')
      : null;
  return { items: await withNames(scope, input.integrationId, items), nextCursor };
}

const leadSelect = {
  kommoId: true,
  name: true,
  price: true,
  pipelineKommoId: true,
  statusKommoId: true,
  responsibleKommoId: true,
  contactKommoIds: true,
  kommoUpdatedAt: true,
} as const;

function decodeLeadCursor(cursor: string | null | undefined): { at: Date; id: number } | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (Number.isNaN(at.getTime()) || !Number.isSafeInteger(Number(id))) {
    throw new DomainError('BAD_REQUEST', 'The page cursor is not valid; reload the list.', {
      fieldErrors: { cursor: ['Invalid cursor'] },
    });
  }
  return { at, id: Number(id) };
}

/** Stage and responsible names from the mirrored metadata. */
async function withNames<
  T extends {
    pipelineKommoId: number | null;
    statusKommoId: number | null;
    responsibleKommoId: number | null;
    price: bigint | null;
  },
>(scope: OrgScope, integrationId: string, leads: T[]) {
  const [stages, users] = await Promise.all([
    scope.db.kommoStage.findMany({
      where: { integrationId },
      select: { pipelineKommoId: true, kommoId: true, name: true, color: true },
    }),
    scope.db.kommoUser.findMany({
      where: { integrationId },
      select: { kommoId: true, name: true },
    }),
  ]);
  const stageBy = new Map(
    stages.map((s) => [`${s.pipelineKommoId}:${s.kommoId}`, { name: s.name, color: s.color }]),
  );
  const userBy = new Map(users.map((u) => [u.kommoId, { kommoId: u.kommoId, name: u.name }]));
  return leads.map((l) => ({
    ...l,
    price: l.price === null ? null : Number(l.price),
    stage: stageBy.get(`${l.pipelineKommoId}:${l.statusKommoId}`) ?? null,
    responsible: l.responsibleKommoId === null ? null : (userBy.get(l.responsibleKommoId) ?? null),
  }));
}

/** One lead with its contacts and tasks, from the mirror. */
export async function getMirroredLead(
  scope: OrgScope,
  input: { integrationId: string; kommoId: number },
) {
  await assertIntegration(scope, input.integrationId);
  const lead = await scope.db.kommoLead.findUnique({
    where: {
      integrationId_kommoId: { integrationId: input.integrationId, kommoId: input.kommoId },
    },
    select: leadSelect,
  });
  if (!lead) throw notFound('Lead');
  const [[named], contacts, tasks, users] = await Promise.all([
    withNames(scope, input.integrationId, [lead]),
    scope.db.kommoContact.findMany({
      where: {
        integrationId: input.integrationId,
        kommoId: { in: lead.contactKommoIds },
        removedAt: null,
      },
      select: { kommoId: true, name: true, phones: true, emails: true },
    }),
    scope.db.kommoTask.findMany({
      where: {
        integrationId: input.integrationId,
        entityType: 'leads',
        entityKommoId: lead.kommoId,
        removedAt: null,
      },
      orderBy: { completeTill: 'asc' },
      select: {
        kommoId: true,
        text: true,
        completeTill: true,
        isCompleted: true,
        responsibleKommoId: true,
      },
    }),
    scope.db.kommoUser.findMany({
      where: { integrationId: input.integrationId },
      select: { kommoId: true, name: true },
    }),
  ]);
  const userBy = new Map(users.map((u) => [u.kommoId, u]));
  return {
    ...named!,
    contacts,
    tasks: tasks.map(({ responsibleKommoId, ...t }) => ({
      ...t,
      responsible: responsibleKommoId === null ? null : (userBy.get(responsibleKommoId) ?? null),
    })),
  };
}

/**
 * Maps a Kommo user to a teammate by hand (`userId`), to nobody (`null`), or back to the automatic
 * email match (`'auto'`). A hand-made mapping survives every later sync; the automatic one is
 * recomputed right away from the teammates' emails, so the screen shows the effect at once.
 */
export async function mapMirroredUser(
  scope: OrgScope,
  input: { integrationId: string; kommoId: number; userId: string | null | 'auto' },
) {
  requireRole(scope, 'admin', 'change how Kommo users map to teammates');
  await assertIntegration(scope, input.integrationId);
  const kommoUser = await scope.db.kommoUser.findUnique({
    where: {
      integrationId_kommoId: { integrationId: input.integrationId, kommoId: input.kommoId },
    },
    select: { id: true, email: true },
  });
  if (!kommoUser) throw notFound('Kommo user');

  let userId: string | null;
  if (input.userId === 'auto') {
    const email = kommoUser.email?.toLowerCase();
    const match = email
      ? await scope.db.membership.findFirst({
          where: { orgId: scope.orgId, user: { email: { equals: email, mode: 'insensitive' } } },
          select: { userId: true },
        })
      : null;
    userId = match?.userId ?? null;
  } else if (input.userId !== null) {
    const member = await scope.db.membership.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId: input.userId } },
      select: { userId: true },
    });
    if (!member) {
      throw new DomainError('BAD_REQUEST', 'That person is not a member of this organisation.');
    }
    userId = member.userId;
  } else {
    userId = null;
  }

  return scope.db.kommoUser.update({
    where: { id: kommoUser.id },
    data: { userId, mappedByHand: input.userId !== 'auto' },
    select: {
      kommoId: true,
      name: true,
      email: true,
      isAdmin: true,
      isActive: true,
      mappedByHand: true,
      user: { select: { id: true, name: true } },
    },
  });
}
