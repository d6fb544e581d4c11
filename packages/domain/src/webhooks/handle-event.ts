import type { Tx } from '@leadpilot/db/client';
import type { KommoWebhookEvent } from '@leadpilot/kommo/webhooks/events';
import { enqueue } from '../jobs/enqueue';
import { applyFact } from '../kommo-events/apply';
import { toFact } from './to-fact';

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
 * It maps the event to a fact and applies it (kommo-events/apply.ts: mirror, stage history,
 * timeline, notifications, domain events); a lead too thin to mirror is read from Kommo by a job. Throwing marks the delivery `failed` (retried with
 * backoff, `dead` after the last attempt); the other deliveries of the batch are unaffected.
 */
export async function handleWebhookEvent(tx: Tx, input: WebhookEventInput): Promise<void> {
  const fact = toFact(input.event);
  if (!fact) return;
  const result = await applyFact(
    {
      tx,
      orgId: input.scope.orgId,
      integrationId: input.scope.integrationId,
      receivedAt: input.delivery.receivedAt,
    },
    fact,
  );
  if (result.kind === 'needs_fetch') {
    // One read per lead however many thin events name it (the job key folds them).
    await enqueue(
      tx,
      'kommoLeadRefresh',
      { integrationId: input.scope.integrationId, leadId: result.leadId },
      {
        jobKey: `kommo_lead_refresh:${input.scope.integrationId}:${result.leadId}`,
        queueName: `kommo:${input.scope.integrationId}`,
        maxAttempts: 10,
      },
    );
  }
}
