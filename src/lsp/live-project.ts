/**
 * One repository kept open between runs: its configuration, its paths, the texts an editor (or
 * an agent) holds that differ from the disk, and the phase-1 result of every file (AnalysisMemo).
 * A run after an edit re-analyses only what changed and re-runs the project rules over the whole
 * index, so the language server, the MCP server and `--watch` answer in the time one file takes.
 *
 * The project is the whole repository, as for `agentops-lint` run at the root: the diagnostics of
 * a file are the ones that run reports for it. Until the first index of every file is built
 * (warmUp), runs read the targets and the files they link to, as a run on named files does.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import { repositoryPathsFromFiles, repositoryPathsWith, type RepositoryPaths } from '../core/facts.js';
import type { Rule } from '../core/rule.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import {
  lintProject,
  runPhase1Sequentially,
  type LintProjectOptions,
  type LintProjectResult,
  type Phase1Job,
  type Phase1Runner,
  type ProjectSource,
  type RepositoryUrlSource,
} from '../engine/lint-project.js';
import { maxFileBytes, readFileWithinLimit } from '../engine/file-limits.js';
import { GUARDED_FILE_BYTES } from '../engine/phase1-pool.js';
import { FixVerdicts, settleVerifiedFixes } from '../fixes/verify-fixes.js';
import { listRepositoryPaths } from '../project/discover.js';
import { gitRenames } from '../project/git-renames.js';
import { selectProjectFiles } from '../project/project-files.js';
import { AnalysisMemo } from './analysis-memo.js';

/** A Phase1Runner for many files at once (worker threads), and how to stop it. */
export interface BulkRunner {
  run: Phase1Runner;
  close(): Promise<void>;
}

/**
 * The on-disk cache of per-file results that `lint` keeps, as a project uses it: around the first
 * index and every run until that index is built (the open documents' first runs), so that a
 * restart parses no unchanged file again. After the index, the in-memory memo answers.
 */
export interface DiskCache {
  wrap(inner: Phase1Runner): Phase1Runner;
  /** Lookups so far: answered from the cache, and analysed (parsed) instead. */
  stats(): { fromCache: number; analysed: number };
  /** Writes what changed; a failure is reported, never thrown. */
  save(): Promise<void>;
}

/** "52 files from the cache, 0 analysed": for the servers' logs, and for tests that a restart parses nothing. */
export function describeCacheUse(cache: DiskCache | undefined): string {
  if (!cache) return 'no cache';
  const { fromCache, analysed } = cache.stats();
  return `${fromCache} ${fromCache === 1 ? 'file' : 'files'} from the cache, ${analysed} analysed`;
}

/** The configuration of a repository as the engine needs it. */
export interface ProjectSettings {
  /** The rules in force for each file. */
  settings: LintProjectOptions['settings'];
  /** Whether a root-relative path is a file the project lints: Markdown by its config, ignored by none. */
  isProjectFile(file: string): boolean;
  /** Whether a root-relative path is Markdown by its config (for files reached through links). */
  isMarkdown(file: string): boolean;
  /** Phase 1 for the first index of the whole repository (worker threads); the default runs on this thread. */
  createBulkRunner?(): BulkRunner;
  /**
   * Phase 1 for the runs after each edit, on a worker under the per-file time budget, never on this
   * thread: one big or crafted page can neither hold the server past its budget nor block requests
   * while it is parsed. Each call starts a runner of its own (a large open document gets one, so
   * that its analysis can be stopped when a newer version supersedes it). The default runs here.
   */
  createEditRunner?(): BulkRunner;
  /** The on-disk cache, when the server keeps one (the default; not with --no-cache). */
  diskCache?: DiskCache;
  /** The repository's own URLs (git remotes and the config's repositoryUrls), read again on each reload. */
  repositoryUrls?(): Promise<RepositoryUrlSource | undefined>;
}

/**
 * What the command line hands the servers: they name no rule and load no config themselves, so
 * the rule list and the config resolution stay where the CLI keeps them.
 */
export interface ProjectServices {
  rules: ReadonlyMap<string, Rule>;
  /** The settings for a repository root; throws ConfigError or UsageError when the config is wrong. */
  loadSettings(root: string): ProjectSettings;
}

