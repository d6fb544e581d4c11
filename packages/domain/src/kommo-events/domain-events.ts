import { z } from 'zod';
import type { Tx } from '@leadpilot/db/client';
import { enqueue } from '../jobs/enqueue';

/**
 * The one internal dispatch point: every processed Kommo event publishes a typed domain event,
 * and each subscriber (the call follow-up today; rules, sequences and agents next) receives it
 * in its own job, enqueued in the same transaction as the change — so a subscriber never sees an
 * event whose change rolled back, and a slow or failing subscriber never holds up the others.
 */
export const DOMAIN_EVENT_TYPES = [
  'lead.created',
  'lead.updated',
  'lead.stage_changed',
  'lead.responsible_changed',
  'lead.deleted',
  'contact.created',
  'contact.updated',
  'company.created',
  'company.updated',
  'task.created',
  'task.updated',
  'task.completed',
  'call.ended',
  'call.missed',
  'note.added',
  'message.received',
  'message.sent',
  'talk.opened',
  'talk.closed',
  'unsorted.received',
  'unsorted.accepted',
  'unsorted.declined',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

export const domainEventSchema = z.object({
  type: z.enum(DOMAIN_EVENT_TYPES),
  orgId: z.uuid(),
  integrationId: z.uuid(),
  /** What it is about: e.g. { type: 'lead', kommoId: 123 } or { type: 'call', id: <uuid> }. */
  subject: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()).default({}),
  occurredAt: z.iso.datetime(),
});
export type DomainEvent = z.infer<typeof domainEventSchema>;

/** Who listens to what. A subscriber's handler lives in the worker's `domain_event` task. */
export const SUBSCRIBERS = {
  /** Missed call → callback task in Kommo; answered call → summary note on the lead. */
  callFollowUp: ['call.ended', 'call.missed'],
} as const satisfies Record<string, readonly DomainEventType[]>;
export type SubscriberName = keyof typeof SUBSCRIBERS;

/** Extra subscribers for tests (the registry above is the product's). */
const extra = new Map<string, readonly DomainEventType[]>();
export function addTestSubscriber(name: string, types: readonly DomainEventType[]): () => void {
  extra.set(name, types);
  return () => extra.delete(name);
}

export async function publishDomainEvent(
  tx: Tx,
  event: Omit<DomainEvent, 'occurredAt' | 'data'> & {
    data?: Record<string, unknown>;
    occurredAt?: Date;
  },
): Promise<void> {
  const parsed = domainEventSchema.parse({
    ...event,
    data: event.data ?? {},
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
  });
  const listeners = [...Object.entries(SUBSCRIBERS), ...extra.entries()].filter(([, types]) =>
    (types as readonly string[]).includes(parsed.type),
  );
  for (const [subscriber] of listeners) {
    await enqueue(tx, 'domainEvent', { subscriber, event: parsed });
  }
}
