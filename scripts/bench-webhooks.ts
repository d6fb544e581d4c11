/**
 * `pnpm bench:webhooks` — how many Kommo webhooks the receiver accepts per second, how fast, and
 * whether every acknowledged event gets processed.
 *
 * The server and the worker run as child processes (as `pnpm start` runs them) on a fresh
 * database; this process sends a realistic mix of bodies shaped like the captures in
 * /work/shared/kommo/samples (Digital-Pipeline status changes, modern lead updates with custom
 * fields, contacts, companies, chat messages, talks, tasks, call notes, small batches), each with a
 * unique X-Amocrm-Requestid, over loopback keep-alive connections:
 *
 *   0. the host: an idle fdatasync's p50/p99 and what a timer wake-up costs in CPU, so figures
 *      from different days can be read against how noisy the machine was;
 *   1. the ceiling: a bare node:http server that only answers 200, closed loop (64 connections),
 *      and the latency floor: the open loop below against that bare server (2 s per rate);
 *   2. the receiver, open loop at rising rates (default 500, 1000, 2000, 3000/s, 5 s each) —
 *      accepted/s, p50/p99 latency counted from the moment each request was due (so a stalled
 *      server cannot hide its queue), events processed/s end to end, backlog, and the CPU spent
 *      per delivery from the step's start until its backlog was processed (Linux), by the
 *      server, the worker, the Postgres backends serving each, the rest of Postgres, and this
 *      load generator;
 *   3. the receiver, closed loop (64 connections): its saturation throughput.
 *
 * Then it waits for the worker to drain and checks that nothing acknowledged was lost: every 200
 * has its row, and every event of those rows was processed.
 *
 * Options: --rates 500,1000,2000,3000 --seconds 5 --connections 64 --worker-concurrency 4
 *          --profile (CPU profiles of server and worker into .data/bench-profiles)
 *          --timeline (p50/p99 per half second of each step)
 *          --pg-stats (Postgres's view of the open-loop steps: statements by execution and
 *          planning time, WAL written, WAL flushes and their time; needs pg_stat_statements,
 *          which the embedded cluster then preloads)
 *          --sched (how busy the cores were while each step sent, and each part's wait for a CPU
 *          per wake-up, from Linux schedstat)
 *          --receiver-only (the worker is paused while each step sends: the receiver alone)
 *          --flushes N (the server's WEBHOOK_FLUSH_CONCURRENCY)
 *          --overlap-ms N (the server's WEBHOOK_FLUSH_OVERLAP_MS)
 *          --warm-wal (before the server starts, write and checkpoint 400 MB of WAL, so the steps
 *          reuse recycled WAL segments as a database that has been running does: a fresh cluster
 *          creates each new 16 MB segment — zero-filled and flushed while holding the WAL write
 *          lock, which stalls every commit meanwhile — every 16 MB of WAL)
 *          --pin-worker CPUS (taskset: the worker's threads run only on CPUS, e.g. 1) and
 *          --pin-worker-pg (its Postgres backends too), applied at the start of each step
 *
 * Each target's keep-alive connections (--connections of them) are opened before the first
 * open-loop step and kept across steps, so no step's clock runs while connections are opened.
 * Every step's requests are built (as bytes) before its clock starts, followed by a full garbage
 * collection of this process, and the client allocates little per request: a collection in the
 * load generator delays every request due meanwhile, which would be counted as the server's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import net from 'node:net';
import path from 'node:path';
import { createDb } from '@leadpilot/db/client';
import { freePort, startEmbeddedPostgres } from '@leadpilot/db/embedded';
import { migrate } from '@leadpilot/db/migrate';
import { dataDir, repoRoot } from '@leadpilot/db/paths';
import { createSecretBox } from '@leadpilot/domain/crypto/secret-box';
import { encodePhpForm } from '@leadpilot/kommo-emulator/webhooks/php-form';
import {
  listProcesses,
  postgresClients,
  processTree,
  schedStats,
  type SchedStats,
} from './lib/processes';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const rates = arg('rates', '500,1000,2000,3000').split(',').map(Number);
const seconds = Number(arg('seconds', '5'));
const connections = Number(arg('connections', '64'));
const workerConcurrency = arg('worker-concurrency', '4');
const profile = process.argv.includes('--profile');
const timeline = process.argv.includes('--timeline');
const pgStats = process.argv.includes('--pg-stats');
const sched = process.argv.includes('--sched');
const receiverOnly = process.argv.includes('--receiver-only');
const flushes = arg('flushes', '');
const overlapMs = arg('overlap-ms', '');
const warmWal = process.argv.includes('--warm-wal');
const pinWorker = arg('pin-worker', '');
const pinWorkerPg = process.argv.includes('--pin-worker-pg');

const ACCOUNT = { id: 30307558, subdomain: 'benchshop' };
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

// ---------------------------------------------------------------- bodies like the samples

let seq = 0;
const now = () => Math.floor(Date.now() / 1000);
const account = () => ({
  subdomain: ACCOUNT.subdomain,
  id: ACCOUNT.id,
  _links: { self: 'https://benchshop.kommo.com' },
});
const lead = (id: number) => ({
  id,
  name: `Сделка #${id} «Ромашка»`,
  status_id: 54423922,
  price: 1500 + (id % 1000),
  responsible_user_id: 2852878,
  last_modified: now(),
  modified_user_id: 0,
  created_user_id: 2852878,
  date_create: now() - 3600,
  pipeline_id: 6344290,
  account_id: ACCOUNT.id,
  custom_fields: [
    { id: 957901, name: 'test_id', values: [{ value: String(id) }] },
    { id: 957902, name: 'Demo date', values: [now()] },
    { id: 957903, name: 'Product', values: [{ value: 'Business', enum: 920002 }] },
  ],
  created_at: now() - 3600,
  updated_at: now(),
});

/** One body and the number of events it carries. */
const makers: (() => { body: string; events: number })[] = [
  () => ({
    // lead_status_01_dp.txt: Digital-Pipeline short form
    body: encodePhpForm({
      leads: {
        status: [
          {
            id: ++seq,
            status_id: 54423922,
            pipeline_id: 6344290,
            old_status_id: 54435014,
            old_pipeline_id: 6344290,
          },
        ],
      },
      account: { id: ACCOUNT.id, subdomain: ACCOUNT.subdomain },
    }),
    events: 1,
  }),
  () => ({
    body: encodePhpForm({ account: account(), leads: { update: [lead(++seq)] } }),
    events: 1,
  }),
  () => ({ body: encodePhpForm({ leads: { add: [lead(++seq)] }, account: account() }), events: 1 }),
  () => ({
    body: encodePhpForm({
      account: account(),
      leads: { update: [lead(++seq), lead(++seq), lead(++seq)] },
    }),
    events: 3,
  }),
  () => ({
    body: encodePhpForm({
      contacts: {
        add: [
          {
            id: ++seq,
            name: 'Анна Смирнова',
            responsible_user_id: 102525,
            date_create: now(),
            last_modified: now(),
            created_user_id: 102525,
            modified_user_id: 102525,
            custom_fields: [
              { id: 1, name: 'Phone', code: 'PHONE', values: [{ value: `+7900${seq}`, enum: 1 }] },
            ],
            type: 'contact',
            created_at: now(),
            updated_at: now(),
          },
        ],
      },
      account: account(),
    }),
    events: 1,
  }),
  () => ({
    body: encodePhpForm({
      contacts: {
        add: [
          {
            id: ++seq,
            name: 'ООО Ромашка',
            responsible_user_id: 102525,
            type: 'company',
            created_at: now(),
            updated_at: now(),
          },
        ],
      },
      account: account(),
    }),
    events: 1,
  }),
  () => ({
    // doc_message_add.json
    body: encodePhpForm({
      account: account(),
      message: {
        add: [
          {
            id: randomUUID(),
            chat_id: randomUUID(),
            talk_id: ++seq,
            contact_id: 11018118,
            text: 'Здравствуйте! Сколько стоит тариф Business? 👋',
            created_at: now(),
            element_type: 2,
            entity_type: 'lead',
            element_id: 9276114,
            entity_id: 9276114,
            type: 'incoming',
            author: {
              id: randomUUID(),
              type: 'external',
              name: 'Дмитрий',
              avatar_url: 'https://amojo.kommo.com/a.jpg',
            },
            origin: 'telegram',
          },
        ],
      },
    }),
    events: 1,
  }),
  () => ({
    body: encodePhpForm({
      account: account(),
      talk: {
        add: [
          {
            talk_id: ++seq,
            created_at: now(),
            updated_at: now(),
            rate: 0,
            contact_id: 11018118,
            chat_id: randomUUID(),
            entity_id: 9276114,
            entity_type: 'lead',
            is_in_work: 1,
            is_read: 0,
            origin: 'whatsapp',
          },
        ],
      },
    }),
    events: 1,
  }),
  () => ({
    body: encodePhpForm({
      account: account(),
      task: {
        add: [
          {
            id: ++seq,
            element_id: 15320411,
            element_type: 2,
            task_type: 1,
            date_create: '2024-09-17 13:07:29',
            text: 'Перезвонить',
            status: 0,
            account_id: ACCOUNT.id,
            created_user_id: 11087123,
            last_modified: '2024-09-17 13:07:29',
            responsible_user_id: 11087123,
            complete_till: '2025-10-02 20:59:00',
            created_at: now(),
            updated_at: now(),
            complete_before: now() + 86400,
          },
        ],
      },
    }),
    events: 1,
  }),
  () => ({
    body: encodePhpForm({
      account: account(),
      leads: {
        note: [
          {
            note: {
              id: ++seq,
              note_type: 10,
              element_type: 2,
              element_id: 15320411,
              text: JSON.stringify({
                uniq: randomUUID(),
                duration: 0,
                phone: '+79001234567',
                call_status: 6,
              }),
              created_by: 11087123,
              created_at: now(),
              updated_at: now(),
            },
          },
        ],
      },
    }),
    events: 1,
  }),
];
const nextBody = () => makers[seq % makers.length]!();

