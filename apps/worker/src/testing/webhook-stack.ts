/**
 * The whole webhook path for the fault tests (webhook-faults.test.ts): a Kommo emulator, a test
 * database with a signed-up owner, the real HTTP server (receiver) in this process, a worker
 * started by the caller, and the demo account connected through the real OAuth flow and synced.
 */
import { createHarness, type Harness, type TestClient } from '@leadpilot/api/testing/harness';
import { connectDemo, demoConfig } from '@leadpilot/api/testing/kommo';
import { createKommoEmulator, type KommoEmulator } from '@leadpilot/kommo-emulator/emulator';
import type { WebhookDelivery } from '@leadpilot/kommo-emulator/webhooks/dispatcher';
import { createLogger } from '@leadpilot/runtime/logger';
import { readServerEnv } from '@leadpilot/server/env';
import { createServer } from '@leadpilot/server/server';
import { backlog } from './kommo-traffic';

/** The demo account's first two users: work is assigned to both; the first is mapped to the owner. */
export const MAPPED_USER = 8_100_001;
export const OTHER_USER = 8_100_002;

/** Polls `check` until it returns something truthy (every 50 ms); throws naming `what` after. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface WebhookStack {
  emulator: KommoEmulator;
  h: Harness;
  serverUrl: string;
  owner: TestClient;
  integrationId: string;
}

export async function startWebhookStack(options: {
  /** A migrated template on another Postgres server (default: the test run's). */
  templateUrl?: string;
  encryptionKey?: Buffer;
  /** Must leave a worker running (it runs the first sync). */
  startWorker: (h: Harness, emulator: KommoEmulator) => Promise<void>;
  onCleanup: (stop: () => Promise<unknown>) => void;
}): Promise<WebhookStack> {
  const emulator = createKommoEmulator({ autoApprove: true });
  await emulator.start();
  options.onCleanup(() => emulator.stop());
  const kommo = demoConfig(emulator);
  const h = await createHarness({
    kommo,
    ...(options.templateUrl ? { templateUrl: options.templateUrl } : {}),
    ...(options.encryptionKey ? { encryptionKey: options.encryptionKey } : {}),
  });
  options.onCleanup(() => h.close());
  const server = createServer({
    env: readServerEnv({ DATABASE_URL: h.url, PORT: '0', HOST: '127.0.0.1', WEB_DIST: '' }),
    db: h.db,
    log: createLogger('server', 'silent'),
    box: h.box,
    kommo,
  });
  // the webhook URL registered at connect points at this server
  const serverUrl = (await server.start()).url;
  kommo.publicUrl = serverUrl;
  options.onCleanup(() => server.stop());
  await options.startWorker(h, emulator);

  const owner = await h.signUp();
  const { integrationId } = await connectDemo(h, owner);
  await until(
    'the first sync',
    async () =>
      (await owner.call((api) => api.integrations.syncStatus({ id: integrationId }))).last
        ?.finishedAt,
  );
  const me = (await owner.call((api) => api.auth.me()))!;
  await owner.call((api) =>
    api.kommo.mapUser({ integrationId, kommoId: MAPPED_USER, userId: me.user.id }),
  );
  return { emulator, h, serverUrl, owner, integrationId };
}

/** Every webhook request the emulator sent to our server, with the status it got. */
export const ourDeliveries = (s: WebhookStack): WebhookDelivery[] =>
  s.emulator.deliveries().filter((d) => d.destination.startsWith(`${s.serverUrl}/webhooks/`));

/** Nothing left to do anywhere: webhooks answered, deliveries processed, no job queued. */
export async function settled(s: WebhookStack) {
  await s.emulator.webhooksSettled();
  const b = await backlog(s.h.db, s.integrationId);
  return b.waiting === 0 && b.jobs === 0 ? b : undefined;
}

/** Posts a delivery again as Kommo retries one: same body, same X-Amocrm-Requestid. */
export const resend = (d: WebhookDelivery) =>
  fetch(d.destination, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': 'amoCRM-Webhooks/3.0',
      'X-Amocrm-Requestid': d.requestId,
    },
    body: d.body,
  });
