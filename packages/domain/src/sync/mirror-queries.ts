import type { OrgScope } from '../context';
import { notFound } from '../errors';

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
