import { z } from 'zod';

/**
 * Every background job: its identifier (letters, digits, _ and : only — graphile-worker's crontab
 * accepts no other characters) and the zod schema of its payload. The server enqueues with
 * these types and the worker parses with the same schemas, so a payload is never trusted by a cast.
 */
export const jobs = {
  /** Deletes expired sessions and sign-in attempts past the throttling window. Runs hourly. */
  cleanupAuth: {
    id: 'auth_cleanup',
    payload: z.object({}).strict(),
  },
  /** Mirrors an integration's Kommo account (see domain/sync). One queue per integration. */
  kommoSync: {
    id: 'kommo_sync',
    payload: z.object({ runId: z.uuid() }).strict(),
  },
  /** Queues a sync of every connected integration; runs on the schedule. */
  kommoSyncAll: {
    id: 'kommo_sync_all',
    payload: z.object({}).strict(),
  },
  /**
   * One domain event for one subscriber (see kommo-events/domain-events.ts). The event is
   * validated again by the task against the full schema.
   */
  domainEvent: {
    id: 'domain_event',
    payload: z
      .object({
        subscriber: z.string().min(1),
        event: z.object({ type: z.string() }).loose(),
      })
      .strict(),
  },
  /**
   * Processes every pending (and due failed) webhook delivery of one integration, oldest first
   * (see domain/webhooks). Keyed per integration: the receiver adds it once per batch and
   * additions coalesce into the one waiting job.
   */
  kommoWebhooks: {
    id: 'kommo_webhooks',
    payload: z.object({ integrationId: z.uuid() }).strict(),
  },
  /** Re-queues processing for deliveries left behind (a worker killed mid-job). Every minute. */
  kommoWebhooksSweep: {
    id: 'kommo_webhooks_sweep',
    payload: z.object({}).strict(),
  },
  /**
   * Reads the leads whose webhooks were too thin to mirror (Digital-Pipeline form), in batches
   * (see kommo-events/refresh-lead.ts). One per integration. `leadId`: a job queued before the
   * batching (one lead per job) still asks for its lead.
   */
  kommoLeadRefresh: {
    id: 'kommo_lead_refresh',
    payload: z
      .object({ integrationId: z.uuid(), leadId: z.number().int().positive().optional() })
      .strict(),
  },
  /** Deletes activity-feed entries older than the retention period, in batches. Runs hourly. */
  activityRetention: {
    id: 'activity_retention',
    payload: z.object({ olderThanDays: z.number().int().min(1).max(36_500) }).strict(),
  },
} as const;

export type JobName = keyof typeof jobs;
export type JobPayload<N extends JobName> = z.infer<(typeof jobs)[N]['payload']>;
