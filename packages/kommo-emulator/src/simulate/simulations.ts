import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LOST_STATUS_ID, WON_STATUS_ID, type AccountState } from '../model/account-state';
import { logCall } from '../model/calls';
import { prepareLeadWrites } from '../model/lead-writes';
import type { PreparedBatch } from '../model/prepared-writes';
import { prepareTaskWrites } from '../model/task-writes';
import type { ChatMessage, Contact, Lead, Talk } from '../model/types';
import { createIncomingLead, createRobotContact } from './incoming-lead';
import { SimulationError } from './simulation-error';

export const incomingMessageSchema = z.strictObject({
  leadId: z.number().int().optional(),
  contactId: z.number().int().optional(),
  text: z.string().min(1),
  origin: z.string().min(1).optional(),
  authorName: z.string().min(1).optional(),
});
export const callSchema = z.strictObject({
  direction: z.enum(['inbound', 'outbound']),
  phone: z.string().min(1),
  duration: z.number().int().min(0),
  status: z.number().int().min(1).max(7).optional(),
  leadId: z.number().int().optional(),
  responsibleUserId: z.number().int().optional(),
});
export const taskSchema = z.strictObject({
  leadId: z.number().int(),
  text: z.string().min(1),
  responsibleUserId: z.number().int().optional(),
  completeTill: z.number().int().optional(),
});
export const stageChangeSchema = z.strictObject({
  leadId: z.number().int(),
  statusId: z.number().int(),
  pipelineId: z.number().int().optional(),
});

const applyOrThrow = (prepared: PreparedBatch) => {
  const [first] = prepared.issues;
  if (first)
    throw new SimulationError(first.errors.map((e) => `${e.path}: ${e.detail}`).join('; '));
  return prepared.apply();
};

const isOpen = (l: Lead) =>
  l.statusId !== WON_STATUS_ID && l.statusId !== LOST_STATUS_ID && !l.isDeleted;

/**
 * A client writes in a chat (Kommo's own WhatsApp/Telegram/Instagram channels). The message
 * lands on the given lead, or the contact's latest open lead, or — for a new client or one
 * without an open lead — a new lead in the incoming stage.
 */
export function simulateIncomingMessage(
  state: AccountState,
  input: z.infer<typeof incomingMessageSchema>,
): ChatMessage {
  const origin = input.origin ?? 'telegram';
  let lead: Lead;
  let contact: Contact | null = null;
  if (input.contactId !== undefined) {
    contact = state.contacts.get(input.contactId) ?? null;
    if (!contact) throw new SimulationError(`Contact ${input.contactId} not found`);
  }
  if (input.leadId !== undefined) {
    const found = state.leads.get(input.leadId);
    if (!found) throw new SimulationError(`Lead ${input.leadId} not found`);
    lead = found;
    contact ??= lead.mainContactId ? (state.contacts.get(lead.mainContactId) ?? null) : null;
    contact ??= createRobotContact(state, input.authorName ?? 'New client');
    if (!lead.contactIds.includes(contact.id)) {
      state.setLeadContacts(lead, [...lead.contactIds, contact.id], null);
    }
  } else {
    contact ??= createRobotContact(state, input.authorName ?? 'New client');
    const open = state
      .leadIdsOfContact(contact.id)
      .flatMap((id) => state.leads.get(id) ?? [])
      .filter(isOpen)
      .sort((a, b) => b.updatedAt - a.updatedAt);
    lead = open[0] ?? createIncomingLead(state, contact, origin);
  }
  const contactId = contact.id;
  const now = state.now();
  let talk = [...state.talks.values()].find(
    (t) => t.contactId === contactId && t.origin === origin,
  );
  if (!talk) {
    talk = {
      id: state.nextId('talk'),
      chatId: randomUUID(),
      contactId,
      entityId: lead.id,
      entityType: 'lead',
      origin,
      isInWork: true,
      isRead: false,
      rate: 0,
      missedAt: null,
      createdAt: now,
      updatedAt: now,
    } satisfies Talk;
    state.talks.set(talk.id, talk);
    state.emit({ kind: 'talk', action: 'add', talk: { ...talk } });
  } else {
    talk.isRead = false;
    talk.updatedAt = now;
  }
  const message: ChatMessage = {
    id: randomUUID(),
    talkId: talk.id,
    chatId: talk.chatId,
    contactId,
    leadId: lead.id,
    text: input.text,
    origin,
    authorId: authorIdOf(state, contactId),
    authorName: input.authorName ?? contact.name,
    createdAt: now,
  };
  state.messages.push(message);
  state.emit({ kind: 'message', message, talk: { ...talk } });
  return message;
}

/** The chat-side id of a contact stays the same across its messages. */
function authorIdOf(state: AccountState, contactId: number): string {
  return state.messages.find((m) => m.contactId === contactId)?.authorId ?? randomUUID();
}

/**
 * A phone call. With `leadId` the call note goes on the lead; otherwise on the contact with that
 * phone; an unknown number becomes a new contact and incoming lead (noted on the lead).
 */
export function simulateCall(state: AccountState, input: z.infer<typeof callSchema>) {
  let target: { entityType: 'leads' | 'contacts'; entityId: number };
  if (input.leadId !== undefined) {
    if (!state.leads.has(input.leadId)) throw new SimulationError(`Lead ${input.leadId} not found`);
    target = { entityType: 'leads', entityId: input.leadId };
  } else {
    const contact = state.contactsByPhone(input.phone)[0];
    if (contact) target = { entityType: 'contacts', entityId: contact.id };
    else {
      const caller = createRobotContact(state, input.phone, input.phone);
      target = { entityType: 'leads', entityId: createIncomingLead(state, caller, 'sip').id };
    }
  }
  const missed = input.status === 6 || (input.direction === 'inbound' && input.duration === 0);
  const uniq = randomUUID();
  return logCall(
    state,
    {
      direction: input.direction,
      uniq,
      duration: input.duration,
      source: 'Kommo emulator telephony',
      link: missed ? undefined : `https://recordings.invalid/${uniq}.mp3`,
      phone: input.phone,
      call_status: missed ? 6 : input.status,
      responsible_user_id: input.responsibleUserId,
    },
    target,
    input.responsibleUserId ?? state.account.currentUserId,
  );
}

/** A manager sets a task on a lead. */
export function simulateTask(state: AccountState, input: z.infer<typeof taskSchema>) {
  const lead = state.leads.get(input.leadId);
  if (!lead) throw new SimulationError(`Lead ${input.leadId} not found`);
  const actor = input.responsibleUserId ?? lead.responsibleUserId;
  const write = {
    entity_id: lead.id,
    entity_type: 'leads',
    text: input.text,
    complete_till: input.completeTill ?? state.now() + 86_400,
    responsible_user_id: input.responsibleUserId ?? lead.responsibleUserId,
    task_type_id: 1,
  };
  return applyOrThrow(prepareTaskWrites(state, [write], 'create', actor))[0];
}

/** A manager drags a lead to another stage. */
export function simulateStageChange(state: AccountState, input: z.infer<typeof stageChangeSchema>) {
  const lead = state.leads.get(input.leadId);
  if (!lead) throw new SimulationError(`Lead ${input.leadId} not found`);
  const write = {
    id: lead.id,
    status_id: input.statusId,
    ...(input.pipelineId ? { pipeline_id: input.pipelineId } : {}),
  };
  return applyOrThrow(prepareLeadWrites(state, [write], 'update', lead.responsibleUserId))[0];
}