export interface LiveProjectOptions {
  /** Report control comments that silenced nothing. */
  reportUnusedDisables?: boolean;
}

/** A change on disk, as a watcher reports it (root-relative path). */
export interface DiskChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

/** What a batch of disk changes touched besides file contents. */
export interface DiskChangeEffect {
  /** A config file changed: the settings were loaded again (and the index is rebuilt). */
  configReloaded: boolean;
  /**
   * Whether a lint could now say something else: a file came or went, or a Markdown, config or
   * .gitignore file changed. The content of any other file (a report written into the
   * repository) matters to no rule, since links only ask whether a path exists.
   */
  relevant: boolean;
}

interface OpenDocument {
  text: string;
  version: number;
}

/**
 * Open documents larger than this are analysed outside the runs, each on a runner of its own
 * (analyseInBackground): a run does not wait for them, and a newer version stops the analysis of
 * the older one instead of queueing behind it. Smaller ones take milliseconds: runs analyse them.
 */
export const LARGE_DOCUMENT_BYTES = GUARDED_FILE_BYTES;

/** The analysis of one version of a large open document, on its own runner. */
interface DocumentAnalysis {
  version: number;
  runner: BulkRunner;
  /** Resolves with the analysis, or with undefined when it was superseded or the project closed. */
  done: Promise<FileAnalysis | undefined>;
  /** The analysis once done (kept even when it crashed or ran out of time, so that it is not started again). */
  result?: FileAnalysis;
}

/** Files whose change alters which paths exist or are ignored, not only one file's facts. */
const LISTING_FILES = new Set(['.gitignore']);
const CONFIG_FILES = new Set<string>([...CONFIG_FILE_NAMES, 'package.json']);

const encoder = new TextEncoder();

async function diskStamp(file: string): Promise<string> {
  const stat = await fs.stat(file, { bigint: true });
  return `disk:${stat.mtimeNs}:${stat.size}`;
}

export class LiveProject {
  private current: ProjectSettings | undefined;
  private loadError: unknown;
  private listed: RepositoryPaths = repositoryPathsFromFiles([]);
  private renames: ReadonlyMap<string, string> = new Map();
  private repository: RepositoryUrlSource | undefined;
  private readonly documents = new Map<string, OpenDocument>();
  /** Stamp of each file's content on disk as last read; dropped when the file is known to have changed. */
  private readonly diskStamps = new Map<string, string>();
  private readonly readStamps = new Map<string, string>();
  /** Stamps of the config files when the settings were loaded (verifyDisk compares them). */
  private configStamps = new Map<string, string>();
  private readonly memo: AnalysisMemo;
  private cachedPaths: RepositoryPaths | undefined;
  private cachedProjectFiles: string[] | undefined;
  private isProjectFile: (file: string) => boolean = () => false;
  private needsListing = false;
  private indexed = false;
  /** Bumped when the settings are loaded again: a warm-up of an older generation is discarded. */
  private generation = 0;
  private warmUpRunner: BulkRunner | undefined;
  /** The runner of lint() runs for the current settings (createEditRunner), started when first needed. */
  private editRunner: BulkRunner | undefined;
  /** Verdicts on fixes that must be checked against the rest of their file, kept while the file's text is the same. */
  private readonly verdicts = new FixVerdicts();
  /** Large open documents analysed outside the runs, by root-relative path (see LARGE_DOCUMENT_BYTES). */
  private readonly documentAnalyses = new Map<string, DocumentAnalysis>();

  private constructor(
    readonly root: string,
    private readonly services: ProjectServices,
    private readonly options: LiveProjectOptions,
  ) {
    this.memo = new AnalysisMemo(
      {
        current: (file) => {
          const document = this.documents.get(file);
          return document ? `open:${document.version}` : this.diskStamps.get(file);
        },
        lastRead: (file) => this.readStamps.get(file),
      },
      (job) => this.answerFromDocumentAnalysis(job),
    );
  }

  /** Loads the settings and lists the repository. A config error does not throw: lint() does (see settingsError). */
  static async open(root: string, services: ProjectServices, options: LiveProjectOptions = {}): Promise<LiveProject> {
    const project = new LiveProject(root, services, options);
    await project.reload();
    return project;
  }

  /** The error that keeps this project from linting (an invalid config), if any. */
  get settingsError(): unknown {
    return this.loadError;
  }

