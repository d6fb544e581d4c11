import type { Prisma } from '@leadpilot/db/client';
import {
  KommoForbiddenError,
  KommoPaymentRequiredError,
  KommoUnauthorizedError,
} from '@leadpilot/kommo/errors';
import type { KommoEvent } from '@leadpilot/kommo/transport';
import { kommoClientFor, recordKommoFailure, type KommoDeps } from '../integrations/kommo-client';
import { IntegrationUnavailableError } from '../integrations/token-provider';
import { createRequestPermits } from './page-window';
import { RECORD_RESOURCES, syncRecords, type RecordResource } from './records';
import { recordSyncOutcome } from './sync-activity';
import { METADATA_RESOURCES, syncResource, type SyncResource } from './resources';

export interface ResourceProgress {
  status: 'pending' | 'running' | 'done' | 'failed';
  created: number;
  updated: number;
  removed: number;
  total: number;
  error?: string;
}
/** Every resource of a sync, in the order the integration page lists them. */
export const SYNC_RESOURCES = [...METADATA_RESOURCES, ...RECORD_RESOURCES] as const;
type AnyResource = SyncResource | RecordResource;
export type SyncProgress = Partial<Record<AnyResource, ResourceProgress>>;

const empty = (status: ResourceProgress['status']): ResourceProgress => ({
  status,
  created: 0,
  updated: 0,
  removed: 0,
  total: 0,
});

/**
 * Record pages in flight at once, for the whole run: Kommo's ~150 ms latency plus parsing needs
 * about two to keep 7/s busy; four leave room for a slow answer.
 */
const IN_FLIGHT = 4;

const isRecordResource = (r: AnyResource): r is RecordResource =>
  (RECORD_RESOURCES as readonly string[]).includes(r);

/** Failures that concern the whole connection: the run stops and the integration shows why. */
function isConnectionFailure(error: unknown): boolean {
  return (
    error instanceof KommoUnauthorizedError ||
    error instanceof KommoForbiddenError ||
    error instanceof KommoPaymentRequiredError ||
    error instanceof IntegrationUnavailableError
  );
}

/**
 * Runs one sync: each resource in its own transaction (one failing resource does not roll back
 * the others, and the run ends "partially failed" naming it). Idempotent: a re-run after a crash
 * upserts the same rows. Progress and request statistics are written as it goes, for the live view.
 */
export async function runSync(
  deps: KommoDeps,
  runId: string,
  options: {
    /** Record pages in flight (default 4; the benchmark's baseline uses 1). */
    inFlight?: number;
  } = {},
): Promise<void> {
  const { db } = deps;
  const run = await db.syncRun.findUnique({
    where: { id: runId },
    select: { integrationId: true, status: true },
  });
  if (
    !run ||
    run.status === 'succeeded' ||
    run.status === 'partially_failed' ||
    run.status === 'failed'
  )
    return;
  const stats = { requests: 0, retries: 0, rateLimited: 0 };
  const onEvent = (e: KommoEvent) => {
    // 429s received (one `request` event each; the `rate_limited` pause after it is not another)
    if (e.kind === 'request') {
      stats.requests++;
      if (e.status === 429) stats.rateLimited++;
    } else if (e.kind === 'retry') stats.retries++;
  };
  const progress: SyncProgress = Object.fromEntries(
    SYNC_RESOURCES.map((r) => [r, empty('pending')]),
  );
  // Progress writes go one at a time, in order, each with the state as it is when it starts (so
  // a slow write never lands after a newer one); saves asked for while one waits share it.
  let tail: Promise<unknown> = Promise.resolve();
  let queuedProgress: Promise<unknown> | null = null;
  const save = (data: Prisma.SyncRunUpdateInput = {}) => {
    const plain = Object.keys(data).length === 0;
    if (plain && queuedProgress) return queuedProgress;
    const write = tail.then(() => {
      if (plain) queuedProgress = null;
      return db.syncRun.update({
        where: { id: runId },
        data: { ...data, progress: progress as Prisma.InputJsonValue, ...stats },
      });
    });
    tail = write.catch(() => {});
    if (plain) queuedProgress = write;
    return write;
  };
  await save({ status: 'running', startedAt: new Date(), error: null });

  let fatal: string | null = null;
  try {
    const client = await kommoClientFor(deps, run.integrationId, onEvent);
    const permits = createRequestPermits(options.inFlight ?? IN_FLIGHT);
    const runOne = async (resource: AnyResource) => {
      progress[resource] = empty('running');
      await save();
      try {
        const counts = isRecordResource(resource)
          ? await syncRecords(
              {
                db,
                client,
                integrationId: run.integrationId,
                permits,
                onProgress: async (c) => {
                  progress[resource] = { status: 'running', ...c };
                  await save();
                },
              },
              resource,
            )
          : await syncResource[resource]({
              db,
              client,
              integrationId: run.integrationId,
              now: new Date(),
            });
        progress[resource] = { status: 'done', ...counts };
      } catch (error) {
        if (isConnectionFailure(error)) throw error;
        progress[resource] = {
          ...empty('failed'),
          error: error instanceof Error ? error.message : String(error),
        };
      }
      await save();
    };
    // Every resource at once (records do not depend on metadata rows): metadata pages one at a
    // time by Kommo's rules, records several pages ahead under the run's shared cap, so the rate
    // budget never idles between resources or behind a long metadata chain.
    const results = await Promise.allSettled(SYNC_RESOURCES.map(runOne));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  } catch (error) {
    if (!isConnectionFailure(error)) throw error; // a bug or the database: let the job retry
    await recordKommoFailure(db, run.integrationId, error);
    const integration = await db.integration.findUnique({
      where: { id: run.integrationId },
      select: { statusReason: true },
    });
    fatal = integration?.statusReason ?? (error instanceof Error ? error.message : String(error));
    for (const r of SYNC_RESOURCES)
      if (progress[r]?.status !== 'done') progress[r] = { ...empty('failed'), error: fatal };
  }

  const failed = SYNC_RESOURCES.filter((r) => progress[r]?.status === 'failed');
  const status =
    fatal || failed.length === SYNC_RESOURCES.length
      ? 'failed'
      : failed.length
        ? 'partially_failed'
        : 'succeeded';
  const finishedAt = new Date();
  // The run's outcome, the integration's last sync time and the feed entry commit together.
  await db.$transaction(async (tx) => {
    await tx.syncRun.update({
      where: { id: runId },
      data: {
        status,
        finishedAt,
        error: fatal ?? (failed.length ? `Failed: ${failed.join(', ')}` : null),
        progress: progress as Prisma.InputJsonValue,
        ...stats,
      },
    });
    if (status !== 'failed')
      await tx.integration.update({
        where: { id: run.integrationId },
        data: { lastSyncedAt: finishedAt },
      });
    await recordSyncOutcome(tx, runId); // last: it holds the organisation's feed lock to commit
  });
}
