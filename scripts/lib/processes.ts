import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/**
 * Which of `roots` (name → pid) each Postgres backend listening on `pgPort` serves: a backend's
 * title ends with its client's address, `127.0.0.1(54321)`; the socket from that port to `pgPort`
 * belongs to one process of a tree. (The same local port can carry connections to other servers,
 * so the pair of ports is the key.) Backends of other clients, and Postgres's own processes, are
 * not in the map.
 */
export function postgresClients(
  processes: ProcessInfo[],
  roots: Record<string, number>,
  pgPort: number,
): Map<number, string> {
  // client port → socket inode, from the kernel's TCP tables ("0100007F:D431": address:port in hex)
  const inodeOfClientPort = new Map<number, string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const port = (address: string) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
      if (port(cols[2]!) === pgPort) inodeOfClientPort.set(port(cols[1]!), cols[9]!);
    }
  }
  const roleOfInode = new Map<string, string>();
  for (const [role, root] of Object.entries(roots)) {
    for (const p of processTree(processes, root)) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${p.pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          const link = readlinkSync(`/proc/${p.pid}/fd/${fd}`);
          if (link.startsWith('socket:[')) roleOfInode.set(link.slice(8, -1), role);
        } catch {
          // closed meanwhile
        }
      }
    }
  }
  const owners = new Map<number, string>();
  for (const p of processes) {
    if (p.comm !== 'postgres') continue;
    try {
      const title = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8');
      const port = /\((\d+)\)/.exec(title)?.[1];
      const inode = port && inodeOfClientPort.get(Number(port));
      const role = inode && roleOfInode.get(inode);
      if (role) owners.set(p.pid, role);
    } catch {
      // ended meanwhile
    }
  }
  return owners;
}

/** A process's scheduler statistics, summed over its threads (Linux schedstat). */
export interface SchedStats {
  /** Time on a CPU, ms. */
  runMs: number;
  /** Time runnable but waiting for a CPU, ms. */
  waitMs: number;
  /** Times it was put on a CPU. */
  slices: number;
}

export function schedStats(pid: number): SchedStats | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  const total: SchedStats = { runMs: 0, waitMs: 0, slices: 0 };
  for (const tid of tasks) {
    try {
      const [run, wait, slices] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8')
        .trim()
        .split(' ')
        .map(Number);
      total.runMs += run! / 1e6;
      total.waitMs += wait! / 1e6;
      total.slices += slices!;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}
