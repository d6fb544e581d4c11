import type { Db, Prisma } from '@leadpilot/db/client';
import type { KommoClient } from '@leadpilot/kommo/client';
import type { ListParams } from '@leadpilot/kommo/query';
import { bulkUpsert, markUnseenRemoved, type Column } from './bulk-upsert';
import type { MirrorCounts } from './mirror';
import { fetchPages, type RequestPermits } from './page-window';

export const RECORD_RESOURCES = ['leads', 'contacts', 'companies', 'tasks'] as const;
export type RecordResource = (typeof RECORD_RESOURCES)[number];

const LIMIT = 250;
/** Pages requested ahead of the one being written (memory: ~8 × 250 records per resource). */
const READ_AHEAD = 8;
/** Incremental runs re-read this much before the watermark, for clock skew between writes. */
const OVERLAP_SECONDS = 300;

type CustomFieldValues =
  { field_code?: string | null; values?: { value?: unknown }[] | null }[] | null | undefined;

function valuesOf(fields: CustomFieldValues, code: string): string[] {
  return (fields ?? [])
    .filter((f) => f.field_code === code)
    .flatMap((f) => (f.values ?? []).map((v) => String(v.value ?? '')))
    .filter(Boolean);
}

interface RecordSpec {
  table: string;
  columns: Column[];
  /** Open tasks only on a full import (completed ones come in through incremental runs). */
  fullFilter?: ListParams['filter'];
  fetch: (
    client: KommoClient,
    params: { page: number; limit: number; filter?: ListParams['filter'] },
  ) => Promise<{ id: number; updated_at: number }[]>;
  toRow: (item: never) => Record<string, unknown>;
  /** Whether a full import may mark records it did not see as removed. */
  removesUnseen: boolean;
}

