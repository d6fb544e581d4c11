import { z } from 'zod';
import { byIdInput } from '@leadpilot/schemas/common';
import { webhookListInput, webhookStatusSchema } from '@leadpilot/schemas/webhooks';
import {
  getWebhookDelivery,
  listWebhookDeliveries,
  replayWebhookDelivery,
} from '@leadpilot/domain/webhooks/webhook-log';
import { orgProcedure, router } from '../trpc';

const deliveryOutput = z.object({
  id: z.string(),
  integrationId: z.string(),
  receivedAt: z.date(),
  status: webhookStatusSchema,
  requestId: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int(),
  eventCount: z.number().int(),
  eventTypes: z.array(z.string()),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  processedAt: z.date().nullable(),
  duplicateOfId: z.string().nullable(),
});

const deliveryDetailOutput = deliveryOutput.extend({
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  bodyTruncated: z.boolean(),
  /** The decoded body (PHP keys nested); null when it cannot be decoded. */
  payload: z.unknown(),
  decodeError: z.string().nullable(),
  account: z
    .object({
      id: z.number().optional(),
      subdomain: z.string().optional(),
      url: z.string().optional(),
    })
    .nullable(),
  /** Typed events as the parser maps the body today (KommoWebhookEvent, kept whole). */
  events: z.array(z.looseObject({ type: z.string(), path: z.string() })),
  eventsTruncated: z.boolean(),
  unhandled: z.array(z.object({ path: z.string(), reason: z.string() })),
});

/** The Kommo webhook log (issue 5): every delivery, its outcome, and replay for admins. */
export const webhooksRouter = router({
  list: orgProcedure
    .input(webhookListInput)
    .output(z.object({ items: z.array(deliveryOutput), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.scope, input)),

  get: orgProcedure
    .input(byIdInput)
    .output(deliveryDetailOutput)
    .query(({ ctx, input }) => getWebhookDelivery(ctx.scope, input.id)),

  replay: orgProcedure
    .input(byIdInput)
    .output(z.object({ id: z.string(), status: z.literal('pending') }))
    .mutation(({ ctx, input }) => replayWebhookDelivery(ctx.scope, input.id)),
});
