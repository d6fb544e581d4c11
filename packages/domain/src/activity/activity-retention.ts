import type { Db } from '@leadpilot/db/client';

const BATCH = 5_000;

/**
 * Deletes feed entries older than `olderThanDays`, a batch at a time (short transactions, no long
 * lock on a big table), until none are left. Found through the BRIN index on created_at.
 * Idempotent: running it twice deletes nothing more.
 */
export async function deleteOldActivity(
  db: Db,
  input: { olderThanDays: number; now?: Date; batchSize?: number },
): Promise<{ deleted: number }> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.olderThanDays * 86_400_000);
  const batch = input.batchSize ?? BATCH;
  let deleted = 0;
  for (;;) {
    const count = await db.$executeRaw`
      DELETE FROM activity_logs WHERE id IN (
        SELECT id FROM activity_logs WHERE created_at < ${cutoff}::timestamptz LIMIT ${batch})`;
    deleted += count;
    if (count < batch) return { deleted };
  }
}
