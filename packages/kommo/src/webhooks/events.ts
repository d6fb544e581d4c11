import type { FormObject, FormValue } from './form-tree';

/**
 * Typed events decoded from Kommo's account webhooks (API.md §4). One body may carry many (a
 * batch of `leads[update][0..n]`, or several families). Ids are Kommo's integers; times are unix
 * seconds; `modifiedUserId` 0 means a robot or Kommo itself. `path` says where in the body the
 * event came from (`leads[status][0]`), for logs and the webhook log page.
 */

export interface WebhookTag {
  id?: number;
  name?: string;
}

export interface WebhookCustomFieldValue {
  /** A string for most fields; composite fields (addresses, legal entities) arrive nested. */
  value: FormValue;
  enumId?: number;
}

export interface WebhookCustomField {
  id: number;
  name?: string;
  code?: string;
  /** Empty when the field arrived without values (it was cleared, or Kommo sent only its name). */
  values: WebhookCustomFieldValue[];
}

interface EventBase {
  path: string;
}

export interface WebhookLead {
  id: number;
  name?: string;
  statusId?: number;
  oldStatusId?: number;
  pipelineId?: number;
  oldPipelineId?: number;
  price?: number;
  responsibleUserId?: number;
  oldResponsibleUserId?: number;
  createdUserId?: number;
  modifiedUserId?: number;
  lossReasonId?: number;
  createdAt?: number;
  updatedAt?: number;
  tags: WebhookTag[];
  customFields: WebhookCustomField[];
  /**
   * True when the body carries only ids (a delete, the Digital-Pipeline short form): fetch the
   * lead from Kommo for anything else.
   */
  thin: boolean;
}

export type LeadEventType =
  | 'lead.added'
  | 'lead.updated'
  | 'lead.deleted'
  | 'lead.restored'
  | 'lead.status_changed'
  | 'lead.responsible_changed';

export interface LeadEvent extends EventBase {
  type: LeadEventType;
  lead: WebhookLead;
}

/** A contact or a company: Kommo sends both under `contacts[…]`, told apart by `type`. */
export interface WebhookParty {
  id: number;
  name?: string;
  responsibleUserId?: number;
  oldResponsibleUserId?: number;
  createdUserId?: number;
  modifiedUserId?: number;
  /** A contact's company. */
  linkedCompanyId?: number;
  createdAt?: number;
  updatedAt?: number;
  tags: WebhookTag[];
  customFields: WebhookCustomField[];
  /** From the custom fields coded PHONE / EMAIL. */
  phones: string[];
  emails: string[];
  thin: boolean;
}

type PartyAction = 'added' | 'updated' | 'deleted' | 'restored' | 'responsible_changed';

export interface ContactEvent extends EventBase {
  type: `contact.${PartyAction}`;
  contact: WebhookParty;
}

export interface CompanyEvent extends EventBase {
  type: `company.${PartyAction}`;
  company: WebhookParty;
}

export interface WebhookCustomer {
  id: number;
  name?: string;
  statusId?: number;
  nextPrice?: number;
  nextDate?: number;
  responsibleUserId?: number;
  oldResponsibleUserId?: number;
  createdAt?: number;
  updatedAt?: number;
  tags: WebhookTag[];
  customFields: WebhookCustomField[];
  thin: boolean;
}

export interface CustomerEvent extends EventBase {
  type: `customer.${PartyAction | 'status_changed'}`;
  customer: WebhookCustomer;
}

/** Where a task or note is attached (Kommo's legacy numeric element types 1/2/3/12). */
export type WebhookEntityType = 'leads' | 'contacts' | 'companies' | 'customers';

export interface WebhookTask {
  id: number;
  entityType?: WebhookEntityType;
  entityId?: number;
  taskTypeId?: number;
  text?: string;
  isCompleted: boolean;
  responsibleUserId?: number;
  oldResponsibleUserId?: number;
  createdUserId?: number;
  /** Unix seconds (`complete_before`). */
  completeTill?: number;
  /** As Kommo prints it ("2025-10-02 20:59:00", the account's time zone). */
  completeTillText?: string;
  result?: { id?: number; text?: string };
  createdAt?: number;
  updatedAt?: number;
}

export interface TaskEvent extends EventBase {
  type: 'task.added' | 'task.updated' | 'task.deleted' | 'task.responsible_changed';
  task: WebhookTask;
}