  /** Whether every project file has been analysed once (cross-document checks see the whole repository). */
  get isIndexed(): boolean {
    return this.indexed;
  }

  get memoStats(): AnalysisMemo['stats'] {
    return this.memo.stats;
  }

  /** Loads the settings and lists the paths again, and forgets every analysis (they depend on the rules in force). */
  async reload(): Promise<void> {
    this.generation++;
    await this.stopDocumentAnalyses();
    await this.warmUpRunner?.close();
    this.warmUpRunner = undefined;
    await this.closeEditRunner();
    this.memo.clear();
    this.indexed = false;
    // Listing the paths, git's renames and the repository's URLs wait on the file system and on
    // git: they go at once, while this thread loads the configs (a start waits for all of them).
    const listed = Promise.all([this.listPaths(), gitRenames(this.root)]);
    let loaded: { current: ProjectSettings; repository: Promise<RepositoryUrlSource | undefined> } | undefined;
    let loadError: unknown;
    try {
      const current = this.services.loadSettings(this.root);
      const repository = Promise.resolve(current.repositoryUrls?.());
      // Awaited below, after the listing: a failure meanwhile is not an unhandled rejection.
      repository.catch(() => {});
      loaded = { current, repository };
    } catch (error) {
      loadError = error;
    }
    [, this.renames] = await listed;
    this.configStamps = await this.stampConfigFiles();
    try {
      if (!loaded) throw loadError;
      const { current } = loaded;
      this.current = current;
      this.isProjectFile = (file) => current.isProjectFile(file);
      // Selecting the project's files loads every config in force (one a folder): a broken one shows now.
      this.pathsChanged();
      this.projectFiles();
      current.settings.base();
      this.repository = await loaded.repository;
      this.loadError = undefined;
    } catch (error) {
      this.current = undefined;
      this.loadError = error;
      this.isProjectFile = () => false;
      this.pathsChanged();
    }
  }

  /** Whether `file` (root-relative) is linted: a Markdown file by the config's globs, not ignored. */
  isLintable(file: string): boolean {
    return this.isProjectFile(file);
  }

  /** The text an editor holds for a file replaces the disk's until it is closed. */
  setDocument(file: string, text: string, version: number): void {
    const known = this.documents.has(file);
    this.documents.set(file, { text, version });
    if (!known) this.pathsChanged();
  }

  closeDocument(file: string): void {
    if (!this.documents.delete(file)) return;
    void this.stopDocumentAnalysis(file);
    this.diskStamps.delete(file);
    this.pathsChanged();
  }

  /** Root-relative paths of the texts held in place of the disk's. */
  documentPaths(): string[] {
    return [...this.documents.keys()];
  }

  /** Takes in changes on disk: files that came or went (the paths are listed again), contents, configs. */
  async diskChanged(changes: readonly DiskChange[]): Promise<DiskChangeEffect> {
    let configChanged = false;
    let relevant = false;
    for (const change of changes) {
      const name = path.posix.basename(change.path);
      if (CONFIG_FILES.has(name)) configChanged = true;
      if (change.kind !== 'changed' || LISTING_FILES.has(name)) this.needsListing = true;
      relevant ||=
        change.kind !== 'changed' ||
        CONFIG_FILES.has(name) ||
        LISTING_FILES.has(name) ||
        this.diskStamps.has(change.path) ||
        this.isMarkdownPath(change.path);
      this.forgetDiskContent(change.path);
      // A deleted folder is one event: everything under it goes.
      if (change.kind === 'deleted')
        for (const known of [...this.diskStamps.keys()])
          if (known.startsWith(`${change.path}/`)) this.forgetDiskContent(known);
    }
    if (configChanged) await this.reload();
    else await this.listIfNeeded();
    return { configReloaded: configChanged, relevant };
  }

