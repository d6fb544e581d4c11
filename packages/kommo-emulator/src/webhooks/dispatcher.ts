import { randomUUID } from 'node:crypto';
import type { AccountState } from '../model/account-state';
import type { AccountEvent } from '../model/events';
import type { Webhook } from '../model/types';
import {
  messageWebhookItem,
  noteWebhookItem,
  talkWebhookItem,
  taskWebhookItem,
} from './payload-activity';
import { accountBlock, type WebhookItem } from './payload-common';
import { leadWebhookItem, partyWebhookItem } from './payload-entities';
import { encodePhpForm } from './php-form';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  destination: string;
  /** The setting that caused it, e.g. `status_lead`. */
  setting: string;
  /** The body's family key, e.g. `leads[status]`. */
  key: string;
  body: string;
  requestId: string;
  /** HTTP status, or null when the receiver did not answer in time or refused the connection. */
  status: number | null;
  error: string | null;
  ok: boolean | null;
  at: number;
  durationMs: number | null;
}

const TIMEOUT_MS = 2_000;
const FAILURE_WINDOW_MS = 2 * 60 * 60 * 1000;
const FAILURES_TO_DISABLE = 100;

export function toWebhookItem(state: AccountState, event: AccountEvent): WebhookItem {
  switch (event.kind) {
    case 'lead':
      return leadWebhookItem(state, event);
    case 'contact':
    case 'company':
      return partyWebhookItem(state, event);
    case 'task':
      return taskWebhookItem(state, event);
    case 'note':
      return noteWebhookItem(state, event);
    case 'message':
      return messageWebhookItem(event);
    case 'talk':
      return talkWebhookItem(event);
  }
}

/**
 * Sends account webhooks the way Kommo does: form-encoded, one POST per destination and event
 * family, batching the entities one request changed (`leads[add][0]`, `[1]` …). Delivery is
 * fire-and-forget with a 2 s timeout; each attempt is recorded. Kommo's retries are not
 * emulated (their schedule is unsure); its auto-disable after 100 failures in 2 h is.
 */
export class WebhookDispatcher {
  private readonly log: WebhookDelivery[] = [];
  private pending: WebhookItem[] = [];
  private flushScheduled = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly failures = new Map<number, number[]>();
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly state: AccountState,
    private readonly baseUrl: () => string,
  ) {}

  start(): void {
    this.unsubscribe ??= this.state.subscribe((event) => this.enqueue(event));
  }

  deliveries(): WebhookDelivery[] {
    return [...this.log];
  }

  /** Resolves when every change so far has been delivered (or has failed). */
  async settled(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private enqueue(event: AccountEvent): void {
    this.pending.push(toWebhookItem(this.state, event));
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // Everything one API request changes happens in one tick: flush after it, as one batch.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const items = this.pending;
    this.pending = [];
    for (const webhook of this.state.webhooks.values()) {
      if (webhook.disabled) continue;
      const groups = new Map<string, WebhookItem[]>();
      for (const item of items) {
        if (!webhook.settings.includes(item.setting)) continue;
        const key = `${item.family}[${item.action}]`;
        groups.set(key, [...(groups.get(key) ?? []), item]);
      }
      for (const [key, group] of groups) this.send(webhook, key, group);
    }
  }

  private send(webhook: Webhook, key: string, group: WebhookItem[]): void {
    const first = group[0];
    if (!first) return;
    const body = encodePhpForm({
      account: accountBlock(this.state, this.baseUrl()),
      [first.family]: { [first.action]: group.map((g) => g.item) },
    });
    const delivery: WebhookDelivery = {
      id: this.log.length + 1,
      webhookId: webhook.id,
      destination: webhook.destination,
      setting: first.setting,
      key,
      body,
      requestId: randomUUID(),
      status: null,
      error: null,
      ok: null,
      at: Date.now(),
      durationMs: null,
    };
    this.log.push(delivery);
    const task = this.post(webhook, delivery).finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async post(webhook: Webhook, delivery: WebhookDelivery): Promise<void> {
    const started = performance.now();
    try {
      const res = await fetch(delivery.destination, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'User-Agent': 'amoCRM-Webhooks/3.0',
          'X-Amocrm-Requestid': delivery.requestId,
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), this.stopping.signal]),
      });
      await res.body?.cancel().catch(() => {});
      delivery.status = res.status;
      delivery.ok = res.status < 300;
    } catch (err) {
      delivery.ok = false;
      delivery.error =
        err instanceof Error
          ? err.cause instanceof Error
            ? err.cause.message
            : err.message
          : String(err);
    }
    delivery.durationMs = Math.round(performance.now() - started);
    this.countFailure(webhook, delivery.ok === true);
  }

  private countFailure(webhook: Webhook, ok: boolean): void {
    if (ok) return;
    const now = Date.now();
    const recent = (this.failures.get(webhook.id) ?? []).filter((t) => now - t < FAILURE_WINDOW_MS);
    recent.push(now);
    this.failures.set(webhook.id, recent);
    if (recent.length > FAILURES_TO_DISABLE) webhook.disabled = true;
  }
}
