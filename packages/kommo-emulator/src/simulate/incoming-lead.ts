import type { AccountState } from '../model/account-state';
import type { Contact, Lead } from '../model/types';

/** A contact created by the robot (user 0), as Kommo's chat and telephony channels do. */
export function createRobotContact(state: AccountState, name: string, phone?: string): Contact {
  const now = state.now();
  const responsible = state.account.currentUserId;
  const phoneField = state.fieldsOf('contacts').find((f) => f.code === 'PHONE');
  const mobile = phoneField?.enums?.find((e) => e.code === 'MOB');
  const contact: Contact = {
    id: state.nextId('contact'),
    name,
    firstName: name,
    lastName: '',
    responsibleUserId: responsible,
    groupId: state.users.get(responsible)?.groupId ?? 0,
    createdBy: 0,
    updatedBy: 0,
    createdAt: now,
    updatedAt: now,
    closestTaskAt: null,
    isDeleted: false,
    isUnsorted: true,
    customFields:
      phone && phoneField && mobile
        ? [
            {
              fieldId: phoneField.id,
              values: [{ value: phone, enumId: mobile.id, enumCode: 'MOB' }],
            },
          ]
        : [],
    tagIds: [],
    companyId: null,
  };
  state.contacts.set(contact.id, contact);
  state.emit({
    kind: 'contact',
    action: 'add',
    entity: structuredClone(contact),
    oldResponsibleUserId: null,
    actorId: 0,
  });
  return contact;
}

/**
 * What Kommo does when someone without an open lead writes or calls: a lead in the incoming
 * (unsorted) stage of the channel's pipeline, created by the robot (user 0). Only simulations
 * may do this; the API cannot put a lead into the incoming stage.
 */
export function createIncomingLead(state: AccountState, contact: Contact, origin: string): Lead {
  const now = state.now();
  const source = [...state.sources.values()].find((s) => s.originCode === origin);
  const pipeline = (source && state.pipelines.get(source.pipelineId)) ?? state.mainPipeline();
  const incoming = pipeline.statuses.find((s) => s.type === 1) ?? pipeline.statuses[0];
  if (!incoming) throw new Error(`Pipeline ${pipeline.id} has no stages`);
  const lead: Lead = {
    id: state.nextId('lead'),
    name: `${contact.name} (${origin})`,
    price: 0,
    responsibleUserId: contact.responsibleUserId,
    groupId: contact.groupId,
    statusId: incoming.id,
    pipelineId: pipeline.id,
    lossReasonId: null,
    createdBy: 0,
    updatedBy: 0,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closestTaskAt: null,
    isDeleted: false,
    customFields: [],
    tagIds: [],
    score: null,
    sourceId: source?.id ?? null,
    contactIds: [],
    mainContactId: null,
    companyId: null,
  };
  state.setLeadContacts(lead, [contact.id], contact.id);
  state.leads.set(lead.id, lead);
  state.emit({ kind: 'lead', action: 'add', lead: structuredClone(lead), old: null, actorId: 0 });
  return lead;
}
