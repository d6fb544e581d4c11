import type { Tx } from '@leadpilot/db/client';
import { recordActivity } from '../activity/record-activity';

/**
 * Records how a finished sync run ended (succeeded / partially failed / failed) in the feed, with
 * the number of records it wrote and what failed. Called by runSync in the transaction that makes
 * the run row final; does nothing for a run that has not finished.
 */
export async function recordSyncOutcome(db: Tx, runId: string): Promise<void> {
  const run = await db.syncRun.findUnique({
    where: { id: runId },
    select: {
      orgId: true,
      integrationId: true,
      status: true,
      error: true,
      progress: true,
      integration: { select: { accountName: true, host: true } },
    },
  });
  if (!run) return;
  const base = {
    orgId: run.orgId,
    integrationId: run.integrationId,
    subject: { type: 'sync_run' as const, id: runId },
    description: run.error ?? '',
  };
  const name = run.integration.accountName ?? run.integration.host;
  const progress = Object.entries(
    (run.progress ?? {}) as Record<
      string,
      { status?: string; created?: number; updated?: number; removed?: number }
    >,
  );
  const records = progress.reduce(
    (n, [, p]) => n + (p.created ?? 0) + (p.updated ?? 0) + (p.removed ?? 0),
    0,
  );
  const failed = progress.filter(([, p]) => p.status === 'failed').map(([resource]) => resource);
  if (run.status === 'succeeded')
    await recordActivity(db, { ...base, type: 'sync.succeeded', params: { name, records } });
  else if (run.status === 'partially_failed')
    await recordActivity(db, {
      ...base,
      type: 'sync.partially_failed',
      params: { name, records, failed },
    });
  else if (run.status === 'failed')
    await recordActivity(db, { ...base, type: 'sync.failed', params: { name } });
}
