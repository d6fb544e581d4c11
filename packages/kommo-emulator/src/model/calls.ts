import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccountState } from './account-state';
import { addNote } from './note-writes';
import type { CallRecord, EntityType } from './types';

export const callWriteSchema = z.looseObject({
  direction: z.enum(['inbound', 'outbound']),
  uniq: z.string().optional(),
  duration: z.number().int().min(0),
  source: z.string().min(1),
  link: z.string().optional(),
  phone: z.string().min(1),
  call_status: z.number().int().min(1).max(7).optional(),
  call_result: z.string().optional(),
  responsible_user_id: z.number().int().optional(),
  created_by: z.number().int().optional(),
  created_at: z.number().int().optional(),
  request_id: z.union([z.string(), z.number()]).optional(),
});
export type CallWrite = z.infer<typeof callWriteSchema>;

/** 6 = "could not get through / no answer": what an unanswered inbound call is. */
export const CALL_STATUS_NO_ANSWER = 6;
const CALL_STATUS_TALKED = 4;

/**
 * Logs a call as Kommo does: a `call_in`/`call_out` note on the entity (which fires the
 * `note_*` webhooks) plus the call record. `target` is where the note goes; POST /calls finds
 * it by phone.
 */
export function logCall(
  state: AccountState,
  write: CallWrite,
  target: { entityType: EntityType; entityId: number },
  actorId: number,
): CallRecord {
  const missed = write.direction === 'inbound' && write.duration === 0;
  const callStatus = write.call_status ?? (missed ? CALL_STATUS_NO_ANSWER : CALL_STATUS_TALKED);
  const uniq = write.uniq ?? randomUUID();
  const params = {
    uniq,
    duration: write.duration,
    source: write.source,
    link: write.link ?? '',
    phone: write.phone,
    call_status: callStatus,
    ...(write.call_result !== undefined ? { call_result: write.call_result } : {}),
  };
  const note = addNote(state, {
    entityType: target.entityType,
    entityId: target.entityId,
    noteType: write.direction === 'inbound' ? 'call_in' : 'call_out',
    params,
    actorId: write.created_by ?? actorId,
    responsibleUserId: write.responsible_user_id,
    createdAt: write.created_at,
  });
  const record: CallRecord = {
    id: state.nextId('call'),
    direction: write.direction,
    uniq,
    duration: write.duration,
    source: write.source,
    link: write.link ?? null,
    phone: write.phone,
    callStatus,
    callResult: write.call_result ?? null,
    responsibleUserId: note.responsibleUserId,
    createdAt: note.createdAt,
    entityId: target.entityId,
    entityType: target.entityType,
    noteId: note.id,
  };
  state.calls.push(record);
  return record;
}
