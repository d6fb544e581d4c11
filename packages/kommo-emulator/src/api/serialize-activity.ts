import type { AccountState } from '../model/account-state';
import type { Note, Talk, Task, Webhook } from '../model/types';

type Link = (path: string) => string;
const self = (link: Link, path: string) => ({ self: { href: link(path) } });

export function taskJson(state: AccountState, t: Task, link: Link) {
  return {
    id: t.id,
    created_by: t.createdBy,
    updated_by: t.updatedBy,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    responsible_user_id: t.responsibleUserId,
    group_id: t.groupId,
    entity_id: t.entityId,
    entity_type: t.entityType,
    duration: t.duration,
    is_completed: t.isCompleted,
    task_type_id: t.taskTypeId,
    text: t.text,
    // Kommo prints an empty result as [] (a PHP empty array), a filled one as an object.
    result: t.result ? { text: t.result.text } : [],
    complete_till: t.completeTill,
    account_id: state.account.id,
    _links: self(link, `/tasks/${t.id}`),
  };
}

export function noteJson(state: AccountState, n: Note, link: Link) {
  return {
    id: n.id,
    entity_id: n.entityId,
    created_by: n.createdBy,
    updated_by: n.updatedBy,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    responsible_user_id: n.responsibleUserId,
    group_id: n.groupId,
    note_type: n.noteType,
    params: n.params,
    account_id: state.account.id,
    _links: self(link, `/${n.entityType}/${n.entityId}/notes/${n.id}`),
  };
}

export function talkJson(state: AccountState, t: Talk, link: Link) {
  return {
    talk_id: t.id,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    rate: t.rate,
    contact_id: t.contactId,
    chat_id: t.chatId,
    entity_id: t.entityId,
    entity_type: t.entityType,
    is_in_work: t.isInWork,
    is_read: t.isRead,
    origin: t.origin,
    missed_at: t.missedAt,
    account_id: state.account.id,
    _links: self(link, `/talks/${t.id}`),
    _embedded: {
      contacts: [{ id: t.contactId, _links: self(link, `/contacts/${t.contactId}`) }],
      leads:
        t.entityType === 'lead' && t.entityId
          ? [{ id: t.entityId, _links: self(link, `/leads/${t.entityId}`) }]
          : [],
    },
  };
}

export function webhookJson(state: AccountState, w: Webhook) {
  return {
    id: w.id,
    destination: w.destination,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    account_id: state.account.id,
    created_by: w.createdBy,
    sort: w.sort,
    disabled: w.disabled,
    settings: w.settings,
  };
}
