import type { Prisma } from '@leadpilot/db/client';
import type { RawSql } from '@leadpilot/db/raw-sql';
import { recordActivities, type ActivityInput } from '../activity/record-activity';
import { uuidv7 } from '../ids';
import { enqueueMany, type JobSpec } from '../jobs/enqueue';
import { bulkUpsert, insertNewRows } from '../sync/bulk-upsert';
import { recordTable } from '../sync/records';
import { domainEventJobs, type DomainEventType, type PublishedEvent } from './domain-events';
import { requestLeadRefreshes } from './refresh-lead';
import type {
  CustomFieldFacts,
  KommoFact,
  LeadChange,
  LeadFacts,
  MessageFacts,
  NoteFacts,
  PartyFacts,
  TalkFacts,
  TaskFacts,
  UnsortedFacts,
} from './facts';

/**
 * Applying Kommo facts to the mirror — set-based, a whole webhook batch at a time.
 *
 * A batch of hundreds of deliveries is applied in a fixed number of statements, whatever its size:
 *  1. one query loads what the facts touch (leads, contacts, companies, tasks, talks, unsorted,
 *     users, stage names);
 *  2. the facts are applied in order to that state in memory, exactly as one-by-one application
 *     would (an event older than the mirror changes nothing; a lead added then moved in the same
 *     batch is one created lead and one stage move), collecting the final rows and the effects;
 *  3. one statement per table writes the final rows — conditional on `kommo_updated_at` like the
 *     one-by-one upserts, so a concurrent sync that wrote a newer version is not rolled back — and
 *     the append-only tables (stage history, calls, notes, messages) are inserted with
 *     ON CONFLICT DO NOTHING RETURNING, so an effect tied to a new row (a feed entry, a domain
 *     event) happens only if this run inserted it: a batch that runs again does nothing twice;
 *  4. feed entries, notifications and jobs (domain-event subscribers, lead reads) go out in one
 *     statement each, in fact order.
 * Row-by-row application cost 3–8 round trips per event (~6 ms); this is ~15 per batch.
 */
export interface ApplyContext {
  tx: RawSql;
  orgId: string;
  integrationId: string;
  /** When the delivery arrived: the time of events that carry none. */
  receivedAt: Date;
}

/** One fact of a batch, with the arrival time of its delivery. */
export interface BatchFact {
  fact: KommoFact;
  receivedAt: Date;
}

/** What applying one fact did: a lead whose payload was too thin must be read from Kommo. */
export type ApplyResult = { kind: 'applied' } | { kind: 'needs_fetch'; leadId: number };

/** Applies one fact (a batch of one). Idempotent: it may run twice. */
export async function applyFact(ctx: ApplyContext, fact: KommoFact): Promise<ApplyResult> {
  const [result] = await applyFacts(ctx, [{ fact, receivedAt: ctx.receivedAt }]);
  return result!;
}

const unix = (seconds: number | undefined, fallback: Date) =>
  seconds !== undefined && seconds > 0 ? seconds : Math.floor(fallback.getTime() / 1000);
const toDate = (seconds: number) => new Date(seconds * 1000);

/** Webhook custom fields → the API's `custom_fields_values`, the mirror's one shape. */
function apiCustomFields(fields: CustomFieldFacts[] | undefined) {
  return (fields ?? []).map((f) => ({
    field_id: f.id,
    field_name: f.name ?? null,
    field_code: f.code ?? null,
    values: f.values.map((v) => ({ value: v.value, ...(v.enumId ? { enum_id: v.enumId } : {}) })),
  }));
}
const valuesWithCode = (fields: CustomFieldFacts[] | undefined, code: string) =>
  (fields ?? []).filter((f) => f.code === code).flatMap((f) => f.values.map((v) => v.value));

// ---------------------------------------------------------------- state loaded for a batch

interface LeadState {
  name: string;
  status: number | null;
  pipeline: number | null;
  updatedMs: number;
  removed: boolean;
  company: number | null;
  contacts: number[];
}
interface PartyState {
  updatedMs: number;
  removed: boolean;
}
interface TaskState {
  responsible: number | null;
  completed: boolean;
  updatedMs: number;
  removed: boolean;
}
interface TalkState {
  lead: number | null;
  inWork: boolean;
  read: boolean;
}
interface UnsortedState {
  lead: number | null;
  status: string;
  decidedAt: string | null;
}
interface Loaded {
  leads: (LeadState & { id: number })[];
  contacts: (PartyState & { id: number })[];
  companies: (PartyState & { id: number })[];
  tasks: (TaskState & { id: number })[];
  talks: (TalkState & { id: number })[];
  unsorted: (UnsortedState & { uid: string })[];
  users: { id: number; name: string; userId: string | null }[];
  stages: { pipeline: number; id: number; name: string }[];
}

const unique = <T>(values: T[]) => [...new Set(values)];

