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
 *
 * Run it twice on the same corpus to time a start that finds the cache: the index line says how
 * many files the cache answered. The server writes no file but its cache folder (in DIR with
 * --cache), so copy a corpus you want to keep untouched. This is a benchmark, not a test:
 * it is never run by `npm test`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

interface Options {
  corpus: string;
  page?: string;
  edits: number;
  debounce?: number;
  threads?: number;
  cache?: string;
}

function parseOptions(argv: string[]): Options {
  const [corpus, ...rest] = argv;
  if (!corpus || corpus.startsWith('--'))
    throw new Error(
      'usage: node dist/bench/lsp-latency.js <corpus-dir> [--page FILE] [--edits N] [--debounce MS] [--threads N] [--cache DIR]',
    );
  const options: Options = { corpus: path.resolve(corpus), edits: 40 };
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i], rest[i + 1]];
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
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const page = options.page ?? typicalPage(options.corpus);
  const text = readFileSync(path.join(options.corpus, page), 'utf8');
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
  connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
    const at = performance.now();
    if (params.uri === uri && params.version !== undefined) waiting.get(params.version)?.(at);
  });
  let indexed: (message: string) => void = () => {};
  const indexMessage = new Promise<string>((resolve) => (indexed = resolve));
  connection.onNotification(LogMessageNotification.type, (params) => {
    if (params.message.includes('indexed')) indexed(params.message);
  });
  connection.listen();

  const started = performance.now();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(options.corpus).href,
    workspaceFolders: [{ uri: pathToFileURL(options.corpus).href, name: 'corpus' }],
    capabilities: {},
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const firstPublish = new Promise<number>((resolve) => waiting.set(1, resolve));
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const firstAt = await firstPublish;
  const message = await indexMessage;
  const indexedAt = performance.now();
  // The server lints the open page again once the index is complete; let that run pass.
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const latencies: number[] = [];
  let cpuBefore: number | undefined;
  for (let edit = 0; edit < WARM_UP_EDITS + options.edits; edit++) {
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
  const sorted = [...latencies].sort((a, b) => a - b);
  const format = (ms: number): string => `${ms.toFixed(0)} ms`;
  console.log(`corpus: ${options.corpus} (${markdownFilesUnder(options.corpus).length} Markdown files)`);
  console.log(`page:   ${page} (${Buffer.byteLength(text)} bytes)`);
  console.log(`first diagnostics for the page (before the index): ${format(firstAt - started)}`);
  console.log(`index: ${message.trim()} (${format(indexedAt - started)} after initialize)`);
  console.log(
    `didChange → publishDiagnostics over ${sorted.length} edits: median ${format(percentile(sorted, 0.5))}, p90 ${format(percentile(sorted, 0.9))}, min ${format(sorted[0]!)}, max ${format(sorted.at(-1)!)}`,
  );
  if (cpuBefore !== undefined && cpuAfter !== undefined)
    console.log(`server CPU time per edit (all threads): ${format((cpuAfter - cpuBefore) / sorted.length)}`);
  console.log(
    `load average at the end (1, 5, 15 min): ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${os.availableParallelism()} cores`,
  );
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  connection.dispose();
}

await main();
