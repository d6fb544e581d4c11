import { z } from 'zod';

/** https://developers.kommo.com/reference/notes-list */
export const noteSchema = z.looseObject({
  id: z.number(),
  entity_id: z.number(),
  created_by: z.number().nullish(),
  updated_by: z.number().nullish(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
  responsible_user_id: z.number().nullish(),
  note_type: z.string(),
  // An empty `params` may arrive as `[]` (PHP).
  params: z
    .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
    .nullish()
    .transform((p) => (Array.isArray(p) || p == null ? {} : p)),
  account_id: z.number().nullish(),
});
export type Note = z.output<typeof noteSchema>;

export type NoteEntity = 'leads' | 'contacts' | 'companies' | 'customers';

/**
 * `call_status`: 1 left a message, 2 call back later, 3 not available, 4 conversation took place,
 * 5 wrong number, 6 no answer, 7 busy (API.md §3).
 */
export type CallStatus = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CallParams {
  /** Our id of the call; Kommo deduplicates on it. */
  uniq: string;
  /** Seconds. */
  duration: number;
  source: string;
  /** Recording URL. */
  link?: string;
  phone: string;
  call_status?: CallStatus;
  call_result?: string;
}

type NoteBase = { entity_id: number; request_id?: string; created_by?: number };

export type NoteInput = NoteBase &
  (
    | { note_type: 'common'; params: { text: string } }
    | { note_type: 'call_in' | 'call_out'; params: CallParams }
    | { note_type: 'service_message'; params: { service: string; text: string } }
    | { note_type: 'sms_in' | 'sms_out'; params: { text: string; phone: string } }
  );