/** One round trip: the current rows of everything the batch's facts name. */
async function load(tx: RawSql, integrationId: string, facts: KommoFact[]): Promise<Loaded> {
  const leadIds: number[] = [];
  const contactIds: number[] = [];
  const companyIds: number[] = [];
  const taskIds: number[] = [];
  const talkIds: number[] = [];
  const uids: string[] = [];
  const userIds: number[] = [];
  const pipelines: number[] = [];
  for (const f of facts) {
    switch (f.type) {
      case 'lead':
        leadIds.push(f.lead.id);
        if (f.lead.modifiedUserId) userIds.push(f.lead.modifiedUserId);
        if (f.lead.pipelineId !== undefined) pipelines.push(f.lead.pipelineId);
        if (f.lead.oldPipelineId !== undefined) pipelines.push(f.lead.oldPipelineId);
        break;
      case 'party':
        (f.party.kind === 'contact' ? contactIds : companyIds).push(f.party.id);
        break;
      case 'task':
        taskIds.push(f.task.id);
        if (f.task.responsibleUserId !== undefined) userIds.push(f.task.responsibleUserId);
        break;
      case 'note':
        if (f.note.entityType === 'leads') leadIds.push(f.note.entityId);
        break;
      case 'message':
        if (f.message.leadId === undefined && f.message.talkId !== undefined)
          talkIds.push(f.message.talkId);
        break;
      case 'talk':
        talkIds.push(f.talk.id);
        break;
      case 'unsorted':
        uids.push(f.unsorted.uid);
        break;
    }
  }
  const ms = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
  const [row] = await tx.$queryRawUnsafe<{ state: Loaded }[]>(
    `SELECT json_build_object(
       'leads', (SELECT coalesce(json_agg(json_build_object('id', kommo_id, 'name', name,
                   'status', status_kommo_id, 'pipeline', pipeline_kommo_id,
                   'updatedMs', ${ms('kommo_updated_at')}, 'removed', removed_at IS NOT NULL,
                   'company', company_kommo_id, 'contacts', contact_kommo_ids)), '[]')
                   FROM kommo_leads WHERE integration_id = $1::uuid AND kommo_id = ANY($2::int[])),
       'contacts', (SELECT coalesce(json_agg(json_build_object('id', kommo_id,
                   'updatedMs', ${ms('kommo_updated_at')}, 'removed', removed_at IS NOT NULL)), '[]')
                   FROM kommo_contacts WHERE integration_id = $1::uuid AND kommo_id = ANY($3::int[])),
       'companies', (SELECT coalesce(json_agg(json_build_object('id', kommo_id,
                   'updatedMs', ${ms('kommo_updated_at')}, 'removed', removed_at IS NOT NULL)), '[]')
                   FROM kommo_companies WHERE integration_id = $1::uuid AND kommo_id = ANY($4::int[])),
       'tasks', (SELECT coalesce(json_agg(json_build_object('id', kommo_id,
                   'responsible', responsible_kommo_id, 'completed', is_completed,
                   'updatedMs', ${ms('kommo_updated_at')}, 'removed', removed_at IS NOT NULL)), '[]')
                   FROM kommo_tasks WHERE integration_id = $1::uuid AND kommo_id = ANY($5::int[])),
       'talks', (SELECT coalesce(json_agg(json_build_object('id', talk_kommo_id,
                   'lead', lead_kommo_id, 'inWork', is_in_work, 'read', is_read)), '[]')
                   FROM kommo_talks WHERE integration_id = $1::uuid AND talk_kommo_id = ANY($6::int[])),
       'unsorted', (SELECT coalesce(json_agg(json_build_object('uid', uid, 'lead', lead_kommo_id,
                   'status', status, 'decidedAt', decided_at)), '[]')
                   FROM kommo_unsorted WHERE integration_id = $1::uuid AND uid = ANY($7::text[])),
       'users', (SELECT coalesce(json_agg(json_build_object('id', kommo_id, 'name', name,
                   'userId', user_id)), '[]')
                   FROM kommo_users WHERE integration_id = $1::uuid AND kommo_id = ANY($8::int[])),
       'stages', (SELECT coalesce(json_agg(json_build_object('pipeline', pipeline_kommo_id,
                   'id', kommo_id, 'name', name)), '[]')
                   FROM kommo_stages WHERE integration_id = $1::uuid
                    AND (pipeline_kommo_id = ANY($9::int[])
                         OR pipeline_kommo_id IN (SELECT pipeline_kommo_id FROM kommo_leads
                              WHERE integration_id = $1::uuid AND kommo_id = ANY($2::int[]))))
     ) AS state`,
    integrationId,
    unique(leadIds),
    unique(contactIds),
    unique(companyIds),
    unique(taskIds),
    unique(talkIds),
    unique(uids),
    unique(userIds),
    unique(pipelines),
  );
  return row!.state;
}

// ---------------------------------------------------------------- what a batch writes

