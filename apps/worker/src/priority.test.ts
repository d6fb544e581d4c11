import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = fileURLToPath(new URL('./priority.ts', import.meta.url));

/** In a child process: the test runner's own priority stays as it is. */
function niceAfter(by: number) {
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
      import { readdirSync, readFileSync } from 'node:fs';
      const { lowerPriority } = await import(${JSON.stringify(module)});
      const main = lowerPriority(${by});
      // field 19 of /proc/<tid>/stat is the niceness
      const threads = readdirSync('/proc/self/task').map((t) =>
        Number(readFileSync('/proc/self/task/' + t + '/stat', 'utf8').split(') ')[1].split(' ')[16]));
      console.log(JSON.stringify({ main, threads }));`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out) as { main: number; threads: number[] };
}

describe.skipIf(process.platform !== 'linux')('lowerPriority (WORKER_NICE)', () => {
  it('lowers every thread of the process, capped at 19', () => {
    const base = niceAfter(0).main;
    const lowered = niceAfter(10);
    expect(lowered.main).toBe(Math.min(19, base + 10));
    expect(lowered.threads.length).toBeGreaterThan(1);
    expect(new Set(lowered.threads)).toEqual(new Set([Math.min(19, base + 10)]));
    expect(niceAfter(30).main).toBe(19);
  });
});
