import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '@leadpilot/api/root';
import { createDb, type Db } from '@leadpilot/db/client';
import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { createLogger } from '@leadpilot/runtime/logger';
import { EventSource } from 'eventsource';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerEnv } from './env';
import { createServer, type LeadpilotServer } from './server';

/**
 * The live feed over real HTTP: two server processes (each its own Prisma pool and LISTEN
 * connection) on one database, a Node client speaking SSE through tRPC's httpSubscriptionLink.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const servers: { server: LeadpilotServer; url: string; db: Db }[] = [];

beforeAll(async () => {
  database = await createTestDatabase(templateDatabaseUrl());
  for (let i = 0; i < 2; i++) {
    const db = createDb(database.url, { max: 3 });
    const env = readServerEnv({
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      WEB_DIST: '',
      LOG_LEVEL: 'silent',
    });
    const server = createServer({
      env,
      db,
      log: createLogger('test', 'silent'),
      box: createSecretBox(randomBytes(32)),
      kommo: { publicUrl: 'http://localhost' },
    });
    servers.push({ server, url: (await server.start()).url, db });
  }
});
afterAll(async () => {
  for (const s of servers) {
    await s.server.stop();
    await s.db.$disconnect();
  }
  await database.drop();
});

async function signUp(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      json: { email, password: 'long enough password', name: 'Ann', orgName: email },
    }),
  });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * A load balancer in front of the processes: proxies every request (SSE streams included) to the
 * process it currently points at; a stream ends when its process goes away.
 */
async function createBalancer(initial: string) {
  let target = initial;
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(
      `${target}${req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('close', () => res.destroy());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pointAt: (url: string) => (target = url),
    close: () => {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

/** A signed-in client (Node has no EventSource: the `eventsource` package, with the cookie). */
function clientFor(cookie: string, base: string) {
  const withCookie = (input: string | URL | Request, init?: RequestInit) =>
    fetch(input, { ...init, headers: { ...init?.headers, cookie } });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${base}/trpc`,
          transformer: superjson,
          EventSource,
          eventSourceOptions: () => ({ fetch: withCookie }),
        }),
        false: httpLink({
          url: `${base}/trpc`,
          transformer: superjson,
          headers: { cookie, origin: base },
        }),
      }),
    ],
  });
}

type Client = ReturnType<typeof clientFor>;
interface Received {
  id: string;
  name: unknown;
}

function subscribe(client: Client, lastEventId: string | null) {
  const received: Received[] = [];
  const errors: unknown[] = [];
  const sub = client.activity.onNew.subscribe(
    { lastEventId },
    {
      onData: ({ id, data }) => received.push({ id, name: data.params.name }),
      onError: (error) => errors.push(error),
    },
  );
  return { received, errors, stop: () => sub.unsubscribe() };
}

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('activity.onNew over SSE', () => {
  it('streams entries written through one process to a client of another, and resumes after the last event id without gaps or duplicates', async () => {
    const [one, two] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const cookie = await signUp(one.url, 'sse@example.com');
    const other = await signUp(one.url, 'sse-other@example.com');
    const reader = clientFor(cookie, two.url); // streams from the second process
    const writer = clientFor(cookie, one.url); // changes through the first
    const otherClient = clientFor(other, one.url);
    const { latestId } = await reader.activity.list.query({ limit: 1 });

    const live = subscribe(reader, latestId);
    const foreign = subscribe(otherClient, (await otherClient.activity.list.query({})).latestId);
    await new Promise((r) => setTimeout(r, 300)); // the streams are open
    await writer.agents.create.mutate({ name: 'First' });
    await until(() => live.received.length === 1);
    expect(live.received[0]!.name).toBe('First');

    // the client drops off; three agents are created meanwhile; it comes back with its last id
    live.stop();
    for (const name of ['Second', 'Third', 'Fourth']) await writer.agents.create.mutate({ name });
    const resumed = subscribe(reader, live.received[0]!.id);
    await until(() => resumed.received.length === 3);
    await writer.agents.create.mutate({ name: 'Fifth' });
    await until(() => resumed.received.length === 4);
    await new Promise((r) => setTimeout(r, 200));
    expect(resumed.received.map((r) => r.name)).toEqual(['Second', 'Third', 'Fourth', 'Fifth']);
    expect(resumed.errors).toEqual([]);
    resumed.stop();

    // nothing of this organisation reached the other one's stream
    expect(foreign.received).toEqual([]);
    foreign.stop();
  });

  it('reconnects by itself to another process when its process goes away, resuming from the last event id', async () => {
    const extra = createServer({
      env: readServerEnv({
        DATABASE_URL: database.url,
        PORT: '0',
        HOST: '127.0.0.1',
        WEB_DIST: '',
        LOG_LEVEL: 'silent',
      }),
      db: servers[0]!.db,
      log: createLogger('test', 'silent'),
      box: createSecretBox(randomBytes(32)),
      kommo: { publicUrl: 'http://localhost' },
    });
    const extraUrl = (await extra.start()).url;
    const balancer = await createBalancer(extraUrl);
    const cookie = await signUp(servers[0]!.url, 'failover@example.com');
    const client = clientFor(cookie, balancer.url);
    const writer = clientFor(cookie, servers[0]!.url);
    const { latestId } = await client.activity.list.query({ limit: 1 });
    const live = subscribe(client, latestId);
    await new Promise((r) => setTimeout(r, 300));
    await writer.agents.create.mutate({ name: 'Before' });
    await until(() => live.received.length === 1);

    // the process the stream is on shuts down and the balancer sends new connections elsewhere;
    // EventSource reconnects by itself with Last-Event-ID, and the new process replays from there
    balancer.pointAt(servers[1]!.url);
    await extra.stop();
    await writer.agents.create.mutate({ name: 'During' });
    await until(() => live.received.length === 2, 15_000);
    await writer.agents.create.mutate({ name: 'After' });
    await until(() => live.received.length === 3);
    await new Promise((r) => setTimeout(r, 200));
    expect(live.received.map((r) => r.name)).toEqual(['Before', 'During', 'After']);
    live.stop();
    balancer.close();
  }, 30_000);

  it('does not stream to a visitor without a session', async () => {
    const res = await fetch(`${servers[0]!.url}/trpc/activity.onNew`, {
      headers: { accept: 'text/event-stream' },
    });
    const text = await res.text();
    expect(text).toMatch(/UNAUTHORIZED|Sign in/);
  });
});