/** A row plan per entity: the final full row, a stage-only move, a removal. */
interface LeadPlan {
  full?: Record<string, unknown> & {
    status_kommo_id: number | null;
    pipeline_kommo_id: number | null;
  };
  thin?: { status: number | null; pipeline: number | null; updatedAt: number };
  removedAt?: Date | undefined;
}
interface RowPlan {
  full?: Record<string, unknown>;
  removedAt?: Date | undefined;
}

/** An effect that happens only if the row it is tied to was inserted by this run. */
type Guard = { table: 'stage' | 'call' | 'note' | 'message'; key: string } | null;
type Effect =
  | { kind: 'event'; guard: Guard; event: PublishedEvent }
  | { kind: 'activity'; guard: Guard; entry: ActivityInput }
  | { kind: 'notification'; row: Record<string, unknown> };

class Batch {
  readonly leads = new Map<number, LeadState>();
  readonly parties = {
    contact: new Map<number, PartyState>(),
    company: new Map<number, PartyState>(),
  };
  readonly tasks = new Map<number, TaskState>();
  readonly talks = new Map<number, TalkState>();
  readonly unsorted = new Map<string, UnsortedState>();
  readonly users = new Map<number, { name: string; userId: string | null }>();
  readonly stages = new Map<string, string>();

  readonly leadPlans = new Map<number, LeadPlan>();
  readonly partyPlans = {
    contact: new Map<number, RowPlan>(),
    company: new Map<number, RowPlan>(),
  };
  readonly taskPlans = new Map<number, RowPlan>();
  readonly talkRows = new Map<number, Record<string, unknown>>();
  readonly unsortedRows = new Map<string, Record<string, unknown>>();
  readonly stageRows = new Map<string, Record<string, unknown>>();
  readonly callRows = new Map<string, Record<string, unknown>>();
  readonly noteRows = new Map<string, Record<string, unknown>>();
  readonly messageRows = new Map<string, Record<string, unknown>>();
  readonly effects: Effect[] = [];
  readonly refresh = new Set<number>();
  latest = new Date(0);

  constructor(
    readonly ctx: Omit<ApplyContext, 'receivedAt'>,
    loaded: Loaded,
  ) {
    for (const l of loaded.leads) this.leads.set(l.id, l);
    for (const c of loaded.contacts) this.parties.contact.set(c.id, c);
    for (const c of loaded.companies) this.parties.company.set(c.id, c);
    for (const t of loaded.tasks) this.tasks.set(t.id, t);
    for (const t of loaded.talks) this.talks.set(t.id, t);
    for (const u of loaded.unsorted) this.unsorted.set(u.uid, u);
    for (const u of loaded.users) this.users.set(u.id, u);
    for (const s of loaded.stages) this.stages.set(`${s.pipeline}:${s.id}`, s.name);
  }

  publish(
    type: DomainEventType,
    subjectType: string,
    subjectId: string | number,
    data: Record<string, unknown> = {},
    guard: Guard = null,
  ) {
    this.effects.push({
      kind: 'event',
      guard,
      event: { type, subject: { type: subjectType, id: String(subjectId) }, data },
    });
  }

  activity(entry: Omit<ActivityInput, 'orgId' | 'integrationId'>, guard: Guard = null) {
    this.effects.push({
      kind: 'activity',
      guard,
      entry: {
        ...entry,
        orgId: this.ctx.orgId,
        integrationId: this.ctx.integrationId,
      } as ActivityInput,
    });
  }

  apply(fact: KommoFact, receivedAt: Date): ApplyResult {
    if (receivedAt > this.latest) this.latest = receivedAt;
    switch (fact.type) {
      case 'lead':
        return this.lead(fact.change, fact.lead, receivedAt);
      case 'party':
        this.party(fact.change, fact.party, receivedAt);
        break;
      case 'task':
        this.task(fact.change, fact.task, receivedAt);
        break;
      case 'note':
        this.note(fact.note, receivedAt);
        break;
      case 'message':
        this.message(fact.message, receivedAt);
        break;
      case 'talk':
        this.talk(fact.talk, receivedAt);
        break;
      case 'unsorted':
        this.unsortedFact(fact.unsorted, receivedAt);
        break;
    }
    return { kind: 'applied' };
  }

  private leadPlan(id: number) {
    let plan = this.leadPlans.get(id);
    if (!plan) this.leadPlans.set(id, (plan = {}));
    return plan;
  }

