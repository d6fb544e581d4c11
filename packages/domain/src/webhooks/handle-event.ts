import type { Tx } from '@leadpilot/db/client';
import type { KommoWebhookEvent } from '@leadpilot/kommo/webhooks/events';

/** Who the event belongs to: every write it causes is scoped to this organisation. */
export interface WebhookScope {
  orgId: string;
  integrationId: string;
}

/** The integration the delivery came in for (no tokens: fetch a client with kommoClientFor). */
export interface WebhookIntegration {
  id: string;
  orgId: string;
  kind: 'kommo' | 'kommo_demo';
  host: string;
  baseUrl: string;
  accountId: number | null;
  subdomain: string | null;
}

export interface WebhookEventInput {
  scope: WebhookScope;
  integration: WebhookIntegration;
  delivery: { id: string; receivedAt: Date };
  event: KommoWebhookEvent;
}

/**
 * The one place every mapped webhook event goes through (called by processWebhookBatch, in the
 * batch's transaction, in the order the deliveries were received and the events appear in the
 * body). It must be idempotent: a batch may run again after a crash or a retry.
 *
 * A stub for now — event processing (mirror updates, timeline, notifications, calls, domain
 * event dispatch) is built on top of it. Throwing marks the delivery `failed` (retried with
 * backoff, `dead` after the last attempt); the other deliveries of the batch are unaffected.
 */
export async function handleWebhookEvent(_tx: Tx, _input: WebhookEventInput): Promise<void> {}
