import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';

/**
 * Lowers this process's CPU priority by `by` niceness steps (capped at 19), so that on a shared
 * machine the server's requests win over background jobs. Every thread: on Linux a priority is
 * per thread, and V8's and libuv's helper threads already exist. Needs no privilege (only raising
 * a priority back would). Returns the niceness of the main thread afterwards.
 */
export function lowerPriority(by: number): number {
  if (by > 0) {
    const tids = existsSync('/proc/self/task') ? readdirSync('/proc/self/task').map(Number) : [0];
    for (const tid of tids) {
      try {
        os.setPriority(tid, Math.min(19, os.getPriority(tid) + by));
      } catch {
        // a helper thread that ended meanwhile
      }
    }
  }
  return os.getPriority();
}
