import { z } from 'zod';

/**
 * https://developers.kommo.com/reference/talks — no message text here: it only arrives in the
 * `add_message` webhook (API.md §3).
 */
export const talkSchema = z.looseObject({
  talk_id: z.number(),
  chat_id: z.string(),
  contact_id: z.number().nullish(),
  entity_id: z.number().nullish(),
  entity_type: z.string().nullish(),
  origin: z.string().nullish(),
  is_in_work: z.boolean().nullish(),
  is_read: z.boolean().nullish(),
  missed_at: z.number().nullish(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
  account_id: z.number().nullish(),
});
export type Talk = z.output<typeof talkSchema>;
