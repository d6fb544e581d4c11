import { z } from 'zod';
import type { AccountState } from './account-state';
import { prepareBatch, type PreparedBatch, type WriteResult } from './prepared-writes';
import type { EntityType, Note, NoteType } from './types';
import { fromZodIssues, issue } from './validation-issue';

const callParams = z.looseObject({
  uniq: z.string().min(1),
  duration: z.number().int().min(0),
  source: z.string().min(1),
  link: z.string().optional(),
  phone: z.string().min(1),
  // 1 left a message … 4 conversation took place … 6 no answer, 7 busy
  call_status: z.number().int().min(1).max(7).optional(),
  call_result: z.string().optional(),
});

/** The documented `params` of each note type; other types are stored as sent. */
const paramsByType: Partial<Record<NoteType, z.ZodType<Record<string, unknown>>>> = {
  common: z.looseObject({ text: z.string().min(1) }),
  call_in: callParams,
  call_out: callParams,
  service_message: z.looseObject({ service: z.string().min(1), text: z.string().min(1) }),
  sms_in: z.looseObject({ text: z.string().min(1), phone: z.string().min(1) }),
  sms_out: z.looseObject({ text: z.string().min(1), phone: z.string().min(1) }),
};

export const noteWriteSchema = z.looseObject({
  entity_id: z.number().int().optional(),
  note_type: z.enum([
    'common',
    'call_in',
    'call_out',
    'service_message',
    'sms_in',
    'sms_out',
    'extended_service_message',
    'message_cashier',
    'geolocation',
    'invoice_paid',
    'attachment',
  ]),
  params: z.record(z.string(), z.unknown()),
  created_by: z.number().int().optional(),
  responsible_user_id: z.number().int().optional(),
  created_at: z.number().int().optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
});

/** Notes on `entityType`; `pathEntityId` is the `{id}` of `/{entity}/{id}/notes`. */
export function prepareNoteWrites(
  state: AccountState,
  entityType: EntityType,
  items: unknown[],
  actorId: number,
  pathEntityId?: number,
): PreparedBatch {
  return prepareBatch(items, noteWriteSchema, (write, issues, requestId) => {
    const entityId = pathEntityId ?? write.entity_id;
    if (entityId === undefined) issues.push(issue.missing('entity_id'));
    else if (!state.entities(entityType).has(entityId)) issues.push(issue.notFound('entity_id'));
    const paramsSchema = paramsByType[write.note_type];
    const params = paramsSchema ? paramsSchema.safeParse(write.params) : null;
    if (params && !params.success)
      issues.push(...fromZodIssues(params.error, 'params', write.params));
    if (issues.length || entityId === undefined) return null;
    return (): WriteResult => {
      const note = addNote(state, {
        entityType,
        entityId,
        noteType: write.note_type,
        params: params?.success ? params.data : write.params,
        actorId: write.created_by ?? actorId,
        responsibleUserId: write.responsible_user_id,
        createdAt: write.created_at,
      });
      return { id: note.id, requestId, updatedAt: note.updatedAt };
    };
  });
}

/** Stores a note and announces it (also used by calls and simulations). */
export function addNote(
  state: AccountState,
  input: {
    entityType: EntityType;
    entityId: number;
    noteType: NoteType;
    params: Record<string, unknown>;
    actorId: number;
    responsibleUserId?: number | undefined;
    createdAt?: number | undefined;
  },
): Note {
  const now = state.now();
  const responsible =
    input.responsibleUserId ??
    state.entities(input.entityType).get(input.entityId)?.responsibleUserId ??
    state.account.currentUserId;
  const note: Note = {
    id: state.nextId('note'),
    entityId: input.entityId,
    entityType: input.entityType,
    createdBy: input.actorId,
    updatedBy: input.actorId,
    createdAt: input.createdAt ?? now,
    updatedAt: input.createdAt ?? now,
    responsibleUserId: responsible,
    groupId: state.users.get(responsible)?.groupId ?? 0,
    noteType: input.noteType,
    params: input.params,
  };
  state.notes.set(note.id, note);
  state.emit({ kind: 'note', note: structuredClone(note), entityType: input.entityType });
  return note;
}
