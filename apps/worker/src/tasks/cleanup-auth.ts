import { cleanupAuth } from '@leadpilot/domain/auth/cleanup';
import { defineTask } from '../define-task';

export const cleanupAuthTask = defineTask('cleanupAuth', async (_payload, { db, log }) => {
  const removed = await cleanupAuth(db);
  log.info(removed, 'removed expired sessions and old sign-in attempts');
});
