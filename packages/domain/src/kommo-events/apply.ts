import type { Prisma, Tx } from '@leadpilot/db/client';
import { recordActivity } from '../activity/record-activity';
import { bulkUpsert } from '../sync/bulk-upsert';
import { recordTable } from '../sync/records';
import { publishDomainEvent, type DomainEventType } from './domain-events';
import type {
  CustomFieldFacts,
  KommoFact,
  LeadChange,
  LeadFacts,
  MessageFacts,
  NoteFacts,
  PartyFacts,
  TaskFacts,
} from './facts';

export interface ApplyContext {
  tx: Tx;
  orgId: string;
  integrationId: string;
  /** When the delivery arrived: the time of events that carry none. */
  receivedAt: Date;
}

/** What applying one fact did: a lead whose payload was too thin must be read from Kommo. */
export type ApplyResult = { kind: 'applied' } | { kind: 'needs_fetch'; leadId: number };

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

/** Applies one fact to the mirror and publishes what it means. Idempotent: it may run twice. */
export async function applyFact(ctx: ApplyContext, fact: KommoFact): Promise<ApplyResult> {
  switch (fact.type) {
    case 'lead':
      return applyLead(ctx, fact.change, fact.lead);
    case 'party':
      await applyParty(ctx, fact.change, fact.party);
      return { kind: 'applied' };
    case 'task':
      await applyTask(ctx, fact.change, fact.task);
      return { kind: 'applied' };
    case 'note':
      await applyNote(ctx, fact.note);
      return { kind: 'applied' };
    case 'message':
      await applyMessage(ctx, fact.message);
      return { kind: 'applied' };
    case 'talk': {
      const t = fact.talk;
      const at = toDate(unix(t.updatedAt ?? t.createdAt, ctx.receivedAt));
      const before = await ctx.tx.kommoTalk.findUnique({
        where: {
          integrationId_talkKommoId: { integrationId: ctx.integrationId, talkKommoId: t.id },
        },
        select: { isInWork: true },
      });
      const isInWork = t.isInWork ?? true;
      await ctx.tx.kommoTalk.upsert({
        where: {
          integrationId_talkKommoId: { integrationId: ctx.integrationId, talkKommoId: t.id },
        },
        create: {
          integrationId: ctx.integrationId,
          talkKommoId: t.id,
          chatId: t.chatId ?? null,
          contactKommoId: t.contactId ?? null,
          leadKommoId: t.leadId ?? null,
          origin: t.origin ?? null,
          isInWork,
          isRead: t.isRead ?? false,
          openedAt: toDate(unix(t.createdAt, ctx.receivedAt)),
          closedAt: isInWork ? null : at,
          updatedAt: at,
        },
        update: {
          ...(t.leadId !== undefined ? { leadKommoId: t.leadId } : {}),
          isInWork,
          ...(t.isRead !== undefined ? { isRead: t.isRead } : {}),
          closedAt: isInWork ? null : at,
          updatedAt: at,
        },
      });
      const opened = !before && isInWork;
      const closed = before?.isInWork !== false && !isInWork;
      if (opened || closed)
        await publish(ctx, opened ? 'talk.opened' : 'talk.closed', 'talk', t.id, {
          leadId: t.leadId ?? null,
        });
      return { kind: 'applied' };
    }
    case 'unsorted': {
      const u = fact.unsorted;
      const at = toDate(unix(u.at, ctx.receivedAt));
      const status =
        u.action === 'accept' ? 'accepted' : u.action === 'decline' ? 'declined' : 'pending';
      const before = await ctx.tx.kommoUnsorted.findUnique({
        where: { integrationId_uid: { integrationId: ctx.integrationId, uid: u.uid } },
        select: { status: true },
      });
      if (u.action === 'delete' && !before) return { kind: 'applied' };
      await ctx.tx.kommoUnsorted.upsert({
        where: { integrationId_uid: { integrationId: ctx.integrationId, uid: u.uid } },
        create: {
          integrationId: ctx.integrationId,
          uid: u.uid,
          leadKommoId: u.leadId ?? null,
          category: u.category ?? null,
          sourceName: u.sourceName ?? null,
          status,
          receivedAt: at,
          decidedAt: status === 'pending' ? null : at,
        },
        update: {
          ...(u.leadId !== undefined ? { leadKommoId: u.leadId } : {}),
          ...(u.action === 'add' ? {} : { status, decidedAt: status === 'pending' ? null : at }),
        },
      });
      if (before?.status !== status) {
        const type: DomainEventType =
          status === 'accepted'
            ? 'unsorted.accepted'
            : status === 'declined'
              ? 'unsorted.declined'
              : 'unsorted.received';
        await publish(ctx, type, 'unsorted', u.uid, { leadId: u.leadId ?? null });
      }
      return { kind: 'applied' };
    }
  }
}

