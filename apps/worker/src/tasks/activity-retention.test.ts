import { randomBytes } from 'node:crypto';
import { parseCrontab } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@leadpilot/db/client';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { deleteOldActivity } from '@leadpilot/domain/activity/activity-retention';
import { recordActivity } from '@leadpilot/domain/activity/record-activity';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { enqueue } from '@leadpilot/domain/jobs/enqueue';
import { createLogger } from '@leadpilot/runtime/logger';
import { readWorkerEnv } from '../env';
import { crontab } from '../task-list';
import { createWorker } from '../worker';

let db: Db;
let url: string;
let drop: () => Promise<void>;
let orgId: string;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase(templateDatabaseUrl()));
  orgId = (await db.organization.create({ data: { name: 'Old Co' } })).id;
});
afterAll(() => drop());

/** `n` entries dated `daysAgo` days back (as if written then). */
async function entriesFrom(daysAgo: number, n: number) {
  for (let i = 0; i < n; i++) {
    const { id } = await recordActivity(db, {
      orgId,
      type: 'agent.created',
      params: { name: `${daysAgo}d #${i}` },
    });
    await db.activityLog.update({
      where: { id: BigInt(id) },
      data: { createdAt: new Date(Date.now() - daysAgo * 86_400_000) },
    });
  }
}

describe('activity retention', () => {
  it('is scheduled hourly with the configured age (180 days unless ACTIVITY_RETENTION_DAYS)', () => {
    const env = readWorkerEnv({ DATABASE_URL: 'postgres://x@localhost/db' });
    expect(env.ACTIVITY_RETENTION_DAYS).toBe(180);
    expect(
      readWorkerEnv({ DATABASE_URL: 'postgres://x@localhost/db', ACTIVITY_RETENTION_DAYS: '30' })
        .ACTIVITY_RETENTION_DAYS,
    ).toBe(30);
    expect(() =>
      readWorkerEnv({ DATABASE_URL: 'postgres://x@localhost/db', ACTIVITY_RETENTION_DAYS: '0' }),
    ).toThrow(/ACTIVITY_RETENTION_DAYS/);
    const items = parseCrontab(crontab({ kommoSync: '0 */3 * * *', activityRetentionDays: 30 }));
    const retention = items.find((i) => i.task === 'activity_retention')!;
    expect(retention.payload).toEqual({ olderThanDays: 30 });
    const at = (hour: number, min: number) => ({ min, hour, date: 1, month: 1, dow: 1 });
    expect([0, 5, 23].every((hour) => retention.match(at(hour, 17)))).toBe(true);
    expect(retention.match(at(5, 18))).toBe(false);
  });

  it('the job deletes entries older than the retention age and keeps the rest', async () => {
    await entriesFrom(200, 3);
    await entriesFrom(10, 2);
    await db.$transaction((tx) => enqueue(tx, 'activityRetention', { olderThanDays: 180 }));
    const worker = createWorker({
      connectionString: url,
      db,
      log: createLogger('test', 'silent'),
      box: createSecretBox(randomBytes(32)),
      kommo: { publicUrl: 'http://localhost' },
      concurrency: 1,
      schedules: false,
      pollInterval: 100,
    });
    await worker.start();
    try {
      const deadline = Date.now() + 10_000;
      while ((await db.activityLog.count()) > 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
    const left = await db.activityLog.findMany({ select: { metadata: true } });
    expect(left.map((e) => (e.metadata as { name: string }).name).sort()).toEqual([
      '10d #0',
      '10d #1',
    ]);
  });

  it('deletes in batches until nothing old is left, and a second run deletes nothing', async () => {
    await entriesFrom(400, 7);
    const now = new Date();
    expect(await deleteOldActivity(db, { olderThanDays: 180, batchSize: 2, now })).toEqual({
      deleted: 7,
    });
    expect(await deleteOldActivity(db, { olderThanDays: 180, batchSize: 2, now })).toEqual({
      deleted: 0,
    });
    expect(await db.activityLog.count()).toBe(2);
  });
});
