/**
 * `npm run bench:stress [-- --only a,b] [--scales 1,2] [--timeout S]`: each crafted input of issue 25
 * (bench/stress-inputs.ts) at four scales, alone in a repository beside a good file, linted by
 * agentops-lint (`extends: [recommended, kubernetes]`, `--no-cache --no-threads`) and, when it is
 * installed, markdownlint-cli2. Prints wall time, CPU time and peak memory per scale, so that growth
 * is visible, and whether the good file's broken link was reported. Runs are stopped after
 * --timeout seconds (default 120). A benchmark, not a test: never run by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import { GOOD_FILE, STRESS_INPUTS } from './stress-inputs.js';

const CLI = path.join(PACKAGE_ROOT, 'dist', 'src', 'cli.js');
const MARKDOWNLINT = path.join(PACKAGE_ROOT, 'node_modules', '.bin', 'markdownlint-cli2');
/** Prints the process's peak RSS and CPU time on exit (Node tools only). */
const RESOURCE_REPORT = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nstress-usage='+u.maxRSS+','+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

interface Measure {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  timedOut: boolean;
  goodReported: boolean;
}

function measure(command: string, args: string[], cwd: string, timeoutSeconds: number, good: RegExp): Measure {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', RESOURCE_REPORT, command, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = /stress-usage=(\d+),(\d+)/.exec(result.stderr ?? '');
  return {
    seconds,
    cpuSeconds: usage ? Number(usage[2]) / 1e6 : Number.NaN,
    peakMb: usage ? Number(usage[1]) / 1024 : Number.NaN,
    timedOut: result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT',
    goodReported: good.test(result.stdout ?? '') || good.test(result.stderr ?? ''),
  };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const only = option('--only')?.split(',');
const scaleIndexes = (option('--scales') ?? '1,2,3,4').split(',').map((value) => Number(value) - 1);
const timeoutSeconds = Number(option('--timeout') ?? '120');
const withMarkdownlint = existsSync(MARKDOWNLINT) && !process.argv.includes('--no-markdownlint');

const cell = (value: Measure): string =>
  value.timedOut
    ? `> ${timeoutSeconds} s`
    : `${value.seconds.toFixed(1)} s, ${value.cpuSeconds.toFixed(1)} CPU-s, ${Math.round(value.peakMb)} MB${value.goodReported ? '' : ', good file NOT reported'}`;

process.stdout.write(
  `load average ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores\n\n`,
);
process.stdout.write(
  `| input | n | size | agentops-lint | ${withMarkdownlint ? 'markdownlint-cli2 |' : ''}\n|---|---:|---:|---|${withMarkdownlint ? '---|' : ''}\n`,
);
for (const input of STRESS_INPUTS) {
  if (only && !only.includes(input.name)) continue;
  for (const scaleIndex of scaleIndexes) {
    const n = input.scales[scaleIndex]!;
    const root = mkdtempSync(path.join(os.tmpdir(), 'agentops-lint-stress-'));
    try {
      const text = input.make(n);
      writeFileSync(path.join(root, `${input.name}.md`), text);
      writeFileSync(path.join(root, GOOD_FILE.name), GOOD_FILE.text);
      writeFileSync(path.join(root, 'agentops-lint.config.yaml'), 'extends: [recommended, kubernetes]\n');
      spawnSync('git', ['init', '-q'], { cwd: root });
      const ours = measure(
        CLI,
        ['--no-cache', '--no-threads'],
        root,
        timeoutSeconds,
        /good\.md:3:\d+\s+error\s+Link target "missing-guide\.md"/,
      );
      // markdownlint-cli2 does not check whether link targets exist: only its time and memory are compared.
      const theirs = withMarkdownlint ? measure(MARKDOWNLINT, ['**/*.md'], root, timeoutSeconds, /(?:)/) : undefined;
      const size = `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
      process.stdout.write(
        `| ${input.name} | ${n.toLocaleString('en-US')} | ${size} | ${cell(ours)} | ${theirs ? `${cell(theirs)} |` : ''}\n`,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
}
