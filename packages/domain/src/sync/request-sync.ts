import type { Db } from '@leadpilot/db/client';
import { enqueue } from '../jobs/enqueue';

/**
 * Asks for a sync of an integration. A sync already queued or running is returned instead of a
 * second one (clicking twice, or the schedule firing during a run, never runs two at once); the
 * job key and a per-integration queue guarantee the same on the job side.
 */
export async function requestSync(
  db: Db,
  input: { integrationId: string; trigger: 'connect' | 'manual' | 'schedule' },
) {
  return db.$transaction(async (tx) => {
    // Serialise concurrent requests for one integration.
    const [integration] = await tx.$queryRaw<{ org_id: string; status: string }[]>`
      SELECT org_id, status FROM integrations WHERE id = ${input.integrationId}::uuid FOR UPDATE`;
    if (!integration) return null;
    const active = await tx.syncRun.findFirst({
      where: { integrationId: input.integrationId, status: { in: ['queued', 'running'] } },
      select: { id: true },
    });
    if (active) return { runId: active.id, alreadyRunning: true };
    const run = await tx.syncRun.create({
      data: {
        orgId: integration.org_id,
        integrationId: input.integrationId,
        trigger: input.trigger,
      },
      select: { id: true },
    });
    await enqueue(
      tx,
      'kommoSync',
      { runId: run.id },
      {
        jobKey: `kommo_sync:${input.integrationId}`,
        queueName: `kommo:${input.integrationId}`,
        maxAttempts: 5,
      },
    );
    return { runId: run.id, alreadyRunning: false };
  });
}
