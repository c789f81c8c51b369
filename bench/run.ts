/**
 * `npm run bench -- <corpus-dir> [more corpus dirs] [options]`: agentops-lint against the tools it
 * replaces, side by side on the same copy of a corpus. Every tool runs as its own Node process,
 * the tools alternate within each round, and each figure is the median over the rounds:
 * wall time, CPU time (user + system of every thread of the process), peak RSS, files/s, MB/s.
 *
 * Options:
 *   --rounds N          rounds (default 3, at least 3 for a result worth writing down)
 *   --presets a,b       presets agentops-lint extends (default recommended,kubernetes; unknown ones are skipped)
 *   --tools a,b         only these rows (default: all; see TOOL_KEYS)
 *   --output FILE       also write the report (Markdown) to FILE
 *   --generate S:N,…    also benchmark generated repositories: S is `framework` (a small cross-linked
 *                       framework) or `community`, N the number of files (e.g. framework:150,community:1000)
 *   --all-rules         every rule on at its default severity (external-links off: no network), for growth
 *   --bin FILE          the agentops-lint entry point to run (default: bin/agentops-lint.js, the shipped bundle)
 *
 * Cold rows pass --no-cache (the cache is on by default); the one-file rows lint one file of the
 * corpus without and with a warm cache. rumdl, a native Markdown linter, is a reference row when
 * `rumdl` is on the PATH (it is not a dependency; the row is skipped otherwise), timed with
 * /usr/bin/time because it is not a Node process.
 *
 * This is a benchmark, not a test: it is never run by `npm test`.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT, TOOL_VERSION } from '../src/core/tool.js';
import { markdownFiles } from './parse-floor.js';
import { generateCorpus, writeCorpus, type CorpusShape } from './generate-corpus.js';
import { REGISTRY } from '../rules/index.js';
import { median, timeRun, type Sample, type TimedCommand } from './timed-run.js';

const TOOL_KEYS = [
  'cold',
  'cold-main-thread',
  'warm',
  'one-changed',
  'markdownlint-cli2',
  'remark',
  'rumdl',
  'floor-main-thread',
  'floor-all-cores',
  'node',
  'version',
  'modules',
  'one-file',
  'one-file-cached',
] as const;
/** The rows of the start-up table: what a one-file run costs before it reads a file. */
const START_UP_KEYS: readonly ToolKey[] = ['node', 'version', 'modules', 'one-file', 'one-file-cached'];
/**
 * A format no build has: the lint command exits 2 on it after loading every module a lint run
 * loads and before it reads anything (src/cli/lint-command.ts checks the formats first).
 */
const NO_SUCH_FORMAT = 'no-such-format-start-up-probe';
type ToolKey = (typeof TOOL_KEYS)[number];

interface BenchOptions {
  corpora: string[];
  rounds: number;
  presets: string[];
  tools: ToolKey[];
  output?: string;
  generate: { shape: CorpusShape; files: number }[];
  allRules: boolean;
  bin: string;
}

interface Tool extends TimedCommand {
  key: ToolKey;
  /** Runs before each timed run (not timed). */
  prepare?: (round: number) => void;
  /** Files and bytes the run covers (for files/s and MB/s). */
  files: number;
  bytes: number;
}

interface Row {
  tool: Tool;
  samples: Sample[];
}

