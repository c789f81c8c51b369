/**
 * Phase 1 on several threads. A Phase1Runner that shares a large batch of files between this
 * thread and a pool of workers (one thread a core in all), or for a very large batch analyses
 * them on workers only (one a core) while this thread reads and hands them out, and returns exactly
 * what runPhase1Sequentially would: each job names the config of its file by number, the first job of
 * a config to reach a worker brings the serialisable ResolvedConfig along, and the worker rebuilds
 * FileSettings from it and runs the same analyzeBytes/analyzeText. Bytes go in and FileAnalysis comes
 * back as plain data; trees never leave the thread that parsed them.
 *
 * Small batches stay on this thread: starting a worker (loading the parser and the rules) costs
 * about as much CPU as parsing a few dozen files.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ConfigTable } from '../config/config-set.js';
import type { ResolvedConfig } from '../config/load.js';
import { PACKAGE_ROOT } from '../core/tool.js';
import { notAnalysed, type FileAnalysis } from './analyze-file.js';
import {
  analyzeOne,
  phase1Input,
  type LintProjectOptions,
  type Phase1Job,
  type Phase1Runner,
  type ProjectSource,
} from './lint-project.js';

/** What a worker starts with; the configs come with the jobs that need them. */
export interface Phase1WorkerData {
  root: string;
  /** URL of the compiled module whose `RULES` export lists the rules. */
  rulesModule: string;
  /**
   * Two Int32 slots the worker writes as it goes: the id of the request and the index within it of
   * the job it is analysing. The pool reads them to know which file is over its time budget, or
   * was being analysed when the worker ran out of memory.
   */
  progress: SharedArrayBuffer;
}

/** One file sent to a worker: its bytes as read, or the text that replaces them (fix passes). */
export interface Phase1WorkerJob {
  path: string;
  factsOnly: boolean;
  /** Number of the file's config (ConfigTable.indexOf). */
  config: number;
  bytes?: Uint8Array;
  text?: string;
}

export interface Phase1WorkerRequest {
  id: number;
  jobs: Phase1WorkerJob[];
  /** The configs this worker has not been sent yet that the jobs use, by number. */
  configs: [number, ResolvedConfig][];
}

export interface Phase1WorkerResponse {
  id: number;
  analyses: FileAnalysis[];
}

/**
 * V8's young generation for each worker. Parsing allocates many short-lived objects (micromark
 * events, tokens, points); a larger nursery lets most of them die young instead of being copied,
 * which cut the parse's CPU time on real documentation (see bench/RESULTS.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 96;

/**
 * V8's old generation for each worker: a file whose analysis needs more ends that worker (it is
 * replaced) and becomes a parse-error on the file, instead of running the process out of memory.
 * The parse-cost estimate (markdown/parse-cost.ts) keeps real files far below it.
 */
export const WORKER_OLD_GENERATION_MB = 4096;

/**
 * Files larger than this are analysed on a worker thread even when the run keeps to this thread
 * (--no-threads, or a batch too small to share): only there can an analysis over its time budget
 * be stopped. Smaller files parse in well under any budget, so they stay here and cost no worker.
 */
export const GUARDED_FILE_BYTES = 64 * 1024;

/** How often the budget of the files being analysed on workers is checked. */
const WATCHDOG_INTERVAL_MS = 200;

/** The default of the config's `timeBudgetSeconds`: the budget of a file up to 256 KB. */
export const DEFAULT_TIME_BUDGET_SECONDS = 10;

/**
 * The time budget of a file in milliseconds: `seconds` for a file up to 256 KB, twice that up to
 * 1 MB, four times beyond: parsing is linear, but larger files have more of everything.
 */
export function timeBudgetMs(seconds: number | undefined, bytes: number): number {
  const sizeClass = bytes <= 256 * 1024 ? 1 : bytes <= 1024 * 1024 ? 2 : 4;
  return (seconds ?? DEFAULT_TIME_BUDGET_SECONDS) * sizeClass * 1000;
}

/** A request that a stopped worker had not answered: to be sent again, to its replacement. */
class WorkerReplaced extends Error {
  constructor() {
    super('a phase-1 worker thread was stopped and replaced');
  }
}

/** An analysis a worker did not finish: over its time budget, or the worker ran out of memory. */
class StoppedAnalysis extends Error {
  constructor(
    /** Index of the job within the request. */
    readonly jobIndex: number,
    readonly analysis: FileAnalysis,
  ) {
    super(`the analysis of ${analysis.path} was stopped`);
  }
}

