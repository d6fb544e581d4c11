import type { AccountState } from '../model/account-state';
import type { AccountEvent } from '../model/events';
import type { Company, Contact } from '../model/types';
import {
  webhookCustomFields,
  webhookTags,
  type WebhookFields,
  type WebhookItem,
} from './payload-common';

type LeadEvent = Extract<AccountEvent, { kind: 'lead' }>;
type PartyEvent = Extract<AccountEvent, { kind: 'contact' | 'company' }>;

/**
 * `leads[add|update|status|responsible|delete|restore][i]`, keys in the order of the modern
 * capture (lead_update_02.txt); `old_*` keys only where the action implies them, and only the
 * keys API.md lists (no guessed extras). A delete carries only the ids.
 */
export function leadWebhookItem(state: AccountState, event: LeadEvent): WebhookItem {
  const { lead, old, action } = event;
  const setting = `${action}_lead`;
  if (action === 'delete') {
    return {
      setting,
      family: 'leads',
      action,
      item: { id: lead.id, status_id: lead.statusId, pipeline_id: lead.pipelineId },
    };
  }
  const isStatus = action === 'status' && old;
  const isResponsible = action === 'responsible' && old;
  const item: WebhookFields = {
    id: lead.id,
    name: lead.name,
    status_id: lead.statusId,
    ...(isStatus ? { old_status_id: old.statusId } : {}),
    price: lead.price,
    responsible_user_id: lead.responsibleUserId,
    ...(isResponsible ? { old_responsible_user_id: old.responsibleUserId } : {}),
    last_modified: lead.updatedAt,
    modified_user_id: event.actorId,
    created_user_id: lead.createdBy,
    date_create: lead.createdAt,
    pipeline_id: lead.pipelineId,
    ...(isStatus ? { old_pipeline_id: old.pipelineId } : {}),
    tags: webhookTags(state, 'leads', lead.tagIds),
    account_id: state.account.id,
    custom_fields: webhookCustomFields(state, lead.customFields),
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
  };
  return { setting, family: 'leads', action, item };
}

/**
 * Contacts and companies both arrive under `contacts[...]`, told apart by `type`
 * (company_add_01.txt). The setting names stay `add_contact` / `add_company`.
 */
export function partyWebhookItem(state: AccountState, event: PartyEvent): WebhookItem {
  const type = event.kind;
  const entity: Contact | Company = event.entity;
  const setting = `${event.action}_${type}`;
  if (event.action === 'delete') {
    return { setting, family: 'contacts', action: event.action, item: { id: entity.id, type } };
  }
  const linkedCompany = 'companyId' in entity && entity.companyId ? entity.companyId : null;
  const item: WebhookFields = {
    id: entity.id,
    name: entity.name,
    responsible_user_id: entity.responsibleUserId,
    ...(event.action === 'responsible' && event.oldResponsibleUserId !== null
      ? { old_responsible_user_id: event.oldResponsibleUserId }
      : {}),
    date_create: entity.createdAt,
    last_modified: entity.updatedAt,
    created_user_id: entity.createdBy,
    modified_user_id: event.actorId,
    ...(linkedCompany ? { linked_company_id: linkedCompany } : {}),
    custom_fields: webhookCustomFields(state, entity.customFields),
    tags: webhookTags(state, type === 'contact' ? 'contacts' : 'companies', entity.tagIds),
    type,
    created_at: entity.createdAt,
    updated_at: entity.updatedAt,
  };
  return { setting, family: 'contacts', action: event.action, item };
}
