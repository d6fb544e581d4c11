import { z } from 'zod';
import { LOST_STATUS_ID, WON_STATUS_ID, type AccountState } from './account-state';
import {
  applyCommon,
  commonWriteShape,
  findForUpdate,
  fingerprint,
  markUpdated,
  newEntityBase,
  prepareCommon,
  tagRefSchema,
} from './entity-write-common';
import { prepareBatch, type PreparedBatch, type WriteResult } from './prepared-writes';
import type { Lead, Pipeline } from './types';
import { issue, type ValidationIssue } from './validation-issue';

export const leadWriteSchema = z.looseObject({
  ...commonWriteShape,
  price: z.number().int().min(0).optional(),
  status_id: z.number().int().optional(),
  pipeline_id: z.number().int().optional(),
  closed_at: z.number().int().nullable().optional(),
  loss_reason_id: z.number().int().nullable().optional(),
  _embedded: z
    .looseObject({
      tags: z.array(tagRefSchema).nullable().optional(),
      contacts: z
        .array(z.looseObject({ id: z.number().int(), is_main: z.boolean().optional() }))
        .optional(),
      companies: z.array(z.looseObject({ id: z.number().int() })).optional(),
      source: z.looseObject({ external_id: z.union([z.string(), z.number()]) }).optional(),
    })
    .optional(),
});
type LeadWrite = z.infer<typeof leadWriteSchema>;

const isClosed = (statusId: number) => statusId === WON_STATUS_ID || statusId === LOST_STATUS_ID;

/** The stage a lead lands in when only a pipeline is named: the first one after "incoming". */
export function firstRegularStatus(pipeline: Pipeline): number {
  const regular = [...pipeline.statuses]
    .sort((a, b) => a.sort - b.sort)
    .find((s) => s.type === 0 && !isClosed(s.id));
  if (!regular) throw new Error(`Pipeline ${pipeline.id} has no regular stage`);
  return regular.id;
}

/**
 * Where a write puts the lead. A status id alone moves the lead to that status's pipeline (status
 * ids are account-unique); 142/143 stay in the current pipeline. The incoming stage (type 1) is
 * not a valid target: Kommo fills it only through unsorted/incoming leads.
 */
function resolveStage(
  state: AccountState,
  write: LeadWrite,
  current: { pipelineId: number; statusId: number } | null,
  issues: ValidationIssue[],
): { pipelineId: number; statusId: number } | null {
  if (current && write.status_id === undefined && write.pipeline_id === undefined) return current;
  let pipeline: Pipeline | undefined;
  if (write.pipeline_id !== undefined) {
    pipeline = state.pipelines.get(write.pipeline_id);
    if (!pipeline) {
      issues.push(issue.choice('pipeline_id'));
      return null;
    }
  } else if (write.status_id !== undefined && !isClosed(write.status_id)) {
    const inCurrent = current && state.status(current.pipelineId, write.status_id);
    pipeline = inCurrent
      ? state.pipelines.get(current.pipelineId)
      : state.pipelineOfStatus(write.status_id);
  } else {
    pipeline = current ? state.pipelines.get(current.pipelineId) : state.mainPipeline();
  }
  if (!pipeline) {
    issues.push(issue.choice('status_id'));
    return null;
  }
  const statusId =
    write.status_id ??
    (current && current.pipelineId === pipeline.id
      ? current.statusId
      : firstRegularStatus(pipeline));
  const status = state.status(pipeline.id, statusId);
  if (!status || status.type === 1) {
    issues.push(issue.choice('status_id'));
    return null;
  }
  return { pipelineId: pipeline.id, statusId };
}

