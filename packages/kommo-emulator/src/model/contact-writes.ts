import { z } from 'zod';
import type { AccountState } from './account-state';
import {
  applyCommon,
  commonWriteShape,
  findForUpdate,
  fingerprint,
  markUpdated,
  newEntityBase,
  prepareCommon,
  tagRefSchema,
} from './entity-write-common';
import { prepareBatch, type PreparedBatch, type WriteResult } from './prepared-writes';
import type { Company, Contact } from './types';
import { issue } from './validation-issue';

type ContactSnapshot = { kind: 'contact'; entity: Contact } | { kind: 'company'; entity: Company };

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
    const existing = mode === 'update' ? findForUpdate(state.contacts, write.id, issues) : null;
    if (mode === 'update' && !existing) return null;
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
        const contact: Contact = {
          ...newEntityBase(state, state.nextId('contact'), write, actorId, now),
          firstName: write.first_name ?? '',
          lastName: write.last_name ?? '',
          isUnsorted: false,
          companyId: companyId ?? null,
        };
        applyCommon(state, 'contacts', contact, common);
        if (!contact.name) contact.name = composedName(contact.firstName, contact.lastName);
        state.contacts.set(contact.id, contact);
        emitAdded(state, { kind: 'contact', entity: structuredClone(contact) }, actorId);
        return { id: contact.id, requestId, updatedAt: contact.updatedAt };
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
        markUpdated(contact, write.updated_at, now, actorId);
        const snapshot = { kind: 'contact', entity: structuredClone(contact) } as const;
        emitUpdated(state, snapshot, oldResponsible, actorId);
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
    const existing = mode === 'update' ? findForUpdate(state.companies, write.id, issues) : null;
    if (mode === 'update' && !existing) return null;
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
        const company: Company = newEntityBase(state, state.nextId('company'), write, actorId, now);
        applyCommon(state, 'companies', company, common);
        state.companies.set(company.id, company);
        emitAdded(state, { kind: 'company', entity: structuredClone(company) }, actorId);
        return { id: company.id, requestId, updatedAt: company.updatedAt };
      }
      const company = existing;
      const before = fingerprint(company);
      const oldResponsible = company.responsibleUserId;
      applyCommon(state, 'companies', company, common);
      if (fingerprint(company) !== before) {
        markUpdated(company, write.updated_at, now, actorId);
        const snapshot = { kind: 'company', entity: structuredClone(company) } as const;
        emitUpdated(state, snapshot, oldResponsible, actorId);
      }
      return { id: company.id, requestId, updatedAt: company.updatedAt };
    };
  });
}

function emitAdded(state: AccountState, snapshot: ContactSnapshot, actorId: number): void {
  state.emit({ ...snapshot, action: 'add', oldResponsibleUserId: null, actorId });
}

/** A responsible change is also an update; Kommo fires each subscribed event. */
function emitUpdated(
  state: AccountState,
  snapshot: ContactSnapshot,
  oldResponsibleUserId: number,
  actorId: number,
): void {
  const event = { ...snapshot, oldResponsibleUserId, actorId };
  if (oldResponsibleUserId !== snapshot.entity.responsibleUserId) {
    state.emit({ ...event, action: 'responsible' });
  }
  state.emit({ ...event, action: 'update' });
}
