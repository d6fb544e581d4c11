import { requestScheduledSyncs } from '@leadpilot/domain/sync/sync-all';
import { defineTask } from '../define-task';

export const kommoSyncAllTask = defineTask('kommoSyncAll', async (_payload, { db, log }) => {
  log.info({ queued: await requestScheduledSyncs(db) }, 'scheduled kommo syncs queued');
});
