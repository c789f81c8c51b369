/**
 * What the MCP server's lint and fix tools do, without the protocol: lint files of the repository
 * or an unsaved text for a path, and preview or apply the certain fixes. The repository stays
 * open between calls (LiveProject): the disk is checked at each call (an agent edits files between
 * them and no watcher tells us), and only files that changed are analysed again.
 *
 * Answers come after the first index of the whole repository is built, so that cross-document
 * checks are complete from the first answer on. Calls run at once, except that a call which
 * writes files waits for the others and holds them up (ReadWriteLock): an unsaved text is handed
 * to its own call only (as an override), never put in place where another call would see it.
 * Parsing happens on the edit runner's guard worker for large files, so a big page keeps the
 * main thread free for the other calls; a call whose client cancels it stops, freeing that worker.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import type { LintProjectOptions } from '../engine/lint-project.js';
import { fixedFiles, fixPatches, lintWithFixes, writeFixes, type FixedLint } from '../fixes/fix-passes.js';
import { LiveProject, type ProjectServices } from '../lsp/live-project.js';
import { docsUrlOf } from '../lsp/protocol-diagnostics.js';
import { pathArgumentMatcher } from '../project/project-files.js';
import { isDynamicPattern } from 'globby';
import { ReadWriteLock } from './call-lock.js';
import { confinePath, confinePaths } from './repository-paths.js';

export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  /** "Did you mean …" text. */
  suggestion?: string;
  /** Whether a certain fix exists (the fix tools apply it). */
  fixable: boolean;
  /** Likely repairs that are not certain, described. */
  suggestions?: string[];
  docsUrl: string;
}

export interface LintAnswer {
  root: string;
  filesChecked: number;
  errorCount: number;
  warningCount: number;
  /** The problems, in report order; at most the number asked for. */
  problems: Problem[];
  /** More problems were found than returned. */
  truncated: boolean;
}

export interface FixAnswer {
  /** Each file the fixes change, with its unified diff. */
  files: { file: string; patch: string }[];
  /** Whether the changes were written to disk. */
  written: boolean;
  /** What is left after the fixes. */
  remaining: LintAnswer;
}

export interface TextFixAnswer {
  fixedText: string;
  patch: string;
  remaining: LintAnswer;
}

export const DEFAULT_MAX_PROBLEMS = 200;

/** What a call brings besides its arguments: its client's cancellation, and where its progress goes. */
export interface CallOptions {
  /** Aborted when the client cancels the call (or the server closes). */
  signal?: AbortSignal;
  /** A step of the call's work, for the client's progress display. */
  progress?: (message: string) => void;
}

/** How many files the index build reads between two progress messages. */
const INDEX_PROGRESS_EVERY = 100;

/** `promise`, or the signal's reason as soon as it is aborted (the work goes on for whoever else waits on it). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** An unsaved text as the engine takes it: without the byte order mark a decoded file would not have. */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function problemOf(diagnostic: Diagnostic): Problem {
  return {
    file: diagnostic.file,
    line: diagnostic.line,
    column: diagnostic.column,
    endLine: diagnostic.endLine,
    endColumn: diagnostic.endColumn,
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.suggestion ? { suggestion: diagnostic.suggestion } : {}),
    fixable: diagnostic.fix !== undefined,
    ...(diagnostic.suggestions?.length
      ? { suggestions: diagnostic.suggestions.map((suggestion) => suggestion.desc) }
      : {}),
    docsUrl: docsUrlOf(diagnostic.ruleId),
  };
}

export class LintService {
  private readonly lock = new ReadWriteLock();
  /** The disk checks of the calls, one at a time: a check may load the settings again. */
  private checking: Promise<unknown> = Promise.resolve();
  /** How many times a disk check loaded the settings again (a call under way then runs again). */
  private reloads = 0;
  private warming: Promise<void> | undefined;
  /** Progress of the calls waiting for the index, told how many files it has read. */
  private readonly indexWatchers = new Set<(filesRead: number) => void>();

  private constructor(
    readonly root: string,
    readonly project: LiveProject,
    private readonly onIndexed: (cacheUse: string) => void,
  ) {}