  /**
   * Checks the disk instead of trusting a watcher: lists the paths again, loads the settings again
   * when a config file changed, and compares the stamp of every file read so far (for callers that
   * get no change events, such as the MCP server).
   */
  async verifyDisk(): Promise<DiskChangeEffect> {
    const before = this.listed.files;
    await this.listPaths();
    const pathsChanged =
      before.size !== this.listed.files.size || [...before].some((file) => !this.listed.files.has(file));
    const configStamps = await this.stampConfigFiles();
    if (JSON.stringify([...configStamps]) !== JSON.stringify([...this.configStamps])) {
      await this.reload();
      return { configReloaded: true, relevant: true };
    }
    const files = [...this.diskStamps.keys()];
    const stamps = await Promise.all(files.map((file) => diskStamp(path.join(this.root, file)).catch(() => undefined)));
    let relevant = pathsChanged;
    files.forEach((file, index) => {
      if (stamps[index] === this.diskStamps.get(file)) return;
      this.forgetDiskContent(file);
      relevant = true;
    });
    return { configReloaded: false, relevant };
  }

  /** The stamp of every config file in the repository (any of them may be in force for some folder). */
  private async stampConfigFiles(): Promise<Map<string, string>> {
    const files = [...this.listed.files].filter((file) => CONFIG_FILES.has(path.posix.basename(file))).sort();
    const stamps = await Promise.all(files.map((file) => diskStamp(path.join(this.root, file)).catch(() => 'gone')));
    return new Map(files.map((file, index) => [file, stamps[index]!]));
  }

  /** Root-relative Markdown files of the project, sorted (open documents included). */
  projectFiles(): string[] {
    if (!this.cachedProjectFiles) this.cachedProjectFiles = selectProjectFiles(this.paths(), this.isProjectFile);
    return this.cachedProjectFiles;
  }

  /**
   * Builds the index of every project file, on worker threads when there are many: until it is
   * done, runs see only their targets and the files those link to. Open documents are left to the
   * runs, which analyse their latest text. `onFileRead` is called once a file, for progress.
   * The on-disk cache, if any, answers what it can and is saved once the index is built.
   */
  async warmUp(onFileRead?: () => void): Promise<void> {
    const settings = this.settings();
    const generation = this.generation;
    const jobs = this.projectFiles()
      .filter((file) => !this.documents.has(file) && !this.memo.has(file))
      .map((file) => ({ path: file, factsOnly: false }));
    const runner: BulkRunner = settings.createBulkRunner?.() ?? { run: runPhase1Sequentially, close: async () => {} };
    this.warmUpRunner = runner;
    const source = this.source([]);
    const counted: ProjectSource = onFileRead
      ? { ...source, read: (file) => source.read(file).finally(onFileRead) }
      : source;
    try {
      await this.memo.wrap(settings.diskCache ? settings.diskCache.wrap(runner.run) : runner.run)(
        jobs,
        counted,
        this.engineOptions(),
      );
    } catch (error) {
      // reload() stopped the runner: that warm-up is void, the next one is under way.
      if (generation !== this.generation) return;
      throw error;
    } finally {
      await runner.close();
      if (this.warmUpRunner === runner) this.warmUpRunner = undefined;
    }
    if (generation !== this.generation) return;
    this.indexed = true;
    await settings.diskCache?.save();
  }

  /** How much of the analysis so far the on-disk cache answered (for the servers' logs). */
  describeCacheUse(): string {
    return describeCacheUse(this.current?.diskCache);
  }

  /**
   * Lints `targets` (root-relative, lintable files) in the context of the project. Fixes that must
   * be checked against the rest of their file are settled, as the fix step settles them for a
   * report: every `fix` in the result is one `--fix` would apply. A caller may pass engine options
   * of its own (engineOptions() with a signal, texts for this run) and the `unsaved` files among them.
   */
  async lint(
    targets: readonly string[],
    engine: LintProjectOptions = this.engineOptions(),
    unsaved: readonly string[] = [],
  ): Promise<LintProjectResult> {
    await this.listIfNeeded();
    return settleVerifiedFixes(await lintProject(this.source(targets, unsaved), engine), engine, this.verdicts);
  }

  /**
   * The project as the engine reads it, with these targets (fix passes run lintProject on it).
   * `unsaved` are files that exist only as texts handed to this run (`overrides`): they count as
   * existing paths and project files for this run alone (the MCP server's lint_text).
   */
  source(targets: readonly string[], unsaved: readonly string[] = []): ProjectSource {
    const settings = this.settings();
    const paths = repositoryPathsWith(this.paths(), unsaved);
    const added = unsaved.filter((file) => !this.paths().files.has(file));
    return {
      targets: [...targets].sort(),
      // A large open document whose first analysis is under way joins the index when it is done.
      projectFiles: !this.indexed
        ? [...targets]
        : [...this.projectFiles().filter((file) => !this.isUnknownYet(file)), ...added].sort(),
      paths,
      renames: this.renames,
      read: (file) => this.read(file),
      isMarkdown: (file) => settings.isMarkdown(file),
    };
  }

