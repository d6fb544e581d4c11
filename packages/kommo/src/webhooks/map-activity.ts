import { z } from 'zod';
import type {
  KommoWebhookEvent,
  TaskEvent,
  UnhandledFragment,
  WebhookCall,
  WebhookEntityType,
  WebhookMessage,
  WebhookNote,
  WebhookNoteType,
  WebhookTalk,
  WebhookTask,
} from './events';
import {
  defined,
  entityTypeOf,
  intString,
  optBool,
  optGroup,
  optInt,
  optString,
  parseItem,
  requiredString,
} from './fields';
import type { FormObject, FormValue } from './form-tree';

/** `task[add|update|delete|responsible][i]` — doc_task_add.json, doc_task_update_result.json. */
const taskItem = z.looseObject({
  id: intString,
  element_id: optInt,
  element_type: optInt,
  task_type: optInt,
  text: optString,
  status: optInt,
  responsible_user_id: optInt,
  old_responsible_user_id: optInt,
  created_user_id: optInt,
  complete_till: optString,
  complete_before: optInt,
  result: optGroup,
  created_at: optInt,
  updated_at: optInt,
});

const TASK_ACTIONS: Record<string, TaskEvent['type']> = {
  add: 'task.added',
  update: 'task.updated',
  delete: 'task.deleted',
  responsible: 'task.responsible_changed',
};

export function mapTaskItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  const type = TASK_ACTIONS[action];
  if (!type) return null;
  const row = parseItem(taskItem, item, path, unhandled);
  if (!row) return null;
  const result = row.result
    ? defined({ id: optInt.safeParse(row.result.id).data, text: str(row.result.text) })
    : undefined;
  const task: WebhookTask = {
    ...defined({
      id: row.id,
      entityType: entityTypeOf(row.element_type),
      entityId: row.element_id || undefined,
      taskTypeId: row.task_type,
      text: row.text,
      responsibleUserId: row.responsible_user_id,
      oldResponsibleUserId: row.old_responsible_user_id,
      createdUserId: row.created_user_id,
      completeTill: row.complete_before,
      completeTillText: row.complete_till,
      result: result && Object.keys(result).length ? result : undefined,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }),
    isCompleted: row.status === 1,
  };
  return { type, path, task };
}

/** `leads[note][i][note][…]` and `contacts[note]…` — doc_note_lead_text.json. */
const noteItem = z.looseObject({
  id: intString,
  note_type: requiredString,
  element_id: optInt,
  element_type: optInt,
  text: optString,
  metadata: optString,
  params: optGroup,
  created_by: optInt,
  main_user_id: optInt,
  created_at: optInt,
  updated_at: optInt,
});

/** Numeric note types: 4 and 5 are documented; the rest follow amoCRM's API v2 (unsure). */
const NOTE_TYPES: Record<string, WebhookNoteType> = {
  '4': 'common',
  '5': 'attachment',
  '10': 'call_in',
  '11': 'call_out',
  '13': 'task_result',
  '24': 'geolocation',
  '25': 'service_message',
  '102': 'sms_in',
  '103': 'sms_out',
};
const NOTE_TYPE_NAMES = new Set<string>(Object.values(NOTE_TYPES));

export function noteTypeOf(code: string): WebhookNoteType {
  if (NOTE_TYPES[code]) return NOTE_TYPES[code];
  if (NOTE_TYPE_NAMES.has(code)) return code as WebhookNoteType;
  return code === 'file' ? 'attachment' : 'other';
}

const FAMILY_ENTITY: Record<string, WebhookEntityType> = {
  leads: 'leads',
  contacts: 'contacts',
  companies: 'companies',
  customers: 'customers',
};