/**
 * Below this many files a batch runs on the calling thread. Loading the parser and the rules into
 * a worker costs ~0.2–0.4 s of CPU, the time to parse 10–30 typical files; a pre-commit run on a
 * handful of files should pay none of it.
 */
export const DEFAULT_MIN_FILES_FOR_THREADS = 48;

/**
 * From this many files a batch is parsed on workers only (one a core), not here: V8 gives a worker
 * the young generation it asks for (WORKER_YOUNG_GENERATION_MB) but this thread only its default
 * (48 MB, fixed when the process starts), with which parsing the 929 files under 64 KB of
 * kubernetes-community took a quarter more CPU than on a worker; and no guard worker is started
 * for the large files this thread would send away (GUARDED_FILE_BYTES). This thread still reads
 * the files, which keeps the workers fed. Below it, one worker more costs more than it saves (its
 * start is worth 10–30 files, this thread's share of the parse would be a fifth cheaper), and this
 * thread starts parsing at once where a worker must load first: on a 52-file repository the
 * workers-only run took 10 % more CPU and twice the wall time (bench/RESULTS.md, issue 23).
 */
export const DEFAULT_MIN_FILES_FOR_WORKERS_ONLY = 200;

/** Each thread should get at least this many files, or starting a worker does not pay. */
const MIN_FILES_PER_THREAD = 24;

/** The configs of the run: one for every file, or a table that gives each file its own. */
export type Phase1PoolConfigs =
  | { config: ResolvedConfig; configs?: undefined }
  | { configs: ConfigTable; config?: undefined };

export type Phase1PoolOptions = Phase1PoolConfigs & {
  /** Absolute path of the lint root (FileSettings resolves override globs from it). */
  root: string;
  /** Most threads that parse at once (default: the available cores). 1 keeps everything on this thread. */
  maxThreads?: number;
  /** Batches with fewer files run on the calling thread. */
  minFilesForThreads?: number;
  /** Batches with at least this many files run on workers only (default DEFAULT_MIN_FILES_FOR_WORKERS_ONLY). */
  minFilesForWorkersOnly?: number;
  /** The worker's module (default: the compiled phase1-worker.js). */
  workerScript?: URL;
  /** URL of the module whose `RULES` export lists the rules (rules/index.ts); workers import its build. */
  rulesModule: string;
  /** Called as files are analysed (on any thread), with how many: for a progress line. */
  onAnalysed?: (count: number) => void;
  /** The time budget of a file in milliseconds, by its path and size (default: timeBudgetMs with the default seconds). */
  timeBudgetMs?: (file: string, bytes: number) => number;
  /** Each worker's old generation in MB (default: WORKER_OLD_GENERATION_MB); tests make it small. */
  workerHeapMb?: number;
  /**
   * Analyse every file on a worker, small ones too, never on the calling thread: for a server,
   * whose thread must stay free to answer requests while a page is analysed.
   */
  everyFileOnWorker?: boolean;
};

export interface Phase1Pool {
  /** The Phase1Runner to pass as LintProjectOptions.runPhase1. */
  run: Phase1Runner;
  /** How many threads may parse: this one and the workers started so far. */
  readonly threads: number;
  /** How many files this thread has analysed itself (none in a batch run on workers only). */
  readonly analysedHere: number;
  /** Stops the workers. The pool must not be used afterwards. */
  close(): Promise<void>;
}

/**
 * The compiled worker module. Worker threads cannot load TypeScript, so when this module itself
 * runs from sources (vitest), workers run the build in dist/: `npm test` builds it first.
 */
export function defaultWorkerScript(): URL {
  const sourceExtension = path.extname(fileURLToPath(import.meta.url));
  return compiledModule(new URL(`./phase1-worker${sourceExtension}`, import.meta.url).href);
}

/** The compiled form of a module of this package: itself when it is JavaScript, else its build in dist/. */
export function compiledModule(moduleUrl: string): URL {
  const file = fileURLToPath(moduleUrl);
  if (file.endsWith('.js')) return new URL(moduleUrl);
  const built = path.join(PACKAGE_ROOT, 'dist', path.relative(PACKAGE_ROOT, file)).replace(/\.ts$/, '.js');
  if (!existsSync(built))
    throw new Error(
      `worker threads need the compiled ${path.relative(PACKAGE_ROOT, built)}: run \`npm run compile\` first`,
    );
  return pathToFileURL(built);
}

