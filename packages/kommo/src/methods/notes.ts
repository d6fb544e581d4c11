import { writeInBatches } from '../batch';
import { callsAnswerSchema, type AddCallsResult, type CallInput } from '../schemas/call';
import { halList, writeResultSchema } from '../schemas/hal';
import type { NoteEntity, NoteInput } from '../schemas/note';
import type { Request, RequestSpec } from '../transport';
import { requireData } from './entity-methods';

/** Note creation echoes `entity_id` besides `id`. */
const noteResultList = halList(
  'notes',
  writeResultSchema.extend({ entity_id: writeResultSchema.shape.id.optional() }),
);

/**
 * Notes and calls: https://developers.kommo.com/reference/add-notes,
 * https://developers.kommo.com/reference/add-calls
 */
export function noteMethods(request: Request) {
  return {
    /** `common`, `call_in`/`call_out` (pass `uniq` so a retried call note is not doubled), `service_message`, `sms_*`. */
    addNotes: (entity: NoteEntity, notes: readonly NoteInput[]) =>
      writeInBatches(notes, async (chunk, { failFastOn504 }) => {
        const spec: RequestSpec = {
          method: 'POST',
          path: `/api/v4/${entity}/notes`,
          body: chunk,
          failFastOn504,
        };
        return requireData(await request(spec, noteResultList), spec).items;
      }),

    /** Kommo attaches each call to the entity with that phone; the ones it cannot come back in `errors`. */
    addCalls: async (calls: readonly CallInput[]): Promise<AddCallsResult> => {
      const answers = await writeInBatches(calls, async (chunk, { failFastOn504 }) => {
        const spec: RequestSpec = {
          method: 'POST',
          path: '/api/v4/calls',
          body: chunk,
          failFastOn504,
        };
        return [requireData(await request(spec, callsAnswerSchema), spec)];
      });
      return {
        created: answers.flatMap((a) => a._embedded.calls ?? []),
        errors: answers.flatMap((a) => a._embedded.errors ?? []),
      };
    },
  };
}
