/**
 * `node dist/bench/lsp-latency.js <corpus-dir> [options]`: how long the language server takes from
 * a `didChange` to the `publishDiagnostics` of that version, once the first index is built. It
 * starts the real `agentops-lint lsp --stdio` (bin/agentops-lint.js) with the corpus as the
 * workspace, opens a typical page (the Markdown file nearest the median size that has a relative
 * link), waits for the index, then makes edits one at a time — each adds or removes a broken link,
 * so the findings change — and times each round trip.
 *
 * Options:
 *   --page FILE       the page to edit (root-relative; default: chosen as above)
 *   --edits N         timed edits (default 40; the first 3 more are a warm-up and not counted)
 *   --debounce MS     the server's debounce (default: its own)
 *   --threads N       threads for the first index (default: the server's)
 *   --cache DIR       keep the per-file results in DIR (the server's --cache-location) instead of
 *                     the corpus's own .agentops-lint-cache/, where the server keeps them by default
 *   --restart         time a start with an empty cache, then a second start that finds it, and
 *                     print both with the ratio (in DIR with --cache, else a temporary folder);
 *                     no edits are made
 *
 * Two times are printed for a start: the first diagnostics for the page, published before the
 * index is built (from the page's own analysis and the files it links to), and the complete ones,
 * from the run over the whole index (cross-document checks such as term and mapping consistency
 * need every file). Run it twice on the same corpus, or with --restart, to time a start that finds
 * the cache: the index line says how many files the cache answered. The server writes no file but its cache folder (in DIR with
 * --cache), so copy a corpus you want to keep untouched. This is a benchmark, not a test:
 * it is never run by `npm test`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { PACKAGE_ROOT } from '../src/core/tool.js';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'agentops-lint.js');
const WARM_UP_EDITS = 3;
/** How long after the index a changed answer for the page is waited for. */
const SETTLE_MS = 1000;

interface Options {
  corpus: string;
  page?: string;
  edits: number;
  debounce?: number;
  threads?: number;
  cache?: string;
  restart: boolean;
}

function parseOptions(argv: string[]): Options {
  const [corpus, ...rest] = argv;
  if (!corpus || corpus.startsWith('--'))
    throw new Error(
      'usage: node dist/bench/lsp-latency.js <corpus-dir> [--page FILE] [--edits N] [--debounce MS] [--threads N] [--cache DIR] [--restart]',
    );
  const options: Options = { corpus: path.resolve(corpus), edits: 40, restart: false };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
    if (flag === '--restart') {
      options.restart = true;
      i -= 1;
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--page') options.page = value;
    else if (flag === '--edits') options.edits = Number(value);
    else if (flag === '--debounce') options.debounce = Number(value);
    else if (flag === '--threads') options.threads = Number(value);
    else if (flag === '--cache') options.cache = path.resolve(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

function markdownFilesUnder(root: string, folder = ''): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory())
      return entry.name === '.git' || entry.name === 'node_modules' ? [] : markdownFilesUnder(root, relative);
    return entry.name.endsWith('.md') ? [relative] : [];
  });
}

/** The page nearest the median size that links to another file: what a writer typically edits. */
function typicalPage(root: string): string {
  const sized = markdownFilesUnder(root)
    .map((file) => ({ file, size: statSync(path.join(root, file)).size }))
    .sort((a, b) => a.size - b.size || a.file.localeCompare(b.file));
  const median = sized[Math.floor(sized.length / 2)]!.size;
  const candidates = [...sized].sort(
    (a, b) => Math.abs(a.size - median) - Math.abs(b.size - median) || a.file.localeCompare(b.file),
  );
  const linking = candidates.find(({ file }) =>
    /\]\((?!https?:|#)[^)]+\.md/.test(readFileSync(path.join(root, file), 'utf8')),
  );
  return (linking ?? candidates[0]!).file;
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux); undefined elsewhere. On a
 * loaded machine the wall-clock latency depends on the other processes; this does not.
 */
let ticksPerSecond: number | undefined;
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

interface StartFigures {
  /** From initialize to the first diagnostics for the page (published before the index is built). */
  firstMs: number;
  /**
   * From initialize to the page's diagnostics from a run over the whole index (what a complete
   * answer takes): the publication that run makes, or the index's end when the findings did not change.
   */
  completeMs: number;
  /** The server's CPU time (all threads) when the complete answer arrived. */
  cpuAtCompleteMs: number | undefined;
  indexLine: string;
  /** didChange → publishDiagnostics round trips (the timed edits). */
  latencies: number[];
  cpuPerEditMs: number | undefined;
}

/** Starts the server on the corpus, opens the page, waits for its complete diagnostics, then times `edits` edits. */
async function measureStart(options: Options, page: string, text: string, edits: number): Promise<StartFigures> {
  const uri = pathToFileURL(path.join(options.corpus, page)).href;
  const args = [
    BIN,
    'lsp',
    '--stdio',
    ...(options.debounce === undefined ? [] : ['--debounce', String(options.debounce)]),
    ...(options.threads === undefined ? [] : ['--threads', String(options.threads)]),
    ...(options.cache === undefined ? [] : ['--cache-location', options.cache]),
  ];
  const child = spawn(process.execPath, args, { cwd: options.corpus, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );

  const waiting = new Map<number, (at: number) => void>();
  // Every publication for the opened version: the first comes before the index, the next from the run over it.
  const openedPublications: number[] = [];
  let openedPublished: () => void = () => {};
  connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
    const at = performance.now();
    if (params.uri !== uri || params.version === undefined) return;
    if (params.version === 1) {
      openedPublications.push(at);
      openedPublished();
    }
    waiting.get(params.version)?.(at);
  });
  let indexedAt: number | undefined;
  let indexLine = '';
  connection.onNotification(LogMessageNotification.type, (params) => {
    if (indexedAt === undefined && params.message.includes('indexed')) {
      indexedAt = performance.now();
      indexLine = params.message.trim();
      openedPublished();
    }
  });
  connection.listen();
  // The run over the index publishes again only when the page's findings changed; when they did
  // not, the answer was complete once the index was built.
  const completeAnswer = new Promise<number>((resolve) => {
    openedPublished = () => {
      if (indexedAt === undefined || openedPublications.length === 0) return;
      const after = openedPublications.find((at) => at > indexedAt!);
      if (after !== undefined) resolve(after);
      else setTimeout(() => resolve(openedPublications.find((at) => at > indexedAt!) ?? indexedAt!), SETTLE_MS);
    };
  });

  const started = performance.now();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(options.corpus).href,
    workspaceFolders: [{ uri: pathToFileURL(options.corpus).href, name: 'corpus' }],
    capabilities: {},
  });
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const completeAt = await completeAnswer;
  const cpuAtCompleteMs = cpuMsOf(child.pid!);
  // The server lints the open page again once the index is complete; let that run pass.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

  const latencies: number[] = [];
  let cpuBefore: number | undefined;
  for (let edit = 0; edit < (edits > 0 ? WARM_UP_EDITS + edits : 0); edit++) {
    const version = edit + 2;
    const edited = edit % 2 === 0 ? `${text}\n[probe](./no-such-page-${edit}.md)\n` : text;
    const published = new Promise<number>((resolve) => waiting.set(version, resolve));
    if (edit === WARM_UP_EDITS) cpuBefore = cpuMsOf(child.pid!);
    const sent = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text: edited }],
    });
    const at = await published;
    if (edit >= WARM_UP_EDITS) latencies.push(at - sent);
  }
  const cpuAfter = cpuMsOf(child.pid!);
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  connection.dispose();
  return {
    firstMs: openedPublications[0]! - started,
    completeMs: completeAt - started,
    cpuAtCompleteMs,
    indexLine,
    latencies,
    cpuPerEditMs:
      cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0
        ? undefined
        : (cpuAfter - cpuBefore) / latencies.length,
  };
}

