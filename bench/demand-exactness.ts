/**
 * `node dist/bench/demand-exactness.js [corpus-dir] [--sample 50] [--presets recommended,kubernetes]`:
 * issue 15's exactness check on a real corpus (default: /work/shared/corpus/kubernetes-community).
 * One full run of the corpus, then one run per sampled file (evenly spread over the sorted
 * Markdown files, plus every file on which a rule comparing documents reports), each of whose
 * diagnostics must equal the full run's for that file. Also prints
 * what each one-file run cost in CPU seconds against the full run. Runs in-process, on a private
 * copy of the corpus, without the cache.
 *
 * A benchmark tool, not a test: the corpus is not part of a clone. The same comparison on the
 * shipped excerpts is test/project/demand-driven.test.ts. Exit code 1 when a file differs.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { runLint } from '../src/pipeline/lint-run.js';
import { REGISTRY, RULES_MODULE } from '../rules/index.js';
import { markdownFiles } from './parse-floor.js';

interface Options {
  corpus: string;
  sample: number;
  presets: string[];
}

function parseArguments(argv: string[]): Options {
  const options: Options = {
    corpus: '/work/shared/corpus/kubernetes-community',
    sample: 50,
    presets: ['recommended', 'kubernetes'],
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--sample') options.sample = Number(argv[++index]);
    else if (argument === '--presets') options.presets = (argv[++index] ?? '').split(',').filter(Boolean);
    else if (argument.startsWith('--'))
      throw new Error(`unknown option ${argument}; usage: demand-exactness [corpus-dir] [--sample 50] [--presets a,b]`);
    else options.corpus = path.resolve(argument);
  }
  if (!Number.isInteger(options.sample) || options.sample < 1)
    throw new Error('--sample takes a whole number of 1 or more');
  return options;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function lint(root: string, patterns: string[]): Promise<{ diagnostics: Diagnostic[]; cpu: number }> {
  const started = process.cpuUsage();
  const outcome = await runLint({
    patterns,
    root,
    rules: REGISTRY.byId,
    rulesModule: RULES_MODULE,
    options: { networkAllowed: false, progress: false, maxThreads: 1 },
    io: { cwd: root, env: {}, stdout: () => {}, stderr: (text) => process.stderr.write(text), stdoutIsTTY: false },
  });
  return { diagnostics: outcome.diagnostics, cpu: cpuSeconds(started) };
}

const essentials = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics
    .map(
      ({ file, line, column, ruleId, messageId, message }) =>
        `${file}:${line}:${column} ${ruleId}/${messageId} ${message}`,
    )
    .join('\n');

/** The rules whose one-file runs read beyond the named file and what it links to. */
const COMPARING_RULES = new Set(['term-consistency', 'mapping-consistency', 'duplicate-heading-anchor']);

/** `count` files spread evenly over the sorted list. */
function evenSample(files: readonly string[], count: number): string[] {
  if (files.length <= count) return [...files];
  return Array.from({ length: count }, (_, index) => files[Math.floor((index * files.length) / count)]!);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'agentops-exactness-'));
  try {
    const root = path.join(scratch, 'corpus');
    cpSync(options.corpus, root, {
      recursive: true,
      filter: (source) => !['.git', '.agentops-lint-cache'].includes(path.basename(source)),
    });
    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), `extends: [${options.presets.join(', ')}]\n`);
    const files = await markdownFiles(root);
    const full = await lint(root, ['.']);
    console.log(
      `full run: ${files.length} files, ${full.diagnostics.length} diagnostics, ${full.cpu.toFixed(2)} s CPU`,
    );
    let differing = 0;
    const costs: number[] = [];
    // The even sample, and every file on which a rule comparing documents reports: the runs whose
    // demand is not empty (they parse the files that use the same term forms or state mappings).
    const comparing = new Set(
      full.diagnostics
        .filter((diagnostic) => COMPARING_RULES.has(diagnostic.ruleId))
        .map((diagnostic) => diagnostic.file),
    );
    const sample = [...new Set([...evenSample(files, options.sample), ...[...comparing].sort()])];
    console.log(
      `${sample.length} one-file runs: ${options.sample} spread evenly, and the ${comparing.size} files on which ${[...COMPARING_RULES].join(' or ')} reports`,
    );
    for (const file of sample) {
      const one = await lint(root, [file]);
      costs.push(one.cpu);
      const expected = essentials(full.diagnostics.filter((diagnostic) => diagnostic.file === file));
      const actual = essentials(one.diagnostics);
      if (expected !== actual) {
        differing++;
        console.log(`DIFFERS ${file}\n--- full run\n${expected}\n--- one-file run\n${actual}`);
      } else console.log(`same    ${file} (${one.cpu.toFixed(2)} s CPU)`);
    }
    costs.sort((a, b) => a - b);
    const median = costs[costs.length >> 1]!;
    const max = costs[costs.length - 1]!;
    console.log(
      `${costs.length} one-file runs: ${differing} differ from the full run; CPU per run median ${median.toFixed(2)} s (${(median / full.cpu).toFixed(3)}× the full run), max ${max.toFixed(2)} s (${(max / full.cpu).toFixed(3)}×)`,
    );
    process.exitCode = differing === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
