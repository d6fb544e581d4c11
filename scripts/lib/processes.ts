import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** A running process, from /proc/<pid>/stat. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The executable's name (`postgres`, `node`). */
  comm: string;
  /** CPU used so far, user + system, in seconds (USER_HZ is 100 on Linux). */
  cpuSeconds: number;
}

/** Every process on the machine (Linux); null where there is no /proc. */
export function listProcesses(): ProcessInfo[] | null {
  if (!existsSync('/proc/self/stat')) return null;
  const processes: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces: the fields start after the last `)`.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    } catch {
      // ended meanwhile
    }
  }
  return processes;
}

/** `root` and all its descendants among `processes`. */
export function processTree(processes: ProcessInfo[], root: number): ProcessInfo[] {
  const tree = processes.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++)
    for (const p of processes) if (p.ppid === tree[i]!.pid) tree.push(p);
  return tree;
}
