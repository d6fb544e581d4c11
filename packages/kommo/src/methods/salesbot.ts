import { z } from 'zod';
import { KommoValidationError } from '../errors';
import { expandShowHandlers, MAX_HANDLERS, type SalesbotHandler } from '../salesbot-handlers';
import type { Request } from '../transport';

/**
 * Salesbot: start a bot on a lead/contact, and continue one paused on our `widget_request` step
 * (that is how an LLM reply reaches chats owned by other integrations, API.md §5).
 */
export function salesbotMethods(request: Request) {
  return {
    /**
     * https://developers.kommo.com/reference/launch-salesbot — the documented batch endpoint
     * (`/api/v2/salesbot/run`, entity_type 1 = contact, 2 = lead); answers 202. API.md also names
     * `/api/v4/bots/{id}/run`, whose body format no source pins down, so we use the documented one.
     */
    runSalesbot: async (
      botId: number,
      target: { entityId: number; entityType: 'leads' | 'contacts' },
    ): Promise<void> => {
      await request(
        {
          method: 'POST',
          path: '/api/v2/salesbot/run',
          body: [
            {
              bot_id: botId,
              entity_id: target.entityId,
              entity_type: target.entityType === 'leads' ? 2 : 1,
            },
          ],
        },
        z.unknown(),
      );
    },

    /**
     * Long `show` texts are split into several handlers (≤ 80 characters each). More than 10
     * handlers after splitting cannot be sent in the one call a `continue_id` allows: that throws
     * `KommoValidationError` before anything is sent — shorten the reply.
     */
    continueSalesbot: async (
      botId: number,
      continueId: string,
      input: { data?: Record<string, unknown>; handlers: readonly SalesbotHandler[] },
    ): Promise<void> => {
      const path = `/api/v4/salesbot/${botId}/continue/${encodeURIComponent(continueId)}`;
      const handlers = expandShowHandlers(input.handlers);
      if (handlers.length > MAX_HANDLERS) {
        throw new KommoValidationError(
          `A Salesbot continue takes ≤ ${MAX_HANDLERS} handlers; the reply needs ${handlers.length}.`,
          {
            path,
            errors: [
              {
                code: 'too_many_handlers',
                path: 'execute_handlers',
                detail: `${handlers.length} > ${MAX_HANDLERS}`,
              },
            ],
          },
        );
      }
      await request(
        {
          method: 'POST',
          path,
          body: { ...(input.data ? { data: input.data } : {}), execute_handlers: handlers },
        },
        z.unknown(),
      );
    },
  };
}
