/**
 * The account's data as the emulator keeps it: close to Kommo API v4 read shapes so that
 * serialising is cheap, but with links kept as ids (the API builds `_embedded` from them).
 * Timestamps are unix seconds, like everywhere in Kommo.
 */

export type EntityType = 'leads' | 'contacts' | 'companies';

export interface AccountInfo {
  id: number;
  name: string;
  subdomain: string;
  amojoId: string;
  uuid: string;
  country: string;
  currency: string;
  currencySymbol: string;
  createdAt: number;
  /** The user the OAuth grant belongs to (`current_user_id`). */
  currentUserId: number;
  timezone: string;
  language: 'en' | 'ru' | 'es' | 'pt';
}

export interface UserGroup {
  id: number;
  name: string;
  uuid: string | null;
}

export interface User {
  id: number;
  name: string;
  email: string;
  lang: string;
  uuid: string;
  amojoId: string;
  isAdmin: boolean;
  isActive: boolean;
  groupId: number;
  roleId: number | null;
}

export interface Role {
  id: number;
  name: string;
}

export interface TaskType {
  id: number;
  name: string;
  code: string | null;
  color: string | null;
  iconId: number | null;
}

export interface PipelineStatus {
  id: number;
  name: string;
  sort: number;
  isEditable: boolean;
  color: string;
  /** 1 = incoming (unsorted) stage, 0 = regular; won/lost are 0 too. */
  type: 0 | 1;
}

export interface Pipeline {
  id: number;
  name: string;
  sort: number;
  isMain: boolean;
  isUnsortedOn: boolean;
  isArchive: boolean;
  statuses: PipelineStatus[];
}

export interface FieldEnum {
  id: number;
  value: string;
  sort: number;
  /** Only multitext (PHONE/EMAIL) enums carry a code. */
  code?: string;
}

/** Every field type Kommo documents (API.md §3). */
// prettier-ignore
export const CUSTOM_FIELD_TYPES = [
  'text', 'numeric', 'checkbox', 'select', 'multiselect', 'multitext', 'date', 'date_time',
  'birthday', 'url', 'textarea', 'radiobutton', 'streetaddress', 'smart_address', 'legal_entity',
  'org_legal_name', 'price', 'category', 'items', 'tracking_data', 'linked_entity', 'chained_list',
  'monetary', 'file', 'payer', 'supplier',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export interface CustomField {
  id: number;
  name: string;
  code: string | null;
  sort: number;
  type: CustomFieldType;
  entityType: EntityType;
  isPredefined: boolean;
  isDeletable: boolean;
  isApiOnly: boolean;
  isRequired: boolean;
  groupId: string | null;
  enums: FieldEnum[] | null;
  requiredStatuses: { statusId: number; pipelineId: number }[];
  currency?: string | null;
}

/** Composite fields (legal_entity, smart_address, items …) keep their object as sent. */
export type FieldValue = string | number | boolean | { [key: string]: unknown };

export interface StoredFieldValue {
  value?: FieldValue;
  enumId?: number;
  enumCode?: string;
}

export interface StoredCustomFieldValues {
  fieldId: number;
  values: StoredFieldValue[];
}

export interface Source {
  id: number;
  name: string;
  pipelineId: number;
  externalId: string;
  isDefault: boolean;
  originCode: string;
}

export interface Tag {
  id: number;
  name: string;
  color: string | null;
}

/** Fields leads, contacts and companies share. */
export interface EntityBase {
  id: number;
  name: string;
  responsibleUserId: number;
  groupId: number;
  createdBy: number;
  updatedBy: number;
  createdAt: number;
  updatedAt: number;
  closestTaskAt: number | null;
  isDeleted: boolean;
  customFields: StoredCustomFieldValues[];
  tagIds: number[];
}

export interface Lead extends EntityBase {
  price: number;
  statusId: number;
  pipelineId: number;
  lossReasonId: number | null;
  closedAt: number | null;
  score: number | null;
  sourceId: number | null;
  contactIds: number[];
  mainContactId: number | null;
  companyId: number | null;
}

export interface Contact extends EntityBase {
  firstName: string;
  lastName: string;
  isUnsorted: boolean;
  companyId: number | null;
}

export type Company = EntityBase;

export interface Task {
  id: number;
  createdBy: number;
  updatedBy: number;
  createdAt: number;
  updatedAt: number;
  responsibleUserId: number;
  groupId: number;
  entityId: number | null;
  entityType: EntityType | null;
  duration: number;
  isCompleted: boolean;
  taskTypeId: number;
  text: string;
  /** Completing a task with a result adds a result note; `id` is that note's id. */
  result: { id: number; text: string } | null;
  completeTill: number;
}

export type NoteType =
  | 'common'
  | 'call_in'
  | 'call_out'
  | 'service_message'
  | 'sms_in'
  | 'sms_out'
  | 'extended_service_message'
  | 'message_cashier'
  | 'geolocation'
  | 'invoice_paid'
  | 'attachment';

export interface Note {
  id: number;
  entityId: number;
  entityType: EntityType;
  createdBy: number;
  updatedBy: number;
  createdAt: number;
  updatedAt: number;
  responsibleUserId: number;
  groupId: number;
  noteType: NoteType;
  params: Record<string, unknown>;
}

export interface Webhook {
  id: number;
  destination: string;
  createdAt: number;
  updatedAt: number;
  createdBy: number;
  sort: number;
  disabled: boolean;
  settings: string[];
}

export interface Talk {
  id: number;
  chatId: string;
  contactId: number;
  entityId: number | null;
  entityType: 'lead' | 'contact' | null;
  origin: string;
  isInWork: boolean;
  isRead: boolean;
  rate: number;
  missedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ChatMessage {
  id: string;
  talkId: number;
  chatId: string;
  contactId: number;
  leadId: number | null;
  text: string;
  origin: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}

export interface CallRecord {
  id: number;
  direction: 'inbound' | 'outbound';
  uniq: string;
  duration: number;
  source: string;
  link: string | null;
  phone: string;
  callStatus: number;
  callResult: string | null;
  responsibleUserId: number;
  createdAt: number;
  entityId: number | null;
  entityType: EntityType | null;
  noteId: number | null;
}

/** Salesbot runs and continuations are recorded only: the emulator has no bot engine. */
export interface BotCall {
  kind: 'run' | 'continue';
  botId: number;
  continueId: string | null;
  body: unknown;
  at: number;
}
