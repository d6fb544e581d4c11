import { kommoClientFor, type KommoDeps } from '../integrations/kommo-client';
import type { DomainEvent } from './domain-events';

const CALLBACK_TASK_TYPE = 1; // Kommo's built-in "Follow-up" task type
const CALLBACK_WITHIN_SECONDS = 30 * 60;

const minutes = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/**
 * The `callFollowUp` subscriber. A missed call gets a callback task in Kommo for the responsible
 * user, due in 30 minutes; an answered call gets a summary note on its lead. What was created is
 * stored on the call row before returning, and checked first, so a job that runs again does not
 * write twice (a crash between Kommo's answer and our commit can still double one write: Kommo's
 * task and note endpoints take no idempotency key).
 */
export async function callFollowUp(deps: KommoDeps, event: DomainEvent): Promise<void> {
  const call = await deps.db.kommoCall.findUnique({
    where: { id: event.subject.id },
    include: { integration: { select: { status: true } } },
  });
  if (!call || call.integration.status !== 'connected') return;
  const client = await kommoClientFor(deps, call.integrationId);

  if (event.type === 'call.missed') {
    if (call.callbackTaskKommoId) return;
    const [task] = await client.createTasks([
      {
        text: `Call back ${call.phone ?? 'the customer'}: missed call`,
        complete_till: Math.floor(Date.now() / 1000) + CALLBACK_WITHIN_SECONDS,
        task_type_id: CALLBACK_TASK_TYPE,
        ...(call.responsibleKommoId ? { responsible_user_id: call.responsibleKommoId } : {}),
        entity_id: call.entityKommoId,
        entity_type: call.entityType as 'leads' | 'contacts' | 'companies',
      },
    ]);
    if (task)
      await deps.db.kommoCall.update({
        where: { id: call.id },
        data: { callbackTaskKommoId: task.id },
      });
    return;
  }

  if (call.summaryNoteKommoId || call.leadKommoId === null) return;
  const [note] = await client.addNotes('leads', [
    {
      entity_id: call.leadKommoId,
      note_type: 'common',
      params: {
        text:
          `Leadpilot: ${call.direction === 'in' ? 'inbound' : 'outbound'} call` +
          `${call.phone ? ` with ${call.phone}` : ''}, ${minutes(call.durationSeconds)}` +
          `${call.recordingUrl ? `. Recording: ${call.recordingUrl}` : ''}.`,
      },
    },
  ]);
  if (note)
    await deps.db.kommoCall.update({
      where: { id: call.id },
      data: { summaryNoteKommoId: note.id },
    });
}