export function mapNoteItem(
  family: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  // The note sits under `[note]` inside each item; accept it flat as well.
  const wrapped = typeof item === 'object' && typeof item.note === 'object';
  const body = wrapped ? (item as FormObject).note! : item;
  const at = wrapped ? `${path}[note]` : path;
  const row = parseItem(noteItem, body, at, unhandled);
  if (!row) return null;
  const noteType = noteTypeOf(row.note_type);
  const note: WebhookNote = defined({
    id: row.id,
    entityType: entityTypeOf(row.element_type) ?? FAMILY_ENTITY[family],
    entityId: row.element_id,
    noteType,
    noteTypeCode: row.note_type,
    text: row.text,
    metadata: parseJson(row.metadata),
    call:
      noteType === 'call_in' || noteType === 'call_out'
        ? readCall(noteType, row.params, row.text)
        : undefined,
    createdBy: row.created_by,
    responsibleUserId: row.main_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return { type: 'note.added', path, note };
}

function parseJson(text: string | undefined): unknown {
  if (!text || !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A call note's parameters: `params[…]`, or (the legacy v2 form) a JSON object in `text`, keys in
 * either case (UNIQ, DURATION, SRC, LINK, PHONE, call_status, call_result).
 */
function readCall(
  noteType: 'call_in' | 'call_out',
  params: FormObject | undefined,
  text: string | undefined,
): WebhookCall {
  const fromText = parseJson(text);
  const source: Record<string, unknown> = {
    ...(fromText && typeof fromText === 'object' && !Array.isArray(fromText) ? fromText : {}),
    ...(params ?? {}),
  };
  const pick = (...names: string[]) => {
    for (const [key, value] of Object.entries(source)) {
      if (names.includes(key.toLowerCase()) && value !== null && value !== '') return value;
    }
    return undefined;
  };
  const num = (v: unknown) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const text_ = (v: unknown) =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
  return defined({
    direction: noteType === 'call_in' ? 'inbound' : 'outbound',
    uniq: text_(pick('uniq')),
    duration: num(pick('duration')),
    status: num(pick('call_status', 'status')),
    result: text_(pick('call_result', 'result')),
    link: text_(pick('link')),
    phone: text_(pick('phone')),
    source: text_(pick('source', 'src')),
  });
}

const str = (v: FormValue | undefined) => (typeof v === 'string' && v !== '' ? v : undefined);

/** `message[add][i]` — doc_message_add.json; outgoing messages carry `type=outgoing`. */
const messageItem = z.looseObject({
  id: requiredString,
  chat_id: optString,
  talk_id: optInt,
  contact_id: optInt,
  text: optString,
  created_at: optInt,
  element_type: optInt,
  entity_type: optString,
  element_id: optInt,
  entity_id: optInt,
  type: optString,
  author: optGroup,
  origin: optString,
  message_type: optString,
  attachment: optGroup,
});

export function mapMessageItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  if (action !== 'add') return null;
  const row = parseItem(messageItem, item, path, unhandled);
  if (!row) return null;
  if (row.type !== undefined && row.type !== 'incoming' && row.type !== 'outgoing') {
    unhandled.push({ path: `${path}[type]`, reason: `unknown message type "${row.type}"` });
    return null;
  }
  const author = row.author
    ? defined({
        id: str(row.author.id),
        type: str(row.author.type),
        name: str(row.author.name),
        avatarUrl: str(row.author.avatar_url),
      })
    : undefined;
  const attachment = row.attachment
    ? defined({
        type: str(row.attachment.type),
        link: str(row.attachment.link),
        fileName: str(row.attachment.file_name),
      })
    : undefined;
  const message: WebhookMessage = defined({
    id: row.id,
    chatId: row.chat_id,
    talkId: row.talk_id,
    contactId: row.contact_id,
    text: row.text,
    createdAt: row.created_at,
    entityType:
      row.entity_type ??
      ({ 1: 'contact', 2: 'lead', 3: 'company' } as Record<number, string>)[row.element_type ?? 0],
    entityId: row.entity_id ?? row.element_id,
    author,
    origin: row.origin,
    messageType: row.message_type,
    attachment,
  });
  return {
    type: row.type === 'outgoing' ? 'message.sent' : 'message.received',
    path,
    message,
  };
}

/** `talk[add|update][i]` — doc_talk_add.json. */
const talkItem = z.looseObject({
  talk_id: intString,
  chat_id: optString,
  contact_id: optInt,
  entity_id: optInt,
  entity_type: optString,
  origin: optString,
  is_in_work: optBool,
  is_read: optBool,
  rate: optInt,
  created_at: optInt,
  updated_at: optInt,
});

export function mapTalkItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  if (action !== 'add' && action !== 'update') return null;
  const row = parseItem(talkItem, item, path, unhandled);
  if (!row) return null;
  const talk: WebhookTalk = defined({
    talkId: row.talk_id,
    chatId: row.chat_id,
    contactId: row.contact_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    origin: row.origin,
    isInWork: row.is_in_work,
    isRead: row.is_read,
    rate: row.rate,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return { type: action === 'add' ? 'talk.added' : 'talk.updated', path, talk };
}
