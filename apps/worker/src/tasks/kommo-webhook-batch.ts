import { processWebhookBatch } from '@leadpilot/domain/webhooks/process-deliveries';
import { defineTask } from '../define-task';

/**
 * The deliveries one receiver flush stored. Failed deliveries make the job throw, so
 * graphile-worker retries it with backoff (only those rows run again); on the last attempt they
 * are marked `dead` instead.
 */
export const kommoWebhookBatchTask = defineTask(
  'kommoWebhookBatch',
  async ({ deliveryIds }, { db, log, helpers }) => {
    const outcome = await processWebhookBatch(db, {
      deliveryIds,
      attempt: helpers.job.attempts,
      maxAttempts: helpers.job.max_attempts,
    });
    log.debug({ ...outcome.counts, events: outcome.events }, 'webhook batch processed');
    if (outcome.counts.dead) {
      log.error(
        { dead: outcome.counts.dead, error: outcome.firstError },
        'webhook deliveries dead',
      );
    }
    if (outcome.retry) {
      throw new Error(
        `${outcome.counts.failed} of ${outcome.handled} webhook deliveries failed: ${outcome.firstError}`,
      );
    }
  },
);