const specs: Record<RecordResource, RecordSpec> = {
  leads: {
    table: 'kommo_leads',
    columns: [
      { name: 'name', type: 'text' },
      { name: 'price', type: 'bigint' },
      { name: 'pipeline_kommo_id', type: 'int' },
      { name: 'status_kommo_id', type: 'int' },
      { name: 'responsible_kommo_id', type: 'int' },
      { name: 'company_kommo_id', type: 'int' },
      { name: 'contact_kommo_ids', type: 'int[]' },
      { name: 'tags', type: 'jsonb' },
      { name: 'custom_fields', type: 'jsonb' },
      { name: 'kommo_created_at', type: 'ts' },
      { name: 'kommo_updated_at', type: 'ts' },
      { name: 'closed_at', type: 'ts' },
    ],
    fetch: (client, p) => client.listLeads({ ...p, with: ['contacts'], order: { id: 'asc' } }),
    toRow: (l: Awaited<ReturnType<KommoClient['listLeads']>>[number]) => ({
      kommo_id: l.id,
      name: l.name ?? '',
      price: l.price ?? null,
      pipeline_kommo_id: l.pipeline_id,
      status_kommo_id: l.status_id,
      responsible_kommo_id: l.responsible_user_id ?? null,
      company_kommo_id: l._embedded?.companies?.[0]?.id ?? null,
      contact_kommo_ids: (l._embedded?.contacts ?? []).map((c) => c.id),
      tags: (l._embedded?.tags ?? []).map((t) => ({ id: t.id, name: t.name })),
      custom_fields: l.custom_fields_values ?? [],
      kommo_created_at: l.created_at,
      kommo_updated_at: l.updated_at,
      closed_at: l.closed_at ?? null,
    }),
    removesUnseen: true,
  },
  contacts: {
    table: 'kommo_contacts',
    columns: [
      { name: 'name', type: 'text' },
      { name: 'responsible_kommo_id', type: 'int' },
      { name: 'phones', type: 'text[]' },
      { name: 'emails', type: 'text[]' },
      { name: 'custom_fields', type: 'jsonb' },
      { name: 'kommo_created_at', type: 'ts' },
      { name: 'kommo_updated_at', type: 'ts' },
    ],
    fetch: (client, p) => client.listContacts({ ...p, order: { id: 'asc' } }),
    toRow: (c: Awaited<ReturnType<KommoClient['listContacts']>>[number]) => ({
      kommo_id: c.id,
      name: c.name ?? '',
      responsible_kommo_id: c.responsible_user_id ?? null,
      phones: valuesOf(c.custom_fields_values as CustomFieldValues, 'PHONE'),
      emails: valuesOf(c.custom_fields_values as CustomFieldValues, 'EMAIL'),
      custom_fields: c.custom_fields_values ?? [],
      kommo_created_at: c.created_at,
      kommo_updated_at: c.updated_at,
    }),
    removesUnseen: true,
  },
  companies: {
    table: 'kommo_companies',
    columns: [
      { name: 'name', type: 'text' },
      { name: 'responsible_kommo_id', type: 'int' },
      { name: 'custom_fields', type: 'jsonb' },
      { name: 'kommo_created_at', type: 'ts' },
      { name: 'kommo_updated_at', type: 'ts' },
    ],
    fetch: (client, p) => client.listCompanies({ ...p, order: { id: 'asc' } }),
    toRow: (c: Awaited<ReturnType<KommoClient['listCompanies']>>[number]) => ({
      kommo_id: c.id,
      name: c.name ?? '',
      responsible_kommo_id: c.responsible_user_id ?? null,
      custom_fields: c.custom_fields_values ?? [],
      kommo_created_at: c.created_at,
      kommo_updated_at: c.updated_at,
    }),
    removesUnseen: true,
  },
  tasks: {
    table: 'kommo_tasks',
    columns: [
      { name: 'text', type: 'text' },
      { name: 'task_type_id', type: 'int' },
      { name: 'entity_type', type: 'text' },
      { name: 'entity_kommo_id', type: 'int' },
      { name: 'responsible_kommo_id', type: 'int' },
      { name: 'complete_till', type: 'ts' },
      { name: 'is_completed', type: 'bool' },
      { name: 'result_text', type: 'text' },
      { name: 'kommo_created_at', type: 'ts' },
      { name: 'kommo_updated_at', type: 'ts' },
    ],
    fullFilter: { is_completed: 0 },
    fetch: (client, p) => client.listTasks({ ...p, order: { id: 'asc' } }),
    toRow: (t: Awaited<ReturnType<KommoClient['listTasks']>>[number]) => ({
      kommo_id: t.id,
      text: t.text ?? '',
      task_type_id: t.task_type_id ?? null,
      entity_type: t.entity_type ?? null,
      entity_kommo_id: t.entity_id ?? null,
      responsible_kommo_id: t.responsible_user_id ?? null,
      complete_till: t.complete_till,
      is_completed: t.is_completed,
      result_text: t.result && !Array.isArray(t.result) ? (t.result.text ?? null) : null,
      kommo_created_at: t.created_at,
      kommo_updated_at: t.updated_at,
    }),
    // a task missing from "open tasks" was completed, not deleted
    removesUnseen: false,
  },
};

export interface RecordContext {
  db: Db;
  client: KommoClient;
  integrationId: string;
  /** Called after each page, for live progress. */
  onProgress: (counts: MirrorCounts) => Promise<void>;
  /** The run's cap on requests in flight, shared with the other resources. */
  permits: RequestPermits;
}

/**
 * Mirrors one CRM resource: a full import the first time (then what was not seen is marked
 * removed), afterwards only what changed since the watermark (`filter[updated_at][from]`). Each page
 * is one bulk upsert; the watermark moves only after the whole resource succeeded, so a run that
 * dies half-way is repaired by the next one (the upserts are idempotent).
 */