  private lead(change: LeadChange, lead: LeadFacts, receivedAt: Date): ApplyResult {
    const before = this.leads.get(lead.id);
    if (change === 'deleted') {
      if (before && !before.removed) {
        before.removed = true;
        this.leadPlan(lead.id).removedAt = receivedAt;
        this.publish('lead.deleted', 'lead', lead.id);
      }
      return { kind: 'applied' };
    }

    const updatedAt = unix(lead.updatedAt, receivedAt);
    // Not older than the mirror (a late delivery is never a move, nor a change of the row).
    const current = !before || before.updatedMs <= updatedAt * 1000;
    // The stage history is kept even from a thin (Digital-Pipeline) payload.
    const fromStatus = lead.oldStatusId ?? (current ? before?.status : undefined) ?? undefined;
    const fromPipeline = lead.oldPipelineId ?? before?.pipeline ?? undefined;
    if (lead.statusId !== undefined && fromStatus !== undefined && fromStatus !== lead.statusId) {
      const changedAt = toDate(updatedAt);
      const key = `${lead.id}:${changedAt.getTime()}:${lead.statusId}`;
      if (!this.stageRows.has(key)) {
        const pipeline = lead.pipelineId ?? fromPipeline ?? null;
        this.stageRows.set(key, {
          id: uuidv7(),
          lead_kommo_id: lead.id,
          from_pipeline_kommo_id: fromPipeline ?? null,
          from_status_kommo_id: fromStatus,
          to_pipeline_kommo_id: pipeline,
          to_status_kommo_id: lead.statusId,
          changed_by_kommo_id: lead.modifiedUserId ? lead.modifiedUserId : null,
          changed_at: changedAt.toISOString(),
          source: 'webhook',
        });
        const guard = { table: 'stage', key } as const;
        this.publish(
          'lead.stage_changed',
          'lead',
          lead.id,
          {
            fromStatusId: fromStatus,
            toStatusId: lead.statusId,
            pipelineId: pipeline,
            byKommoUserId: lead.modifiedUserId || null,
          },
          guard,
        );
        const stage = (p: number | null, s: number | undefined) =>
          s === undefined ? null : (this.stages.get(`${p}:${s}`) ?? null);
        this.activity(
          {
            type: 'lead.stage_changed',
            params: {
              leadName: lead.name ?? before?.name ?? `#${lead.id}`,
              stage: stage(pipeline, lead.statusId) ?? `#${lead.statusId}`,
              fromStage: stage(fromPipeline ?? pipeline, fromStatus),
              by: (lead.modifiedUserId && this.users.get(lead.modifiedUserId)?.name) || null,
            },
            subject: { type: 'lead', id: String(lead.id) },
          },
          guard,
        );
      }
    }

    if (lead.name === undefined) {
      // Too thin to mirror (Digital-Pipeline short form): move the stage we know, read the rest.
      if (before && lead.statusId !== undefined && current) {
        before.status = lead.statusId;
        if (lead.pipelineId !== undefined) before.pipeline = lead.pipelineId;
        const plan = this.leadPlan(lead.id);
        if (plan.full) {
          plan.full.status_kommo_id = before.status;
          plan.full.pipeline_kommo_id = before.pipeline;
        } else plan.thin = { status: before.status, pipeline: before.pipeline, updatedAt };
      }
      this.refresh.add(lead.id);
      return { kind: 'needs_fetch', leadId: lead.id };
    }

    const row = {
      kommo_id: lead.id,
      name: lead.name,
      price: lead.price ?? null,
      pipeline_kommo_id: lead.pipelineId ?? before?.pipeline ?? null,
      status_kommo_id: lead.statusId ?? before?.status ?? null,
      responsible_kommo_id: lead.responsibleUserId ?? null,
      // webhooks do not carry links: keep what the sync or a read found
      company_kommo_id: before?.company ?? null,
      contact_kommo_ids: before?.contacts ?? [],
      tags: (lead.tags ?? []).map((t) => ({ id: t.id ?? null, name: t.name })),
      custom_fields: apiCustomFields(lead.customFields),
      kommo_created_at: unix(lead.createdAt, receivedAt),
      kommo_updated_at: updatedAt,
      closed_at: null,
    };
    if (current) {
      this.leads.set(lead.id, {
        name: row.name,
        status: row.status_kommo_id,
        pipeline: row.pipeline_kommo_id,
        updatedMs: updatedAt * 1000,
        removed: false,
        company: row.company_kommo_id,
        contacts: row.contact_kommo_ids,
      });
      const plan = this.leadPlan(lead.id);
      plan.full = row;
      plan.thin = undefined;
      plan.removedAt = undefined;
    }
    const type = leadEventType(change, !before);
    if (type) this.publish(type, 'lead', lead.id, { name: lead.name });
    if (
      change === 'responsible' ||
      (lead.oldResponsibleUserId !== undefined &&
        lead.oldResponsibleUserId !== lead.responsibleUserId)
    )
      this.publish('lead.responsible_changed', 'lead', lead.id, {
        from: lead.oldResponsibleUserId ?? null,
        to: lead.responsibleUserId ?? null,
      });
    return { kind: 'applied' };
  }

