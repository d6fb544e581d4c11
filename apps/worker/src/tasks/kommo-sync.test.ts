import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { connectWithLongLivedToken } from '@leadpilot/domain/integrations/connect';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import { createLogger } from '@leadpilot/runtime/logger';
import { createWorker } from '../worker';

let emulator: KommoEmulator;
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  emulator = createKommoEmulator();
  await emulator.start();
  database = await createTestDatabase(templateDatabaseUrl());
});
afterAll(async () => {
  await database.drop();
  await emulator.stop();
});

describe('kommo_sync task', () => {
  it('runs the sync queued on connect through the real job queue', async () => {
    const { db } = database;
    const box = createSecretBox(randomBytes(32));
    const kommo = {
      publicUrl: 'http://localhost:3999',
      demo: {
        baseUrl: emulator.url,
        clientId: 'leadpilot-demo',
        clientSecret: 'leadpilot-demo-secret',
        redirectUri: 'http://localhost:3999/cb',
      },
    };
    const user = await db.user.create({
      data: { email: 'sync@example.com', name: 'S', passwordHash: 'x' },
    });
    const org = await db.organization.create({ data: { name: 'Sync Co' } });
    await db.membership.create({ data: { orgId: org.id, userId: user.id, role: 'owner' } });
    const { integrationId } = await connectWithLongLivedToken(
      { db, box, kommo, orgId: org.id, userId: user.id, role: 'owner' },
      { kind: 'kommo_demo', host: emulator.host, token: emulator.tokens.issueLongLived() },
    );

    const worker = createWorker({
      connectionString: database.url,
      db,
      box,
      kommo,
      log: createLogger('test', 'silent'),
      concurrency: 2,
      schedules: false,
      pollInterval: 100,
    });
    await worker.start();
    try {
      const deadline = Date.now() + 30_000;
      let run = await db.syncRun.findFirstOrThrow({ where: { integrationId } });
      while (
        !['succeeded', 'partially_failed', 'failed'].includes(run.status) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 100));
        run = await db.syncRun.findFirstOrThrow({ where: { integrationId } });
      }
      expect(run.status).toBe('succeeded');
    } finally {
      await worker.stop();
    }
    expect(await db.kommoPipeline.count({ where: { integrationId } })).toBe(
      emulator.account.pipelines.size,
    );
  });
});
