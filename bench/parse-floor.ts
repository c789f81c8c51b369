/**
 * The floor no linter built on our parser can beat: read every Markdown file of a folder and parse
 * it with the project's own unified pipeline (remark-parse + GFM + front matter), nothing else.
 * `node dist/bench/parse-floor.js <dir> --threads 1` parses on the main thread with V8's default
 * heap, as `agentops-lint --no-threads` does; `--threads N` parses on N worker threads with the
 * same heap limits as the phase-1 pool, taking files from a shared counter so that no thread
 * idles while another has a long queue.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { globby } from 'globby';
import { parseMarkdown } from '../src/markdown/parse.js';
import { WORKER_YOUNG_GENERATION_MB } from '../src/engine/phase1-pool.js';

interface FloorWorkerData {
  root: string;
  files: string[];
  /** One Int32: the index of the next file to parse. */
  next: SharedArrayBuffer;
}

function parseFiles(root: string, files: readonly string[], next: Int32Array): void {
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    parseMarkdown(readFileSync(path.join(root, files[index]!), 'utf8'));
  }
}

export async function markdownFiles(root: string): Promise<string[]> {
  const files = await globby(['**/*.md', '**/*.markdown'], {
    cwd: root,
    gitignore: true,
    ignore: ['**/node_modules/**', '**/.git/**'],
    dot: true,
    followSymbolicLinks: false,
  });
  return files.sort();
}

async function main(argv: string[]): Promise<void> {
  const root = argv.find((argument) => !argument.startsWith('--'));
  const threadsAt = argv.indexOf('--threads');
  const threads = threadsAt >= 0 ? Number(argv[threadsAt + 1]) : 1;
  if (!root || !Number.isInteger(threads) || threads < 1) {
    console.error('usage: node dist/bench/parse-floor.js <dir> [--threads N]');
    process.exitCode = 2;
    return;
  }
  const files = await markdownFiles(root);
  const next = new SharedArrayBuffer(4);
  if (threads === 1) {
    parseFiles(root, files, new Int32Array(next));
  } else {
    const script = fileURLToPath(import.meta.url);
    await Promise.all(
      Array.from({ length: threads }, () => {
        const worker = new Worker(script, {
          workerData: { root, files, next } satisfies FloorWorkerData,
          resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
        });
        return new Promise<void>((resolve, reject) => {
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor worker exited with ${code}`))));
        });
      }),
    );
  }
  console.log(`parsed ${files.length} files on ${threads} thread(s)`);
}

if (isMainThread) {
  if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
    await main(process.argv.slice(2));
} else {
  const data = workerData as FloorWorkerData;
  parseFiles(data.root, data.files, new Int32Array(data.next));
}
