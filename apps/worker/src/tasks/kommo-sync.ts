import { runSync } from '@leadpilot/domain/sync/run-sync';
import { defineTask } from '../define-task';

export const kommoSyncTask = defineTask(
  'kommoSync',
  async ({ runId }, { db, box, kommo, pg, log }) => {
    await runSync({ db, box, kommo, pg }, runId);
    const run = await db.syncRun.findUnique({
      where: { id: runId },
      select: { status: true, requests: true, rateLimited: true },
    });
    log.info({ runId, ...run }, 'kommo sync finished');
  },
);
