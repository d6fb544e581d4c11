import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves once the worker takes jobs; rejects if the process exits first. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it logged (stderr, the last 20,000 characters), for failure messages. */
  output(): string;
}

/**
 * A real worker process (worker-process.ts: createWorker with every task), configured by `env`
 * (DATABASE_URL, ENCRYPTION_KEY, KOMMO_DEMO_URL …). `onCleanup` gets what kills it after the test.
 */
export function spawnWorker(
  env: Record<string, string>,
  onCleanup: (stop: () => Promise<void>) => void,
): WorkerProcess {
  // node itself, not the tsx CLI: a SIGKILL must kill the process that holds the connections
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      script,
      // jobs of a killed worker are released within a second, not the production 15–45 s
      '--lock-sweep-ms=300',
      '--lock-grace-ms=500',
    ],
    {
      // only this: no configuration of the test run's own environment leaks in
      env: {
        WORKER_CONCURRENCY: '4',
        WORKER_POLL_MS: '100',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`worker process exited early (${signal ?? code}):\n${stderr}`)),
    );
  });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, ready, exited, output: () => stderr };
}