  private party(
    change: 'added' | 'updated' | 'deleted' | 'restored',
    party: PartyFacts,
    receivedAt: Date,
  ) {
    const states = this.parties[party.kind];
    const plans = this.partyPlans[party.kind];
    const before = states.get(party.id);
    if (change === 'deleted') {
      if (!before?.removed) {
        if (before) before.removed = true;
        plans.set(party.id, { ...plans.get(party.id), removedAt: receivedAt });
      }
      return;
    }
    if (party.name === undefined) return; // nothing to mirror; the next sync reconciles
    const updatedAt = unix(party.updatedAt, receivedAt);
    const base = {
      kommo_id: party.id,
      name: party.name,
      responsible_kommo_id: party.responsibleUserId ?? null,
      custom_fields: apiCustomFields(party.customFields),
      kommo_created_at: unix(party.createdAt, receivedAt),
      kommo_updated_at: updatedAt,
    };
    const row =
      party.kind === 'contact'
        ? {
            ...base,
            phones: valuesWithCode(party.customFields, 'PHONE'),
            emails: valuesWithCode(party.customFields, 'EMAIL'),
          }
        : base;
    if (!before || before.updatedMs <= updatedAt * 1000) {
      states.set(party.id, { updatedMs: updatedAt * 1000, removed: false });
      plans.set(party.id, { full: row });
    }
    const created = !before;
    this.publish(
      party.kind === 'contact'
        ? created
          ? 'contact.created'
          : 'contact.updated'
        : created
          ? 'company.created'
          : 'company.updated',
      party.kind,
      party.id,
      { name: party.name },
    );
  }

  private task(change: 'added' | 'updated' | 'deleted', t: TaskFacts, receivedAt: Date) {
    const before = this.tasks.get(t.id);
    if (change === 'deleted') {
      if (before && !before.removed) {
        before.removed = true;
        this.taskPlans.set(t.id, { ...this.taskPlans.get(t.id), removedAt: receivedAt });
      }
      return;
    }
    const entityType = t.entityType ?? null;
    const updatedAt = unix(t.updatedAt ?? t.createdAt, receivedAt);
    const row = {
      kommo_id: t.id,
      text: t.text ?? '',
      task_type_id: t.taskTypeId ?? null,
      entity_type: entityType,
      entity_kommo_id: t.entityId ?? null,
      responsible_kommo_id: t.responsibleUserId ?? null,
      complete_till: t.completeTill ?? null,
      is_completed: t.isCompleted ?? false,
      result_text: t.resultText ?? null,
      kommo_created_at: unix(t.createdAt, receivedAt),
      kommo_updated_at: updatedAt,
    };
    if (!before || before.updatedMs <= updatedAt * 1000) {
      this.tasks.set(t.id, {
        responsible: row.responsible_kommo_id,
        completed: row.is_completed,
        updatedMs: updatedAt * 1000,
        removed: false,
      });
      this.taskPlans.set(t.id, { full: row });
    }
    const leadId = entityType === 'leads' ? (t.entityId ?? null) : null;
    const data = { text: t.text ?? '', leadId, responsibleKommoId: t.responsibleUserId ?? null };
    if (!before) this.publish('task.created', 'task', t.id, data);
    else if (t.isCompleted && !before.completed)
      this.publish('task.completed', 'task', t.id, { ...data, result: t.resultText ?? null });
    else this.publish('task.updated', 'task', t.id, data);

    // The teammate it is (newly) assigned to hears about it — once per assignment: a delivery
    // processed again finds the task already assigned.
    const assignedNow =
      t.responsibleUserId !== undefined &&
      !t.isCompleted &&
      (!before || before.responsible !== t.responsibleUserId);
    if (!assignedNow) return;
    const assignee = this.users.get(t.responsibleUserId!);
    this.activity({
      userId: assignee?.userId ?? null,
      type: 'task.assigned',
      params: { text: (t.text ?? '').slice(0, 1000), assignee: assignee?.name ?? null },
      subject: leadId ? { type: 'lead', id: String(leadId) } : { type: 'task', id: String(t.id) },
    });
    if (assignee?.userId)
      this.effects.push({
        kind: 'notification',
        row: {
          id: uuidv7(),
          user_id: assignee.userId,
          kind: 'task.assigned',
          params: {
            text: t.text ?? '',
            leadId,
            completeTill: t.completeTill ?? null,
          } satisfies Prisma.InputJsonValue,
          subject_type: leadId ? 'lead' : 'task',
          subject_id: String(leadId ?? t.id),
          dedupe_key: `task:${this.ctx.integrationId}:${t.id}:${t.responsibleUserId}`,
        },
      });
  }

