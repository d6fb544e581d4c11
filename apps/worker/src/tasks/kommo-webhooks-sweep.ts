import { sweepWebhookDeliveries } from '@leadpilot/domain/webhooks/process-deliveries';
import { defineTask } from '../define-task';

/** Every minute: deliveries left pending by a killed worker get a processing job again. */
export const kommoWebhooksSweepTask = defineTask(
  'kommoWebhooksSweep',
  async (_payload, { db, log }) => {
    const integrations = await sweepWebhookDeliveries(db);
    if (integrations) log.info({ integrations }, 'webhook deliveries re-queued');
  },
);
