/**
 * `npm run bench:parse -- <corpus-dir> [--rounds 5] [--unpatched]`: where the CPU time of a cold run's
 * per-file work goes, phase by phase, over every Markdown file of a folder (issue 23).
 *
 * The phases are measured as cumulative pipelines, each run over the whole corpus on the main
 * thread (the file bytes are read into memory first): decode; + micromark's document tokenizer
 * without extensions; the same with GFM and front matter; + postprocess (subtokenize: flow, content
 * and text); + the mdast compile (mdast-util-from-markdown: the whole `fromMarkdown`); our
 * `parseMarkdownWithLimits` (nesting limits, the guarded literal-autolink transform, offsets); and
 * `analyzeText` with the `recommended` rules (facts, the one walk, every rule). Each phase is the
 * difference between two neighbouring pipelines. Pipelines alternate within each round and the
 * table prints medians, since the machine may be shared. CPU is this process's user + system time
 * (V8's background GC threads included); "GC pause" is the main thread's collection time that
 * PerformanceObserver reports while the pipeline ran.
 *
 * The shipped build patches two dependencies (scripts/micromark-patches.ts), so this script does
 * not measure the tsc build: it bundles itself with esbuild and the same patches and runs that
 * bundle. `--unpatched` bundles without them, to measure what the patches save.
 *
 * A benchmark, not a test: never run by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { build } from 'esbuild';
import { globby } from 'globby';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { parse, postprocess, preprocess } from 'micromark';
import type { Extension } from 'micromark-util-types';
import { PACKAGE_ROOT } from '../src/core/tool.js';
import { decodeMarkdown } from '../src/markdown/decode.js';
import { MDAST_EXTENSIONS, MICROMARK_EXTENSIONS, parseMarkdownWithLimits } from '../src/markdown/parse.js';
import { analyzeText } from '../src/engine/analyze-file.js';
import type { EnabledRule } from '../src/config/file-settings.js';
import { RULES } from '../rules/index.js';
import { shippedDependencyPatches } from '../scripts/bundle-build.js';
import { median } from './timed-run.js';

/** Set in the bundled child: this process is the measurement, not the launcher. */
const CHILD_MARK = 'AGENTOPS_PARSE_PHASES_CHILD';

interface Pipeline {
  label: string;
  /** What this pipeline adds to the one before it: the phase it measures. */
  phase: string;
  run(bytes: Uint8Array): void;
}

function decoded(bytes: Uint8Array): string {
  const result = decodeMarkdown(bytes);
  if (!result.ok) throw new Error(`a file could not be decoded: ${result.reason}`);
  return result.text;
}

function tokenize(text: string, extensions: Extension[]) {
  return parse({ extensions })
    .document()
    .write(preprocess()(text, undefined, true));
}

/** The `recommended` preset's rules with their default options (no config file). */
function recommendedRules(): EnabledRule[] {
  return RULES.filter((rule) => rule.recommended).map((rule) => ({
    rule,
    severity: rule.defaultSeverity,
    options: rule.options.parse({}),
  }));
}

function pipelines(): Pipeline[] {
  const rules = recommendedRules();
  return [
    { label: 'decode', phase: 'decode (UTF-8, BOM, binary probe)', run: (bytes) => void decoded(bytes) },
    {
      label: 'tokenize-commonmark',
      phase: 'micromark document tokenizer, CommonMark only (preprocess + parse)',
      run: (bytes) => void tokenize(decoded(bytes), []),
    },
    {
      label: 'tokenize-extensions',
      phase: 'the same with GFM + front matter constructs',
      run: (bytes) => void tokenize(decoded(bytes), MICROMARK_EXTENSIONS),
    },
    {
      label: 'postprocess',
      phase: 'postprocess: subtokenize (flow, content, text)',
      run: (bytes) => void postprocess(tokenize(decoded(bytes), MICROMARK_EXTENSIONS)),
    },
    {
      label: 'from-markdown',
      phase: 'mdast compile (mdast-util-from-markdown, with our extensions)',
      run: (bytes) =>
        void fromMarkdown(decoded(bytes), { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS }),
    },
    {
      label: 'parse-with-limits',
      phase: 'ours around the parse: nesting limits, inspect walk, literal autolinks, offsets',
      run: (bytes) => void parseMarkdownWithLimits(decoded(bytes)),
    },
    {
      label: 'analyze',
      phase: 'ours after the parse: facts, the walk, recommended rules',
      run: (bytes) => void analyzeText('file.md', decoded(bytes), rules),
    },
  ];
}

interface Measure {
  cpuMs: number;
  gcMs: number;
}