// ---------------------------------------------------------------- HTTP load

interface Sent {
  status: number;
  ms: number;
  requestId: string;
  events: number;
}

/** A request ready to go: its bytes on the wire (head and body), built before any clock runs. */
interface Planned {
  bytes: Buffer;
  requestId: string;
  events: number;
}

function plan(url: URL): Planned {
  const { body, events } = nextBody();
  const requestId = randomUUID();
  const bytes = Buffer.from(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `User-Agent: amoCRM-Webhooks/3.0\r\nX-Amocrm-Requestid: ${requestId}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return { bytes, requestId, events };
}

/** The answer's status; 0 when the connection failed or timed out. */
type Answered = (status: number) => void;

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A lean HTTP/1.1 client over keep-alive sockets, one request in flight per socket: Node's
 * http.request costs ~100 µs of CPU per request, which on two cores would be taken from the server
 * under test. Both the ceiling and the receiver are measured with it. It allocates little per
 * request (prebuilt bytes, a callback, no timer: one sweep a second finds timed-out requests), so
 * its own garbage collections stay short: a pause here delays every request due meanwhile and
 * would be counted as the server's latency.
 */
class Connections {
  private idle: Connection[] = [];
  private all = new Set<Connection>();
  private readonly sweep: NodeJS.Timeout;
  constructor(readonly url: URL) {
    this.sweep = setInterval(() => {
      const now = performance.now();
      for (const c of this.all) if (c.expired(now)) this.drop(c);
    }, 1_000);
    this.sweep.unref();
  }

  send(bytes: Buffer, done: Answered) {
    const conn = this.idle.pop();
    if (!conn) {
      this.open().then(
        (opened) => {
          this.idle.push(opened);
          this.send(bytes, done);
        },
        () => done(0),
      );
      return;
    }
    conn.request(bytes, (status) => {
      if (status) this.idle.push(conn);
      else this.drop(conn);
      done(status);
    });
  }

  /**
   * Opens connections until `count` are open, before a step's clock starts. Opened on demand
   * instead, the first requests of every step waited for connects (and the server for accepts)
   * just as the rate jumped, which showed as a spike in the step's first half second.
   */
  async warm(count: number) {
    const missing = Math.max(0, count - this.all.size);
    const opened = await Promise.all(Array.from({ length: missing }, () => this.open()));
    this.idle.push(...opened);
  }

  private drop(conn: Connection) {
    this.all.delete(conn);
    this.idle = this.idle.filter((c) => c !== conn);
    conn.fail();
    conn.socket.destroy();
  }

  private open(): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(this.url.port), this.url.hostname, () => {
        socket.setNoDelay(true);
        const conn = new Connection(socket);
        this.all.add(conn);
        socket.once('close', () => {
          if (this.all.has(conn)) this.drop(conn);
        });
        resolve(conn);
      });
      socket.once('error', reject);
    });
  }

  close() {
    clearInterval(this.sweep);
    for (const c of [...this.all]) this.drop(c);
  }
}

class Connection {
  private buffer: Buffer | null = null;
  private done: Answered | null = null;
  private sentAt = 0;
  constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.tryParse();
    });
    socket.on('error', () => this.fail());
  }

  request(bytes: Buffer, done: Answered) {
    this.done = done;
    this.sentAt = performance.now();
    this.socket.write(bytes);
  }

  expired(now: number) {
    return this.done !== null && now - this.sentAt > REQUEST_TIMEOUT_MS;
  }

  /** Answers the request in flight, if any, with 0. */
  fail() {
    const done = this.done;
    this.done = null;
    done?.(0);
  }

  private tryParse() {
    const buffer = this.buffer!;
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0 || !this.done) return;
    const head = buffer.toString('latin1', 0, end);
    let next: number;
    if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      // Small JSON answers: the last chunk follows right after the body.
      const last = buffer.indexOf('\r\n0\r\n\r\n', end + 2);
      if (last < 0) return;
      next = last + 7;
    } else {
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      next = end + 4 + length;
    }
    this.buffer = next < buffer.length ? buffer.subarray(next) : null;
    const done = this.done;
    this.done = null;
    done(Number(head.slice(9, 12)));
  }
}

/**
 * A full garbage collection, run before a step's clock starts so that none falls inside it (the
 * requests built for the step would otherwise be collected while it runs). No-op without V8.
 */
const collectGarbage: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return () => {};
  }
})();

/** Open loop: requests go out on schedule whatever the server does; latency counts from the schedule. */
async function openLoop(
  pool: Connections,
  rate: number,
  durationS: number,
): Promise<{ sent: Sent[]; wallS: number }> {
  const total = Math.round(rate * durationS);
  // Made before the clock starts: Kommo builds its bodies on its own machines, so building them
  // here during the step would take CPU from the server under test (~20 µs each).
  const planned = Array.from({ length: total }, () => plan(pool.url));
  // Results go into typed arrays, not objects: little to collect while the step runs.
  const ms = new Float64Array(total);
  const status = new Uint16Array(total);
  collectGarbage();
  const start = performance.now();
  let i = 0;
  let answered = 0;
  await new Promise<void>((done) => {
    const answer = (n: number, due: number) => (code: number) => {
      ms[n] = performance.now() - due;
      status[n] = code;
      if (++answered === total) done();
    };
    const tick = () => {
      const elapsed = performance.now() - start;
      while (i < total && (i / rate) * 1000 <= elapsed) {
        pool.send(planned[i]!.bytes, answer(i, start + (i / rate) * 1000));
        i++;
      }
      if (i < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wallS = (performance.now() - start) / 1000;
  const sent = planned.map((p, n) => ({
    status: status[n]!,
    ms: ms[n]!,
    requestId: p.requestId,
    events: p.events,
  }));
  return { sent, wallS };
}

/** Closed loop: `connections` requests in flight at all times, for `durationS`. */
async function closedLoop(url: URL, durationS: number): Promise<{ sent: Sent[]; wallS: number }> {
  const pool = new Connections(url);
  const sent: Sent[] = [];
  collectGarbage();
  const start = performance.now();
  const deadline = start + durationS * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const { bytes, requestId, events } = plan(url);
        const t0 = performance.now();
        const status = await new Promise<number>((resolve) => pool.send(bytes, resolve));
        sent.push({ status, ms: performance.now() - t0, requestId, events });
      }
    }),
  );
  pool.close();
  return { sent, wallS: (performance.now() - start) / 1000 };
}

const percentile = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

// ---------------------------------------------------------------- the host

/**
 * How noisy the machine is right now, printed with every run so that figures taken on different
 * days can be compared: an idle `fdatasync` of one 8 KB write in `dir` (what each commit waits
 * for: 0.07 ms on a quiet day here, p99 over 1 ms on a noisy one) and the CPU one 1-ms timer
 * wake-up costs this process (on this VM 52–90 µs: a woken process runs on cold caches, which is
 * why every part's CPU per delivery falls as the rate rises).
 */
function probeHost(dir: string): string {
  const file = path.join(dir, `.bench-fsync-probe-${process.pid}`);
  const fd = openSync(file, 'w', 0o600);
  const page = Buffer.alloc(8192, 1);
  const syncs: number[] = [];
  try {
    const until = performance.now() + 1_500;
    for (let i = 0; performance.now() < until; i++) {
      writeSync(fd, page, 0, page.length, (i % 128) * page.length);
      const t0 = performance.now();
      fdatasyncSync(fd);
      syncs.push(performance.now() - t0);
    }
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
  const ms = (v: number) => v.toFixed(2);
  return `idle fdatasync (8 KB, ${syncs.length} in 1.5 s) p50 ${ms(percentile(syncs, 50))} p99 ${ms(
    percentile(syncs, 99),
  )} max ${ms(syncs.reduce((a, b) => Math.max(a, b), 0))} ms`;
}

async function timerWakeUpCpuUs(count = 1_000): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 1));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / count;
}

// ---------------------------------------------------------------- processes

function launch(name: string, file: string, env: Record<string, string>): ChildProcess {
  const [command, args] = profile
    ? [
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-dir=${path.join(dataDir, 'bench-profiles')}`,
          '--import',
          'tsx',
          file,
        ],
      ]
    : [tsx, [file]];
  // Their logs go to a file: the bench's account has no Kommo app configured, so the call
  // follow-ups fail and retry (logged at error level), which would bury the report.
  mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, `bench-webhooks-${name}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  console.log(`${name} logs: ${path.relative(repoRoot, logFile)}`);
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${signal ?? code})`);
  });
  return child;
}

