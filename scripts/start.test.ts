import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '@leadpilot/db/embedded';
import { repoRoot } from '@leadpilot/db/paths';
import { listProcesses, processTree } from './lib/processes';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (what: () => string, check: () => boolean | Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what()}`);
};

/**
 * `pnpm start` as a process manager or a container runtime runs it: SIGTERM goes to pnpm alone,
 * not to its process group. pnpm passes it to its child only, so the script's last command must be
 * that child (`exec`), or the app — server, worker, embedded Postgres — would be left running,
 * holding the port and the data folder.
 */
describe.skipIf(process.platform !== 'linux')('pnpm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'leadpilot-start-'));
  // Traversable, so that Postgres (a `postgres` user when we run as root) keeps its cluster here,
  // inside what afterAll removes, instead of moving it to /var/tmp.
  chmodSync(dataDir, 0o755);
  let app: number[] = [];
  afterAll(() => {
    for (const pid of app.filter(alive)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on embedded defaults, and SIGTERM to pnpm alone stops everything', async () => {
    const port = await freePort();
    const emulatorPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      EMULATOR_PORT: String(emulatorPort),
      LEADPILOT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL; // the embedded default, in the temporary folder
    const pnpm = spawn('pnpm', ['start'], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    pnpm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    pnpm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await until(
      () => `the app answering on :${port} (output so far: ${output.slice(-500)})`,
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ?? false,
      150_000,
    );
    // pnpm, the start script, the emulator's host, the server, the worker, Postgres and its children
    app = processTree(listProcesses()!, pnpm.pid!).map((p) => p.pid);
    expect(app.length).toBeGreaterThan(5);

    pnpm.kill('SIGTERM'); // pnpm alone, as a supervisor would
    await until(
      () => `every process of the app to stop (still running: ${app.filter(alive).join(', ')})`,
      () => app.filter(alive).length === 0,
      30_000,
    );
    expect(output).toMatch(/stopped\./);
    expect(await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => 'refused')).toBe('refused');
  }, 200_000);
});
