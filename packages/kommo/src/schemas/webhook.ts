import { z } from 'zod';

/** https://developers.kommo.com/reference/webhooks-list */
export const webhookSchema = z.looseObject({
  id: z.number(),
  destination: z.string(),
  created_at: z.number().nullish(),
  updated_at: z.number().nullish(),
  account_id: z.number().nullish(),
  created_by: z.number().nullish(),
  sort: z.number().nullish(),
  disabled: z.boolean().nullish(),
  settings: z.array(z.string()),
});
export type Webhook = z.output<typeof webhookSchema>;

/** The subscribable events (API.md §4); strings beyond these are passed through. */
export type WebhookSetting =
  | `${'add' | 'update' | 'delete' | 'restore' | 'status' | 'responsible' | 'note'}_${'lead' | 'contact' | 'company'}`
  | `${'add' | 'update' | 'delete' | 'responsible'}_task`
  | 'add_talk'
  | 'update_talk'
  | 'add_message'
  | 'add_outgoing_message'
  | 'add_chat_template_review'
  | (string & {});