async function publish(
  ctx: ApplyContext,
  type: DomainEventType,
  subjectType: string,
  subjectId: string | number,
  data: Record<string, unknown> = {},
) {
  await publishDomainEvent(ctx.tx, {
    type,
    orgId: ctx.orgId,
    integrationId: ctx.integrationId,
    subject: { type: subjectType, id: String(subjectId) },
    data,
  });
}

async function applyLead(
  ctx: ApplyContext,
  change: LeadChange,
  lead: LeadFacts,
): Promise<ApplyResult> {
  const { tx, integrationId } = ctx;
  const where = { integrationId_kommoId: { integrationId, kommoId: lead.id } };
  const before = await tx.kommoLead.findUnique({
    where,
    select: {
      statusKommoId: true,
      pipelineKommoId: true,
      kommoUpdatedAt: true,
      removedAt: true,
      companyKommoId: true,
      contactKommoIds: true,
    },
  });

  if (change === 'deleted') {
    if (before && !before.removedAt) {
      await tx.kommoLead.update({ where, data: { removedAt: ctx.receivedAt } });
      await publish(ctx, 'lead.deleted', 'lead', lead.id);
    }
    return { kind: 'applied' };
  }

  const updatedAt = unix(lead.updatedAt, ctx.receivedAt);
  // The stage history is kept even from a thin (Digital-Pipeline) payload.
  // (from the mirror only when this event is not older than it: a late delivery is no move)
  const current = !before || before.kommoUpdatedAt.getTime() <= updatedAt * 1000;
  const fromStatus = lead.oldStatusId ?? (current ? before?.statusKommoId : undefined) ?? undefined;
  const fromPipeline = lead.oldPipelineId ?? before?.pipelineKommoId ?? undefined;
  if (lead.statusId !== undefined && fromStatus !== undefined && fromStatus !== lead.statusId) {
    const inserted = await tx.kommoLeadStageChange.createMany({
      data: {
        integrationId,
        leadKommoId: lead.id,
        fromPipelineKommoId: fromPipeline ?? null,
        fromStatusKommoId: fromStatus,
        toPipelineKommoId: lead.pipelineId ?? fromPipeline ?? null,
        toStatusKommoId: lead.statusId,
        changedByKommoId: lead.modifiedUserId ? lead.modifiedUserId : null,
        changedAt: toDate(updatedAt),
        source: 'webhook',
      },
      skipDuplicates: true,
    });
    if (inserted.count) {
      await publish(ctx, 'lead.stage_changed', 'lead', lead.id, {
        fromStatusId: fromStatus,
        toStatusId: lead.statusId,
        pipelineId: lead.pipelineId ?? fromPipeline ?? null,
        byKommoUserId: lead.modifiedUserId || null,
      });
      const names = await stageNames(ctx, lead, fromStatus, fromPipeline);
      await recordActivity(tx, {
        orgId: ctx.orgId,
        integrationId,
        type: 'lead.stage_changed',
        params: {
          leadName: lead.name ?? names.leadName ?? `#${lead.id}`,
          stage: names.to ?? `#${lead.statusId}`,
          fromStage: names.from,
          by: names.by,
        },
        subject: { type: 'lead', id: String(lead.id) },
      });
    }
  }

  if (lead.name === undefined) {
    // Too thin to mirror (Digital-Pipeline short form): move the stage we know, read the rest.
    if (before && lead.statusId !== undefined)
      await tx.kommoLead.updateMany({
        where: { integrationId, kommoId: lead.id, kommoUpdatedAt: { lte: toDate(updatedAt) } },
        data: {
          statusKommoId: lead.statusId,
          ...(lead.pipelineId !== undefined ? { pipelineKommoId: lead.pipelineId } : {}),
        },
      });
    return { kind: 'needs_fetch', leadId: lead.id };
  }

  const { table, columns } = recordTable('leads');
  await bulkUpsert(
    tx,
    table,
    columns,
    integrationId,
    [
      {
        kommo_id: lead.id,
        name: lead.name,
        price: lead.price ?? null,
        pipeline_kommo_id: lead.pipelineId ?? before?.pipelineKommoId ?? null,
        status_kommo_id: lead.statusId ?? before?.statusKommoId ?? null,
        responsible_kommo_id: lead.responsibleUserId ?? null,
        // webhooks do not carry links: keep what the sync or a read found
        company_kommo_id: before?.companyKommoId ?? null,
        contact_kommo_ids: before?.contactKommoIds ?? [],
        tags: (lead.tags ?? []).map((t) => ({ id: t.id ?? null, name: t.name })),
        custom_fields: apiCustomFields(lead.customFields),
        kommo_created_at: unix(lead.createdAt, ctx.receivedAt),
        kommo_updated_at: updatedAt,
        closed_at: null,
      },
    ],
    ctx.receivedAt,
    { onlyIfNewer: true },
  );
  const type = leadEventType(change, !before);
  if (type) await publish(ctx, type, 'lead', lead.id, { name: lead.name });
  if (
    change === 'responsible' ||
    (lead.oldResponsibleUserId !== undefined &&
      lead.oldResponsibleUserId !== lead.responsibleUserId)
  )
    await publish(ctx, 'lead.responsible_changed', 'lead', lead.id, {
      from: lead.oldResponsibleUserId ?? null,
      to: lead.responsibleUserId ?? null,
    });
  return { kind: 'applied' };
}

