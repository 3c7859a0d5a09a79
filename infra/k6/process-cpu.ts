import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time read from Linux's /proc, to tell whether a load test measured the system or the load
 * generator: k6 is this process's child, so once it is reaped its time lands in our `cutime`;
 * the system under test is this process plus its other descendants (PostgreSQL, brokers).
 */

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim();
    ticksPerSecond = Number(out) > 0 ? Number(out) : 100;
  }
  return ticksPerSecond;
}

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime, stime, cutime, cstime in clock ticks. */
  readonly own: number;
  readonly children: number;
}

function readStat(pid: number | 'self'): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i - 3]);
    return {
      pid: Number(text.slice(0, text.indexOf(' '))),
      ppid: n(4),
      own: n(14) + n(15),
      children: n(16) + n(17),
    };
  } catch {
    return undefined;
  }
}

/** CPU ms of this process's reaped children so far (k6, once it has exited). */
export function reapedChildrenCpuMs(): number {
  const stat = readStat('self');
  return stat ? (stat.children / clockTicks()) * 1000 : 0;
}

/**
 * CPU ms used by this process and every descendant except `exclude` (and what those descendants
 * reaped, e.g. PostgreSQL's finished backends). Undefined off Linux.
 */
export function systemCpuMs(exclude: ReadonlySet<number> = new Set()): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const byParent = new Map<number, ProcStat[]>();
  for (const name of entries) {
    const stat = readStat(Number(name));
    if (!stat) continue;
    byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  }
  const usage = process.cpuUsage();
  let ticks = 0;
  const queue = [...(byParent.get(process.pid) ?? [])];
  for (let stat = queue.shift(); stat; stat = queue.shift()) {
    if (exclude.has(stat.pid)) continue;
    ticks += stat.own + stat.children;
    queue.push(...(byParent.get(stat.pid) ?? []));
  }
  return (usage.user + usage.system) / 1000 + (ticks / clockTicks()) * 1000;
}