export async function syncRecords(
  ctx: RecordContext,
  resource: RecordResource,
): Promise<MirrorCounts> {
  const spec = specs[resource];
  const { db, integrationId } = ctx;
  const integration = await db.integration.findUniqueOrThrow({
    where: { id: integrationId },
    select: { syncWatermarks: true },
  });
  const watermarks = (integration.syncWatermarks ?? {}) as Record<string, number>;
  const since = watermarks[resource];
  const full = since === undefined;
  const filter = full
    ? spec.fullFilter
    : { updated_at: { from: Math.max(0, since - OVERLAP_SECONDS) } };
  const startedAt = new Date();
  const counts: MirrorCounts = { created: 0, updated: 0, removed: 0, total: 0 };
  let highest = since ?? 0;

  await fetchPages({
    limit: LIMIT,
    permits: ctx.permits,
    readAhead: READ_AHEAD,
    fetchPage: (page) =>
      spec.fetch(ctx.client, { page, limit: LIMIT, ...(filter ? { filter } : {}) }),
    onPage: async (items) => {
      const before = resource === 'leads' ? await stagesOf(db, integrationId, items) : null;
      const result = await bulkUpsert(
        db,
        spec.table,
        spec.columns,
        integrationId,
        items.map((i) => spec.toRow(i as never)),
        startedAt,
      );
      if (before) await recordStageChanges(db, integrationId, before, items);
      counts.created += result.created;
      counts.updated += result.updated;
      counts.total += items.length;
      for (const i of items) highest = Math.max(highest, i.updated_at);
      await ctx.onProgress(counts);
    },
  });

  await db.$transaction(async (tx) => {
    if (full && spec.removesUnseen)
      counts.removed = await markUnseenRemoved(tx, spec.table, integrationId, startedAt);
    const fresh = await tx.integration.findUniqueOrThrow({
      where: { id: integrationId },
      select: { syncWatermarks: true },
    });
    await tx.integration.update({
      where: { id: integrationId },
      data: {
        syncWatermarks: {
          ...((fresh.syncWatermarks ?? {}) as Record<string, number>),
          [resource]: highest,
        } as Prisma.InputJsonValue,
      },
    });
  });
  return counts;
}

/** The mirror table and columns of a record resource, for writers other than the sync (webhooks). */
export function recordTable(resource: RecordResource): {
  table: string;
  columns: Column[];
  /** The mirror row of one entity as Kommo's API returns it. */
  toRow: (item: never) => Record<string, unknown>;
} {
  const { table, columns, toRow } = specs[resource];
  return { table, columns, toRow };
}

type LeadPage = { id: number; updated_at: number; status_id?: number; pipeline_id?: number }[];

async function stagesOf(db: Db, integrationId: string, items: LeadPage) {
  const rows = await db.kommoLead.findMany({
    where: { integrationId, kommoId: { in: items.map((i) => i.id) } },
    select: { kommoId: true, statusKommoId: true, pipelineKommoId: true },
  });
  return new Map(rows.map((r) => [r.kommoId, r]));
}

/**
 * The sync is also the reconciliation for webhooks Kommo never delivered: a lead found in another
 * stage than the mirror had gets its stage change recorded (source `sync`, at its `updated_at`;
 * the unique key makes a change a webhook already recorded count once).
 */
async function recordStageChanges(
  db: Db,
  integrationId: string,
  before: Awaited<ReturnType<typeof stagesOf>>,
  items: LeadPage,
) {
  const changes = items.flatMap((lead) => {
    const prev = before.get(lead.id);
    if (!prev || lead.status_id === undefined || prev.statusKommoId === lead.status_id) return [];
    return [
      {
        integrationId,
        leadKommoId: lead.id,
        fromPipelineKommoId: prev.pipelineKommoId,
        fromStatusKommoId: prev.statusKommoId,
        toPipelineKommoId: lead.pipeline_id ?? null,
        toStatusKommoId: lead.status_id,
        changedAt: new Date(lead.updated_at * 1000),
        source: 'sync',
      },
    ];
  });
  if (changes.length)
    await db.kommoLeadStageChange.createMany({ data: changes, skipDuplicates: true });
}
