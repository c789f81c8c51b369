/**
 * What the MCP server's lint and fix tools do, without the protocol: lint files of the repository
 * or an unsaved text for a path, and preview or apply the certain fixes. The repository stays
 * open between calls (LiveProject): the disk is checked at each call (an agent edits files between
 * them and no watcher tells us), and only files that changed are analysed again.
 *
 * Answers come after the first index of the whole repository is built, so that cross-document
 * checks are complete from the first answer on. Calls run one at a time: an unsaved text put in
 * place for one call is never seen by another.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import { fixedFiles, fixPatches, lintWithFixes, writeFixes, type FixedLint } from '../fixes/fix-passes.js';
import { LiveProject, type ProjectServices } from '../lsp/live-project.js';
import { docsUrlOf } from '../lsp/protocol-diagnostics.js';
import { pathArgumentMatcher } from '../project/project-files.js';
import { isDynamicPattern } from 'globby';
import { confinePath } from './repository-paths.js';

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
  private queue: Promise<unknown> = Promise.resolve();
  private warming: Promise<void> | undefined;
  private textVersion = 0;

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
    service.indexed().catch(() => undefined);
    return service;
  }

  lint(patterns: readonly string[], maxProblems = DEFAULT_MAX_PROBLEMS): Promise<LintAnswer> {
    return this.exclusive(async () => {
      await this.fresh();
      const targets = this.targetsOf(patterns);
      return this.answer(targets.length, (await this.project.lint(targets)).diagnostics, maxProblems);
    });
  }

  lintText(file: string, text: string, maxProblems = DEFAULT_MAX_PROBLEMS): Promise<LintAnswer> {
    return this.exclusive(async () => {
      await this.fresh();
      const target = this.lintableFile(file);
      const result = await this.withText(target, text, () => this.project.lint([target]));
      return this.answer(1, result.diagnostics, maxProblems);
    });
  }

  fixFiles(patterns: readonly string[], apply: boolean, maxProblems = DEFAULT_MAX_PROBLEMS): Promise<FixAnswer> {
    return this.exclusive(async () => {
      await this.fresh();
      const targets = this.targetsOf(patterns);
      const fixed = await this.fixed(targets);
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

  fixText(file: string, text: string, maxProblems = DEFAULT_MAX_PROBLEMS): Promise<TextFixAnswer> {
    return this.exclusive(async () => {
      await this.fresh();
      const target = this.lintableFile(file);
      const fixed = await this.withText(target, text, () => this.fixed([target]));
      const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
      const changed = fixed.texts.get(target);
      return {
        fixedText: changed === undefined ? text : bom + changed,
        patch: fixPatches(fixed)[0] ?? '',
        remaining: this.answer(1, fixed.result.diagnostics, maxProblems),
      };
    });
  }

  /** The rules in force at the root, by id, with their severity. */
  async severitiesAtRoot(): Promise<Map<string, 'error' | 'warn'>> {
    return this.exclusive(async () => {
      await this.fresh();
      return new Map(
        this.project
          .engineOptions()
          .settings.base()
          .map((enabled) => [enabled.rule.id, enabled.severity]),
      );
    });
  }

  /** Stops the index build under way. */
  close(): Promise<void> {
    return this.project.close();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The disk as it is now, the settings valid, and every file indexed. */
  private async fresh(): Promise<void> {
    await this.project.verifyDisk();
    await this.indexed();
  }

  private async indexed(): Promise<void> {
    if (this.project.settingsError !== undefined) throw this.project.settingsError;
    while (!this.project.isIndexed) {
      this.warming ??= this.project
        .warmUp()
        .then(() => {
          if (this.project.isIndexed) this.onIndexed(this.project.describeCacheUse());
        })
        .finally(() => {
          this.warming = undefined;
        });
      await this.warming;
      if (this.project.settingsError !== undefined) throw this.project.settingsError;
    }
  }

  /** The project files that the paths (files, folders, globs) name; a path that names none is an error. */
  private targetsOf(patterns: readonly string[]): string[] {
    const confined = patterns.map((pattern) => confinePath(this.root, pattern));
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

  /** Runs `work` with `text` in place of the file's content, then puts the disk's back. */
  private async withText<T>(file: string, text: string, work: () => Promise<T>): Promise<T> {
    this.project.setDocument(file, text, ++this.textVersion);
    try {
      return await work();
    } finally {
      this.project.closeDocument(file);
    }
  }

  private fixed(targets: readonly string[]): Promise<FixedLint> {
    return lintWithFixes(this.project.source(targets), this.project.engineOptions(), true);
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