export function prepareLeadWrites(
  state: AccountState,
  items: unknown[],
  mode: 'create' | 'update',
  actorId: number,
): PreparedBatch {
  return prepareBatch(items, leadWriteSchema, (write, issues, requestId) => {
    const existing = mode === 'update' ? findForUpdate(state.leads, write.id, issues) : null;
    if (mode === 'update' && !existing) return null;
    const common = prepareCommon(state, 'leads', { ...write, tags: write._embedded?.tags }, issues);
    const stage = resolveStage(state, write, existing, issues);
    if (write.loss_reason_id && !state.lossReasons.some((r) => r.id === write.loss_reason_id)) {
      issues.push(issue.choice('loss_reason_id'));
    }
    // Links and the source are taken on creation; an existing lead is linked through /link.
    const embedded = mode === 'create' ? write._embedded : undefined;
    embedded?.contacts?.forEach((c, i) => {
      if (!state.contacts.has(c.id)) issues.push(issue.notFound(`_embedded.contacts.${i}.id`));
    });
    embedded?.companies?.forEach((c, i) => {
      if (!state.companies.has(c.id)) issues.push(issue.notFound(`_embedded.companies.${i}.id`));
    });
    const source = embedded?.source
      ? [...state.sources.values()].find(
          (s) => s.externalId === String(embedded.source?.external_id),
        )
      : undefined;
    if (embedded?.source && !source) issues.push(issue.notFound('_embedded.source.external_id'));
    if (issues.length || !stage) return null;

    return (): WriteResult => {
      const now = state.now();
      if (!existing) {
        const id = state.nextId('lead');
        const lead: Lead = {
          ...newEntityBase(state, id, write, actorId, now),
          name: write.name || `Lead #${id}`,
          price: write.price ?? 0,
          statusId: stage.statusId,
          pipelineId: stage.pipelineId,
          lossReasonId: write.loss_reason_id ?? null,
          closedAt: isClosed(stage.statusId) ? (write.closed_at ?? now) : null,
          score: null,
          sourceId: source?.id ?? null,
          contactIds: [],
          mainContactId: null,
          companyId: embedded?.companies?.[0]?.id ?? null,
        };
        applyCommon(state, 'leads', lead, common);
        const contacts = embedded?.contacts ?? [];
        state.setLeadContacts(
          lead,
          contacts.map((c) => c.id),
          contacts.find((c) => c.is_main)?.id ?? null,
        );
        state.leads.set(id, lead);
        state.emit({
          kind: 'lead',
          action: 'add',
          lead: structuredClone(lead),
          old: null,
          actorId,
        });
        return { id, requestId, updatedAt: lead.updatedAt };
      }
      const lead = existing;
      const before = fingerprint(lead);
      const old = {
        statusId: lead.statusId,
        pipelineId: lead.pipelineId,
        responsibleUserId: lead.responsibleUserId,
      };
      applyCommon(state, 'leads', lead, common);
      if (write.price !== undefined) lead.price = write.price;
      if (write.loss_reason_id !== undefined) lead.lossReasonId = write.loss_reason_id;
      lead.pipelineId = stage.pipelineId;
      lead.statusId = stage.statusId;
      if (isClosed(lead.statusId) && !isClosed(old.statusId))
        lead.closedAt = write.closed_at ?? now;
      if (!isClosed(lead.statusId)) lead.closedAt = null;
      if (fingerprint(lead) !== before) {
        markUpdated(lead, write.updated_at, now, actorId);
        emitLeadChange(state, lead, old, actorId);
      }
      return { id: lead.id, requestId, updatedAt: lead.updatedAt };
    };
  });
}

/** A status or responsible change is also an update; Kommo fires each subscribed event. */
export function emitLeadChange(
  state: AccountState,
  lead: Lead,
  old: { statusId: number; pipelineId: number; responsibleUserId: number },
  actorId: number,
): void {
  const snapshot = structuredClone(lead);
  if (old.statusId !== lead.statusId || old.pipelineId !== lead.pipelineId) {
    state.emit({ kind: 'lead', action: 'status', lead: snapshot, old, actorId });
  }
  if (old.responsibleUserId !== lead.responsibleUserId) {
    state.emit({ kind: 'lead', action: 'responsible', lead: snapshot, old, actorId });
  }
  state.emit({ kind: 'lead', action: 'update', lead: snapshot, old, actorId });
}