async function measure(files: readonly Uint8Array[], pipeline: Pipeline): Promise<Measure> {
  let gcMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  (globalThis as { gc?: () => void }).gc?.();
  observer.observe({ entryTypes: ['gc'] });
  const started = process.cpuUsage();
  for (const bytes of files) pipeline.run(bytes);
  const used = process.cpuUsage(started);
  // GC entries are queued for a later task: let it run, then take any still queued.
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const entry of observer.takeRecords()) gcMs += entry.duration;
  observer.disconnect();
  return { cpuMs: (used.user + used.system) / 1000, gcMs };
}

function fixed(value: number): string {
  return value.toFixed(0);
}

async function measureCorpus(corpus: string, rounds: number, patched: boolean): Promise<void> {
  // The files parse-floor.ts reads (not imported: its module runs its own main when it is the bundle's entry).
  const names = (
    await globby(['**/*.md', '**/*.markdown'], {
      cwd: corpus,
      gitignore: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
      dot: true,
      followSymbolicLinks: false,
    })
  ).sort();
  const files = names.map((name) => readFileSync(path.join(corpus, name)));
  const megabytes = files.reduce((total, bytes) => total + bytes.length, 0) / 1e6;
  const all = pipelines();
  const samples = new Map<string, Measure[]>(all.map((pipeline) => [pipeline.label, []]));
  // One unmeasured pass of the whole analysis first, so that every round runs optimised code.
  for (const bytes of files) all[all.length - 1]!.run(bytes);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? all : [...all].reverse();
    for (const pipeline of order) samples.get(pipeline.label)!.push(await measure(files, pipeline));
  }
  const medians = all.map((pipeline) => {
    const taken = samples.get(pipeline.label)!;
    return { cpuMs: median(taken.map((s) => s.cpuMs)), gcMs: median(taken.map((s) => s.gcMs)) };
  });
  const total = medians[medians.length - 1]!.cpuMs;
  console.log(
    `${corpus}: ${files.length} files, ${megabytes.toFixed(1)} MB; ${rounds} round(s), medians; ` +
      `${patched ? 'with the shipped dependency patches' : 'unpatched dependencies'}; Node ${process.version}; ` +
      `load average ${os
        .loadavg()
        .map((load) => load.toFixed(1))
        .join(' ')}`,
  );
  console.log('');
  console.log('| phase | CPU ms | share | GC pause ms (pipeline) | pipeline CPU ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  all.forEach((pipeline, index) => {
    const { cpuMs, gcMs } = medians[index]!;
    // Each pipeline does what the one before it did and one more phase.
    const own = cpuMs - (index === 0 ? 0 : medians[index - 1]!.cpuMs);
    console.log(
      `| ${pipeline.phase} | ${fixed(own)} | ${((100 * own) / total).toFixed(1)} % | ${fixed(gcMs)} | ${fixed(cpuMs)} |`,
    );
  });
  console.log(`| **total: analyzeText over the corpus** | ${fixed(total)} | 100 % | | |`);
}

async function launch(corpus: string, rounds: number, patched: boolean): Promise<number> {
  // Inside the package, so that the child finds esbuild (which the bundle leaves outside) in node_modules.
  const cache = path.join(PACKAGE_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const scratch = mkdtempSync(path.join(cache, 'agentops-parse-phases-'));
  try {
    const outfile = path.join(scratch, 'parse-phases.mjs');
    await build({
      absWorkingDir: PACKAGE_ROOT,
      entryPoints: [path.join(PACKAGE_ROOT, 'bench', 'parse-phases.ts')],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // esbuild itself (a native binary) stays outside: the child never builds.
      external: ['esbuild'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      plugins: patched ? shippedDependencyPatches() : [],
      logLevel: 'warning',
    });
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', outfile, corpus, '--rounds', String(rounds), ...(patched ? [] : ['--unpatched'])],
      {
        stdio: 'inherit',
        env: { ...process.env, [CHILD_MARK]: patched ? 'patched' : 'unpatched' },
      },
    );
    return child.status ?? 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { rounds: { type: 'string', default: '5' }, unpatched: { type: 'boolean', default: false } },
  });
  const rounds = Number(values.rounds);
  if (positionals.length !== 1 || !Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npm run bench:parse -- <corpus-dir> [--rounds N] [--unpatched]');
    return 2;
  }
  const corpus = path.resolve(positionals[0]!);
  const child = process.env[CHILD_MARK];
  if (child === undefined) return launch(corpus, rounds, !values.unpatched);
  await measureCorpus(corpus, rounds, child === 'patched');
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