/** One worker thread and the requests it has not answered yet. */
class Phase1Worker {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { jobs: Phase1WorkerJob[]; resolve: (analyses: FileAnalysis[]) => void; reject: (error: unknown) => void }
  >();
  private nextId = 1;
  private failure: Error | undefined;
  /** Numbers of the configs this worker has been sent. */
  private readonly knownConfigs = new Set<number>();
  /** [request id, job index] being analysed, as the worker writes them. */
  private readonly progress = new Int32Array(new SharedArrayBuffer(8));
  /** The job last seen in progress and when it was first seen, for the budget. */
  private watched: { request: number; job: number; since: number } | undefined;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    script: URL,
    data: Omit<Phase1WorkerData, 'progress'>,
    private readonly budgetMs: (job: Phase1WorkerJob) => number,
    private readonly heapMb: number,
  ) {
    this.worker = new Worker(script, {
      workerData: { ...data, progress: this.progress.buffer as SharedArrayBuffer } satisfies Phase1WorkerData,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb },
    });
    // An idle worker must not keep the process alive if a caller forgets close().
    this.worker.unref();
    this.worker.on('message', (response: Phase1WorkerResponse) => {
      const request = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (this.pending.size === 0) this.idle();
      request?.resolve(response.analyses);
    });
    this.worker.on('error', (error) => {
      // Out of memory ends the worker, not the run: the file it was analysing is reported.
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
        this.stopCurrent((job) => notAnalysed(job.path, 'outOfMemory', { detail: `over ${this.heapMb} MB` }));
      else this.fail(new Error(`a phase-1 worker thread failed: ${error.message}`, { cause: error }));
    });
    this.worker.on('exit', (code) =>
      this.fail(new Error(`a phase-1 worker thread stopped unexpectedly (exit code ${code})`)),
    );
  }

  /** Whether the worker can take more work (a stopped or failed worker is replaced). */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /** Analyses the jobs; aborting `signal` rejects with its reason and stops this worker (its other requests go to its replacement). */
  analyze(jobs: Phase1WorkerJob[], configs: ConfigTable, signal?: AbortSignal): Promise<FileAnalysis[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.nextId++;
    const newConfigs: [number, ResolvedConfig][] = [];
    for (const job of jobs) {
      if (this.knownConfigs.has(job.config)) continue;
      this.knownConfigs.add(job.config);
      newConfigs.push([job.config, configs.at(job.config)]);
    }
    const answered = new Promise<FileAnalysis[]>((resolve, reject) => {
      this.pending.set(id, { jobs, resolve, reject });
      this.worker.ref();
      this.watchdog ??= setInterval(() => this.checkBudget(), WATCHDOG_INTERVAL_MS);
      this.worker.postMessage({ id, jobs, configs: newConfigs } satisfies Phase1WorkerRequest);
    });
    if (!signal) return answered;
    const abandon = (): void => this.abandon(id, signal.reason);
    signal.addEventListener('abort', abandon, { once: true });
    return answered.finally(() => signal.removeEventListener('abort', abandon));
  }

  /**
   * Gives up on a request whose caller no longer wants it: a thread cannot be interrupted, so the
   * worker is stopped (freeing its thread and memory at once) and replaced when next needed.
   */
  private abandon(id: number, reason: unknown): void {
    const request = this.pending.get(id);
    if (!request) return;
    this.pending.delete(id);
    request.reject(reason);
    this.fail(new WorkerReplaced());
    void this.worker.terminate();
  }

  async terminate(): Promise<void> {
    this.failure ??= new Error('the phase-1 worker pool was closed');
    this.idle();
    await this.worker.terminate();
  }

  /** Stops the worker when the job it is analysing has been at it longer than its budget. */
  private checkBudget(): void {
    const request = Atomics.load(this.progress, 0);
    const job = Atomics.load(this.progress, 1);
    const now = Date.now();
    if (this.watched?.request !== request || this.watched.job !== job) {
      this.watched = { request, job, since: now };
      return;
    }
    const current = this.pending.get(request)?.jobs[job];
    if (current === undefined) return;
    const budget = this.budgetMs(current);
    if (now - this.watched.since > budget)
      this.stopCurrent((stopped) => ({
        ...notAnalysed(stopped.path, 'timeout', { budget: Number((budget / 1000).toFixed(1)) }),
        stopped: true,
      }));
  }

  /** Ends the worker and rejects the request of the job in progress with that job's diagnostic; other requests fail. */
  private stopCurrent(report: (job: Phase1WorkerJob) => FileAnalysis): void {
    const requestId = Atomics.load(this.progress, 0);
    const jobIndex = Atomics.load(this.progress, 1);
    const request = this.pending.get(requestId);
    const job = request?.jobs[jobIndex];
    if (!request || !job) {
      this.fail(new Error('a phase-1 worker thread was stopped between files'));
      return;
    }
    this.pending.delete(requestId);
    request.reject(new StoppedAnalysis(jobIndex, { ...report(job), stopped: true }));
    // The other requests of this worker go to its replacement.
    this.fail(new WorkerReplaced());
    void this.worker.terminate();
  }

  private idle(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.watched = undefined;
    this.worker.unref();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const request of this.pending.values()) request.reject(this.failure);
    this.pending.clear();
    this.idle();
  }
}

