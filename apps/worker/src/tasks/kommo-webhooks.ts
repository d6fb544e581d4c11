import { processIntegrationWebhooks } from '@leadpilot/domain/webhooks/process-deliveries';
import { defineTask } from '../define-task';

/**
 * An integration's stored webhook deliveries, oldest first. Failed deliveries are retried by the
 * job this one schedules for their next attempt; the job itself fails (and graphile-worker
 * retries it) only when the batch cannot run at all, e.g. the database is gone.
 */
export const kommoWebhooksTask = defineTask(
  'kommoWebhooks',
  async ({ integrationId }, { db, pg, log }) => {
    const outcome = await processIntegrationWebhooks({ db, pg }, integrationId);
    log.debug({ integrationId, ...outcome.counts, events: outcome.events }, 'webhooks processed');
    if (outcome.counts.failed || outcome.counts.dead) {
      log.warn(
        { integrationId, failed: outcome.counts.failed, dead: outcome.counts.dead },
        `webhook deliveries failed: ${outcome.firstError}`,
      );
    }
  },
);