  /** The engine's options: phase 1 answered from the memo where it can. */
  engineOptions(): LintProjectOptions {
    const settings = this.settings();
    // Until the index is built, runs read unchanged files from the disk cache (a restart parses
    // nothing again); afterwards the memo holds every file, and edits are never worth caching.
    const diskCache = this.indexed ? undefined : settings.diskCache;
    return {
      settings: settings.settings,
      rules: this.services.rules,
      reportUnusedDisables: this.options.reportUnusedDisables ?? false,
      runPhase1: this.memo.wrap(diskCache ? diskCache.wrap(this.editPhase1()) : this.editPhase1()),
      ...(this.repository ? { repository: this.repository } : {}),
    };
  }

  /** The latest analysis of a file (its facts: headings, control comments), if it has been analysed. */
  analysisOf(file: string): FileAnalysis | undefined {
    return this.memo.latest(file);
  }

  /**
   * Whether lint() may take an open document as a target without waiting for its analysis: it is
   * small, or its current version's analysis is done. A large one is analysed in the background
   * (analyseInBackground) and left out of the runs until then.
   */
  isReadyToLint(file: string): boolean {
    const document = this.documents.get(file);
    if (!document || document.text.length <= LARGE_DOCUMENT_BYTES) return true;
    if (this.memo.lookup({ path: file, factsOnly: false })) return true;
    const analysis = this.documentAnalyses.get(file);
    return analysis?.version === document.version && analysis.result !== undefined;
  }

  /**
   * Analyses the current version of a large open document on a runner of its own, unless that is
   * done or under way. The analysis of an older version under way is stopped (its worker ends): a
   * newer version supersedes it instead of queueing behind it. Resolves with true once this
   * version's analysis is done (a run can then take the document), false when it was superseded.
   */
  analyseInBackground(file: string): Promise<boolean> {
    const document = this.documents.get(file);
    if (!document) return Promise.resolve(false);
    const known = this.documentAnalyses.get(file);
    if (known?.version === document.version) return known.done.then((analysis) => analysis !== undefined);
    if (known) void this.stopDocumentAnalysis(file);
    const settings = this.settings();
    const runner: BulkRunner = settings.createEditRunner?.() ?? { run: runPhase1Sequentially, close: async () => {} };
    const { version, text } = document;
    const generation = this.generation;
    const source = this.source([file]);
    // The text of this version, even if a newer one arrives while it is analysed.
    const bytes = encoder.encode(text);
    const analysis: DocumentAnalysis = {
      version,
      runner,
      done: (async () => {
        const run = !this.indexed && settings.diskCache ? settings.diskCache.wrap(runner.run) : runner.run;
        const [result] = await run(
          [{ path: file, factsOnly: false }],
          { ...source, read: (path) => (path === file ? Promise.resolve(bytes) : source.read(path)) },
          this.engineOptions(),
        );
        return result;
      })()
        .catch((error: unknown) => {
          // Stopped because a newer version (or a reload, or close) superseded it: not an error.
          if (this.documentAnalyses.get(file) !== analysis || generation !== this.generation) return undefined;
          throw error;
        })
        .then((result) => {
          if (result === undefined || this.documentAnalyses.get(file) !== analysis || generation !== this.generation)
            return undefined;
          analysis.result = result;
          this.memo.store(file, `open:${version}`, result);
          return result;
        })
        .finally(() => runner.close()),
    };
    this.documentAnalyses.set(file, analysis);
    return analysis.done.then((result) => result !== undefined);
  }

  /** Stops the worker threads of a warm-up under way and of the runs on edits. */
  async close(): Promise<void> {
    this.generation++;
    await this.stopDocumentAnalyses();
    await this.warmUpRunner?.close();
    await this.closeEditRunner();
  }