function leadEventType(change: LeadChange, isNew: boolean): DomainEventType | null {
  if (change === 'added' || isNew) return 'lead.created';
  if (change === 'updated' || change === 'restored') return 'lead.updated';
  return null; // status / responsible publish their own
}

async function applyParty(
  ctx: ApplyContext,
  change: 'added' | 'updated' | 'deleted' | 'restored',
  party: PartyFacts,
) {
  const { tx, integrationId } = ctx;
  const resource = party.kind === 'contact' ? 'contacts' : 'companies';
  const { table, columns } = recordTable(resource);
  if (change === 'deleted') {
    await tx.$executeRawUnsafe(
      `UPDATE ${table} SET removed_at = $3 WHERE integration_id = $1::uuid AND kommo_id = $2 AND removed_at IS NULL`,
      integrationId,
      party.id,
      ctx.receivedAt,
    );
    return;
  }
  if (party.name === undefined) return; // nothing to mirror; the next sync reconciles
  const base = {
    kommo_id: party.id,
    name: party.name,
    responsible_kommo_id: party.responsibleUserId ?? null,
    custom_fields: apiCustomFields(party.customFields),
    kommo_created_at: unix(party.createdAt, ctx.receivedAt),
    kommo_updated_at: unix(party.updatedAt, ctx.receivedAt),
  };
  const row =
    party.kind === 'contact'
      ? {
          ...base,
          phones: valuesWithCode(party.customFields, 'PHONE'),
          emails: valuesWithCode(party.customFields, 'EMAIL'),
        }
      : base;
  const { created } = await bulkUpsert(tx, table, columns, integrationId, [row], ctx.receivedAt, {
    onlyIfNewer: true,
  });
  await publish(
    ctx,
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

async function applyTask(ctx: ApplyContext, change: 'added' | 'updated' | 'deleted', t: TaskFacts) {
  const { tx, integrationId } = ctx;
  const where = { integrationId_kommoId: { integrationId, kommoId: t.id } };
  const before = await tx.kommoTask.findUnique({
    where,
    select: { responsibleKommoId: true, isCompleted: true, removedAt: true },
  });
  if (change === 'deleted') {
    if (before && !before.removedAt)
      await tx.kommoTask.update({ where, data: { removedAt: ctx.receivedAt } });
    return;
  }
  const { table, columns } = recordTable('tasks');
  const entityType = t.entityType ?? null;
  await bulkUpsert(
    tx,
    table,
    columns,
    integrationId,
    [
      {
        kommo_id: t.id,
        text: t.text ?? '',
        task_type_id: t.taskTypeId ?? null,
        entity_type: entityType,
        entity_kommo_id: t.entityId ?? null,
        responsible_kommo_id: t.responsibleUserId ?? null,
        complete_till: t.completeTill ?? null,
        is_completed: t.isCompleted ?? false,
        result_text: t.resultText ?? null,
        kommo_created_at: unix(t.createdAt, ctx.receivedAt),
        kommo_updated_at: unix(t.updatedAt ?? t.createdAt, ctx.receivedAt),
      },
    ],
    ctx.receivedAt,
    { onlyIfNewer: true },
  );
  const leadId = entityType === 'leads' ? (t.entityId ?? null) : null;
  const data = { text: t.text ?? '', leadId, responsibleKommoId: t.responsibleUserId ?? null };
  if (!before) await publish(ctx, 'task.created', 'task', t.id, data);
  else if (t.isCompleted && !before.isCompleted)
    await publish(ctx, 'task.completed', 'task', t.id, { ...data, result: t.resultText ?? null });
  else await publish(ctx, 'task.updated', 'task', t.id, data);

  // The teammate it is (newly) assigned to hears about it.
  const assignedNow =
    t.responsibleUserId !== undefined &&
    !t.isCompleted &&
    (!before || before.responsibleKommoId !== t.responsibleUserId);
  if (assignedNow) {
    const assignee = await tx.kommoUser.findUnique({
      where: { integrationId_kommoId: { integrationId, kommoId: t.responsibleUserId! } },
      select: { userId: true, name: true },
    });
    // once per assignment: a delivery processed again finds the task already assigned
    await recordActivity(tx, {
      orgId: ctx.orgId,
      integrationId,
      userId: assignee?.userId ?? null,
      type: 'task.assigned',
      params: { text: (t.text ?? '').slice(0, 1000), assignee: assignee?.name ?? null },
      subject: leadId ? { type: 'lead', id: String(leadId) } : { type: 'task', id: String(t.id) },
    });
    if (assignee?.userId) {
      await tx.notification.createMany({
        data: {
          orgId: ctx.orgId,
          userId: assignee.userId,
          integrationId,
          kind: 'task.assigned',
          params: {
            text: t.text ?? '',
            leadId,
            completeTill: t.completeTill ?? null,
          } satisfies Prisma.InputJsonValue,
          subjectType: leadId ? 'lead' : 'task',
          subjectId: String(leadId ?? t.id),
          dedupeKey: `task:${integrationId}:${t.id}:${t.responsibleUserId}`,
        },
        skipDuplicates: true,
      });
    }
  }
}

const MISSED_STATUSES = new Set([6]); // no answer (Kommo's call_status 6)

async function applyNote(ctx: ApplyContext, note: NoteFacts) {
  const { tx, integrationId } = ctx;
  const leadId = note.entityType === 'leads' ? note.entityId : null;
  const at = toDate(unix(note.createdAt, ctx.receivedAt));
  if (note.noteType === 'call_in' || note.noteType === 'call_out') {
    const direction = note.noteType === 'call_in' ? 'in' : 'out';
    const duration = note.call?.durationSeconds ?? 0;
    const status = note.call?.callStatus ?? null;
    const missed =
      direction === 'in' && (duration === 0 || (status !== null && MISSED_STATUSES.has(status)));
    const inserted = await tx.kommoCall.createManyAndReturn({
      data: {
        integrationId,
        noteKommoId: note.id,
        entityType: note.entityType,
        entityKommoId: note.entityId,
        leadKommoId: leadId,
        direction,
        callStatus: status,
        durationSeconds: duration,
        phone: note.call?.phone ?? null,
        recordingUrl: note.call?.link ?? null,
        responsibleKommoId: note.responsibleUserId ?? note.authorUserId ?? null,
        missed,
        calledAt: at,
      },
      skipDuplicates: true,
      select: { id: true },
    });
    const call = inserted[0];
    if (call && missed) {
      const leadRow = leadId
        ? await tx.kommoLead.findUnique({
            where: { integrationId_kommoId: { integrationId, kommoId: leadId } },
            select: { name: true },
          })
        : null;
      await recordActivity(tx, {
        orgId: ctx.orgId,
        integrationId,
        type: 'call.missed',
        params: { phone: note.call?.phone ?? null, leadName: leadRow?.name ?? null },
        subject: leadId ? { type: 'lead', id: String(leadId) } : { type: 'call', id: call.id },
      });
    }
    if (call)
      await publish(ctx, missed ? 'call.missed' : 'call.ended', 'call', call.id, {
        leadId,
        direction,
        phone: note.call?.phone ?? null,
        durationSeconds: duration,
      });
    return;
  }
  const inserted = await tx.kommoNote.createMany({
    data: {
      integrationId,
      noteKommoId: note.id,
      entityType: note.entityType,
      entityKommoId: note.entityId,
      leadKommoId: leadId,
      noteType: note.noteType,
      text: note.text ?? '',
      authorKommoId: note.authorUserId ?? null,
      notedAt: at,
    },
    skipDuplicates: true,
  });
  if (inserted.count)
    await publish(ctx, 'note.added', 'note', note.id, { leadId, noteType: note.noteType });
}

async function applyMessage(ctx: ApplyContext, m: MessageFacts) {
  const { tx, integrationId } = ctx;
  let leadId = m.leadId ?? null;
  if (leadId === null && m.talkId !== undefined) {
    const talk = await tx.kommoTalk.findUnique({
      where: { integrationId_talkKommoId: { integrationId, talkKommoId: m.talkId } },
      select: { leadKommoId: true },
    });
    leadId = talk?.leadKommoId ?? null;
  }
  const inserted = await tx.kommoMessage.createMany({
    data: {
      integrationId,
      messageKommoId: m.id,
      chatId: m.chatId ?? null,
      talkKommoId: m.talkId ?? null,
      contactKommoId: m.contactId ?? null,
      leadKommoId: leadId,
      direction: m.direction,
      origin: m.origin ?? null,
      authorName: m.authorName ?? null,
      text: m.text,
      attachments: (m.attachments ?? []).map((a) => ({
        type: a.type ?? null,
        link: a.link ?? null,
        fileName: a.fileName ?? null,
      })),
      sentAt: toDate(unix(m.createdAt, ctx.receivedAt)),
    },
    skipDuplicates: true,
  });
  if (inserted.count)
    await publish(
      ctx,
      m.direction === 'in' ? 'message.received' : 'message.sent',
      'message',
      m.id,
      { leadId, origin: m.origin ?? null, text: m.text.slice(0, 500) },
    );
}

async function stageNames(
  ctx: ApplyContext,
  lead: LeadFacts,
  fromStatus: number | undefined,
  fromPipeline: number | undefined,
) {
  const { tx, integrationId } = ctx;
  const pipeline = lead.pipelineId ?? fromPipeline ?? null;
  // One round trip (the names of both stages, the mover and the lead); a missing one is null.
  const [row] = await tx.$queryRaw<
    { to: string | null; from: string | null; by: string | null; lead: string | null }[]
  >`
    SELECT (SELECT name FROM kommo_stages WHERE integration_id = ${integrationId}::uuid
               AND pipeline_kommo_id = ${pipeline}::int AND kommo_id = ${lead.statusId ?? null}::int) AS "to",
           (SELECT name FROM kommo_stages WHERE integration_id = ${integrationId}::uuid
               AND pipeline_kommo_id = ${fromPipeline ?? pipeline}::int AND kommo_id = ${fromStatus ?? null}::int) AS "from",
           (SELECT name FROM kommo_users WHERE integration_id = ${integrationId}::uuid
               AND kommo_id = ${lead.modifiedUserId || null}::int) AS "by",
           (SELECT name FROM kommo_leads WHERE integration_id = ${integrationId}::uuid
               AND kommo_id = ${lead.id}::int) AS "lead"`;
  return {
    to: row?.to ?? null,
    from: row?.from ?? null,
    by: row?.by ?? null,
    leadName: row?.lead ?? null,
  };
}
