import type { AccountState } from '../model/account-state';
import type { Company, Contact, EntityType, Lead, StoredCustomFieldValues } from '../model/types';

type Link = (path: string) => string;
const self = (link: Link, path: string) => ({ self: { href: link(path) } });

/** `custom_fields_values` as Kommo reads it: null when the entity has none. */
export function customFieldsJson(state: AccountState, stored: StoredCustomFieldValues[]) {
  if (!stored.length) return null;
  return stored.flatMap((cf) => {
    const field = state.customFields.get(cf.fieldId);
    if (!field) return [];
    return [
      {
        field_id: field.id,
        field_name: field.name,
        field_code: field.code,
        field_type: field.type,
        values: cf.values.map((v) =>
          v.enumId !== undefined
            ? { value: v.value, enum_id: v.enumId, enum_code: v.enumCode ?? null }
            : { value: v.value },
        ),
      },
    ];
  });
}

export function tagsJson(state: AccountState, type: EntityType, ids: number[]) {
  return ids.flatMap((id) => {
    const tag = state.tags[type].get(id);
    return tag ? [{ id: tag.id, name: tag.name, color: tag.color }] : [];
  });
}

export function leadJson(state: AccountState, lead: Lead, link: Link, include: Set<string>) {
  const embedded: Record<string, unknown> = {
    tags: tagsJson(state, 'leads', lead.tagIds),
    companies: lead.companyId
      ? [{ id: lead.companyId, _links: self(link, `/companies/${lead.companyId}`) }]
      : [],
  };
  if (include.has('contacts')) {
    embedded.contacts = lead.contactIds.map((id) => ({
      id,
      is_main: id === lead.mainContactId,
      _links: self(link, `/contacts/${id}`),
    }));
  }
  if (include.has('loss_reason')) {
    const reason = state.lossReasons.find((r) => r.id === lead.lossReasonId);
    embedded.loss_reason = reason
      ? [{ ...reason, _links: self(link, `/leads/loss_reasons/${reason.id}`) }]
      : [];
  }
  if (include.has('source') && lead.sourceId) {
    const source = state.sources.get(lead.sourceId);
    if (source)
      embedded.source = {
        id: source.id,
        name: source.name,
        external_id: source.externalId,
        type: 'api',
      };
  }
  return {
    id: lead.id,
    name: lead.name,
    price: lead.price,
    responsible_user_id: lead.responsibleUserId,
    group_id: lead.groupId,
    status_id: lead.statusId,
    pipeline_id: lead.pipelineId,
    loss_reason_id: lead.lossReasonId,
    ...(include.has('source_id') ? { source_id: lead.sourceId } : {}),
    created_by: lead.createdBy,
    updated_by: lead.updatedBy,
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
    closed_at: lead.closedAt,
    closest_task_at: lead.closestTaskAt,
    is_deleted: lead.isDeleted,
    custom_fields_values: customFieldsJson(state, lead.customFields),
    score: lead.score,
    account_id: state.account.id,
    labor_cost: null,
    ...(include.has('is_price_modified_by_robot') ? { is_price_modified_by_robot: false } : {}),
    _links: self(link, `/leads/${lead.id}`),
    _embedded: embedded,
  };
}

export function contactJson(
  state: AccountState,
  contact: Contact,
  link: Link,
  include: Set<string>,
) {
  const embedded: Record<string, unknown> = {
    tags: tagsJson(state, 'contacts', contact.tagIds),
    companies: contact.companyId
      ? [{ id: contact.companyId, _links: self(link, `/companies/${contact.companyId}`) }]
      : [],
  };
  if (include.has('leads')) {
    embedded.leads = state
      .leadIdsOfContact(contact.id)
      .map((id) => ({ id, _links: self(link, `/leads/${id}`) }));
  }
  return {
    id: contact.id,
    name: contact.name,
    first_name: contact.firstName,
    last_name: contact.lastName,
    responsible_user_id: contact.responsibleUserId,
    group_id: contact.groupId,
    created_by: contact.createdBy,
    updated_by: contact.updatedBy,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    closest_task_at: contact.closestTaskAt,
    is_deleted: contact.isDeleted,
    is_unsorted: contact.isUnsorted,
    custom_fields_values: customFieldsJson(state, contact.customFields),
    account_id: state.account.id,
    _links: self(link, `/contacts/${contact.id}`),
    _embedded: embedded,
  };
}

export function companyJson(
  state: AccountState,
  company: Company,
  link: Link,
  include: Set<string>,
) {
  const embedded: Record<string, unknown> = { tags: tagsJson(state, 'companies', company.tagIds) };
  if (include.has('contacts')) {
    embedded.contacts = [...state.contacts.values()]
      .filter((c) => c.companyId === company.id && !c.isDeleted)
      .map((c) => ({ id: c.id, _links: self(link, `/contacts/${c.id}`) }));
  }
  if (include.has('leads')) {
    embedded.leads = [...state.leads.values()]
      .filter((l) => l.companyId === company.id && !l.isDeleted)
      .map((l) => ({ id: l.id, _links: self(link, `/leads/${l.id}`) }));
  }
  return {
    id: company.id,
    name: company.name,
    responsible_user_id: company.responsibleUserId,
    group_id: company.groupId,
    created_by: company.createdBy,
    updated_by: company.updatedBy,
    created_at: company.createdAt,
    updated_at: company.updatedAt,
    closest_task_at: company.closestTaskAt,
    is_deleted: company.isDeleted,
    custom_fields_values: customFieldsJson(state, company.customFields),
    account_id: state.account.id,
    _links: self(link, `/companies/${company.id}`),
    _embedded: embedded,
  };
}