const formatMs = (ms: number | undefined): string => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`);

function printLoad(): void {
  console.log(
    `load average at the end (1, 5, 15 min): ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} cores`,
  );
}

/** --restart: a first start with an empty cache, then a second start that finds it, side by side. */
async function compareStarts(options: Options, page: string, text: string): Promise<void> {
  const cache = options.cache ?? mkdtempSync(path.join(os.tmpdir(), 'agentops-lint-lsp-cache-'));
  rmSync(cache, { recursive: true, force: true });
  const withCache = { ...options, cache };
  const first = await measureStart(withCache, page, text, 0);
  const second = await measureStart(withCache, page, text, 0);
  if (options.cache === undefined) rmSync(cache, { recursive: true, force: true });
  const ratio = (a: number | undefined, b: number | undefined): string =>
    a === undefined || b === undefined ? 'n/a' : `${(b / a).toFixed(2)}×`;
  console.log(`corpus: ${options.corpus} (${markdownFilesUnder(options.corpus).length} Markdown files)`);
  console.log(`page:   ${page} (${Buffer.byteLength(text)} bytes)`);
  console.log(
    '| start | first diagnostics (before the index) | complete diagnostics (after the index) | server CPU by then |',
  );
  console.log('| --- | ---: | ---: | ---: |');
  for (const [name, figures] of [
    ['first (empty cache)', first],
    ['second (cache)', second],
  ] as const)
    console.log(
      `| ${name} | ${formatMs(figures.firstMs)} | ${formatMs(figures.completeMs)} | ${formatMs(figures.cpuAtCompleteMs)} |`,
    );
  console.log(
    `| second ÷ first | ${ratio(first.firstMs, second.firstMs)} | ${ratio(first.completeMs, second.completeMs)} | ${ratio(first.cpuAtCompleteMs, second.cpuAtCompleteMs)} |`,
  );
  console.log(`first start:  ${first.indexLine}`);
  console.log(`second start: ${second.indexLine}`);
  printLoad();
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const page = options.page ?? typicalPage(options.corpus);
  const text = readFileSync(path.join(options.corpus, page), 'utf8');
  if (options.restart) return compareStarts(options, page, text);
  const figures = await measureStart(options, page, text, options.edits);
  const sorted = [...figures.latencies].sort((a, b) => a - b);
  console.log(`corpus: ${options.corpus} (${markdownFilesUnder(options.corpus).length} Markdown files)`);
  console.log(`page:   ${page} (${Buffer.byteLength(text)} bytes)`);
  console.log(`first diagnostics for the page (before the index): ${formatMs(figures.firstMs)}`);
  console.log(`complete diagnostics for the page (after the index): ${formatMs(figures.completeMs)}`);
  console.log(`index: ${figures.indexLine}`);
  if (sorted.length > 0)
    console.log(
      `didChange → publishDiagnostics over ${sorted.length} edits: median ${formatMs(percentile(sorted, 0.5))}, p90 ${formatMs(percentile(sorted, 0.9))}, min ${formatMs(sorted[0])}, max ${formatMs(sorted.at(-1))}`,
    );
  if (figures.cpuPerEditMs !== undefined)
    console.log(`server CPU time per edit (all threads): ${formatMs(figures.cpuPerEditMs)}`);
  printLoad();
}

await main();
