import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { createLogger } from '@leadpilot/runtime/logger';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import type { Db } from '@leadpilot/db/client';
import { enqueue } from '@leadpilot/domain/jobs/enqueue';
import { taskDefinitions } from './task-list';
import { createWorker } from './worker';
import type { TaskDefinition } from './define-task';

let db: Db;
let url: string;
let drop: () => Promise<void>;
const log = createLogger('test', 'silent');

beforeAll(async () => {
  const database = await createTestDatabase(templateDatabaseUrl());
  ({ db, url, drop } = database);
});
afterAll(() => drop());

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

const startWorker = async (
  concurrency: number,
  tasks = taskDefinitions,
  lockSweep?: { intervalMs?: number; graceMs?: number },
) => {
  const worker = createWorker({
    connectionString: url,
    db,
    log,
    box: createSecretBox(randomBytes(32)),
    kommo: { publicUrl: 'http://localhost' },
    concurrency,
    schedules: false,
    pollInterval: 100,
    tasks,
    ...(lockSweep ? { lockSweep } : {}),
  });
  await worker.start();
  return worker;
};

const jobRows = (identifier: string) =>
  db.$queryRaw<
    { id: string; locked_by: string | null; attempts: number; last_error: string | null }[]
  >`
    SELECT j.id::text, j.locked_by, j.attempts, j.last_error
      FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = ${identifier}`;

describe('worker', () => {
  it('runs a job enqueued in the same transaction as its write: auth cleanup removes expired sessions', async () => {
    const user = await db.user.create({
      data: { email: 'w@example.com', name: 'W', passwordHash: 'x' },
    });
    await db.$transaction(async (tx) => {
      await tx.session.create({
        data: { id: 'expired', userId: user.id, expiresAt: new Date(Date.now() - 1000) },
      });
      await tx.session.create({
        data: { id: 'valid', userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
      });
      await enqueue(tx, 'cleanupAuth', {});
    });
    const worker = await startWorker(2);
    try {
      await until(async () => (await jobRows('auth_cleanup')).length === 0);
    } finally {
      await worker.stop();
    }
    expect((await db.session.findMany({ select: { id: true } })).map((s) => s.id)).toEqual([
      'valid',
    ]);
  });

  it('a job whose transaction rolls back is never enqueued', async () => {
    await db
      .$transaction(async (tx) => {
        await enqueue(tx, 'cleanupAuth', {});
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await jobRows('auth_cleanup')).toHaveLength(0);
  });

  it("runs a scheduled job: graphile's _cron metadata is not mistaken for a bad payload", async () => {
    await db.$executeRaw`SELECT graphile_worker.add_job('auth_cleanup', '{"_cron": {"ts": "2026-01-01T00:00:00Z", "backfilled": false}}'::json, max_attempts => 1)`;
    const worker = await startWorker(1);
    try {
      await until(async () => (await jobRows('auth_cleanup')).length === 0);
    } finally {
      await worker.stop();
    }
  });

  it('fails a job with a malformed payload, naming the problem (no cast trusts it)', async () => {
    await db.$executeRaw`SELECT graphile_worker.add_job('auth_cleanup', '{"unexpected": 1}'::json, max_attempts => 1)`;
    const worker = await startWorker(1);
    try {
      await until(async () => (await jobRows('auth_cleanup'))[0]?.attempts === 1);
    } finally {
      await worker.stop();
    }
    const [job] = await jobRows('auth_cleanup');
    expect(job?.last_error).toMatch(/Invalid payload for auth_cleanup/);
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });

  it('stops gracefully: running jobs finish, no job is left locked, and the rest run on the next start', async () => {
    let started = 0;
    let finished = 0;
    const slow: TaskDefinition = {
      identifier: 'test_slow',
      task: () => async () => {
        started++;
        await new Promise((r) => setTimeout(r, 400));
        finished++;
      },
    };
    for (let i = 0; i < 6; i++)
      await db.$executeRaw`SELECT graphile_worker.add_job('test_slow', '{}'::json)`;
    const worker = await startWorker(3, [...taskDefinitions, slow]);
    await until(async () => started >= 3);
    await worker.stop();
    expect(finished).toBe(started);
    const rows = await jobRows('test_slow');
    expect(rows.filter((r) => r.locked_by !== null)).toEqual([]);
    // At least once: a job whose completion raced the stop may run again (tasks are idempotent),
    // but none is lost and none waits for a lock timeout.
    expect(rows.length).toBeGreaterThanOrEqual(6 - finished);

    const again = await startWorker(3, [...taskDefinitions, slow]);
    try {
      await until(async () => (await jobRows('test_slow')).length === 0);
    } finally {
      await again.stop();
    }
    expect(finished).toBeGreaterThanOrEqual(6);
  });

  it('a worker killed with SIGKILL mid-job: its job runs again at once elsewhere, while a live worker keeps its own', async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    // node itself (not the tsx CLI, which would leave its node child running after SIGKILL)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'testing/hanging-worker.ts'), url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('started')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`hanging worker exited early (${code})`)));
    });
    await db.$executeRaw`SELECT graphile_worker.add_job('test_hang', '{"n":1}'::json)`;
    await started;

    // A second live worker holds another job of the same kind.
    let liveRunning = false;
    let release = () => undefined as void;
    const live = await startWorker(1, [
      {
        identifier: 'test_hang',
        task: () => async () => {
          liveRunning = true;
          await new Promise<void>((r) => (release = r));
        },
      },
    ]);
    await db.$executeRaw`SELECT graphile_worker.add_job('test_hang', '{"n":2}'::json)`;
    await until(async () => liveRunning);

    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const locked = (await jobRows('test_hang')).filter((r) => r.locked_by !== null);
    expect(locked).toHaveLength(2); // graphile alone would keep the dead one locked for 4 hours

    let rerun = 0;
    const rescuer = await startWorker(
      1,
      [{ identifier: 'test_hang', task: () => async () => void rerun++ }],
      { graceMs: 0, intervalMs: 200 },
    );
    try {
      // graphile deletes a finished job just after its task returns: wait for that too
      await until(async () => rerun === 1 && (await jobRows('test_hang')).length === 1);
      const left = await jobRows('test_hang');
      expect(left).toHaveLength(1); // the live worker's job: still running, still locked
      expect(left[0]!.locked_by).not.toBeNull();
      await new Promise((r) => setTimeout(r, 600)); // a few more sweeps change nothing
      expect(rerun).toBe(1);
      expect((await jobRows('test_hang'))[0]!.locked_by).toBe(left[0]!.locked_by);
    } finally {
      release();
      await rescuer.stop();
      await live.stop();
    }
    expect(await jobRows('test_hang')).toEqual([]);
  });
});
