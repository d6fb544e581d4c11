import { sweepLeadRefreshes } from '@leadpilot/domain/kommo-events/refresh-lead';
import { sweepWebhookDeliveries } from '@leadpilot/domain/webhooks/process-deliveries';
import { defineTask } from '../define-task';

/**
 * Every minute: deliveries left pending by a killed worker get a processing job again, and so do
 * lead reads left behind.
 */
export const kommoWebhooksSweepTask = defineTask(
  'kommoWebhooksSweep',
  async (_payload, { db, log }) => {
    const integrations = await sweepWebhookDeliveries(db);
    if (integrations) log.info({ integrations }, 'webhook deliveries re-queued');
    const refreshes = await sweepLeadRefreshes(db);
    if (refreshes) log.info({ integrations: refreshes }, 'lead reads re-queued');
  },
);
