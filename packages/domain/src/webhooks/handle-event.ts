import type { RawSql } from '@leadpilot/db/raw-sql';
import type { KommoWebhookEvent } from '@leadpilot/kommo/webhooks/events';
import { applyFacts, type BatchFact } from '../kommo-events/apply';
import { toFact } from './to-fact';

/** Who the events belong to: every write they cause is scoped to this organisation. */
export interface WebhookScope {
  orgId: string;
  integrationId: string;
}

/** The integration the deliveries came in for (no tokens: fetch a client with kommoClientFor). */
export interface WebhookIntegration {
  id: string;
  orgId: string;
  kind: 'kommo' | 'kommo_demo';
  host: string;
  baseUrl: string;
  accountId: number | null;
  subdomain: string | null;
}

/** Deliveries of one integration, in the order received, each with its events in body order. */
export interface WebhookBatch {
  scope: WebhookScope;
  integration: WebhookIntegration;
  deliveries: { delivery: { id: string; receivedAt: Date }; events: KommoWebhookEvent[] }[];
}

export type WebhookBatchHandler = (tx: RawSql, batch: WebhookBatch) => Promise<void>;

/**
 * The one place every mapped webhook event goes through (called by processIntegrationWebhooks in
 * the batch's transaction). It must be idempotent: a batch may run again after a crash or a retry.
 *
 * Each event is mapped to a fact and the batch's facts are applied together
 * (kommo-events/apply.ts: mirror, stage history, timeline, notifications, domain events; a lead
 * too thin to mirror is read from Kommo by a job). Throwing fails the batch; the caller then
 * narrows it down to the deliveries that fail (marked `failed`, retried with backoff).
 */
export const handleWebhookBatch: WebhookBatchHandler = async (tx, batch) => {
  const items: BatchFact[] = [];
  for (const { delivery, events } of batch.deliveries)
    for (const event of events) {
      const fact = toFact(event);
      if (fact) items.push({ fact, receivedAt: delivery.receivedAt });
    }
  await applyFacts(
    { tx, orgId: batch.scope.orgId, integrationId: batch.scope.integrationId },
    items,
  );
};

/** One event with its delivery: what a per-event handler (tests) receives. */
export interface WebhookEventInput {
  scope: WebhookScope;
  integration: WebhookIntegration;
  delivery: { id: string; receivedAt: Date };
  event: KommoWebhookEvent;
}

/** A batch handler that passes each event, in order, to `handle` (tests inject failures so). */
export const eachEvent =
  (handle: (tx: RawSql, input: WebhookEventInput) => Promise<void>): WebhookBatchHandler =>
  async (tx, batch) => {
    for (const { delivery, events } of batch.deliveries)
      for (const event of events)
        await handle(tx, { scope: batch.scope, integration: batch.integration, delivery, event });
  };
