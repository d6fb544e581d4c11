import { z } from 'zod';
import type { CallParams } from './note';

/** https://developers.kommo.com/reference/add-calls — Kommo finds the entity by phone. */
export interface CallInput extends CallParams {
  direction: 'inbound' | 'outbound';
  responsible_user_id?: number;
  /** Unix seconds. */
  created_at?: number;
  request_id?: string;
}

export const callResultSchema = z.looseObject({
  id: z.number(),
  entity_id: z.number().nullish(),
  entity_type: z.string().nullish(),
  request_id: z.union([z.string(), z.number()]).transform(String).optional(),
});

/** Calls Kommo could not attach (e.g. no entity with that phone) come back beside the created ones. */
export const callsAnswerSchema = z.looseObject({
  _embedded: z.looseObject({
    calls: z.array(callResultSchema).nullish(),
    errors: z.array(z.record(z.string(), z.unknown())).nullish(),
  }),
});

export interface AddCallsResult {
  created: z.output<typeof callResultSchema>[];
  /** Kommo's per-call errors, as sent (their shape is not documented). */
  errors: Record<string, unknown>[];
}
