/**
 * `npm run bench:page -- [--sizes 0.5,1,2,4] [--rounds 1] [--output FILE]`: the cost of ONE big
 * page as it grows. Each size is an ordinary page of many sections (heading, prose with links to
 * `#section-N`, a list with an indented continuation, a small table, a code block, a block quote
 * with a lazy line): the shape that made micromark 4.0.3 quadratic (scripts/micromark-patches.ts)
 * and that finds any per-file quadratic path of our own. agentops-lint (the shipped bundle,
 * recommended + kubernetes, no cache, no threads) and markdownlint-cli2 lint the same page; the
 * table prints time per MB, which stays roughly constant when the growth is linear.
 *
 * A benchmark, not a test: never run by `npm test`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import { bigPage } from './big-page.js';
import { median, timeRun, type Sample, type TimedCommand } from './timed-run.js';

function commands(): TimedCommand[] {
  return [
    {
      label: 'agentops-lint',
      args: [path.join(PACKAGE_ROOT, 'bin', 'agentops-lint.js'), '--no-cache', '--no-threads', '--format', 'json'],
      okCodes: [0, 1],
    },
    {
      label: 'markdownlint-cli2',
      args: [path.join(PACKAGE_ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), 'page.md'],
      okCodes: [0, 1],
    },
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '0.5,1,2,4' },
      rounds: { type: 'string', default: '1' },
      output: { type: 'string' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const rounds = Number(values.rounds);
  if (sizes.some((size) => !(size > 0)) || !Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npm run bench:page -- [--sizes 0.5,1,2,4] [--rounds N] [--output FILE]');
    process.exit(2);
  }
  const loadBefore = os.loadavg()[0]!;
  const lines = [
    '| tool | page MB | wall s | CPU s | CPU s per MB | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const command of commands()) {
    for (const size of sizes) {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'agentops-page-growth-'));
      try {
        const text = bigPage(size * 1e6);
        writeFileSync(path.join(folder, 'page.md'), text);
        writeFileSync(path.join(folder, 'agentops-lint.config.yaml'), 'extends: [recommended, kubernetes]\n');
        const samples: Sample[] = [];
        for (let round = 0; round < rounds; round++) samples.push(await timeRun(command, folder, folder));
        const megabytes = text.length / 1e6;
        const wall = median(samples.map((sample) => sample.wallMs)) / 1000;
        const cpu = median(samples.map((sample) => sample.cpuMs)) / 1000;
        const rss = median(samples.map((sample) => sample.rssMb));
        lines.push(
          `| ${command.label} | ${megabytes.toFixed(2)} | ${wall.toFixed(1)} | ${cpu.toFixed(1)} | ${(cpu / megabytes).toFixed(1)} | ${rss.toFixed(0)} |`,
        );
        console.error(lines.at(-1));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  }
  const text = [
    `Page growth, ${rounds} round(s), Node ${process.version}, load average ${loadBefore.toFixed(2)} before / ${os.loadavg()[0]!.toFixed(2)} after`,
    '',
    ...lines,
    '',
  ].join('\n');
  console.log(text);
  if (values.output) writeFileSync(values.output, text);
}

await main();
