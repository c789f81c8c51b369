/**
 * Timing one command the way every benchmark here does: its own process, wall time measured here,
 * CPU time (every thread) and peak RSS reported by the process itself (Node scripts, through the
 * `--require` hook) or by /usr/bin/time (native programs).
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/core/tool.js';

const HOOK = path.join(PACKAGE_ROOT, 'bench', 'report-resource-usage.cjs');

export interface TimedCommand {
  label: string;
  /** Arguments after `node` (a Node script), or the program and its arguments (native). */
  args: string[];
  /** Exit codes that mean the command ran (1 usually means "found problems"). */
  okCodes: number[];
  /** A native program run as it is (timed by /usr/bin/time), not a Node script run with the usage hook. */
  native?: boolean;
}

export interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs the command in `cwd` (scratch holds the usage file); rejects on an exit code not in okCodes. */
export function timeRun(command: TimedCommand, cwd: string, scratch: string): Promise<Sample> {
  const usageFile = path.join(scratch, 'usage.json');
  rmSync(usageFile, { force: true });
  const [program, args, env] = command.native
    ? ['/usr/bin/time', ['-o', usageFile, '-f', '%U %S %M', ...command.args], { ...process.env, NO_COLOR: '1' }]
    : [
        process.execPath,
        ['--require', HOOK, ...command.args],
        { ...process.env, AGENTOPS_BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
      ];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code === null || !command.okCodes.includes(code)) {
        reject(new Error(`${command.label} exited with ${code}:\n${stderr}`));
        return;
      }
      resolve({ wallMs, ...readUsage(usageFile, command.native === true) });
    });
  });
}

function readUsage(usageFile: string, native: boolean): Omit<Sample, 'wallMs'> {
  const text = readFileSync(usageFile, 'utf8');
  if (native) {
    // /usr/bin/time: user and system seconds, peak RSS in KB (after any line the program printed).
    const [user, system, rssKilobytes] = text.trim().split(/\s+/).slice(-3).map(Number);
    return { cpuMs: (user! + system!) * 1000, rssMb: rssKilobytes! / 1024 };
  }
  const usage = JSON.parse(text) as { userMicros: number; systemMicros: number; maxRssKilobytes: number };
  return { cpuMs: (usage.userMicros + usage.systemMicros) / 1000, rssMb: usage.maxRssKilobytes / 1024 };
}