  /**
   * Opens the repository and starts building its index, so that the first call waits less.
   * `onIndexed` hears, after each build of the index, how much of it the on-disk cache answered.
   */
  static async open(
    root: string,
    services: ProjectServices,
    options: { reportUnusedDisables?: boolean; onIndexed?: (cacheUse: string) => void } = {},
  ): Promise<LintService> {
    const service = new LintService(
      root,
      await LiveProject.open(root, services, options),
      options.onIndexed ?? (() => {}),
    );
    // A failure here (an invalid config) is the answer of the first call, which tries again.
    service.indexed({}).catch(() => undefined);
    return service;
  }

  lint(patterns: readonly string[], maxProblems = DEFAULT_MAX_PROBLEMS, call: CallOptions = {}): Promise<LintAnswer> {
    return this.run('shared', call, async () => {
      const targets = this.targetsOf(patterns);
      const result = await this.project.lint(targets, this.engine(call));
      return this.answer(targets.length, result.diagnostics, maxProblems);
    });
  }

  lintText(
    file: string,
    text: string,
    maxProblems = DEFAULT_MAX_PROBLEMS,
    call: CallOptions = {},
  ): Promise<LintAnswer> {
    return this.run('shared', call, async () => {
      const target = this.lintableFile(file);
      const result = await this.project.lint([target], this.engine(call, new Map([[target, withoutBom(text)]])), [
        target,
      ]);
      return this.answer(1, result.diagnostics, maxProblems);
    });
  }

  fixFiles(
    patterns: readonly string[],
    apply: boolean,
    maxProblems = DEFAULT_MAX_PROBLEMS,
    call: CallOptions = {},
  ): Promise<FixAnswer> {
    // Only a call that writes needs the repository to itself.
    return this.run(apply ? 'exclusive' : 'shared', call, async () => {
      const targets = this.targetsOf(patterns);
      const fixed = await lintWithFixes(this.project.source(targets), this.engine(call), true);
      if (apply) await writeFixes(fixed, this.root);
      const files = fixedFiles(fixed);
      const patches = fixPatches(fixed);
      return {
        files: files.map((file, index) => ({ file, patch: patches[index]! })),
        written: apply && files.length > 0,
        remaining: this.answer(targets.length, fixed.result.diagnostics, maxProblems),
      };
    });
  }

  fixText(
    file: string,
    text: string,
    maxProblems = DEFAULT_MAX_PROBLEMS,
    call: CallOptions = {},
  ): Promise<TextFixAnswer> {
    return this.run('shared', call, async () => {
      const target = this.lintableFile(file);
      const fixed: FixedLint = await lintWithFixes(
        this.project.source([target], [target]),
        this.engine(call, new Map([[target, withoutBom(text)]])),
        true,
      );
      const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
      const changed = fixedFiles(fixed).includes(target) ? fixed.texts.get(target) : undefined;
      return {
        fixedText: changed === undefined ? text : bom + changed,
        patch: fixPatches(fixed)[0] ?? '',
        remaining: this.answer(1, fixed.result.diagnostics, maxProblems),
      };
    });
  }

  /** The rules in force at the root, by id, with their severity: the settings only, so it never waits for a lint. */
  severitiesAtRoot(): Promise<Map<string, 'error' | 'warn'>> {
    return this.lock.shared(async () => {
      await this.settled();
      return new Map(
        this.project
          .engineOptions()
          .settings.base()
          .map((enabled) => [enabled.rule.id, enabled.severity]),
      );
    });
  }

  /**
   * Work of another tool that only reads the repository (the inventories, which open it on their
   * own): it runs alongside the other calls that read, and a call that writes waits for it.
   */
  whileReading<T>(call: CallOptions, work: () => Promise<T>): Promise<T> {
    return this.lock.shared(async () => {
      call.signal?.throwIfAborted();
      return work();
    });
  }

  /** Stops the index build under way. */
  close(): Promise<void> {
    return this.project.close();
  }