  private note(note: NoteFacts, receivedAt: Date) {
    const leadId = note.entityType === 'leads' ? note.entityId : null;
    const at = toDate(unix(note.createdAt, receivedAt)).toISOString();
    const key = String(note.id);
    if (note.noteType === 'call_in' || note.noteType === 'call_out') {
      if (this.callRows.has(key)) return;
      const direction = note.noteType === 'call_in' ? 'in' : 'out';
      const duration = note.call?.durationSeconds ?? 0;
      const status = note.call?.callStatus ?? null;
      const missed =
        direction === 'in' && (duration === 0 || (status !== null && MISSED_STATUSES.has(status)));
      const id = uuidv7();
      this.callRows.set(key, {
        id,
        note_kommo_id: note.id,
        entity_type: note.entityType,
        entity_kommo_id: note.entityId,
        lead_kommo_id: leadId,
        direction,
        call_status: status,
        duration_seconds: duration,
        phone: note.call?.phone ?? null,
        recording_url: note.call?.link ?? null,
        responsible_kommo_id: note.responsibleUserId ?? note.authorUserId ?? null,
        missed,
        called_at: at,
      });
      const guard = { table: 'call', key } as const;
      if (missed)
        this.activity(
          {
            type: 'call.missed',
            params: {
              phone: note.call?.phone ?? null,
              leadName: (leadId !== null && this.leads.get(leadId)?.name) || null,
            },
            subject: leadId ? { type: 'lead', id: String(leadId) } : { type: 'call', id },
          },
          guard,
        );
      this.publish(
        missed ? 'call.missed' : 'call.ended',
        'call',
        id,
        { leadId, direction, phone: note.call?.phone ?? null, durationSeconds: duration },
        guard,
      );
      return;
    }
    if (this.noteRows.has(key)) return;
    this.noteRows.set(key, {
      id: uuidv7(),
      note_kommo_id: note.id,
      entity_type: note.entityType,
      entity_kommo_id: note.entityId,
      lead_kommo_id: leadId,
      note_type: note.noteType,
      text: note.text ?? '',
      author_kommo_id: note.authorUserId ?? null,
      noted_at: at,
    });
    this.publish(
      'note.added',
      'note',
      note.id,
      { leadId, noteType: note.noteType },
      { table: 'note', key },
    );
  }

  private message(m: MessageFacts, receivedAt: Date) {
    if (this.messageRows.has(m.id)) return;
    let leadId = m.leadId ?? null;
    if (leadId === null && m.talkId !== undefined) leadId = this.talks.get(m.talkId)?.lead ?? null;
    this.messageRows.set(m.id, {
      id: uuidv7(),
      message_kommo_id: m.id,
      chat_id: m.chatId ?? null,
      talk_kommo_id: m.talkId ?? null,
      contact_kommo_id: m.contactId ?? null,
      lead_kommo_id: leadId,
      direction: m.direction,
      origin: m.origin ?? null,
      author_name: m.authorName ?? null,
      text: m.text,
      attachments: (m.attachments ?? []).map((a) => ({
        type: a.type ?? null,
        link: a.link ?? null,
        fileName: a.fileName ?? null,
      })),
      sent_at: toDate(unix(m.createdAt, receivedAt)).toISOString(),
    });
    this.publish(
      m.direction === 'in' ? 'message.received' : 'message.sent',
      'message',
      m.id,
      { leadId, origin: m.origin ?? null, text: m.text.slice(0, 500) },
      { table: 'message', key: m.id },
    );
  }

  private talk(t: TalkFacts, receivedAt: Date) {
    const at = toDate(unix(t.updatedAt ?? t.createdAt, receivedAt)).toISOString();
    const before = this.talks.get(t.id);
    const isInWork = t.isInWork ?? true;
    const state: TalkState = before
      ? { lead: t.leadId ?? before.lead, inWork: isInWork, read: t.isRead ?? before.read }
      : { lead: t.leadId ?? null, inWork: isInWork, read: t.isRead ?? false };
    this.talks.set(t.id, state);
    // The columns set on creation only come from the event that created the row.
    const created = this.talkRows.get(t.id);
    this.talkRows.set(t.id, {
      id: created?.id ?? uuidv7(),
      talk_kommo_id: t.id,
      chat_id: created ? created.chat_id : (t.chatId ?? null),
      contact_kommo_id: created ? created.contact_kommo_id : (t.contactId ?? null),
      origin: created ? created.origin : (t.origin ?? null),
      opened_at: created ? created.opened_at : toDate(unix(t.createdAt, receivedAt)).toISOString(),
      lead_kommo_id: state.lead,
      is_in_work: state.inWork,
      is_read: state.read,
      closed_at: isInWork ? null : at,
      updated_at: at,
    });
    const opened = !before && isInWork;
    const closed = before?.inWork !== false && !isInWork;
    if (opened || closed)
      this.publish(opened ? 'talk.opened' : 'talk.closed', 'talk', t.id, {
        leadId: t.leadId ?? null,
      });
  }

