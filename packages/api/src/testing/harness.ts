import { createTestDatabase, templateDatabaseUrl } from '@leadpilot/db/test-database';
import type { Db } from '@leadpilot/db/client';
import { createPgPool, type PgPool } from '@leadpilot/db/pool';
import { randomBytes } from 'node:crypto';
import { createAuth, type Auth } from '@leadpilot/domain/auth/lucia';
import { createSecretBox, type SecretBox } from '@leadpilot/domain/crypto/secret-box';
import type { KommoConfig } from '@leadpilot/domain/integrations/kommo-config';
import { createActivityHub, type ActivityHub } from '@leadpilot/domain/activity/activity-hub';
import { createContext, type CookieJar } from '../context';
import { createCaller } from '../root';

type Api = ReturnType<typeof createCaller>;

/** A browser-like client: keeps the cookies the API sets, and calls through `createCaller`. */
export interface TestClient {
  /** `signal` ends subscriptions (as a closed SSE connection would). */
  call<T>(fn: (api: Api) => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  cookie(): string | undefined;
  setCookie(value: string | undefined): void;
}

export interface Harness {
  /** The test database's URL (for extra connection pools, e.g. simulating other processes). */
  url: string;
  db: Db;
  pg: PgPool;
  auth: Auth;
  box: SecretBox;
  kommo: KommoConfig;
  /** The activity fan-out of this "server process" (its own LISTEN connection). */
  activity: ActivityHub;
  /** A client; `activity` lets it talk to another "process" (another hub on the same database). */
  client(options?: { ip?: string; activity?: ActivityHub }): TestClient;
  /** Signs up a new user (and organisation) with unique data; returns the signed-in client. */
  signUp(overrides?: {
    email?: string;
    name?: string;
    orgName?: string;
    password?: string;
  }): Promise<TestClient & { email: string; password: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function createHarness(
  options: {
    kommo?: KommoConfig;
    /** A migrated template on another Postgres server (default: this run's shared one). */
    templateUrl?: string;
    /** The key secrets are sealed with (default: random), for other processes to open them. */
    encryptionKey?: Buffer;
  } = {},
): Promise<Harness> {
  const database = await createTestDatabase(options.templateUrl ?? templateDatabaseUrl());
  const { db } = database;
  const pg = createPgPool(database.url, { max: 4 });
  const auth = createAuth(pg, { secureCookies: false });
  const box = createSecretBox(options.encryptionKey ?? randomBytes(32));
  const kommo = options.kommo ?? { publicUrl: 'http://localhost:3000' };
  const activity = createActivityHub({ connectionString: database.url });
  await activity.start();

  function client(options: { ip?: string; activity?: ActivityHub } = {}): TestClient {
    let session: string | undefined;
    const jar: CookieJar = {
      get: (name) => (name === auth.sessionCookieName ? session : undefined),
      set: (serialized) => {
        const [pair] = serialized.split(';');
        const value = pair?.slice(pair.indexOf('=') + 1) ?? '';
        session = value && !/Max-Age=0/i.test(serialized) ? value : undefined;
      },
    };
    return {
      async call(fn, callOptions = {}) {
        const ctx = await createContext(
          { db, pg, auth, box, kommo, activity: options.activity ?? activity },
          { cookies: jar, ip: options.ip ?? '127.0.0.1', requestId: 'test' },
        );
        return fn(createCaller(ctx, callOptions.signal ? { signal: callOptions.signal } : {}));
      },
      cookie: () => session,
      setCookie: (value) => {
        session = value;
      },
    };
  }

  return {
    url: database.url,
    db,
    pg,
    auth,
    box,
    kommo,
    activity,
    client,
    async signUp(overrides = {}) {
      const n = ++counter;
      const email = overrides.email ?? `user${n}-${Date.now()}@example.com`;
      const password = overrides.password ?? 'correct horse battery';
      const c = client();
      await c.call((api) =>
        api.auth.signUp({
          email,
          password,
          name: overrides.name ?? `User ${n}`,
          orgName: overrides.orgName ?? `Org ${n}`,
        }),
      );
      return Object.assign(c, { email, password });
    },
    async close() {
      await activity.close();
      await pg.end();
      await database.drop();
    },
  };
}
