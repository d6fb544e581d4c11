import { z } from 'zod';
import type { AccountState } from './account-state';
import {
  applyCommon,
  commonWriteShape,
  fingerprint,
  prepareCommon,
  tagRefSchema,
} from './entity-write-common';
import { prepareBatch, type PreparedBatch, type WriteResult } from './prepared-writes';
import type { Company, Contact } from './types';
import { issue } from './validation-issue';

export const contactWriteSchema = z.looseObject({
  ...commonWriteShape,
  first_name: z.string().max(255).optional(),
  last_name: z.string().max(255).optional(),
  _embedded: z
    .looseObject({
      tags: z.array(tagRefSchema).nullable().optional(),
      companies: z.array(z.looseObject({ id: z.number().int() })).optional(),
    })
    .optional(),
});

export const companyWriteSchema = z.looseObject({
  ...commonWriteShape,
  _embedded: z.looseObject({ tags: z.array(tagRefSchema).nullable().optional() }).optional(),
});

/** Contacts and companies: one shape family, told apart by `type` in webhooks. */
export function prepareContactWrites(
  state: AccountState,
  items: unknown[],
  mode: 'create' | 'update',
  actorId: number,
): PreparedBatch {
  return prepareBatch(items, contactWriteSchema, (write, issues, requestId) => {
    let existing: Contact | null = null;
    if (mode === 'update') {
      existing = write.id !== undefined ? (state.contacts.get(write.id) ?? null) : null;
      if (write.id === undefined) issues.push(issue.missing('id'));
      else if (!existing || existing.isDeleted) issues.push(issue.notFound('id'));
      if (!existing || existing.isDeleted) return null;
    }
    const common = prepareCommon(
      state,
      'contacts',
      { ...write, tags: write._embedded?.tags },
      issues,
    );
    const companyId = write._embedded?.companies?.[0]?.id;
    if (companyId !== undefined && !state.companies.has(companyId)) {
      issues.push(issue.notFound('_embedded.companies.0.id'));
    }
    if (issues.length) return null;
    return (): WriteResult => {
      const now = state.now();
      const composedName = (first: string, last: string) => `${first} ${last}`.trim();
      if (!existing) {
        const id = state.nextId('contact');
        const responsible = write.responsible_user_id ?? (actorId || state.account.currentUserId);
        const contact: Contact = {
          id,
          name: '',
          firstName: write.first_name ?? '',
          lastName: write.last_name ?? '',
          responsibleUserId: responsible,
          groupId: state.users.get(responsible)?.groupId ?? 0,
          createdBy: write.created_by ?? actorId,
          updatedBy: write.updated_by ?? actorId,
          createdAt: write.created_at ?? now,
          updatedAt: write.updated_at ?? now,
          closestTaskAt: null,
          isDeleted: false,
          isUnsorted: false,
          customFields: [],
          tagIds: [],
          companyId: companyId ?? null,
        };
        applyCommon(state, 'contacts', contact, common);
        if (!contact.name) contact.name = composedName(contact.firstName, contact.lastName);
        state.contacts.set(id, contact);
        state.emit({
          kind: 'contact',
          action: 'add',
          entity: structuredClone(contact),
          oldResponsibleUserId: null,
          actorId,
        });
        return { id, requestId, updatedAt: contact.updatedAt };
      }
      const contact = existing;
      const before = fingerprint(contact);
      const oldResponsible = contact.responsibleUserId;
      applyCommon(state, 'contacts', contact, common);
      if (write.first_name !== undefined) contact.firstName = write.first_name;
      if (write.last_name !== undefined) contact.lastName = write.last_name;
      if (write.name === undefined && (write.first_name ?? write.last_name) !== undefined) {
        contact.name = composedName(contact.firstName, contact.lastName);
      }
      if (companyId !== undefined) contact.companyId = companyId;
      if (fingerprint(contact) !== before) {
        contact.updatedAt = write.updated_at ?? Math.max(now, contact.updatedAt);
        contact.updatedBy = actorId;
        const entity = structuredClone(contact);
        const event = {
          kind: 'contact',
          entity,
          oldResponsibleUserId: oldResponsible,
          actorId,
        } as const;
        if (oldResponsible !== contact.responsibleUserId)
          state.emit({ ...event, action: 'responsible' });
        state.emit({ ...event, action: 'update' });
      }
      return { id: contact.id, requestId, updatedAt: contact.updatedAt };
    };
  });
}

export function prepareCompanyWrites(
  state: AccountState,
  items: unknown[],
  mode: 'create' | 'update',
  actorId: number,
): PreparedBatch {
  return prepareBatch(items, companyWriteSchema, (write, issues, requestId) => {
    let existing: Company | null = null;
    if (mode === 'update') {
      existing = write.id !== undefined ? (state.companies.get(write.id) ?? null) : null;
      if (write.id === undefined) issues.push(issue.missing('id'));
      else if (!existing || existing.isDeleted) issues.push(issue.notFound('id'));
      if (!existing || existing.isDeleted) return null;
    }
    const common = prepareCommon(
      state,
      'companies',
      { ...write, tags: write._embedded?.tags },
      issues,
    );
    if (issues.length) return null;
    return (): WriteResult => {
      const now = state.now();
      if (!existing) {
        const id = state.nextId('company');
        const responsible = write.responsible_user_id ?? (actorId || state.account.currentUserId);
        const company: Company = {
          id,
          name: write.name ?? '',
          responsibleUserId: responsible,
          groupId: state.users.get(responsible)?.groupId ?? 0,
          createdBy: write.created_by ?? actorId,
          updatedBy: write.updated_by ?? actorId,
          createdAt: write.created_at ?? now,
          updatedAt: write.updated_at ?? now,
          closestTaskAt: null,
          isDeleted: false,
          customFields: [],
          tagIds: [],
        };
        applyCommon(state, 'companies', company, common);
        state.companies.set(id, company);
        state.emit({
          kind: 'company',
          action: 'add',
          entity: structuredClone(company),
          oldResponsibleUserId: null,
          actorId,
        });
        return { id, requestId, updatedAt: company.updatedAt };
      }
      const company = existing;
      const before = fingerprint(company);
      const oldResponsible = company.responsibleUserId;
      applyCommon(state, 'companies', company, common);
      if (fingerprint(company) !== before) {
        company.updatedAt = write.updated_at ?? Math.max(now, company.updatedAt);
        company.updatedBy = actorId;
        const entity = structuredClone(company);
        const event = {
          kind: 'company',
          entity,
          oldResponsibleUserId: oldResponsible,
          actorId,
        } as const;
        if (oldResponsible !== company.responsibleUserId)
          state.emit({ ...event, action: 'responsible' });
        state.emit({ ...event, action: 'update' });
      }
      return { id: company.id, requestId, updatedAt: company.updatedAt };
    };
  });
}
