import { z } from 'zod';

export const webhookStatusSchema = z.enum([
  'pending',
  'processed',
  'duplicate',
  'failed',
  'unhandled',
  'rejected',
  'dead',
]);
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

/** Statuses an admin may replay: processing went wrong or could not map anything. */
export const REPLAYABLE_WEBHOOK_STATUSES = ['failed', 'dead', 'unhandled'] as const;

export const webhookListInput = z.object({
  integrationId: z.uuid(),
  status: webhookStatusSchema.optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
