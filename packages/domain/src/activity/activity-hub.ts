import { createPgListener } from '@leadpilot/db/listener';
import { z } from 'zod';
import { toEntry, type ActivityEntry } from './activity-entry';
import { ACTIVITY_CHANNEL } from './record-activity';

/** A new entry as announced: the entry itself, or only its id when it was too large for NOTIFY. */
export interface ActivityNotice {
  orgId: string;
  id: string;
  entry: ActivityEntry | null;
}

export interface ActivitySubscriber {
  onNotice(notice: ActivityNotice): void;
  /** Notices may have been lost (the LISTEN connection was re-established): read the table. */
  onGap(): void;
}

export interface ActivityHub {
  start(): Promise<void>;
  close(): Promise<void>;
  /** Notices of one organisation's new entries, in commit order. Returns the unsubscribe. */
  subscribe(orgId: string, subscriber: ActivitySubscriber): () => void;
}

const noticeHead = z.object({ orgId: z.string(), id: z.string() });

/**
 * The fan-out of new entries in one server process: ONE dedicated Postgres connection LISTENs on
 * the activity channel and hands each notice to the open subscriptions of its organisation. Every
 * server process has its own hub, so an entry written by any process (server or worker) reaches
 * subscribers on all of them — no in-process emitter would. When the connection drops, the hub
 * reconnects and tells every subscriber to catch up from the table (notices are not queued for a
 * listener that is away).
 */
export function createActivityHub(options: {
  connectionString: string;
  onError?: (message: string, error: unknown) => void;
  applicationName?: string;
}): ActivityHub {
  const byOrg = new Map<string, Set<ActivitySubscriber>>();

  const listener = createPgListener({
    connectionString: options.connectionString,
    channel: ACTIVITY_CHANNEL,
    applicationName: options.applicationName ?? 'leadpilot-activity',
    ...(options.onError ? { onError: options.onError } : {}),
    onNotification(payload) {
      // Nobody on this process watches a feed: nothing to decode (a stream subscribes before it
      // reads the table, so one opening later misses nothing). Under webhook load the worker
      // writes thousands of entries a second.
      if (byOrg.size === 0) return;
      let notice: ActivityNotice;
      try {
        const json: unknown = JSON.parse(payload);
        const head = noticeHead.parse(json);
        const full = typeof json === 'object' && json !== null && 'type' in json;
        notice = { orgId: head.orgId, id: head.id, entry: full ? toEntry(json) : null };
      } catch (error) {
        options.onError?.('unreadable activity notification', error);
        return;
      }
      for (const subscriber of byOrg.get(notice.orgId) ?? []) subscriber.onNotice(notice);
    },
    onConnected() {
      // Also on the first connection: a subscriber may have started while it was being made.
      for (const set of byOrg.values()) for (const s of set) s.onGap();
    },
  });

  return {
    start: () => listener.start(),
    close: () => listener.close(),
    subscribe(orgId, subscriber) {
      let set = byOrg.get(orgId);
      if (!set) byOrg.set(orgId, (set = new Set()));
      set.add(subscriber);
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && byOrg.get(orgId) === set) byOrg.delete(orgId);
      };
    },
  };
}