  private unsortedFact(u: UnsortedFacts, receivedAt: Date) {
    const at = toDate(unix(u.at, receivedAt)).toISOString();
    const status =
      u.action === 'accept' ? 'accepted' : u.action === 'decline' ? 'declined' : 'pending';
    const before = this.unsorted.get(u.uid);
    if (u.action === 'delete' && !before) return;
    const created = this.unsortedRows.get(u.uid);
    let state: UnsortedState;
    if (!before) {
      state = { lead: u.leadId ?? null, status, decidedAt: status === 'pending' ? null : at };
    } else {
      state = { ...before, lead: u.leadId ?? before.lead };
      if (u.action !== 'add') {
        state.status = status;
        state.decidedAt = status === 'pending' ? null : at;
      }
    }
    this.unsorted.set(u.uid, state);
    this.unsortedRows.set(u.uid, {
      id: created?.id ?? uuidv7(),
      uid: u.uid,
      category: created ? created.category : (u.category ?? null),
      source_name: created ? created.source_name : (u.sourceName ?? null),
      received_at: created ? created.received_at : at,
      lead_kommo_id: state.lead,
      status: state.status,
      decided_at: state.decidedAt,
    });
    if (before?.status !== status) {
      const type: DomainEventType =
        status === 'accepted'
          ? 'unsorted.accepted'
          : status === 'declined'
            ? 'unsorted.declined'
            : 'unsorted.received';
      this.publish(type, 'unsorted', u.uid, { leadId: u.leadId ?? null });
    }
  }

