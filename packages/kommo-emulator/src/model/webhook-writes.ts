import { z } from 'zod';
import type { AccountState } from './account-state';
import type { Webhook } from './types';
import { fromZodIssues, issue, type EntityIssues } from './validation-issue';

/** The subscribable settings Kommo documents (API.md §4). */
export const WEBHOOK_SETTINGS = [
  ...['lead', 'contact', 'company', 'customer'].flatMap((e) =>
    ['add', 'update', 'delete', 'restore', 'status', 'responsible', 'note'].map((a) => `${a}_${e}`),
  ),
  'add_task',
  'update_task',
  'delete_task',
  'responsible_task',
  'add_talk',
  'update_talk',
  'add_message',
  'add_outgoing_message',
  'add_chat_template_review',
];

export const MAX_WEBHOOKS = 100;

export const webhookWriteSchema = z.looseObject({
  destination: z.url({ protocol: /^https?$/ }),
  settings: z.array(z.string()).min(1),
  sort: z.number().int().optional(),
});

/**
 * POST /webhooks: a new destination is added (≤ 100 per account); an existing one is updated
 * and re-enabled ("until an admin re-saves it", API.md §4).
 */
export function saveWebhook(
  state: AccountState,
  body: unknown,
  actorId: number,
): { webhook: Webhook } | { issues: EntityIssues[] } {
  const parsed = webhookWriteSchema.safeParse(body);
  if (!parsed.success)
    return { issues: [{ request_id: '0', errors: fromZodIssues(parsed.error, '', body) }] };
  const { destination, settings, sort } = parsed.data;
  const errors = settings.flatMap((s, i) =>
    WEBHOOK_SETTINGS.includes(s) ? [] : [issue.choice(`settings.${i}`)],
  );
  const existing = [...state.webhooks.values()].find((w) => w.destination === destination);
  if (!existing && state.webhooks.size >= MAX_WEBHOOKS) {
    errors.push({
      code: 'InvalidValue',
      path: 'destination',
      detail: 'Webhooks limit (100) exceeded.',
    });
  }
  if (errors.length) return { issues: [{ request_id: '0', errors }] };
  const now = state.now();
  if (existing) {
    existing.settings = [...new Set(settings)];
    existing.sort = sort ?? existing.sort;
    existing.disabled = false;
    existing.updatedAt = now;
    return { webhook: existing };
  }
  const webhook: Webhook = {
    id: state.nextId('webhook'),
    destination,
    createdAt: now,
    updatedAt: now,
    createdBy: actorId,
    sort: sort ?? 1,
    disabled: false,
    settings: [...new Set(settings)],
  };
  state.webhooks.set(webhook.id, webhook);
  return { webhook };
}
