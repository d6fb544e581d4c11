import type { Db } from '@leadpilot/db/client';
import type { KommoClient } from '@leadpilot/kommo/client';
import { insertRows } from './bulk-upsert';
import { mirror, type MirrorCounts } from './mirror';

export interface ResourceContext {
  db: Db;
  client: KommoClient;
  integrationId: string;
  now: Date;
}

/** The metadata resources, in the order a sync runs them. Each writes in its own transaction. */
export const METADATA_RESOURCES = [
  'pipelines',
  'lead_fields',
  'contact_fields',
  'company_fields',
  'sources',
  'users',
] as const;
export type SyncResource = (typeof METADATA_RESOURCES)[number];

const TX = { timeout: 120_000, maxWait: 30_000 };

async function syncPipelines(ctx: ResourceContext): Promise<MirrorCounts> {
  const pipelines = await ctx.client.listPipelines();
  const { integrationId, now } = ctx;
  return ctx.db.$transaction(async (tx) => {
    const pipelineCounts = await mirror({
      incoming: pipelines.map((p) => ({
        key: String(p.id),
        data: {
          name: p.name,
          sort: p.sort,
          isMain: p.is_main,
          isUnsortedOn: p.is_unsorted_on ?? false,
          isArchive: p.is_archive ?? false,
        },
      })),
      existing: (await tx.kommoPipeline.findMany({ where: { integrationId } })).map((r) => ({
        key: String(r.kommoId),
        id: r.id,
        removedAt: r.removedAt,
        data: {
          name: r.name,
          sort: r.sort,
          isMain: r.isMain,
          isUnsortedOn: r.isUnsortedOn,
          isArchive: r.isArchive,
        },
      })),
      createMany: (rows) =>
        insertRows(
          tx,
          'kommo_pipelines',
          rows.map((row) => ({
            ...row.data,
            integrationId,
            kommoId: Number(row.key),
            syncedAt: now,
          })),
        ),
      update: (id, data) =>
        tx.kommoPipeline.update({ where: { id }, data: { ...data, syncedAt: now } }),
      markRemoved: (ids) =>
        tx.kommoPipeline.updateMany({ where: { id: { in: ids } }, data: { removedAt: now } }),
    });
    const stages = pipelines.flatMap((p) =>
      p._embedded.statuses.map((s) => ({ ...s, pipeline_id: p.id })),
    );
    const stageCounts = await mirror({
      incoming: stages.map((s) => ({
        key: `${s.pipeline_id}:${s.id}`,
        data: {
          name: s.name,
          sort: s.sort,
          color: s.color ?? '#c1c1c1',
          type: s.type,
          isEditable: s.is_editable,
        },
      })),
      existing: (await tx.kommoStage.findMany({ where: { integrationId } })).map((r) => ({
        key: `${r.pipelineKommoId}:${r.kommoId}`,
        id: r.id,
        removedAt: r.removedAt,
        data: {
          name: r.name,
          sort: r.sort,
          color: r.color,
          type: r.type,
          isEditable: r.isEditable,
        },
      })),
      createMany: (rows) =>
        insertRows(
          tx,
          'kommo_stages',
          rows.map((row) => {
            const [pipelineKommoId, kommoId] = row.key.split(':').map(Number);
            return {
              ...row.data,
              integrationId,
              pipelineKommoId: pipelineKommoId!,
              kommoId: kommoId!,
              syncedAt: now,
            };
          }),
        ),
      update: (id, data) =>
        tx.kommoStage.update({ where: { id }, data: { ...data, syncedAt: now } }),
      markRemoved: (ids) =>
        tx.kommoStage.updateMany({ where: { id: { in: ids } }, data: { removedAt: now } }),
    });
    return {
      created: pipelineCounts.created + stageCounts.created,
      updated: pipelineCounts.updated + stageCounts.updated,
      removed: pipelineCounts.removed + stageCounts.removed,
      total: pipelineCounts.total + stageCounts.total,
    };
  }, TX);
}

async function syncCustomFields(
  ctx: ResourceContext,
  entity: 'leads' | 'contacts' | 'companies',
): Promise<MirrorCounts> {
  const fields = await ctx.client.listCustomFields(entity);
  const { integrationId, now } = ctx;
  return ctx.db.$transaction(async (tx) => {
    const dataOf = (f: (typeof fields)[number]) => ({
      name: f.name,
      code: f.code ?? null,
      type: f.type,
      sort: f.sort ?? 0,
      isRequired: f.is_required ?? false,
      isApiOnly: f.is_api_only ?? false,
      groupId: f.group_id ?? null,
      enums: (f.enums ?? []).map((e) => ({
        id: e.id,
        value: e.value,
        sort: e.sort ?? 0,
        ...('code' in e && typeof e.code === 'string' ? { code: e.code } : {}),
      })),
      requiredStatuses: (f.required_statuses ?? []).map((r) => ({
        status_id: r.status_id,
        pipeline_id: r.pipeline_id,
      })),
    });
    return mirror({
      incoming: fields.map((f) => ({ key: String(f.id), data: dataOf(f) })),
      existing: (await tx.kommoCustomField.findMany({ where: { integrationId, entity } })).map(
        (r) => ({
          key: String(r.kommoId),
          id: r.id,
          removedAt: r.removedAt,
          data: {
            name: r.name,
            code: r.code,
            type: r.type,
            sort: r.sort,
            isRequired: r.isRequired,
            isApiOnly: r.isApiOnly,
            groupId: r.groupId,
            enums: r.enums,
            requiredStatuses: r.requiredStatuses,
          },
        }),
      ),
      createMany: (rows) =>
        insertRows(
          tx,
          'kommo_custom_fields',
          rows.map((row) => ({
            ...row.data,
            integrationId,
            entity,
            kommoId: Number(row.key),
            syncedAt: now,
          })),
        ),
      update: (id, data) =>
        tx.kommoCustomField.update({ where: { id }, data: { ...data, syncedAt: now } }),
      markRemoved: (ids) =>
        tx.kommoCustomField.updateMany({ where: { id: { in: ids } }, data: { removedAt: now } }),
    });
  }, TX);
}

