import { z } from 'zod';
import type {
  CompanyEvent,
  ContactEvent,
  CustomerEvent,
  KommoWebhookEvent,
  LeadEvent,
  UnhandledFragment,
  WebhookCustomer,
  WebhookLead,
  WebhookParty,
} from './events';
import {
  anyValue,
  defined,
  intString,
  optInt,
  optNumber,
  optString,
  parseItem,
  readCustomFields,
  readTags,
  valuesOfCode,
} from './fields';
import type { FormValue } from './form-tree';

/** `leads[add|update|delete|restore|status|responsible][i]` (API.md §4). */
const leadItem = z.looseObject({
  id: intString,
  name: optString,
  status_id: optInt,
  old_status_id: optInt,
  price: optNumber,
  responsible_user_id: optInt,
  old_responsible_user_id: optInt,
  pipeline_id: optInt,
  old_pipeline_id: optInt,
  last_modified: optInt,
  modified_user_id: optInt,
  created_user_id: optInt,
  date_create: optInt,
  created_at: optInt,
  updated_at: optInt,
  loss_reason_id: optInt,
  tags: anyValue,
  custom_fields: anyValue,
});

const LEAD_ACTIONS: Record<string, LeadEvent['type']> = {
  add: 'lead.added',
  update: 'lead.updated',
  delete: 'lead.deleted',
  restore: 'lead.restored',
  status: 'lead.status_changed',
  responsible: 'lead.responsible_changed',
};

export function mapLeadItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  const type = LEAD_ACTIONS[action];
  if (!type) return null;
  const row = parseItem(leadItem, item, path, unhandled);
  if (!row) return null;
  const lead: WebhookLead = {
    ...defined({
      id: row.id,
      name: row.name,
      statusId: row.status_id,
      oldStatusId: row.old_status_id,
      pipelineId: row.pipeline_id,
      oldPipelineId: row.old_pipeline_id,
      price: row.price,
      responsibleUserId: row.responsible_user_id,
      oldResponsibleUserId: row.old_responsible_user_id,
      createdUserId: row.created_user_id,
      modifiedUserId: row.modified_user_id,
      lossReasonId: row.loss_reason_id,
      createdAt: row.created_at ?? row.date_create,
      updatedAt: row.updated_at ?? row.last_modified,
    }),
    tags: readTags(row.tags),
    customFields: readCustomFields(row.custom_fields, `${path}[custom_fields]`, unhandled),
    thin: row.name === undefined,
  };
  return { type, path, lead };
}

/** `contacts[add|update|delete|restore|responsible][i]`: contacts and companies (`type`). */
const partyItem = z.looseObject({
  id: intString,
  name: optString,
  type: optString,
  responsible_user_id: optInt,
  old_responsible_user_id: optInt,
  created_user_id: optInt,
  modified_user_id: optInt,
  linked_company_id: optInt,
  date_create: optInt,
  last_modified: optInt,
  created_at: optInt,
  updated_at: optInt,
  tags: anyValue,
  custom_fields: anyValue,
});

const PARTY_ACTIONS = {
  add: 'added',
  update: 'updated',
  delete: 'deleted',
  restore: 'restored',
  responsible: 'responsible_changed',
} as const;

/**
 * `family` is `contacts` (both kinds, told apart by `type`; a missing type means a contact) or
 * `companies` (tolerated in case an account sends it).
 */
export function mapPartyItem(
  family: 'contacts' | 'companies',
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  const verb = PARTY_ACTIONS[action as keyof typeof PARTY_ACTIONS];
  if (!verb) return null;
  const row = parseItem(partyItem, item, path, unhandled);
  if (!row) return null;
  const kind = family === 'companies' || row.type === 'company' ? 'company' : 'contact';
  if (row.type !== undefined && row.type !== 'contact' && row.type !== 'company') {
    unhandled.push({ path: `${path}[type]`, reason: `unknown type "${row.type}"` });
    return null;
  }
  const customFields = readCustomFields(row.custom_fields, `${path}[custom_fields]`, unhandled);
  const party: WebhookParty = {
    ...defined({
      id: row.id,
      name: row.name,
      responsibleUserId: row.responsible_user_id,
      oldResponsibleUserId: row.old_responsible_user_id,
      createdUserId: row.created_user_id,
      modifiedUserId: row.modified_user_id,
      linkedCompanyId: row.linked_company_id || undefined,
      createdAt: row.created_at ?? row.date_create,
      updatedAt: row.updated_at ?? row.last_modified,
    }),
    tags: readTags(row.tags),
    customFields,
    phones: valuesOfCode(customFields, 'PHONE'),
    emails: valuesOfCode(customFields, 'EMAIL'),
    thin: row.name === undefined,
  };
  return kind === 'company'
    ? ({ type: `company.${verb}`, path, company: party } satisfies CompanyEvent)
    : ({ type: `contact.${verb}`, path, contact: party } satisfies ContactEvent);
}

/** `customers[…][i]` (the customers/periodic-purchases module; shape as leads, less known). */
const customerItem = z.looseObject({
  id: intString,
  name: optString,
  status_id: optInt,
  next_price: optNumber,
  next_date: optInt,
  responsible_user_id: optInt,
  old_responsible_user_id: optInt,
  date_create: optInt,
  last_modified: optInt,
  created_at: optInt,
  updated_at: optInt,
  tags: anyValue,
  custom_fields: anyValue,
});

const CUSTOMER_ACTIONS: Record<string, CustomerEvent['type']> = {
  add: 'customer.added',
  update: 'customer.updated',
  delete: 'customer.deleted',
  restore: 'customer.restored',
  status: 'customer.status_changed',
  responsible: 'customer.responsible_changed',
};

export function mapCustomerItem(
  action: string,
  item: FormValue,
  path: string,
  unhandled: UnhandledFragment[],
): KommoWebhookEvent | null {
  const type = CUSTOMER_ACTIONS[action];
  if (!type) return null;
  const row = parseItem(customerItem, item, path, unhandled);
  if (!row) return null;
  const customer: WebhookCustomer = {
    ...defined({
      id: row.id,
      name: row.name,
      statusId: row.status_id,
      nextPrice: row.next_price,
      nextDate: row.next_date,
      responsibleUserId: row.responsible_user_id,
      oldResponsibleUserId: row.old_responsible_user_id,
      createdAt: row.created_at ?? row.date_create,
      updatedAt: row.updated_at ?? row.last_modified,
    }),
    tags: readTags(row.tags),
    customFields: readCustomFields(row.custom_fields, `${path}[custom_fields]`, unhandled),
    thin: row.name === undefined,
  };
  return { type, path, customer };
}
