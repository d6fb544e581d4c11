import type { Db } from '@leadpilot/db/client';
import { requestSync } from './request-sync';

/** The schedule: a sync for every connected integration (those already syncing are left alone). */
export async function requestScheduledSyncs(db: Db): Promise<number> {
  const integrations = await db.integration.findMany({
    where: { status: 'connected' },
    select: { id: true },
  });
  let queued = 0;
  for (const i of integrations) {
    const result = await requestSync(db, { integrationId: i.id, trigger: 'schedule' });
    if (result && !result.alreadyRunning) queued++;
  }
  return queued;
}