export type WebhookNoteType =
  | 'common'
  | 'attachment'
  | 'call_in'
  | 'call_out'
  | 'sms_in'
  | 'sms_out'
  | 'service_message'
  | 'geolocation'
  | 'task_result'
  | 'other';

/**
 * call_status: 1 left a message, 2 call back later, 3 not available, 4 conversation took place,
 * 5 wrong number, 6 could not get through / no answer, 7 busy.
 */
export interface WebhookCall {
  direction: 'inbound' | 'outbound';
  uniq?: string;
  /** Seconds. */
  duration?: number;
  status?: number;
  result?: string;
  /** Recording URL. */
  link?: string;
  phone?: string;
  source?: string;
}

export interface WebhookNote {
  id: number;
  entityType?: WebhookEntityType;
  entityId?: number;
  noteType: WebhookNoteType;
  /** `note_type` as it arrived (numeric on the wire: 4 common, 5 file, 10/11 calls — unsure). */
  noteTypeCode: string;
  text?: string;
  /** The `metadata` JSON string, parsed; absent when missing or not JSON. */
  metadata?: unknown;
  /** Present for call_in / call_out notes. */
  call?: WebhookCall;
  createdBy?: number;
  responsibleUserId?: number;
  createdAt?: number;
  updatedAt?: number;
}

export interface NoteEvent extends EventBase {
  type: 'note.added';
  note: WebhookNote;
}

export interface WebhookMessage {
  id: string;
  chatId?: string;
  talkId?: number;
  contactId?: number;
  text?: string;
  createdAt?: number;
  /** Kommo's `entity_type` ("lead", "contact", …) and id: what the chat is attached to. */
  entityType?: string;
  entityId?: number;
  author?: { id?: string; type?: string; name?: string; avatarUrl?: string };
  /** The channel: telegram, whatsapp, instagram_business, … */
  origin?: string;
  messageType?: string;
  attachment?: { type?: string; link?: string; fileName?: string };
}

export interface MessageEvent extends EventBase {
  /** `message.received`: a client wrote; `message.sent`: the team answered from Kommo. */
  type: 'message.received' | 'message.sent';
  message: WebhookMessage;
}

export interface WebhookTalk {
  talkId: number;
  chatId?: string;
  contactId?: number;
  entityType?: string;
  entityId?: number;
  origin?: string;
  isInWork?: boolean;
  isRead?: boolean;
  rate?: number;
  createdAt?: number;
  updatedAt?: number;
}

export interface TalkEvent extends EventBase {
  type: 'talk.added' | 'talk.updated';
  talk: WebhookTalk;
}

export interface WebhookUnsorted {
  uid: string;
  /** forms, chats, mail, sip, … */
  category?: string;
  pipelineId?: number;
  sourceId?: number;
  leadId?: number;
  createdAt?: number;
  /** A readable origin ("Site request #… from form …"), when the source data has one. */
  sourceName?: string;
  sourceData?: FormObject;
  data?: FormObject;
}

export interface UnsortedEvent extends EventBase {
  type: 'unsorted.added' | 'unsorted.updated';
  unsorted: WebhookUnsorted;
}

export interface WebhookUnsortedDecision {
  uid: string;
  category?: string;
  modifiedUserId?: number;
  createdAt?: number;
  /** Entities the accepted incoming lead became (empty for a decline). */
  leadIds: number[];
  contactIds: number[];
  companyIds: number[];
}

export interface UnsortedDecisionEvent extends EventBase {
  /** `unsorted[delete]` with action=accept / decline; `deleted` when the action is missing. */
  type: 'unsorted.accepted' | 'unsorted.declined' | 'unsorted.deleted';
  unsorted: WebhookUnsortedDecision;
}

export type KommoWebhookEvent =
  | LeadEvent
  | ContactEvent
  | CompanyEvent
  | CustomerEvent
  | TaskEvent
  | NoteEvent
  | MessageEvent
  | TalkEvent
  | UnsortedEvent
  | UnsortedDecisionEvent;

export type KommoWebhookEventType = KommoWebhookEvent['type'];

/** Part of a body the parser could not map to an event, and why. */
export interface UnhandledFragment {
  path: string;
  reason: string;
}

export interface WebhookAccount {
  id?: number;
  subdomain?: string;
  /** `account[_links][self]`, e.g. https://shop.kommo.com (modern bodies only). */
  url?: string;
}

export interface ParsedWebhook {
  account: WebhookAccount;
  events: KommoWebhookEvent[];
  unhandled: UnhandledFragment[];
  format: 'form' | 'json';
}
