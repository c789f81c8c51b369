/**
 * The CPU time a computation costs, for tests that bound how much work it does (a scan that must stay
 * linear, a run that must stay within its budget). Wall-clock time measures the machine as much as
 * the code: on a runner shared at a load of 25 on 2 cores it grows tenfold, and a bound generous at
 * rest fails there. CPU time grows only with the work.
 *
 * `threadCpuMs` counts the calling thread alone: vitest runs test files on threads of one process,
 * so `process.cpuUsage()` (every thread) would count the other files' work, and Node 20 has no
 * per-thread counter. Linux reports it in /proc/thread-self/stat, in clock ticks of 10 ms; where
 * that file does not exist the wall clock stands in (the bounds are generous for a machine at rest).
 */
import { existsSync, readFileSync } from 'node:fs';

const THREAD_STAT = '/proc/thread-self/stat';
/** USER_HZ: the unit of /proc's times on every Linux that Node runs on. */
const TICKS_PER_SECOND = 100;
const hasThreadStat = existsSync(THREAD_STAT);

/** CPU time (user + system) of this thread so far, in milliseconds; the wall clock where /proc is missing. */
export function threadCpuMs(): number {
  if (!hasThreadStat) return performance.now();
  const stat = readFileSync(THREAD_STAT, 'utf8');
  // The command name in parentheses may hold spaces: count the fields after it (utime is the 14th of the line).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Runs `work` on this thread and says what it returned and how much CPU time it took. */
export function cpuTimed<T>(work: () => T): { result: T; cpuMs: number } {
  const started = threadCpuMs();
  const result = work();
  return { result, cpuMs: threadCpuMs() - started };
}

/**
 * Node's option that makes a child process print its CPU time (user + system, every thread, worker
 * threads that ended included) and its peak memory on stderr as it exits, for `childUsage` to read.
 */
export const REPORT_CHILD_USAGE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nchild-usage cpu-ms='+Math.round((u.userCPUTime+u.systemCPUTime)/1000)+' peak-rss-kb='+u.maxRSS+'\\n')})`;

/** What REPORT_CHILD_USAGE printed, and stderr without it; NaN when it printed nothing (the child was killed). */
export function childUsage(stderr: string): { cpuSeconds: number; peakMb: number; stderr: string } {
  const match = /\s*child-usage cpu-ms=(\d+) peak-rss-kb=(\d+)\s*/.exec(stderr);
  if (!match) return { cpuSeconds: Number.NaN, peakMb: Number.NaN, stderr };
  return {
    cpuSeconds: Number(match[1]) / 1000,
    peakMb: Number(match[2]) / 1024,
    stderr: stderr.replace(match[0], ''),
  };
}
