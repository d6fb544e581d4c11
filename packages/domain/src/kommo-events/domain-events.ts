import { z } from 'zod';
import type { JobSpec } from '../jobs/enqueue';

/**
 * The one internal dispatch point: every processed Kommo event publishes a typed domain event
 * (kommo-events/apply.ts), and each subscriber (the call follow-up today; rules, sequences and
 * agents next) receives it in its own job.
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

/**
 * Subscribers that call Kommo run one at a time per integration, on their own queue: each call
 * waits for a rate-limit slot (7/s per account), so a burst of missed calls would otherwise fill
 * every worker slot with jobs waiting on the limiter and hold up webhook processing. (Not the
 * sync's queue: a follow-up should not wait for a long import.)
 */
const KOMMO_QUEUE: Partial<Record<SubscriberName, (integrationId: string) => string>> = {
  callFollowUp: (integrationId) => `kommo-follow-up:${integrationId}`,
};

/** Extra subscribers for tests (the registry above is the product's). */
const extra = new Map<string, readonly DomainEventType[]>();
export function addTestSubscriber(name: string, types: readonly DomainEventType[]): () => void {
  extra.set(name, types);
  return () => extra.delete(name);
}

/** What processing publishes; the scope and the time are added by domainEventJobs. */
export interface PublishedEvent {
  type: DomainEventType;
  subject: { type: string; id: string };
  data: Record<string, unknown>;
}

/**
 * The jobs that deliver published events to their subscribers, one per subscriber and event, to be
 * enqueued in the same transaction as the change (enqueueMany) — so a subscriber never sees an
 * event whose change rolled back, and a slow or failing subscriber never holds up the others.
 */
export function domainEventJobs(
  scope: { orgId: string; integrationId: string },
  events: PublishedEvent[],
  occurredAt = new Date(),
): JobSpec<'domainEvent'>[] {
  const listeners = [...Object.entries(SUBSCRIBERS), ...extra.entries()];
  const specs: JobSpec<'domainEvent'>[] = [];
  for (const event of events) {
    let parsed: DomainEvent | undefined;
    for (const [subscriber, types] of listeners) {
      if (!(types as readonly string[]).includes(event.type)) continue;
      parsed ??= domainEventSchema.parse({
        ...event,
        orgId: scope.orgId,
        integrationId: scope.integrationId,
        occurredAt: occurredAt.toISOString(),
      });
      const queue = KOMMO_QUEUE[subscriber as SubscriberName];
      specs.push({
        name: 'domainEvent',
        payload: { subscriber, event: parsed },
        ...(queue ? { options: { queueName: queue(scope.integrationId) } } : {}),
      });
    }
  }
  return specs;
}