  /** Phase 1 of lint() runs: the settings' edit runner, started on first use, else this thread. */
  private editPhase1(): Phase1Runner {
    return (jobs, source, options) => {
      const settings = this.settings();
      if (!settings.createEditRunner) return runPhase1Sequentially(jobs, source, options);
      this.editRunner ??= settings.createEditRunner();
      return this.editRunner.run(jobs, source, options);
    };
  }

  /**
   * A run's phase-1 answer for a large open document analysed in the background: its analysis once
   * done; while it is under way, the facts of its previous version (for other files' checks), or
   * the analysis under way itself when there is none, rather than a second analysis of the text.
   */
  private answerFromDocumentAnalysis(job: Phase1Job): FileAnalysis | Promise<FileAnalysis> | undefined {
    const analysis = this.documentAnalyses.get(job.path);
    const document = this.documents.get(job.path);
    if (!analysis || !document || analysis.version !== document.version) return undefined;
    if (analysis.result) return analysis.result;
    if (!job.factsOnly) return undefined;
    const previous = this.memo.latest(job.path);
    if (previous) return previous;
    // Superseded meanwhile: the next version's analysis answers (the document was closed: it is read as a file).
    return analysis.done.then(
      (result) =>
        result ??
        this.answerFromDocumentAnalysis(job) ??
        this.editPhase1()([job], this.source([]), this.engineOptions()).then(([only]) => only!),
    );
  }

  /** Whether a file's facts are not known yet: a large open document whose first analysis is under way. */
  private isUnknownYet(file: string): boolean {
    const analysis = this.documentAnalyses.get(file);
    return analysis !== undefined && analysis.result === undefined && this.memo.latest(file) === undefined;
  }

  private async stopDocumentAnalysis(file: string): Promise<void> {
    const analysis = this.documentAnalyses.get(file);
    if (!analysis) return;
    this.documentAnalyses.delete(file);
    await analysis.runner.close();
  }

  private async stopDocumentAnalyses(): Promise<void> {
    await Promise.all([...this.documentAnalyses.keys()].map((file) => this.stopDocumentAnalysis(file)));
  }

  private async closeEditRunner(): Promise<void> {
    const runner = this.editRunner;
    this.editRunner = undefined;
    await runner?.close();
  }

  private isMarkdownPath(file: string): boolean {
    try {
      return this.current?.isMarkdown(file) ?? false;
    } catch {
      // A config that cannot be read for this path: the reload it causes tells the rest.
      return false;
    }
  }

  private settings(): ProjectSettings {
    if (!this.current) throw this.loadError;
    return this.current;
  }

  private async read(file: string): Promise<Uint8Array> {
    const document = this.documents.get(file);
    if (document) {
      this.readStamps.set(file, `open:${document.version}`);
      return encoder.encode(document.text);
    }
    const absolute = path.join(this.root, file);
    // The stamp is taken before the read: a change in between leaves a stale stamp, never a wrong one.
    const stamp = await diskStamp(absolute);
    // Bounded, regular files inside the repository only, as the CLI reads (engine/file-limits.ts); the engine checks the limit again.
    const bytes = await readFileWithinLimit(absolute, maxFileBytes(undefined), this.root);
    this.readStamps.set(file, stamp);
    this.diskStamps.set(file, stamp);
    return bytes;
  }

  private forgetDiskContent(file: string): void {
    this.diskStamps.delete(file);
    this.readStamps.delete(file);
    if (!this.documents.has(file)) this.memo.forget(file);
  }

  private async listIfNeeded(): Promise<void> {
    if (this.needsListing) await this.listPaths();
  }

  private async listPaths(): Promise<void> {
    this.needsListing = false;
    this.listed = await listRepositoryPaths(this.root);
    this.pathsChanged();
    // Files that are gone take their analyses with them.
    for (const file of [...this.memo.paths()])
      if (!this.listed.files.has(file) && !this.documents.has(file)) this.forgetDiskContent(file);
  }

  private pathsChanged(): void {
    this.cachedPaths = undefined;
    this.cachedProjectFiles = undefined;
  }

  /** The listed paths plus the open documents (a new file exists for links once the editor has it). */
  private paths(): RepositoryPaths {
    if (this.cachedPaths) return this.cachedPaths;
    this.cachedPaths = repositoryPathsWith(this.listed, [...this.documents.keys()]);
    return this.cachedPaths;
  }
}
