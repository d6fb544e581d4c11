import { z } from 'zod';
import { collect, paginate } from '../paginate';
import { halList } from '../schemas/hal';
import { webhookSchema, type WebhookSetting } from '../schemas/webhook';
import type { Request, RequestSpec } from '../transport';
import { requireData } from './entity-methods';

const webhookList = halList('webhooks', webhookSchema);

/**
 * https://developers.kommo.com/reference/webhooks-list — admin only, ≤ 100 per account. Webhooks
 * are keyed by destination: posting an existing one updates its settings, deleting takes the URL.
 */
export function webhookMethods(request: Request) {
  return {
    listWebhooks: (options: { destination?: string } = {}) =>
      collect(
        paginate(request, '/api/v4/webhooks', webhookList, {
          ...(options.destination ? { filter: { destination: options.destination } } : {}),
        }),
      ),
    subscribeWebhook: async (input: {
      destination: string;
      settings: readonly WebhookSetting[];
      sort?: number;
    }) => {
      const spec: RequestSpec = { method: 'POST', path: '/api/v4/webhooks', body: input };
      return requireData(await request(spec, webhookSchema), spec);
    },
    /** 204 on success; whatever body Kommo might add is ignored. */
    unsubscribeWebhook: async (destination: string): Promise<void> => {
      await request(
        { method: 'DELETE', path: '/api/v4/webhooks', body: { destination } },
        z.unknown(),
      );
    },
  };
}