/**
 * Signals a launched process and its descendants: tsx runs the script in a child node process,
 * so a signal to the launched pid alone (SIGSTOP) would leave the real process running.
 */
function signalTree(child: ChildProcess, signal: NodeJS.Signals) {
  const processes = listProcesses();
  const pids = processes ? processTree(processes, child.pid!).map((p) => p.pid) : [child.pid!];
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // ended meanwhile
    }
  }
}

/**
 * --pin-worker CPUS: the worker's processes (every thread) may run only on CPUS (taskset), and
 * with --pin-worker-pg its Postgres backends too. Applied at each step (new backends).
 */
function pinTree(child: ChildProcess, cpus: string, pgPort: number | null) {
  const processes = listProcesses();
  if (!processes) return;
  const pids = processTree(processes, child.pid!).map((p) => p.pid);
  if (pgPort !== null) {
    const clients = postgresClients(processes, { worker: child.pid! }, pgPort);
    for (const [pid, client] of clients) if (client === 'worker') pids.push(pid);
  }
  for (const pid of pids)
    spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

const BARE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"ok":true}'); });
});
server.keepAliveTimeout = 65000;
server.listen(Number(process.env.PORT), '127.0.0.1');`;

let stopping = false;
const children: ChildProcess[] = [];
const stopChildren = () =>
  Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );

type BenchDb = ReturnType<typeof createDb>;

/** Starts counting afresh; false when pg_stat_statements is not there (another server). */
async function resetPgStats(db: BenchDb): Promise<boolean> {
  try {
    await db.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    // Through execute: Prisma cannot read back a void column.
    await db.$executeRawUnsafe('SELECT pg_stat_statements_reset()');
    await db.$executeRawUnsafe("SELECT pg_stat_reset_shared('wal'), pg_stat_reset_shared('io')");
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message.trim().split('\n').pop() : String(error);
    console.log(`--pg-stats: not available here (${reason})`);
    return false;
  }
}

/** What Postgres did during the open-loop steps (and their drains). */
async function readPgStats(db: BenchDb): Promise<string> {
  const statements = await db.$queryRawUnsafe<
    {
      calls: number;
      ms: number;
      plan: number;
      rows: number;
      wal: number;
      fpi: number;
      query: string;
    }[]
  >(`
    SELECT calls::int, round(total_exec_time)::int AS ms, round(total_plan_time)::int AS plan, rows::int,
           (wal_bytes / 1048576)::float8 AS wal, wal_fpi::int AS fpi,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
      FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15`);
  const [wal] = await db.$queryRawUnsafe<
    {
      mb: number;
      fpi: number;
      fsyncs: number;
      fsync_ms: number;
      init_ms: number;
      writes: number;
      write_ms: number;
    }[]
  >(`
    SELECT (SELECT wal_bytes / 1048576 FROM pg_stat_wal)::float8 AS mb,
           (SELECT wal_fpi FROM pg_stat_wal)::int AS fpi,
           coalesce(sum(fsyncs) FILTER (WHERE context = 'normal'), 0)::int AS fsyncs,
           coalesce(sum(writes) FILTER (WHERE context = 'normal'), 0)::int AS writes,
           coalesce(sum(write_time) FILTER (WHERE context = 'normal'), 0)::float8 AS write_ms,
           coalesce(sum(fsync_time) FILTER (WHERE context = 'normal'), 0)::float8 AS fsync_ms,
           coalesce(sum(write_time + fsync_time) FILTER (WHERE context = 'init'), 0)::float8 AS init_ms
      FROM pg_stat_io WHERE object = 'wal'`);
  return [
    '\nPostgres during the open-loop steps (--pg-stats):',
    `WAL writes ${wal!.writes} taking ${(wal!.write_ms / 1000).toFixed(1)} s; WAL written ${wal!.mb.toFixed(0)} MB (${wal!.fpi} full-page images); ${wal!.fsyncs} WAL flushes taking ${(wal!.fsync_ms / 1000).toFixed(1)} s in all (${(wal!.fsync_ms / Math.max(1, wal!.fsyncs)).toFixed(2)} ms each); new WAL files ${wal!.init_ms.toFixed(0)} ms`,
    '   calls  exec ms  plan ms      rows  WAL MB  full pages  statement',
    ...statements.map(
      (r) =>
        `${String(r.calls).padStart(8)} ${String(r.ms).padStart(8)} ${String(r.plan).padStart(8)} ${String(r.rows).padStart(9)} ${r.wal.toFixed(1).padStart(7)} ${String(r.fpi).padStart(11)}  ${r.query}`,
    ),
  ].join('\n');
}

type CpuPart = 'load' | 'server' | 'worker' | 'pgServer' | 'pgWorker' | 'pgOther';

/** The parts in report order, with their column names. */
const PART_NAMES: [CpuPart, string][] = [
  ['server', 'server'],
  ['pgServer', "server's pg"],
  ['worker', 'worker'],
  ['pgWorker', "worker's pg"],
  ['pgOther', 'other pg'],
  ['load', 'load gen.'],
];

/**
 * CPU used so far by each part, in seconds (Linux; null elsewhere): this process (the load
 * generator), the server's and the worker's process trees, the Postgres backends serving each of
 * them (told apart by their client's socket), and the rest of Postgres (its background processes,
 * this process's own connections). Per process, so a difference of two snapshots counts backends
 * started meanwhile; a backend that ended meanwhile loses what it used. Latency on a shared 2-core
 * VM swings widely with the neighbours; CPU per delivery barely moves, so it is the figure to
 * compare changes by.
 */
function cpuSnapshot(server: ChildProcess, worker: ChildProcess, pgPort: number) {
  const processes = listProcesses();
  if (!processes) return null;
  const parts = new Map<number, { part: CpuPart; seconds: number }>();
  for (const [part, root] of [
    ['server', server.pid!],
    ['worker', worker.pid!],
  ] as const)
    for (const p of processTree(processes, root)) parts.set(p.pid, { part, seconds: p.cpuSeconds });
  const clients = postgresClients(processes, { server: server.pid!, worker: worker.pid! }, pgPort);
  for (const p of processes) {
    if (p.comm !== 'postgres') continue;
    const client = clients.get(p.pid);
    const part = client === 'server' ? 'pgServer' : client === 'worker' ? 'pgWorker' : 'pgOther';
    parts.set(p.pid, { part, seconds: p.cpuSeconds });
  }
  const own = process.cpuUsage();
  parts.set(process.pid, { part: 'load', seconds: (own.user + own.system) / 1e6 });
  return parts;
}

function cpuUsed(before: ReturnType<typeof cpuSnapshot>, after: ReturnType<typeof cpuSnapshot>) {
  if (!before || !after) return null;
  const used = Object.fromEntries(PART_NAMES.map(([part]) => [part, 0])) as Record<CpuPart, number>;
  for (const [pid, { part, seconds }] of after)
    used[part] += seconds - (before.get(pid)?.seconds ?? 0);
  return used;
}

/** Scheduler statistics of the processes of a CPU snapshot, for --sched. */
function schedSnapshot(parts: ReturnType<typeof cpuSnapshot>) {
  if (!sched || !parts) return null;
  const snapshot = new Map<number, { part: CpuPart; stats: SchedStats }>();
  for (const [pid, { part }] of parts) {
    const stats = schedStats(pid);
    if (stats) snapshot.set(pid, { part, stats });
  }
  return snapshot;
}

/**
 * How busy the cores were during a step, and how long each part waited for a CPU each time it
 * woke (processes alive at both ends of the step): every request crosses the load generator, the
 * server and its Postgres backend several times, so these waits add up in its latency.
 */
function schedReport(
  rate: number,
  wallS: number,
  before: ReturnType<typeof schedSnapshot>,
  after: ReturnType<typeof schedSnapshot>,
) {
  if (!before || !after) return null;
  let runMs = 0;
  const used = new Map<CpuPart, { waitMs: number; slices: number }>();
  for (const [pid, { part, stats }] of after) {
    const earlier = before.get(pid)?.stats;
    if (!earlier) continue;
    runMs += stats.runMs - earlier.runMs;
    const u = used.get(part) ?? { waitMs: 0, slices: 0 };
    u.waitMs += stats.waitMs - earlier.waitMs;
    u.slices += stats.slices - earlier.slices;
    used.set(part, u);
  }
  const waits = PART_NAMES.flatMap(([part, name]) => {
    const u = used.get(part);
    return u?.slices
      ? [`${name} ${((u.waitMs * 1000) / u.slices).toFixed(0)} µs (${u.waitMs.toFixed(0)} ms)`]
      : [];
  });
  const busy = (100 * runMs) / (wallS * 1000 * availableParallelism());
  return `${rate}/s: cores ${busy.toFixed(0)}% busy; wait for a CPU per wake-up (and in all): ${waits.join(', ')}`;
}

// ---------------------------------------------------------------- run

const pgServer = process.env.DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'bench-webhooks-postgres'),
      fresh: true,
      settings: pgStats
        ? {
            shared_preload_libraries: 'pg_stat_statements',
            'pg_stat_statements.track_planning': 'on',
            track_wal_io_timing: 'on',
          }
        : {},
    });
const adminUrl = new URL(process.env.DATABASE_URL ?? pgServer!.adminUrl);
adminUrl.pathname = `/leadpilot_bench_webhooks_${Date.now()}`;
const databaseUrl = adminUrl.toString();
const pgPort = Number(adminUrl.port) || 5432;

try {
  await migrate({ connectionString: databaseUrl });
  const db = createDb(databaseUrl, { max: 4 });
  const key = randomBytes(32);
  const secret = randomBytes(24).toString('base64url');
  const org = await db.organization.create({ data: { name: 'Bench' } });
  const integration = await db.integration.create({
    data: {
      orgId: org.id,
      kind: 'kommo',
      host: `${ACCOUNT.subdomain}.kommo.com`,
      baseUrl: `https://${ACCOUNT.subdomain}.kommo.com`,
      accountId: ACCOUNT.id,
      subdomain: ACCOUNT.subdomain,
      webhookSecretEnc: createSecretBox(key).seal(secret),
    },
  });

  if (warmWal) {
    const t0 = performance.now();
    const segments = 25;
    for (let i = 0; i < segments; i++) {
      await db.$queryRawUnsafe(
        `SELECT pg_logical_emit_message(false, 'leadpilot-bench', repeat('x', 16 * 1024 * 1024))::text`,
      );
    }
    await db.$executeRawUnsafe('CHECKPOINT');
    console.log(
      `WAL warmed (${segments * 16} MB written and checkpointed) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }

  const common = {
    DATABASE_URL: databaseUrl,
    ENCRYPTION_KEY: key.toString('base64'),
    LOG_LEVEL: 'warn',
    KOMMO_DEMO_URL: '',
  };
  const serverPort = await freePort();
  const barePort = await freePort();
  const serverProcess = launch('server', 'apps/server/src/main.ts', {
    ...common,
    PORT: String(serverPort),
    HOST: '127.0.0.1',
    WEB_DIST: '',
    ...(flushes ? { WEBHOOK_FLUSH_CONCURRENCY: flushes } : {}),
    ...(overlapMs ? { WEBHOOK_FLUSH_OVERLAP_MS: overlapMs } : {}),
  });
  const workerProcess = launch('worker', 'apps/worker/src/main.ts', {
    ...common,
    WORKER_CONCURRENCY: workerConcurrency,
  });
  children.push(serverProcess, workerProcess);
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { ...process.env, PORT: String(barePort) },
    stdio: 'ignore',
  });
  children.push(bare);
  const base = `http://127.0.0.1:${serverPort}`;
  await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 'the server becoming ready');
  await waitFor(
    async () => (await fetch(`http://127.0.0.1:${barePort}/`, { method: 'POST' })).ok,
    'the bare server starting',
  );
  const hookUrl = new URL(`${base}/webhooks/kommo/${integration.id}/${secret}`);
  const bareUrl = new URL(`http://127.0.0.1:${barePort}/`);

  const backlog = async () =>
    (
      await db.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`
    )[0]!.n;
  const drain = async () => {
    const t0 = performance.now();
    try {
      await waitFor(
        async () => (await backlog()) === 0,
        'the worker draining the backlog',
        120_000,
      );
    } catch (error) {
      console.error(
        await db.$queryRaw`SELECT status, count(*)::int FROM webhook_deliveries GROUP BY status`,
        await db.$queryRaw`
          SELECT t.identifier, j.key, j.attempts, j.max_attempts, j.last_error, j.locked_by, j.run_at
            FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id`,
      );
      throw error;
    }
    return (performance.now() - t0) / 1000;
  };
  const processedBetween = async (from: Date, to: Date) =>
    (
      await db.$queryRaw<{ n: number }[]>`
        SELECT coalesce(sum(event_count), 0)::int AS n FROM webhook_deliveries
         WHERE processed_at >= ${from} AND processed_at < ${to}`
    )[0]!.n;

  // Warm-up: JIT, pools, the secret cache.
  // One set of keep-alive connections per target for every open-loop step, all open before the
  // first one (see Connections.warm).
  const hookConnections = new Connections(hookUrl);
  const bareConnections = new Connections(bareUrl);
  const openLoopAt = async (target: Connections, rate: number, durationS: number) => {
    await target.warm(connections);
    return openLoop(target, rate, durationS);
  };
  await openLoopAt(hookConnections, 200, 2);
  await openLoopAt(bareConnections, 200, 1);
  await drain();

  console.log(
    `\nmix: ${makers.length} body shapes (1–3 events each), unique X-Amocrm-Requestid; ${seconds} s per step; worker concurrency ${workerConcurrency}\n`,
  );
  console.log(
    `host — ${probeHost(pgServer ? path.dirname(pgServer.dataDir) : dataDir)}; a 1-ms timer wake-up costs ${(
      await timerWakeUpCpuUs()
    ).toFixed(0)} µs of CPU`,
  );
  const ceiling = await closedLoop(bareUrl, seconds);
  const ceilingRps = ceiling.sent.filter((s) => s.status === 200).length / ceiling.wallS;
  console.log(
    `ceiling — bare node:http answering 200, closed loop, ${connections} connections: ${ceilingRps.toFixed(0)} req/s, p50 ${percentile(
      ceiling.sent.map((s) => s.ms),
      50,
    ).toFixed(1)} ms, p99 ${percentile(
      ceiling.sent.map((s) => s.ms),
      99,
    ).toFixed(1)} ms`,
  );

  // The latency floor: the same open loop against the bare server (this client, the kernel).
  const floor: string[] = [];
  for (const rate of rates) {
    const ms = (await openLoopAt(bareConnections, rate, 2)).sent.map((s) => s.ms);
    floor.push(
      `${rate}/s p50 ${percentile(ms, 50).toFixed(1)} p99 ${percentile(ms, 99).toFixed(1)}`,
    );
  }
  console.log(`floor — the same open loop against the bare server, 2 s: ${floor.join(' · ')} ms\n`);
  const accepted: Sent[] = [];
  const rows: string[][] = [];
  const statsReady = pgStats && (await resetPgStats(db));
  const timelines: string[] = [];
  const schedLines: string[] = [];
  const header = [
    'offered/s',
    'sent',
    'accepted/s',
    'non-200',
    'p50 ms',
    'p99 ms',
    'max ms',
    'events proc./s',
    'backlog',
    'drain s',
    ...PART_NAMES.map(([, name], i) => (i === 0 ? `CPU µs/delivery: ${name}` : name)),
  ];
  for (const rate of rates) {
    const from = new Date();
    const cpuBefore = cpuSnapshot(serverProcess, workerProcess, pgPort);
    // --receiver-only: processing waits (SIGSTOP) until the step's last request is answered.
    if (receiverOnly) signalTree(workerProcess, 'SIGSTOP');
    if (pinWorker) pinTree(workerProcess, pinWorker, pinWorkerPg ? pgPort : null);
    const schedBefore = schedSnapshot(cpuBefore);
    const schedFrom = performance.now();
    const { sent, wallS } = await openLoopAt(hookConnections, rate, seconds);
    // Over the whole window (it includes building the step's requests, before its clock starts).
    const schedLine = schedReport(
      rate,
      (performance.now() - schedFrom) / 1000,
      schedBefore,
      schedSnapshot(cpuBefore),
    );
    if (schedLine) schedLines.push(schedLine);
    if (receiverOnly) signalTree(workerProcess, 'SIGCONT');
    const to = new Date();
    const pending = await backlog();
    const processed = await processedBetween(from, to);
    const drainS = await drain();
    const cpu = cpuUsed(cpuBefore, cpuSnapshot(serverProcess, workerProcess, pgPort));
    const ok = sent.filter((s) => s.status === 200);
    // From the step's start until its backlog is processed: receiving and processing each delivery.
    const cpuPer = (part: CpuPart) => (cpu ? ((cpu[part] / sent.length) * 1e6).toFixed(0) : '-');
    accepted.push(...ok);
    const ms = sent.map((s) => s.ms);
    if (timeline) {
      // p50/p99 of the requests due in each half second of the step
      const buckets = new Map<number, number[]>();
      sent.forEach((s, i) => {
        const b = Math.floor(i / (rate / 2));
        buckets.set(b, [...(buckets.get(b) ?? []), s.ms]);
      });
      timelines.push(
        `${rate}/s: ` +
          [...buckets.values()]
            .map((v) => `${percentile(v, 50).toFixed(0)}/${percentile(v, 99).toFixed(0)}`)
            .join(' '),
      );
    }
    rows.push([
      String(rate),
      String(sent.length),
      (ok.length / wallS).toFixed(0),
      String(sent.length - ok.length),
      percentile(ms, 50).toFixed(1),
      percentile(ms, 99).toFixed(1),
      Math.max(...ms).toFixed(0),
      (processed / ((to.getTime() - from.getTime()) / 1000)).toFixed(0),
      String(pending),
      drainS.toFixed(1),
      ...PART_NAMES.map(([part]) => cpuPer(part)),
    ]);
  }
  hookConnections.close();
  bareConnections.close();
  const pgReport = statsReady ? await readPgStats(db) : '';
  const sat = await closedLoop(hookUrl, seconds);
  const satOk = sat.sent.filter((s) => s.status === 200);
  accepted.push(...satOk);
  await drain();

  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log('receiver, open loop (latency from when each request was due):');
  console.log(line(header));
  rows.forEach((r) => console.log(line(r)));
  if (timeline) console.log(`\np50/p99 ms per half second of each step:\n${timelines.join('\n')}`);
  if (schedLines.length)
    console.log(`\nscheduler, while each step sent (--sched):\n${schedLines.join('\n')}`);
  if (pgReport) console.log(pgReport);
  console.log(
    `\nreceiver, closed loop, ${connections} connections: ${(satOk.length / sat.wallS).toFixed(0)} accepted/s, p50 ${percentile(
      sat.sent.map((s) => s.ms),
      50,
    ).toFixed(1)} ms, p99 ${percentile(
      sat.sent.map((s) => s.ms),
      99,
    ).toFixed(1)} ms, non-200 ${sat.sent.length - satOk.length}`,
  );

  // Nothing acknowledged may be lost: every 200 has its row, and all its events were processed.
  const ids = accepted.map((s) => s.requestId);
  const expectedEvents = accepted.reduce((n, s) => n + s.events, 0);
  const [stored] = await db.$queryRaw<
    { rows: number; events: number; processed: number; other: number }[]
  >`
    SELECT count(*)::int AS rows, coalesce(sum(event_count), 0)::int AS events,
           count(*) FILTER (WHERE status = 'processed')::int AS processed,
           count(*) FILTER (WHERE status <> 'processed')::int AS other
      FROM webhook_deliveries WHERE request_id = ANY(${ids}::text[])`;
  const [all] = await db.$queryRaw<{ min: Date; max: Date; events: number }[]>`
    SELECT min(received_at) AS min, max(processed_at) AS max, coalesce(sum(event_count), 0)::int AS events
      FROM webhook_deliveries WHERE received_at > now() - interval '1 hour'`;
  const [jobs] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  console.log(
    [
      '',
      `acknowledged (200): ${accepted.length} deliveries, ${expectedEvents} events`,
      `stored:             ${stored!.rows} rows, ${stored!.processed} processed, ${stored!.other} in another status`,
      `events processed:   ${stored!.events}`,
      `events lost:        ${expectedEvents - stored!.events + (accepted.length - stored!.rows)}`,
      `jobs left in queue: ${jobs!.n}`,
      `end to end:         ${all!.events} events processed in ${((all!.max.getTime() - all!.min.getTime()) / 1000).toFixed(1)} s of wall time (all steps, pauses included)`,
    ].join('\n'),
  );
  await db.$disconnect();
} finally {
  stopping = true;
  await stopChildren();
  await pgServer?.stop();
}
