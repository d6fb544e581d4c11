import type { AccountState } from '../model/account-state';
import { formatKommoDateTime } from '../model/dates';
import type { AccountEvent } from '../model/events';
import type { EntityType, NoteType } from '../model/types';
import type { WebhookFields, WebhookItem } from './payload-common';
import { toPhpFormInput } from './php-form';

/** Legacy numeric element types used by task and note webhooks. */
const ELEMENT_TYPE: Record<EntityType, number> = { contacts: 1, leads: 2, companies: 3 };

/**
 * Numeric note types on the wire (4 common and 5 file are documented; call_in 10 / call_out 11
 * and the rest follow amoCRM's legacy API v2 numbering — unsure).
 */
const NOTE_TYPE_NUMBER: Record<NoteType, number> = {
  common: 4,
  attachment: 5,
  call_in: 10,
  call_out: 11,
  geolocation: 24,
  service_message: 25,
  extended_service_message: 25,
  invoice_paid: 25,
  message_cashier: 25,
  sms_in: 102,
  sms_out: 103,
};

type TaskEvent = Extract<AccountEvent, { kind: 'task' }>;
type NoteEvent = Extract<AccountEvent, { kind: 'note' }>;
type MessageEvent = Extract<AccountEvent, { kind: 'message' }>;
type TalkEvent = Extract<AccountEvent, { kind: 'talk' }>;

/** `task[add|update|delete|responsible][i]`, shaped like doc_task_add / doc_task_update_result. */
export function taskWebhookItem(state: AccountState, event: TaskEvent): WebhookItem {
  const { task } = event;
  const tz = state.account.timezone;
  const item: WebhookFields = {
    id: task.id,
    element_id: task.entityId ?? 0,
    element_type: task.entityType ? ELEMENT_TYPE[task.entityType] : 0,
    task_type: task.taskTypeId,
    date_create: formatKommoDateTime(task.createdAt, tz),
    text: task.text,
    status: task.isCompleted ? 1 : 0,
    account_id: state.account.id,
    created_user_id: task.createdBy,
    last_modified: formatKommoDateTime(task.updatedAt, tz),
    responsible_user_id: task.responsibleUserId,
    ...(event.action === 'responsible' && event.oldResponsibleUserId !== null
      ? { old_responsible_user_id: event.oldResponsibleUserId }
      : {}),
    complete_till: formatKommoDateTime(task.completeTill, tz),
    ...(event.action === 'update' ? { action_close: 0 } : {}),
    ...(task.result ? { result: { id: task.result.id, text: task.result.text } } : {}),
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    complete_before: task.completeTill,
  };
  return { setting: `${event.action}_task`, family: 'task', action: event.action, item };
}

/**
 * `leads[note][i][note][…]` (contacts and companies: `contacts[note]`, as their other events).
 * Call notes also print their parameters as JSON in `text` (the legacy v2 form) and as
 * `params[…]`, so `call_status` is readable either way (unsure which one Kommo sends).
 */
export function noteWebhookItem(state: AccountState, event: NoteEvent): WebhookItem {
  const { note, entityType } = event;
  const tz = state.account.timezone;
  const author = state.users.get(note.createdBy);
  const isCall = note.noteType === 'call_in' || note.noteType === 'call_out';
  const text = isCall
    ? JSON.stringify(note.params)
    : typeof note.params.text === 'string'
      ? note.params.text
      : '';
  const metadata = {
    event_source: { id: note.createdBy, author_name: author?.name ?? 'Robot', type: 1 },
  };
  const item: WebhookFields = {
    note: {
      text,
      attachement: '',
      date_create: formatKommoDateTime(note.createdAt, tz),
      note_type: NOTE_TYPE_NUMBER[note.noteType],
      element_type: ELEMENT_TYPE[entityType],
      element_id: note.entityId,
      catalog_id: 0,
      group_id: note.groupId,
      timestamp_x: formatKommoDateTime(note.updatedAt, tz),
      account_id: state.account.id,
      metadata: JSON.stringify(metadata),
      ...(isCall ? { params: toPhpFormInput(note.params) } : {}),
      created_by: note.createdBy,
      modified_by: note.updatedBy,
      main_user_id: note.responsibleUserId,
      id: note.id,
      created_at: note.createdAt,
      updated_at: note.updatedAt,
    },
  };
  const setting =
    entityType === 'leads'
      ? 'note_lead'
      : entityType === 'contacts'
        ? 'note_contact'
        : 'note_company';
  return { setting, family: entityType === 'leads' ? 'leads' : 'contacts', action: 'note', item };
}

/** `message[add][i]`, as doc_message_add.json (incoming messages only). */
export function messageWebhookItem(event: MessageEvent): WebhookItem {
  const { message, talk } = event;
  const onLead = message.leadId !== null;
  const item: WebhookFields = {
    id: message.id,
    chat_id: message.chatId,
    talk_id: talk.id,
    contact_id: message.contactId,
    text: message.text,
    created_at: message.createdAt,
    element_type: onLead ? 2 : 1,
    entity_type: onLead ? 'lead' : 'contact',
    element_id: message.leadId ?? message.contactId,
    entity_id: message.leadId ?? message.contactId,
    type: 'incoming',
    author: { id: message.authorId, type: 'external', name: message.authorName },
    origin: message.origin,
  };
  return { setting: 'add_message', family: 'message', action: 'add', item };
}

/** `talk[add|update][i]`, as doc_talk_add.json. */
export function talkWebhookItem(event: TalkEvent): WebhookItem {
  const { talk } = event;
  const item: WebhookFields = {
    talk_id: talk.id,
    created_at: talk.createdAt,
    updated_at: talk.updatedAt,
    rate: talk.rate,
    contact_id: talk.contactId,
    chat_id: talk.chatId,
    entity_id: talk.entityId ?? talk.contactId,
    entity_type: talk.entityType ?? 'contact',
    is_in_work: talk.isInWork,
    is_read: talk.isRead,
    origin: talk.origin,
  };
  return { setting: `${event.action}_talk`, family: 'talk', action: event.action, item };
}