  /**
   * A call's work, on the disk as it is now, the settings valid and every file indexed. When a
   * config file changed under it (another call's disk check loaded the settings again, which stops
   * the runners it used), it runs once more on the new settings.
   */
  private run<T>(mode: 'shared' | 'exclusive', call: CallOptions, work: () => Promise<T>): Promise<T> {
    return this.lock[mode](async () => {
      for (let attempt = 1; ; attempt++) {
        call.signal?.throwIfAborted();
        await this.settled();
        await this.indexed(call);
        const reloads = this.reloads;
        try {
          return await work();
        } catch (error) {
          if (attempt === 1 && this.reloads !== reloads && !call.signal?.aborted) continue;
          throw error;
        }
      }
    });
  }

  /** Checks the disk (after the checks of earlier calls) and throws the config's error, if any. */
  private async settled(): Promise<void> {
    const check = this.checking.then(async () => {
      if ((await this.project.verifyDisk()).configReloaded) this.reloads++;
    });
    this.checking = check.catch(() => undefined);
    await check;
    if (this.project.settingsError !== undefined) throw this.project.settingsError;
  }

  private async indexed(call: CallOptions): Promise<void> {
    if (this.project.settingsError !== undefined) throw this.project.settingsError;
    if (!this.project.isIndexed) call.progress?.('Reading the repository (the first call builds its index)');
    const watcher = (filesRead: number): void => call.progress?.(`Read ${filesRead} files of the repository`);
    this.indexWatchers.add(watcher);
    try {
      while (!this.project.isIndexed) {
        this.warming ??= this.warmUp();
        await unlessAborted(this.warming, call.signal);
        if (this.project.settingsError !== undefined) throw this.project.settingsError;
      }
    } finally {
      this.indexWatchers.delete(watcher);
    }
  }

  private warmUp(): Promise<void> {
    let filesRead = 0;
    const counted = (): void => {
      if (++filesRead % INDEX_PROGRESS_EVERY === 0) for (const watcher of this.indexWatchers) watcher(filesRead);
    };
    return this.project
      .warmUp(counted)
      .then(() => {
        if (this.project.isIndexed) this.onIndexed(this.project.describeCacheUse());
      })
      .finally(() => {
        this.warming = undefined;
      });
  }

  /** The project's engine options for one call: its texts, its cancellation, and its progress at each phase. */
  private engine(call: CallOptions, overrides?: ReadonlyMap<string, string>): LintProjectOptions {
    const engine = this.project.engineOptions();
    const runPhase1 = engine.runPhase1!;
    return {
      ...engine,
      ...(overrides ? { overrides } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
      runPhase1: async (jobs, source, options) => {
        call.progress?.(`Analysing ${jobs.length} ${jobs.length === 1 ? 'file' : 'files'}`);
        const analyses = await runPhase1(jobs, source, options);
        call.progress?.('Checking links, anchors and terms across the repository');
        return analyses;
      },
    };
  }

  /** The project files that the paths (files, folders, globs) name; a path that names none is an error. */
  private targetsOf(patterns: readonly string[]): string[] {
    const confined = confinePaths(this.root, patterns);
    const files = this.project.projectFiles();
    confined.forEach((pattern, index) => {
      if (!files.some(pathArgumentMatcher(this.root, this.root, [pattern]))) {
        throw new UsageError(
          `No Markdown file to lint matches "${patterns[index]}": it does not exist, or the config's files and ignore globs leave it out.`,
        );
      }
    });
    return files.filter(pathArgumentMatcher(this.root, this.root, confined));
  }

  private lintableFile(file: string): string {
    const target = confinePath(this.root, file);
    if (isDynamicPattern(file) || target === '')
      throw new UsageError(
        `"${file}" is not a file path: give the path the text belongs to, relative to the repository root.`,
      );
    if (!this.project.isLintable(target))
      throw new UsageError(
        `"${file}" is not a Markdown file the config lints (its files and ignore globs leave it out).`,
      );
    return target;
  }

  private answer(filesChecked: number, diagnostics: readonly Diagnostic[], maxProblems: number): LintAnswer {
    const errorCount = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    return {
      root: this.root,
      filesChecked,
      errorCount,
      warningCount: diagnostics.length - errorCount,
      problems: diagnostics.slice(0, maxProblems).map(problemOf),
      truncated: diagnostics.length > maxProblems,
    };
  }
}
