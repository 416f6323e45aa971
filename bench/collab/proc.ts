/** Process accounting from /proc (Linux) and small statistics helpers for the collab bench. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

let clkTck: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, 100 almost everywhere). */
export function clockTicks(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime + stime of a process, in clock ticks; undefined if it is gone. */
export function cpuTicks(pid: number): number | undefined {
  const t = cpuTimes(pid);
  return t && t.user + t.sys;
}

/** utime and stime of a process, in clock ticks; undefined if it is gone. */
export function cpuTimes(pid: number): { user: number; sys: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return { user: Number(fields[11]), sys: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** utime + stime per thread of a process, by thread name (summed over same-named threads). */
export function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(name, (out.get(name) ?? 0) + Number(fields[11]) + Number(fields[12]));
    } catch {
      // thread gone
    }
  }
  return out;
}

/** A `VmHWM`/`VmRSS`-style line of /proc/<pid>/status, in bytes. */
export function statusBytes(pid: number, key: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)]! + s[Math.ceil(mid)]!) / 2;
}

export function machine(): string {
  const model = cpus()[0]?.model?.trim() ?? 'unknown CPU';
  let nproc = String(cpus().length);
  try {
    // --all: this process is pinned to one core, which plain nproc would report.
    nproc = execFileSync('nproc', ['--all']).toString().trim();
  } catch {
    // keep os.cpus()
  }
  return `${nproc} cores (nproc), ${model}, Node ${process.version}`;
}