const SHIPPED_BIN = path.join(PACKAGE_ROOT, 'bin', 'agentops-lint.js');
const FLOOR = path.join(PACKAGE_ROOT, 'dist', 'bench', 'parse-floor.js');
const MODULES = path.join(PACKAGE_ROOT, 'node_modules');

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run bench -- <corpus-dir> [more dirs] [--rounds 3] [--presets recommended,kubernetes] [--tools ${TOOL_KEYS.join(',')}] [--output FILE]`,
  );
  process.exit(2);
}

function parseArguments(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    corpora: [],
    rounds: 3,
    presets: ['recommended', 'kubernetes'],
    tools: [...TOOL_KEYS],
    generate: [],
    allRules: false,
    bin: SHIPPED_BIN,
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const value = (): string => argv[++index] ?? usage(`${argument} needs a value`);
    if (argument === '--rounds') options.rounds = Number(value());
    else if (argument === '--presets') options.presets = value().split(',').filter(Boolean);
    else if (argument === '--tools')
      options.tools = value()
        .split(',')
        .map((key) => (TOOL_KEYS.includes(key as ToolKey) ? (key as ToolKey) : usage(`unknown tool "${key}"`)));
    else if (argument === '--output') options.output = path.resolve(value());
    else if (argument === '--generate')
      options.generate.push(...value().split(',').filter(Boolean).map(generatedRepository));
    else if (argument === '--all-rules') options.allRules = true;
    else if (argument === '--bin') options.bin = path.resolve(value());
    else if (argument.startsWith('--')) usage(`unknown option ${argument}`);
    else options.corpora.push(path.resolve(argument));
  }
  if (options.corpora.length === 0 && options.generate.length === 0)
    usage('no corpus given: the corpus is an argument (a folder of Markdown files), or --generate');
  if (!Number.isInteger(options.rounds) || options.rounds < 1) usage('--rounds takes a whole number of 1 or more');
  for (const corpus of options.corpora)
    if (!existsSync(corpus) || !statSync(corpus).isDirectory()) usage(`not a folder: ${corpus}`);
  return options;
}

function generatedRepository(spec: string): { shape: CorpusShape; files: number } {
  const [shape, files] = spec.split(':');
  if ((shape !== 'framework' && shape !== 'community') || !Number.isInteger(Number(files)) || Number(files) < 1)
    usage(`--generate takes SHAPE:FILES (framework:150, community:1000), not "${spec}"`);
  return { shape, files: Number(files) };
}

/** The config of the copy: the presets, or every rule (external-links stays off: a benchmark makes no requests). */
function benchConfig(presets: readonly string[], allRules: boolean): string {
  if (!allRules) return `extends: [${presets.join(', ')}]\n`;
  const rules = [...REGISTRY.byId.values()]
    .filter((rule) => rule.id !== 'external-links')
    .map((rule) => `  ${rule.id}: ${rule.defaultSeverity}`);
  return `rules:\n${rules.join('\n')}\n`;
}

/** `rumdl`, when it is on the PATH and /usr/bin/time can time it: its version, else undefined. */
function rumdlVersion(): string | undefined {
  if (!existsSync('/usr/bin/time')) return undefined;
  const found = spawnSync('rumdl', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(path.join(MODULES, name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** What the build's --help offers: --cache (warm rows), --no-cache (the cache is on by default). */
async function cacheFlags(bin: string): Promise<{ cache: boolean; noCache: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let help = '';
    child.stdout.on('data', (chunk: Buffer) => (help += chunk.toString()));
    child.on('close', () => resolve({ cache: /(^|\s)--cache\b/.test(help), noCache: /(^|\s)--no-cache\b/.test(help) }));
  });
}

interface CorpusReport {
  corpus: string;
  files: number;
  bytes: number;
  rows: Row[];
  notes: string[];
}

async function benchCorpus(
  corpus: string,
  options: BenchOptions,
  flags: { cache: boolean; noCache: boolean },
): Promise<CorpusReport> {
  const BIN = options.bin;
  const cacheFlag = flags.cache;
  // Cold rows must not meet the default cache; a build without --no-cache has no default cache.
  const cold = flags.noCache ? ['--no-cache'] : [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'agentops-bench-'));
  const copy = path.join(scratch, 'corpus');
  const notes: string[] = [];
  try {
    // Every tool reads the same private copy: the corpus is never written to, and one file of the
    // copy is edited for the "one file changed" row.
    cpSync(corpus, copy, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    const files = await markdownFiles(copy);
    const bytes = files.reduce((sum, file) => sum + statSync(path.join(copy, file)).size, 0);

    const presets = options.presets.filter((name) => REGISTRY.presets.has(name));
    const skipped = options.presets.filter((name) => !REGISTRY.presets.has(name));
    if (skipped.length > 0)
      notes.push(
        `Preset(s) ${skipped.map((name) => `\`${name}\``).join(', ')} not in this build of agentops-lint: skipped.`,
      );
    writeFileSync(path.join(copy, 'agentops-lint.config.yaml'), benchConfig(presets, options.allRules));
    const presetLabel = options.allRules ? 'every rule' : presets.join(' + ') || 'no preset';
    const rumdl = options.tools.includes('rumdl') ? rumdlVersion() : undefined;
    if (options.tools.includes('rumdl') && rumdl === undefined)
      notes.push('rumdl is not on the PATH: its reference row was skipped.');

    const edited = files[files.length >> 1]!;
    const lint = (extra: string[]): string[] => [BIN, '--root', '.', ...extra, '.'];
    const all: Tool[] = [
      {
        key: 'cold',
        label: `agentops-lint (${presetLabel}), cold`,
        args: lint(cold),
        okCodes: [0, 1],
        files: files.length,
        bytes,
      },
      {
        key: 'cold-main-thread',
        label: `agentops-lint (${presetLabel}), cold, --no-threads`,
        args: lint([...cold, '--no-threads']),
        okCodes: [0, 1],
        files: files.length,
        bytes,
      },
      {
        key: 'warm',
        label: `agentops-lint (${presetLabel}), warm cache, nothing changed`,
        args: lint(['--cache']),
        okCodes: [0, 1],
        files: files.length,
        bytes,
      },
      {
        key: 'one-changed',
        label: `agentops-lint (${presetLabel}), warm cache, one file changed`,
        args: lint(['--cache']),
        okCodes: [0, 1],
        prepare: (round) => appendFileSync(path.join(copy, edited), `\nEdited by the benchmark in round ${round}.\n`),
        files: files.length,
        bytes,
      },
      {
        key: 'markdownlint-cli2',
        label: `markdownlint-cli2 ${packageVersion('markdownlint-cli2')} (default rules)`,
        args: [
          path.join(MODULES, 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'),
          '**/*.{md,markdown}',
          '#node_modules',
        ],
        okCodes: [0, 1],
        files: files.length,
        bytes,
      },
      {
        key: 'remark',
        label: `remark-cli ${packageVersion('remark-cli')} + remark-gfm, remark-frontmatter, remark-validate-links ${packageVersion('remark-validate-links')}`,
        args: [
          path.join(MODULES, 'remark-cli', 'cli.js'),
          '.',
          '--no-stdout',
          '--quiet',
          '--no-config',
          ...['remark-gfm', 'remark-frontmatter', 'remark-validate-links'].flatMap((plugin) => [
            '--use',
            path.join(MODULES, plugin, 'index.js'),
          ]),
        ],
        okCodes: [0, 1],
        files: files.length,
        bytes,
      },
      ...(rumdl === undefined
        ? []
        : [
            {
              key: 'rumdl' as const,
              label: `${rumdl} (native, default rules)`,
              args: ['rumdl', 'check', '.'],
              native: true,
              okCodes: [0, 1],
              files: files.length,
              bytes,
            },
          ]),
      {
        key: 'floor-main-thread',
        label: 'floor: read + parse, main thread',
        args: [FLOOR, '.', '--threads', '1'],
        okCodes: [0],
        files: files.length,
        bytes,
      },
      {
        key: 'floor-all-cores',
        label: `floor: read + parse, ${os.availableParallelism()} worker threads`,
        args: [FLOOR, '.', '--threads', String(os.availableParallelism())],
        okCodes: [0],
        files: files.length,
        bytes,
      },
      {
        key: 'node',
        label: 'start-up: node -e 0 (Node.js alone)',
        args: ['-e', '0'],
        okCodes: [0],
        files: 0,
        bytes: 0,
      },
      {
        key: 'version',
        label: 'start-up: agentops-lint --version',
        args: [BIN, '--version'],
        okCodes: [0],
        files: 0,
        bytes: 0,
      },
      {
        key: 'modules',
        label: 'start-up: the modules of a lint run, loaded (exits before reading a file)',
        args: [BIN, '--format', NO_SUCH_FORMAT, edited],
        okCodes: [2],
        files: 0,
        bytes: 0,
      },
      {
        key: 'one-file',
        label: `agentops-lint (${presetLabel}) on one file (${edited}), no cache`,
        args: [BIN, '--root', '.', ...cold, edited],
        okCodes: [0, 1],
        files: 1,
        bytes: statSync(path.join(copy, edited)).size,
      },
      {
        key: 'one-file-cached',
        label: `agentops-lint (${presetLabel}) on one file (${edited}), warm cache`,
        args: [BIN, '--root', '.', '--cache', edited],
        okCodes: [0, 1],
        files: 1,
        bytes: statSync(path.join(copy, edited)).size,
      },
    ];
    let tools = all.filter((tool) => options.tools.includes(tool.key));
    const usesCache = (tool: Tool): boolean =>
      tool.key === 'warm' || tool.key === 'one-changed' || tool.key === 'one-file-cached';
    if (!cacheFlag && tools.some(usesCache)) {
      notes.push('This build of agentops-lint has no `--cache` flag yet: the warm rows were skipped.');
      tools = tools.filter((tool) => !usesCache(tool));
    }
    if (tools.some(usesCache)) {
      console.error('priming the cache…');
      await timeRun(all.find((tool) => tool.key === 'warm')!, copy, scratch);
    }

    const rows: Row[] = tools.map((tool) => ({ tool, samples: [] }));
    for (let round = 1; round <= options.rounds; round++) {
      // Rotate the order every round, so that no tool always runs right after the same one.
      const order = rows.map((_, index) => rows[(index + round - 1) % rows.length]!);
      for (const row of order) {
        row.tool.prepare?.(round);
        const sample = await timeRun(row.tool, copy, scratch);
        row.samples.push(sample);
        console.error(
          `round ${round}/${options.rounds}  ${row.tool.label.padEnd(72)} ${(sample.wallMs / 1000).toFixed(2)} s wall, ${(sample.cpuMs / 1000).toFixed(2)} s CPU, ${sample.rssMb.toFixed(0)} MB`,
        );
      }
    }
    return { corpus, files: files.length, bytes, rows, notes };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface Summary {
  wall: number;
  cpu: number;
  rss: number;
}

function summarize(row: Row): Summary {
  return {
    wall: median(row.samples.map((s) => s.wallMs)) / 1000,
    cpu: median(row.samples.map((s) => s.cpuMs)) / 1000,
    rss: median(row.samples.map((s) => s.rssMb)),
  };
}

function formatCorpus(report: CorpusReport, options: BenchOptions): string {
  const lines: string[] = [];
  const summaries = new Map(report.rows.map((row) => [row.tool.key, summarize(row)]));
  lines.push(`### ${path.basename(report.corpus)}: ${report.files} files, ${(report.bytes / 1e6).toFixed(1)} MB`, '');
  for (const note of report.notes) lines.push(`- ${note}`);
  if (report.notes.length > 0) lines.push('');
  lines.push(`Median of ${options.rounds} rounds (tools alternating).`, '');
  lines.push(
    '| run | wall s | wall min–max | CPU s | peak RSS MB | files/s | MB/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const row of report.rows) {
    const summary = summaries.get(row.tool.key)!;
    const walls = row.samples.map((s) => s.wallMs / 1000);
    const rate = (amount: number): string =>
      amount === 0 ? '—' : (amount / summary.wall).toFixed(amount > 1e5 ? 2 : 0);
    lines.push(
      `| ${row.tool.label} | ${summary.wall.toFixed(2)} | ${Math.min(...walls).toFixed(2)}–${Math.max(...walls).toFixed(2)} | ${summary.cpu.toFixed(2)} | ${summary.rss.toFixed(0)} | ${rate(row.tool.files)} | ${row.tool.bytes === 0 ? '—' : (row.tool.bytes / 1e6 / summary.wall).toFixed(2)} |`,
    );
  }
  const ours = (['cold', 'cold-main-thread', 'warm', 'one-changed'] as const).filter((key) => summaries.has(key));
  const others = report.rows.filter((row) => !START_UP_KEYS.includes(row.tool.key));
  if (ours.length > 0 && others.length > 1) {
    lines.push('', 'Ratios (wall / CPU): below 1 means agentops-lint is faster.', '');
    lines.push(`| vs | ${ours.map((key) => key).join(' | ')} |`, `| --- | ${ours.map(() => '---:').join(' | ')} |`);
    for (const other of others) {
      const theirs = summaries.get(other.tool.key)!;
      const cells = ours.map((key) => {
        if (key === other.tool.key) return '—';
        const mine = summaries.get(key)!;
        return `${(mine.wall / theirs.wall).toFixed(2)} / ${(mine.cpu / theirs.cpu).toFixed(2)}`;
      });
      lines.push(`| ${other.tool.label} | ${cells.join(' | ')} |`);
    }
  }
  lines.push(...startUpShares(summaries));
  const targets = targetChecks(summaries);
  if (targets.length > 0) lines.push('', '| target | measured | met |', '| --- | ---: | :---: |', ...targets);
  return lines.join('\n');
}