async function syncSources(ctx: ResourceContext): Promise<MirrorCounts> {
  const sources = await ctx.client.listSources();
  const { integrationId, now } = ctx;
  return ctx.db.$transaction(
    async (tx) =>
      mirror({
        incoming: sources.map((s) => ({
          key: String(s.id),
          data: {
            name: s.name,
            pipelineKommoId: s.pipeline_id ?? null,
            externalId: s.external_id ?? null,
            isDefault: s.default ?? false,
            originCode: s.origin_code ?? null,
          },
        })),
        existing: (await tx.kommoSource.findMany({ where: { integrationId } })).map((r) => ({
          key: String(r.kommoId),
          id: r.id,
          removedAt: r.removedAt,
          data: {
            name: r.name,
            pipelineKommoId: r.pipelineKommoId,
            externalId: r.externalId,
            isDefault: r.isDefault,
            originCode: r.originCode,
          },
        })),
        createMany: (rows) =>
          insertRows(
            tx,
            'kommo_sources',
            rows.map((row) => ({
              ...row.data,
              integrationId,
              kommoId: Number(row.key),
              syncedAt: now,
            })),
          ),
        update: (id, data) =>
          tx.kommoSource.update({ where: { id }, data: { ...data, syncedAt: now } }),
        markRemoved: (ids) =>
          tx.kommoSource.updateMany({ where: { id: { in: ids } }, data: { removedAt: now } }),
      }),
    TX,
  );
}

/** Users, mapped to teammates of the organisation by email unless an admin mapped them by hand. */
async function syncUsers(ctx: ResourceContext): Promise<MirrorCounts> {
  const users = await ctx.client.listUsers();
  const { integrationId, now } = ctx;
  const integration = await ctx.db.integration.findUniqueOrThrow({
    where: { id: integrationId },
    select: { orgId: true },
  });
  const teammates = await ctx.db.membership.findMany({
    where: { orgId: integration.orgId },
    select: { user: { select: { id: true, email: true } } },
  });
  const byEmail = new Map(teammates.map((m) => [m.user.email.toLowerCase(), m.user.id]));
  return ctx.db.$transaction(async (tx) => {
    const rows = await tx.kommoUser.findMany({ where: { integrationId } });
    const byHand = new Map(rows.filter((r) => r.mappedByHand).map((r) => [r.kommoId, r.userId]));
    return mirror({
      incoming: users.map((u) => ({
        key: String(u.id),
        data: {
          name: u.name,
          email: u.email ?? null,
          isAdmin: u.rights?.is_admin ?? false,
          isActive: u.rights?.is_active ?? true,
          userId: byHand.has(u.id)
            ? (byHand.get(u.id) ?? null)
            : (byEmail.get((u.email ?? '').toLowerCase()) ?? null),
        },
      })),
      existing: rows.map((r) => ({
        key: String(r.kommoId),
        id: r.id,
        removedAt: r.removedAt,
        data: {
          name: r.name,
          email: r.email,
          isAdmin: r.isAdmin,
          isActive: r.isActive,
          userId: r.userId,
        },
      })),
      createMany: (rows) =>
        insertRows(
          tx,
          'kommo_users',
          rows.map((row) => ({
            ...row.data,
            integrationId,
            kommoId: Number(row.key),
            syncedAt: now,
          })),
        ),
      update: (id, data) =>
        tx.kommoUser.update({ where: { id }, data: { ...data, syncedAt: now } }),
      markRemoved: (ids) =>
        tx.kommoUser.updateMany({ where: { id: { in: ids } }, data: { removedAt: now } }),
    });
  }, TX);
}

export const syncResource: Record<SyncResource, (ctx: ResourceContext) => Promise<MirrorCounts>> = {
  pipelines: syncPipelines,
  lead_fields: (ctx) => syncCustomFields(ctx, 'leads'),
  contact_fields: (ctx) => syncCustomFields(ctx, 'contacts'),
  company_fields: (ctx) => syncCustomFields(ctx, 'companies'),
  sources: syncSources,
  users: syncUsers,
};
