import { callFollowUp } from '@leadpilot/domain/kommo-events/call-follow-up';
import {
  domainEventSchema,
  type DomainEvent,
  type SubscriberName,
} from '@leadpilot/domain/kommo-events/domain-events';
import type { KommoDeps } from '@leadpilot/domain/integrations/kommo-client';
import { defineTask } from '../define-task';

/** Each subscriber's handler; a subscriber in the registry without one fails loudly. */
const handlers: Record<SubscriberName, (deps: KommoDeps, event: DomainEvent) => Promise<void>> = {
  callFollowUp,
};

/** Test subscribers (addTestSubscriber) are handled by whoever registered them. */
const testHandlers = new Map<string, (event: DomainEvent) => Promise<void>>();
export function onTestSubscriber(name: string, handler: (event: DomainEvent) => Promise<void>) {
  testHandlers.set(name, handler);
  return () => testHandlers.delete(name);
}

export const domainEventTask = defineTask(
  'domainEvent',
  async ({ subscriber, event }, { db, box, kommo, pg, log }) => {
    const parsed = domainEventSchema.parse(event);
    const handler =
      subscriber in handlers
        ? (e: DomainEvent) => handlers[subscriber as SubscriberName]({ db, box, kommo, pg }, e)
        : testHandlers.get(subscriber);
    if (!handler) throw new Error(`No handler for domain event subscriber "${subscriber}"`);
    await handler(parsed);
    log.debug({ subscriber, type: parsed.type }, 'domain event handled');
  },
);