/** Reads one job on this thread; an unreadable file is answered here, as the sequential runner does. */
async function prepareJob(
  job: Phase1Job,
  source: ProjectSource,
  options: LintProjectOptions,
  configs: ConfigTable,
): Promise<Phase1WorkerJob | FileAnalysis> {
  const input = await phase1Input(job.path, source, options);
  if ('problem' in input) return input.problem;
  return { path: job.path, factsOnly: job.factsOnly, config: configs.indexOf(job.path), ...input };
}

/** Every file with the one config. */
function singleConfigTable(config: ResolvedConfig): ConfigTable {
  return { indexOf: () => 0, at: () => config };
}

export function createPhase1Pool(options: Phase1PoolOptions): Phase1Pool {
  const maxThreads = Math.max(1, options.maxThreads ?? availableParallelism());
  const minFiles = options.minFilesForThreads ?? DEFAULT_MIN_FILES_FOR_THREADS;
  const minFilesWorkersOnly = options.minFilesForWorkersOnly ?? DEFAULT_MIN_FILES_FOR_WORKERS_ONLY;
  const configs = options.configs ?? singleConfigTable(options.config);
  const analysed = options.onAnalysed ?? (() => undefined);
  const budgetOf = options.timeBudgetMs ?? ((_file: string, bytes: number) => timeBudgetMs(undefined, bytes));
  const jobBudget = (job: Phase1WorkerJob): number =>
    budgetOf(job.path, job.bytes?.length ?? Buffer.byteLength(job.text ?? ''));
  const workers: Phase1Worker[] = [];
  /** The worker that analyses large files for this thread (see GUARDED_FILE_BYTES), started when first needed. */
  let guard: Phase1Worker | undefined;
  let closed = false;
  let analysedHere = 0;

  const newWorker = (): Phase1Worker => {
    const script = options.workerScript ?? defaultWorkerScript();
    return new Phase1Worker(
      script,
      { root: options.root, rulesModule: compiledModule(options.rulesModule).href },
      jobBudget,
      options.workerHeapMb ?? WORKER_OLD_GENERATION_MB,
    );
  };
  const startWorkers = (count: number): void => {
    while (workers.length < count) workers.push(newWorker());
  };

  /**
   * Analyses jobs on a worker (replaced when it is stopped): a job over its budget or out of
   * memory gets its parse-error, the others of its request are sent again.
   */
  const analyzeOnWorker = async (
    worker: () => Phase1Worker,
    jobs: Phase1WorkerJob[],
    signal: AbortSignal | undefined,
  ): Promise<FileAnalysis[]> => {
    const results = new Array<FileAnalysis | undefined>(jobs.length);
    let remaining = jobs.map((_, index) => index);
    while (remaining.length > 0) {
      try {
        const analyses = await worker().analyze(
          remaining.map((index) => jobs[index]!),
          configs,
          signal,
        );
        analyses.forEach((analysis, offset) => {
          results[remaining[offset]!] = analysis;
        });
        remaining = [];
      } catch (error) {
        if (error instanceof StoppedAnalysis) {
          results[remaining[error.jobIndex]!] = error.analysis;
          remaining = remaining.filter((_, offset) => offset !== error.jobIndex);
        } else if (!(error instanceof WorkerReplaced)) throw error;
      }
    }
    return results as FileAnalysis[];
  };
  const poolWorker = (slot: number) => (): Phase1Worker => {
    if (closed) throw new Error('the phase-1 worker pool was closed');
    if (!workers[slot]!.usable) workers[slot] = newWorker();
    return workers[slot]!;
  };
  const guardWorker = (): Phase1Worker => {
    if (closed) throw new Error('the phase-1 worker pool was closed');
    if (!guard?.usable) guard = newWorker();
    return guard;
  };

  /** One job on this thread, or on the guard worker when its file is large enough to need a budget (or everyFileOnWorker). */
  const analyzeHereOrGuarded = async (
    job: Phase1Job,
    source: ProjectSource,
    lintOptions: LintProjectOptions,
  ): Promise<FileAnalysis> => {
    const override = lintOptions.overrides?.get(job.path);
    const mayStayHere = options.everyFileOnWorker !== true;
    if (mayStayHere && override !== undefined && override.length <= GUARDED_FILE_BYTES / 4) {
      analysedHere++;
      return analyzeOne(job.path, source, lintOptions, job.factsOnly);
    }
    const prepared = await prepareJob(job, source, lintOptions, configs);
    if ('diagnostics' in prepared) return prepared;
    const size = prepared.bytes?.length ?? Buffer.byteLength(prepared.text ?? '');
    if (mayStayHere && size <= GUARDED_FILE_BYTES) {
      analysedHere++;
      return analyzeOne(
        job.path,
        { ...source, read: async () => prepared.bytes ?? new Uint8Array() },
        lintOptions,
        job.factsOnly,
      );
    }
    lintOptions.settings.forFile(job.path);
    return (await analyzeOnWorker(guardWorker, [prepared], lintOptions.signal))[0]!;
  };

  const run: Phase1Runner = async (jobs, source, lintOptions) => {
    if (closed) throw new Error('the phase-1 worker pool was closed');
    // n threads are n workers for a very large batch, else this thread and n - 1 workers: one heap
    // fewer (DEFAULT_MIN_FILES_FOR_WORKERS_ONLY).
    const workersOnly = jobs.length >= minFilesWorkersOnly;
    const threadsHere = workersOnly ? 0 : 1;
    const wantedWorkers = Math.min(maxThreads, Math.floor(jobs.length / MIN_FILES_PER_THREAD)) - threadsHere;
    const useWorkers =
      maxThreads > 1 && (workers.length > 0 || (jobs.length >= minFiles && wantedWorkers + threadsHere > 1));
    if (!useWorkers) {
      const results: FileAnalysis[] = [];
      for (const job of jobs) {
        lintOptions.signal?.throwIfAborted();
        results.push(await analyzeHereOrGuarded(job, source, lintOptions));
        analysed(1);
      }
      return results;
    }
    // Settings errors (options invalid once an override merges them) surface here, on this
    // thread, exactly as the sequential runner raises them.
    for (const job of jobs) lintOptions.settings.forFile(job.path);
    startWorkers(wantedWorkers);

    const results = new Array<FileAnalysis>(jobs.length);
    // Small batches balance the load; two in flight per worker hide the round trip and the reads.
    const batchSize = Math.max(1, Math.min(16, Math.floor(jobs.length / ((workers.length + threadsHere) * 8))));
    let next = 0;
    const feedWorker = async (slot: number): Promise<void> => {
      while (next < jobs.length) {
        const first = next;
        const batch = jobs.slice(first, first + batchSize);
        next += batch.length;
        const prepared = await Promise.all(batch.map((job) => prepareJob(job, source, lintOptions, configs)));
        const toSend: Phase1WorkerJob[] = [];
        const slots: number[] = [];
        prepared.forEach((item, offset) => {
          if ('diagnostics' in item) results[first + offset] = item;
          else {
            toSend.push(item);
            slots.push(first + offset);
          }
        });
        if (toSend.length > 0) {
          const analyses = await analyzeOnWorker(poolWorker(slot), toSend, lintOptions.signal);
          analyses.forEach((analysis, offset) => {
            results[slots[offset]!] = analysis;
          });
        }
        analysed(batch.length);
      }
    };
    // One file at a time here: each read yields, so replies from the workers are handled promptly.
    const analyzeHere = async (): Promise<void> => {
      while (next < jobs.length) {
        lintOptions.signal?.throwIfAborted();
        const index = next++;
        const job = jobs[index]!;
        results[index] = await analyzeHereOrGuarded(job, source, lintOptions);
        analysed(1);
      }
    };
    // After a failure the other loops take no new files: the run is over.
    const stopOnFailure = (loop: Promise<void>): Promise<void> =>
      loop.catch((error: unknown) => {
        next = jobs.length;
        throw error;
      });
    const loops = workers.flatMap((_, slot) => [feedWorker(slot), feedWorker(slot)]);
    await Promise.all((workersOnly ? loops : [...loops, analyzeHere()]).map(stopOnFailure));
    return results;
  };

  return {
    run,
    get threads() {
      return workers.length + 1;
    },
    get analysedHere() {
      return analysedHere;
    },
    async close() {
      closed = true;
      const all = [...workers.splice(0), ...(guard ? [guard] : [])];
      guard = undefined;
      await Promise.all(all.map((worker) => worker.terminate()));
    },
  };
}
