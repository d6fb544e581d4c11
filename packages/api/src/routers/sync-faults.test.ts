import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@leadpilot/db/client';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { generateAccount } from '@leadpilot/kommo-emulator/generate-account';
import { runSync } from '@leadpilot/domain/sync/run-sync';
import { createHarness, type Harness } from '../testing/harness';
import { connectDemo, demoConfig } from '../testing/kommo';

/**
 * The sync's robustness promises: a run through injected faults (429s, 5xx, a timeout, token
 * expiry mid-run) ends with exactly the mirror a clean run makes, and a run that dies half-way
 * leaves nothing a re-run cannot repair. Three organisations connect the same emulated account;
 * their mirrors are compared column by column (ids, integration ids and local sync times aside).
 */
let emulator: KommoEmulator;
let h: Harness;

beforeAll(async () => {
  // several pages of every record type, so faults and the crash land mid-resource
  emulator = createKommoEmulator({
    autoApprove: true,
    latencyMs: 20,
    fixture: generateAccount({
      pipelines: 3,
      stagesPerPipeline: 5,
      customFields: 12,
      sources: 3,
      users: 6,
      leads: 900,
      contacts: 700,
      companies: 300,
      tasks: 400,
      seed: 7,
    }),
  });
  await emulator.start();
  h = await createHarness({ kommo: { ...demoConfig(emulator), requestTimeoutMs: 1_500 } });
});
afterAll(async () => {
  await h.close();
  await emulator.stop();
});

const activeRun = (integrationId: string) =>
  h.db.syncRun.findFirstOrThrow({
    where: { integrationId, status: { in: ['queued', 'running'] } },
  });

/** Every mirrored table of one integration, as comparable JSON (rows ordered, local columns out). */
async function mirrorOf(db: Db, integrationId: string): Promise<Record<string, unknown[]>> {
  const tables = await db.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'integration_id'
      AND table_name LIKE 'kommo\\_%' AND table_name <> 'kommo_rate_limits'
    ORDER BY table_name`;
  const out: Record<string, unknown[]> = {};
  for (const { table_name: table } of tables) {
    const rows = await db.$queryRawUnsafe<{ row: Record<string, unknown> }[]>(
      `SELECT to_jsonb(t) - 'id' - 'integration_id' - 'synced_at' - 'user_id' AS row
       FROM "${table}" t WHERE integration_id = $1::uuid`,
      integrationId,
    );
    out[table] = rows
      .map((r) => JSON.stringify(r.row))
      .sort()
      .map((r) => JSON.parse(r) as unknown);
  }
  return out;
}

async function connectAndQueue() {
  const owner = await h.signUp();
  const { integrationId } = await connectDemo(h, owner);
  return { owner, integrationId, runId: (await activeRun(integrationId)).id };
}

describe('sync under faults', () => {
  let clean: Record<string, unknown[]>;

  beforeAll(async () => {
    const { integrationId, runId } = await connectAndQueue();
    await runSync(h, runId);
    clean = await mirrorOf(h.db, integrationId);
    expect(clean.kommo_leads!.length).toBe(emulator.account.leads.size);
  }, 120_000);

  it('converges to the clean mirror through 429s, 5xx, a timeout and token expiry mid-run', async () => {
    const { owner, integrationId, runId } = await connectAndQueue();
    emulator.faults.inject({ kind: '429', retryAfter: 1, count: 2, path: '/api/v4/leads' });
    emulator.faults.inject({ kind: '429', json: false, path: '/api/v4/leads/pipelines' });
    emulator.faults.inject({ kind: '500', path: '/api/v4/leads', count: 2 });
    emulator.faults.inject({ kind: '502', path: '/api/v4/contacts' });
    emulator.faults.inject({ kind: '504', path: '/api/v4/companies' });
    emulator.faults.inject({ kind: 'timeout', path: '/api/v4/tasks' });
    emulator.faults.inject({ kind: '401', path: '/api/v4/users' });
    // every access token dies while the records are being read: the client refreshes and goes on
    const expiry = setInterval(() => {
      void h.db.syncRun.findUnique({ where: { id: runId } }).then((r) => {
        const progress = r?.progress as Record<string, { status: string }> | undefined;
        if (progress?.leads?.status === 'running') {
          emulator.tokens.expireAll();
          clearInterval(expiry);
        }
      });
    }, 50);
    const seenBefore = emulator.requests().length;
    try {
      await runSync(h, runId);
      expect(emulator.faults.pending()).toEqual([]); // every fault was met
      // The expiry really hit the records phase: a records request was refused with 401 (no fault
      // injected there), the client refreshed, and that path was answered after it.
      const during = emulator.requests().slice(seenBefore);
      const records = /^\/api\/v4\/(leads|contacts|companies|tasks)$/;
      const expired = during.findIndex((r) => r.status === 401 && records.test(r.path));
      expect(expired).toBeGreaterThanOrEqual(0);
      expect(
        during.slice(expired + 1).some((r) => r.path === during[expired]!.path && r.status < 300),
      ).toBe(true);
    } finally {
      clearInterval(expiry);
      emulator.faults.clear();
    }

    const status = await owner.call((api) => api.integrations.syncStatus({ id: integrationId }));
    expect(status.last).toMatchObject({ status: 'succeeded', error: null });
    // 3 × 429 (rate_limited); 2 × 500, 502, 504 and a timeout retried; the 401 and expiry refresh
    // (on a starved CPU the emulator may add a real 429 of its own: retried like the rest)
    expect(status.last!.rateLimited).toBeGreaterThanOrEqual(3);
    expect(status.last!.retries).toBeGreaterThanOrEqual(5);
    expect(await mirrorOf(h.db, integrationId)).toEqual(clean);
  }, 120_000);

  it('a run that dies half-way (its database gone mid-records) is repaired by running it again', async () => {
    const { integrationId, runId } = await connectAndQueue();
    // The worker's view of the database vanishes once the leads are partly written: every call
    // after that throws, as when the process is killed or Postgres restarts.
    let dead = false;
    const dying = new Proxy(h.db, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (dead) throw new Error('connection terminated (simulated crash)');
        if (prop === 'syncRun') {
          return new Proxy(value as object, {
            get(model, method, r) {
              const fn: unknown = Reflect.get(model, method, r);
              if (method !== 'update' || typeof fn !== 'function') return fn;
              return async (args: { data?: { progress?: Record<string, { total?: number }> } }) => {
                const result: unknown = await (fn as (a: unknown) => Promise<unknown>).call(
                  model,
                  args,
                );
                if ((args.data?.progress?.leads?.total ?? 0) > 0) dead = true;
                return result;
              };
            },
          });
        }
        return value;
      },
    });
    await expect(runSync({ ...h, db: dying }, runId)).rejects.toThrow(/simulated crash/);
    const half = await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(half.status).toBe('running');
    const partial = await h.db.kommoLead.count({ where: { integrationId } });
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(emulator.account.leads.size);

    // graphile-worker runs the job again (retry, or a restarted worker): same run id
    await runSync(h, runId);
    expect(await h.db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: 'succeeded',
    });
    expect(await mirrorOf(h.db, integrationId)).toEqual(clean);
  }, 120_000);
});