  /** Writes the final rows, then the effects of what was new. */
  async write(): Promise<void> {
    const { tx, integrationId } = this.ctx;
    const syncedAt = this.latest;

    // Mirrors: the final version of each row (older than the stored one: not written).
    const fullLeads = [...this.leadPlans.values()].flatMap((p) => (p.full ? [p.full] : []));
    const leads = recordTable('leads');
    await bulkUpsert(tx, leads.table, leads.columns, integrationId, fullLeads, syncedAt, {
      onlyIfNewer: true,
    });
    const moves = [...this.leadPlans.entries()].flatMap(([id, p]) =>
      p.thin ? [{ kommo_id: id, ...p.thin }] : [],
    );
    if (moves.length)
      await tx.$executeRawUnsafe(
        `UPDATE kommo_leads l
            SET status_kommo_id = m.status, pipeline_kommo_id = coalesce(m.pipeline, l.pipeline_kommo_id)
           FROM jsonb_to_recordset($2::jsonb) AS m(kommo_id int, status int, pipeline int, "updatedAt" bigint)
          WHERE l.integration_id = $1::uuid AND l.kommo_id = m.kommo_id
            AND l.kommo_updated_at <= to_timestamp(m."updatedAt")`,
        integrationId,
        JSON.stringify(moves),
      );
    await this.remove('kommo_leads', this.leadPlans);
    for (const kind of ['contact', 'company'] as const) {
      const { table, columns } = recordTable(kind === 'contact' ? 'contacts' : 'companies');
      const plans = this.partyPlans[kind];
      await bulkUpsert(tx, table, columns, integrationId, fullRows(plans), syncedAt, {
        onlyIfNewer: true,
      });
      await this.remove(table, plans);
    }
    const tasks = recordTable('tasks');
    await bulkUpsert(
      tx,
      tasks.table,
      tasks.columns,
      integrationId,
      fullRows(this.taskPlans),
      syncedAt,
      {
        onlyIfNewer: true,
      },
    );
    await this.remove(tasks.table, this.taskPlans);
    await this.upsertTalks();
    await this.upsertUnsorted();

    // Append-only tables: what this run inserted decides which effects happen.
    const inserted = {
      stage: await this.insertNew(
        'kommo_lead_stage_changes',
        this.stageRows,
        `lead_kommo_id || ':' || (extract(epoch FROM changed_at) * 1000)::bigint || ':' || to_status_kommo_id`,
      ),
      call: await this.insertNew('kommo_calls', this.callRows, 'note_kommo_id'),
      note: await this.insertNew('kommo_notes', this.noteRows, 'note_kommo_id'),
      message: await this.insertNew('kommo_messages', this.messageRows, 'message_kommo_id'),
    };
    const happens = (guard: Guard) => !guard || inserted[guard.table].has(guard.key);

    const entries: ActivityInput[] = [];
    const events: PublishedEvent[] = [];
    const notifications: Record<string, unknown>[] = [];
    for (const effect of this.effects) {
      if (effect.kind === 'notification') notifications.push(effect.row);
      else if (!happens(effect.guard)) continue;
      else if (effect.kind === 'activity') entries.push(effect.entry);
      else events.push(effect.event);
    }
    if (notifications.length)
      await tx.$executeRawUnsafe(
        `INSERT INTO notifications (id, org_id, user_id, integration_id, kind, params, subject_type,
                                    subject_id, dedupe_key)
         SELECT n.id, $1::uuid, n.user_id, $2::uuid, n.kind, n.params, n.subject_type, n.subject_id,
                n.dedupe_key
           FROM jsonb_to_recordset($3::jsonb) AS n(id uuid, user_id uuid, kind text, params jsonb,
                subject_type text, subject_id text, dedupe_key text)
         ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
        this.ctx.orgId,
        integrationId,
        JSON.stringify(notifications),
      );
    await recordActivities(tx, entries);
    // Thin leads are read from Kommo in batches, by one job per integration.
    await requestLeadRefreshes(tx, integrationId, [...this.refresh]);
    const jobs: JobSpec[] = domainEventJobs({ orgId: this.ctx.orgId, integrationId }, events);
    await enqueueMany(tx, jobs);
  }

  private async remove(table: string, plans: Map<number, { removedAt?: Date | undefined }>) {
    const rows = [...plans.entries()].flatMap(([id, p]) =>
      p.removedAt ? [{ kommo_id: id, at: p.removedAt.toISOString() }] : [],
    );
    if (!rows.length) return;
    await this.ctx.tx.$executeRawUnsafe(
      `UPDATE ${table} t SET removed_at = r.at
         FROM jsonb_to_recordset($2::jsonb) AS r(kommo_id int, at timestamptz)
        WHERE t.integration_id = $1::uuid AND t.kommo_id = r.kommo_id AND t.removed_at IS NULL`,
      this.ctx.integrationId,
      JSON.stringify(rows),
    );
  }

  /** Inserts the rows that are new; returns the keys (`key` over the row) of those it inserted. */
  private insertNew(table: string, rows: Map<string, Record<string, unknown>>, key: string) {
    const integrationId = this.ctx.integrationId;
    return insertNewRows(
      this.ctx.tx,
      table,
      [...rows.values()].map((row) => ({ ...row, integration_id: integrationId })),
      key,
    );
  }

  private async upsertTalks() {
    if (!this.talkRows.size) return;
    await this.ctx.tx.$executeRawUnsafe(
      `INSERT INTO kommo_talks (id, integration_id, talk_kommo_id, chat_id, contact_kommo_id,
                                lead_kommo_id, origin, is_in_work, is_read, opened_at, closed_at,
                                updated_at)
       SELECT t.id, $1::uuid, t.talk_kommo_id, t.chat_id, t.contact_kommo_id,
              t.lead_kommo_id, t.origin, t.is_in_work, t.is_read, t.opened_at, t.closed_at,
              t.updated_at
         FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, talk_kommo_id int, chat_id text,
              contact_kommo_id int, lead_kommo_id int, origin text, is_in_work bool, is_read bool,
              opened_at timestamptz, closed_at timestamptz, updated_at timestamptz)
       ON CONFLICT (integration_id, talk_kommo_id) DO UPDATE
          SET lead_kommo_id = EXCLUDED.lead_kommo_id, is_in_work = EXCLUDED.is_in_work,
              is_read = EXCLUDED.is_read, closed_at = EXCLUDED.closed_at,
              updated_at = EXCLUDED.updated_at`,
      this.ctx.integrationId,
      JSON.stringify([...this.talkRows.values()]),
    );
  }

  private async upsertUnsorted() {
    if (!this.unsortedRows.size) return;
    await this.ctx.tx.$executeRawUnsafe(
      `INSERT INTO kommo_unsorted (id, integration_id, uid, lead_kommo_id, category, source_name,
                                   status, received_at, decided_at)
       SELECT u.id, $1::uuid, u.uid, u.lead_kommo_id, u.category, u.source_name, u.status,
              u.received_at, u.decided_at
         FROM jsonb_to_recordset($2::jsonb) AS u(id uuid, uid text, lead_kommo_id int,
              category text, source_name text, status text, received_at timestamptz,
              decided_at timestamptz)
       ON CONFLICT (integration_id, uid) DO UPDATE
          SET lead_kommo_id = EXCLUDED.lead_kommo_id, status = EXCLUDED.status,
              decided_at = EXCLUDED.decided_at`,
      this.ctx.integrationId,
      JSON.stringify([...this.unsortedRows.values()]),
    );
  }
}

const fullRows = (plans: Map<number, RowPlan>) =>
  [...plans.values()].flatMap((p) => (p.full ? [p.full] : []));

const MISSED_STATUSES = new Set([6]); // no answer (Kommo's call_status 6)

function leadEventType(change: LeadChange, isNew: boolean): DomainEventType | null {
  if (change === 'added' || isNew) return 'lead.created';
  if (change === 'updated' || change === 'restored') return 'lead.updated';
  return null; // status / responsible publish their own
}

/**
 * Applies a batch of facts of one integration, in order, to the mirror, the stage history, the
 * timeline tables, the feed, notifications and domain events — in ~15 statements whatever the
 * batch size (see the top of this file). Idempotent: it may run twice.
 */
export async function applyFacts(
  ctx: Omit<ApplyContext, 'receivedAt'>,
  items: BatchFact[],
): Promise<ApplyResult[]> {
  if (!items.length) return [];
  const batch = new Batch(
    ctx,
    await load(
      ctx.tx,
      ctx.integrationId,
      items.map((i) => i.fact),
    ),
  );
  const results = items.map((item) => batch.apply(item.fact, item.receivedAt));
  await batch.write();
  return results;
}