/**
 * Where a one-file run's CPU goes before it reads a file: Node.js itself, then loading the
 * modules of a lint run (the `modules` row less the `node` row); the rest is the run's own work.
 */
function startUpShares(summaries: Map<ToolKey, Summary>): string[] {
  const node = summaries.get('node');
  const modules = summaries.get('modules');
  if (!node || !modules) return [];
  const loading = modules.cpu - node.cpu;
  const rows = (['one-file', 'one-file-cached'] as const).flatMap((key) => {
    const run = summaries.get(key);
    if (!run) return [];
    const share = (part: number): string => `${((part / run.cpu) * 100).toFixed(0)} %`;
    return [
      `| ${key} | ${(run.cpu * 1000).toFixed(0)} | ${share(node.cpu)} | ${share(loading)} | ${share(run.cpu - modules.cpu)} |`,
    ];
  });
  if (rows.length === 0) return [];
  return [
    '',
    `Start-up (CPU): Node.js alone ${(node.cpu * 1000).toFixed(0)} ms, loading a lint run's modules ${(loading * 1000).toFixed(0)} ms more.`,
    '',
    '| run | CPU ms | Node.js | loading modules | the run itself |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ];
}

/** The issue's targets that this corpus's figures can decide. */
function targetChecks(summaries: Map<ToolKey, Summary>): string[] {
  const rows: string[] = [];
  const check = (label: string, mine: ToolKey, theirs: ToolKey, field: keyof Summary, limit: number): void => {
    const a = summaries.get(mine);
    const b = summaries.get(theirs);
    if (!a || !b) return;
    const ratio = a[field] / b[field];
    rows.push(`| ${label} ≤ ${limit}× | ${ratio.toFixed(2)}× | ${ratio <= limit ? 'yes' : 'no'} |`);
  };
  check('cold wall vs markdownlint-cli2', 'cold', 'markdownlint-cli2', 'wall', 0.75);
  check('cold wall vs remark + validate-links', 'cold', 'remark', 'wall', 0.5);
  check('cold wall vs all-cores parse floor', 'cold', 'floor-all-cores', 'wall', 1.15);
  check('cold CPU vs all-cores parse floor', 'cold', 'floor-all-cores', 'cpu', 1.15);
  check('warm wall vs cold', 'warm', 'cold', 'wall', 0.05);
  check('one file changed wall vs cold', 'one-changed', 'cold', 'wall', 0.1);
  check('one file, no cache, CPU vs cold', 'one-file', 'cold', 'cpu', 0.1);
  check('one file, warm cache, CPU vs cold', 'one-file-cached', 'cold', 'cpu', 0.05);
  check('warm CPU vs cold', 'warm', 'cold', 'cpu', 0.05);
  check('cold peak RSS vs markdownlint-cli2', 'cold', 'markdownlint-cli2', 'rss', 1.5);
  return rows;
}

function formatGrowth(reports: CorpusReport[]): string {
  const rows = reports.flatMap((report) => {
    const cold = report.rows.find((row) => row.tool.key === 'cold');
    const floor = report.rows.find((row) => row.tool.key === 'floor-all-cores');
    if (!cold) return [];
    const summary = summarize(cold);
    const floorCell = floor ? ((summarize(floor).cpu * 1000) / report.files).toFixed(2) : '—';
    return [
      `| ${path.basename(report.corpus)} | ${report.files} | ${(report.bytes / 1e6).toFixed(1)} | ${((summary.wall * 1000) / report.files).toFixed(2)} | ${((summary.cpu * 1000) / report.files).toFixed(2)} | ${floorCell} | ${summary.rss.toFixed(0)} |`,
    ];
  });
  if (rows.length < 2) return '';
  return [
    '### Growth (agentops-lint cold)',
    '',
    '| corpus | files | MB | wall ms/file | CPU ms/file | floor CPU ms/file | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const flags = await cacheFlags(options.bin);
  const loadBefore = os.loadavg();
  const reports: CorpusReport[] = [];
  for (const corpus of options.corpora) reports.push(await benchCorpus(corpus, options, flags));
  for (const { shape, files } of options.generate) {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'agentops-bench-generated-'));
    const corpus = path.join(folder, `generated-${shape}-${files}`);
    try {
      writeCorpus(corpus, generateCorpus({ files, shape }));
      reports.push(await benchCorpus(corpus, options, flags));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const loadAfter = os.loadavg();
  const cpus = os.cpus();
  const header = [
    `## Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- machine: ${os.availableParallelism()} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}; agentops-lint ${TOOL_VERSION}`,
    `- load average (1 min) ${loadBefore[0]!.toFixed(2)} before, ${loadAfter[0]!.toFixed(2)} after: other processes shared the cores, so CPU time is the steadier figure`,
    '',
  ];
  const text = [
    ...header,
    ...reports.map((report) => formatCorpus(report, options)),
    '',
    formatGrowth(reports),
    '',
  ].join('\n');
  console.log(text);
  if (options.output) writeFileSync(options.output, text);
}

await main();
