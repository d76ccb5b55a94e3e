import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time the bench's own children cannot report: PostgreSQL and Redis (servers the bench does not start), and the
 * whole machine, read from Linux's /proc. Elsewhere every figure is NaN and the report says `n/a`.
 */
const TICK_MICROS = (() => {
  try {
    return 1_000_000 / (Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);
  } catch {
    return 10_000; // USER_HZ is 100 on every Linux build the bench is likely to meet.
  }
})();

/** The commands whose processes are counted, by their name in /proc/<pid>/stat: every PostgreSQL backend is `postgres`. */
export const SHARED_SERVER_COMMANDS = { postgres: 'postgres', redis: 'redis-server' } as const;
export type SharedServer = keyof typeof SHARED_SERVER_COMMANDS;

export interface CpuSnapshot {
  /** user + system ticks by pid, for the processes of each shared server. */
  servers: Record<SharedServer, Map<number, number>>;
  /** All cores together: ticks busy (anything but idle and iowait), ticks in total, and how many cores /proc/stat lists. */
  machine: { busy: number; total: number; cores: number };
}

function ticksOf(pid: string): { comm: string; ticks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may hold spaces; utime and stime are fields 14 and 15 of the line.
    const close = stat.lastIndexOf(')');
    const rest = stat.slice(close + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined; // The process exited between listing and reading.
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const servers: CpuSnapshot['servers'] = { postgres: new Map(), redis: new Map() };
  let machine = { busy: Number.NaN, total: Number.NaN, cores: Number.NaN };
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      const p = ticksOf(pid);
      for (const server of Object.keys(SHARED_SERVER_COMMANDS) as SharedServer[]) {
        if (p && p.comm === SHARED_SERVER_COMMANDS[server]) servers[server].set(Number(pid), p.ticks);
      }
    }
    // cpu  user nice system idle iowait irq softirq steal (guest time is already inside user).
    const lines = readFileSync('/proc/stat', 'utf8').split('\n');
    const fields = (lines[0] ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    machine = { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total, cores: lines.filter((l) => /^cpu\d/.test(l)).length };
  } catch {
    // Not Linux: NaN throughout.
  }
  return { servers, machine };
}

/** CPU use between two snapshots as % of one core, per shared server and for the whole machine (n cores = n × 100%). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, wallMicros: number): Record<SharedServer | 'machine', number> {
  const serverPercent = (server: SharedServer) => {
    const pids = after.servers[server];
    if (pids.size === 0) return Number.NaN; // Not on this machine (or not visible to it): unknown, not idle.
    // A backend that started during the run counts from zero; one that ended is lost (pooled connections persist).
    let ticks = 0;
    for (const [pid, t] of pids) ticks += t - (before.servers[server].get(pid) ?? 0);
    return (100 * ticks * TICK_MICROS) / wallMicros;
  };
  const machineShare = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
  return { postgres: serverPercent('postgres'), redis: serverPercent('redis'), machine: 100 * after.machine.cores * machineShare };
}
