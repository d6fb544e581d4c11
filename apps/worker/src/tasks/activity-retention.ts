import { deleteOldActivity } from '@leadpilot/domain/activity/activity-retention';
import { defineTask } from '../define-task';

export const activityRetentionTask = defineTask(
  'activityRetention',
  async ({ olderThanDays }, { db, log }) => {
    const { deleted } = await deleteOldActivity(db, { olderThanDays });
    log.info({ deleted, olderThanDays }, 'removed old activity-feed entries');
  },
);
