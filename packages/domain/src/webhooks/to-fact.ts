import type {
  KommoWebhookEvent,
  WebhookCustomField,
  WebhookParty,
} from '@leadpilot/kommo/webhooks/events';
import type { CustomFieldFacts, KommoFact, PartyFacts } from '../kommo-events/facts';

const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function fields(list: WebhookCustomField[]): CustomFieldFacts[] {
  return list.map((f) => ({
    id: f.id,
    name: f.name,
    code: f.code,
    values: f.values.map((v) => ({ value: text(v.value), enumId: v.enumId })),
  }));
}

function party(p: WebhookParty, kind: 'contact' | 'company'): PartyFacts {
  return {
    id: p.id,
    kind,
    name: p.thin ? undefined : p.name,
    responsibleUserId: p.responsibleUserId,
    customFields: fields(p.customFields),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const partyChange = (action: string) =>
  action === 'added'
    ? 'added'
    : action === 'deleted'
      ? 'deleted'
      : action === 'restored'
        ? 'restored'
        : 'updated';

/**
 * A parsed webhook event → what the processing understands. Null for what Leadpilot does not
 * mirror (customers); the delivery still counts as processed.
 */
export function toFact(event: KommoWebhookEvent): KommoFact | null {
  const [family, action = ''] = event.type.split('.') as [string, string?];
  switch (event.type) {
    case 'lead.added':
    case 'lead.updated':
    case 'lead.deleted':
    case 'lead.restored':
    case 'lead.status_changed':
    case 'lead.responsible_changed': {
      const l = event.lead;
      const change =
        action === 'status_changed'
          ? 'status'
          : action === 'responsible_changed'
            ? 'responsible'
            : action;
      return {
        type: 'lead',
        change: change as 'added' | 'updated' | 'deleted' | 'restored' | 'status' | 'responsible',
        lead: {
          id: l.id,
          name: l.thin ? undefined : l.name,
          price: l.price,
          statusId: l.statusId,
          pipelineId: l.pipelineId,
          oldStatusId: l.oldStatusId,
          oldPipelineId: l.oldPipelineId,
          responsibleUserId: l.responsibleUserId,
          oldResponsibleUserId: l.oldResponsibleUserId,
          modifiedUserId: l.modifiedUserId,
          tags: l.tags.filter((t) => t.name).map((t) => ({ id: t.id, name: t.name! })),
          customFields: fields(l.customFields),
          createdAt: l.createdAt,
          updatedAt: l.updatedAt,
        },
      };
    }
    case 'task.added':
    case 'task.updated':
    case 'task.deleted':
    case 'task.responsible_changed': {
      const t = event.task;
      return {
        type: 'task',
        change: action === 'added' ? 'added' : action === 'deleted' ? 'deleted' : 'updated',
        task: {
          id: t.id,
          entityType: t.entityType,
          entityId: t.entityId,
          taskTypeId: t.taskTypeId,
          text: t.text,
          isCompleted: t.isCompleted,
          resultText: t.result?.text,
          responsibleUserId: t.responsibleUserId,
          oldResponsibleUserId: t.oldResponsibleUserId,
          completeTill: t.completeTill,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
        },
      };
    }
    case 'note.added': {
      const n = event.note;
      if (n.entityId === undefined || !n.entityType || n.entityType === 'customers') return null;
      return {
        type: 'note',
        note: {
          id: n.id,
          entityType: n.entityType,
          entityId: n.entityId,
          noteType: n.noteType,
          text: n.text,
          call: n.call
            ? {
                phone: n.call.phone,
                durationSeconds: n.call.duration,
                callStatus: n.call.status,
                link: n.call.link,
              }
            : undefined,
          authorUserId: n.createdBy,
          responsibleUserId: n.responsibleUserId,
          createdAt: n.createdAt,
        },
      };
    }
    case 'message.received':
    case 'message.sent': {
      const m = event.message;
      return {
        type: 'message',
        message: {
          id: m.id,
          direction: event.type === 'message.received' ? 'in' : 'out',
          chatId: m.chatId,
          talkId: m.talkId,
          contactId: m.contactId,
          leadId: m.entityType === 'lead' ? m.entityId : undefined,
          text: m.text ?? '',
          origin: m.origin,
          authorName: m.author?.name,
          attachments: m.attachment ? [m.attachment] : [],
          createdAt: m.createdAt,
        },
      };
    }
    case 'talk.added':
    case 'talk.updated': {
      const t = event.talk;
      return {
        type: 'talk',
        change: event.type === 'talk.added' ? 'added' : 'updated',
        talk: {
          id: t.talkId,
          chatId: t.chatId,
          contactId: t.contactId,
          leadId: t.entityType === 'lead' ? t.entityId : undefined,
          origin: t.origin,
          isInWork: t.isInWork,
          isRead: t.isRead,
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
        },
      };
    }
    case 'unsorted.added':
    case 'unsorted.updated':
      return {
        type: 'unsorted',
        unsorted: {
          uid: event.unsorted.uid,
          leadId: event.unsorted.leadId,
          category: event.unsorted.category,
          sourceName: event.unsorted.sourceName,
          action: 'add',
          at: event.unsorted.createdAt,
        },
      };
    case 'unsorted.accepted':
    case 'unsorted.declined':
    case 'unsorted.deleted':
      return {
        type: 'unsorted',
        unsorted: {
          uid: event.unsorted.uid,
          leadId: event.unsorted.leadIds[0],
          category: event.unsorted.category,
          action:
            event.type === 'unsorted.accepted'
              ? 'accept'
              : event.type === 'unsorted.declined'
                ? 'decline'
                : 'delete',
          at: event.unsorted.createdAt,
        },
      };
  }
  if (family === 'contact' && 'contact' in event)
    return { type: 'party', change: partyChange(action), party: party(event.contact, 'contact') };
  if (family === 'company' && 'company' in event)
    return { type: 'party', change: partyChange(action), party: party(event.company, 'company') };
  return null; // customers: not mirrored yet
}
