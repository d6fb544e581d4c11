import pg from 'pg';

export interface PgListener {
  /** Connects and LISTENs; on failure keeps retrying in the background (never throws). */
  start(): Promise<void>;
  close(): Promise<void>;
  readonly connected: boolean;
}

export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  onNotification(payload: string): void;
  /**
   * Called after every (re)connection once LISTEN is active. Notifications sent while the
   * connection was down are lost: whoever depends on them catches up from the table here.
   */
  onConnected(): void;
  onError?(message: string, error: unknown): void;
  /** A `SELECT 1` this often notices a connection that died without telling us. */
  healthCheckMs?: number;
  /** Shown in pg_stat_activity (and lets tests find the connection). */
  applicationName?: string;
}

const MIN_RETRY_MS = 100;
const MAX_RETRY_MS = 5_000;

/**
 * One dedicated connection that LISTENs on a channel — outside any pool, because a pooled
 * connection is handed to other queries and loses its LISTEN. Reconnects with backoff when the
 * connection errors, ends or stops answering.
 */
export function createPgListener(options: PgListenerOptions): PgListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = MIN_RETRY_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let healthTimer: NodeJS.Timeout | undefined;
  const report = (message: string, error: unknown) => options.onError?.(message, error);

  function drop(c: pg.Client, error?: unknown) {
    if (client !== c) return;
    client = null;
    clearInterval(healthTimer);
    if (error) report(`LISTEN ${options.channel}: connection lost`, error);
    c.removeAllListeners('notification');
    c.end().catch(() => {});
    scheduleConnect();
  }

  function scheduleConnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }

  async function connect(): Promise<void> {
    const c = new pg.Client({
      connectionString: options.connectionString,
      keepAlive: true,
      application_name: options.applicationName ?? 'leadpilot-listener',
    });
    // An error on an idle client is emitted, not thrown: without a handler it would crash.
    c.on('error', (error) => drop(c, error));
    c.on('end', () => drop(c));
    c.on('notification', (message) => {
      if (message.channel === options.channel && message.payload)
        options.onNotification(message.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(options.channel)}`);
    } catch (error) {
      report(`LISTEN ${options.channel}: could not connect; retrying`, error);
      c.removeAllListeners();
      c.on('error', () => {});
      c.end().catch(() => {});
      scheduleConnect();
      return;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    client = c;
    retryMs = MIN_RETRY_MS;
    const every = options.healthCheckMs ?? 30_000;
    healthTimer = setInterval(() => {
      c.query('SELECT 1').catch((error: unknown) => drop(c, error));
    }, every);
    healthTimer.unref();
    options.onConnected();
  }

  return {
    start: () => connect(),
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(healthTimer);
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners('end');
        await c.end().catch(() => {});
      }
    },
    get connected() {
      return client !== null;
    },
  };
}
