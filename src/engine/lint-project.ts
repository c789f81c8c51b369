/**
 * The two phases over a set of files: phase 1 per file (analyzeBytes), then phase 2 over the
 * ProjectIndex (project rules: `check`, then the asynchronous `checkAsync` steps), then
 * suppressions, severities and the conversion of offsets to lines, once for every rule.
 */
import type { FileSettings, EnabledRule } from '../config/file-settings.js';
import { folderReadme } from '../links/resolve.js';
import { namedRefs, resolveLocalLink } from '../links/self-urls.js';
import { offsetToPoint } from '../markdown/parse.js';
import {
  formatMessage,
  type Location,
  type ProjectReportDescriptor,
  type ProjectRule,
  type ProjectRuleContext,
  type Rule,
  type RuleEnvironment,
} from '../core/rule.js';
import { closestMatches } from '../text/did-you-mean.js';
import {
  analyzeBytes,
  analyzeText,
  analyzeWithoutTree,
  locationRange,
  ruleCrashData,
  ruleCrashDiagnostic,
  toPending,
  tooLargeFile,
  unreadableFile,
  type FileAnalysis,
} from './analyze-file.js';
import { maxFileBytes } from './file-limits.js';
import { mapConcurrently } from '../core/concurrency.js';
import { compareDiagnostics, type Diagnostic, type PendingDiagnostic } from '../core/diagnostic.js';
import { SuppressionMap } from '../suppressions/control-comments.js';
import { capFindings, DEFAULT_MAX_FINDINGS_PER_RULE } from './findings-cap.js';
import { CONTROL_COMMENTS, ENGINE_RULES, RULE_CRASH } from '../core/engine-rules.js';
import type { FileFacts, ProjectIndex, RepositoryFacts, RepositoryPaths, RepositoryUrls } from '../core/facts.js';
import { readPlainTextFiles, type PlainTextFiles } from './plain-text-files.js';

export interface ProjectSource {
  /** Root-relative Markdown files whose problems are reported. */
  targets: readonly string[];
  /**
   * Every Markdown file of the project, read for its facts so that project rules see the whole
   * repository however few files are targets (the targets are among them). Defaults to every
   * Markdown path in `paths`.
   */
  projectFiles?: readonly string[];
  /**
   * More project files, chosen once the targets and projectFiles are analysed, from the targets'
   * facts: a run on named files that rules comparing documents across the repository need more
   * of (src/project/demanded-files.ts). `candidates` are the project files it may choose from.
   */
  demand?: ProjectDemand;
  paths: RepositoryPaths;
  renames?: ReadonlyMap<string, string>;
  /** Reads a root-relative file. */
  read(path: string): Promise<Uint8Array>;
  /** Which root-relative paths are Markdown (for context files reached through links). */
  isMarkdown(path: string): boolean;
  /**
   * Whether a file that is not Markdown is part of what the run checks (its path arguments name
   * it and no ignore list excludes it), so that rules searching plain-text files
   * (ProjectRule.plainTextFiles) read and report on it. Without it, no such file is read.
   */
  coversPlainText?(path: string): boolean;
}

export interface ProjectDemand {
  candidates: readonly string[];
  /**
   * A new selection for one lint (each fix pass, each state of a comparison starts afresh), reading
   * the candidates with `read` (the source's).
   */
  session(read: (path: string) => Promise<Uint8Array>, candidates: readonly string[]): DemandSession;
}

/**
 * The further files to analyse, from the targets' facts and those of the files chosen before
 * (`demanded`). Called again after each batch is analysed until it returns no new file.
 */
export type DemandSession = (
  targets: ReadonlyMap<string, FileFacts>,
  demanded: ReadonlyMap<string, FileFacts>,
) => Promise<readonly string[]>;

/** One file for phase 1: report problems (target) or only gather facts (context file). */
export interface Phase1Job {
  path: string;
  factsOnly: boolean;
}

/**
 * Runs phase 1 for a batch of files. The default runs them one after another on this thread; a
 * worker pool or a cache can stand in, as long as the results equal what the default returns.
 */
export type Phase1Runner = (
  jobs: readonly Phase1Job[],
  source: ProjectSource,
  options: LintProjectOptions,
) => Promise<FileAnalysis[]>;

/** The repository's own URLs (src/project/repository-urls.ts), the same for every lint of a run. */
export interface RepositoryUrlSource {
  urls: RepositoryUrls;
  /** Root-relative paths at a branch, tag or commit, read from git; undefined when git does not have it. */
  pathsAt(ref: string): Promise<RepositoryPaths | undefined>;
}

export interface LintProjectOptions {
  /**
   * The repository's own URLs: links written as them are checked as local links (links to the
   * default branch against the files, to another ref against git's tree of it). Project facts,
   * not a file's: both states of a comparison (--changed-since) share them.
   */
  repository?: RepositoryUrlSource;
  settings: Pick<FileSettings, 'forFile' | 'base'>;
  runPhase1?: Phase1Runner;
  rules: ReadonlyMap<string, Rule>;
  reportUnusedDisables?: boolean;
  /**
   * Only the project rules report on the targets (their file rules are skipped in phase 1): for
   * runs that ask how the rest of the repository affects files whose own text did not change.
   */
  projectRulesOnly?: boolean;
  /** Texts that replace what is on disk (fix passes, staged content). */
  overrides?: ReadonlyMap<string, string>;
  /**
   * Stops the run when aborted (a server's caller gave up on it): the run rejects with the
   * signal's reason, and a worker analysing one of its files is stopped and replaced.
   */
  signal?: AbortSignal;
  /**
   * The world outside the files for the asynchronous steps of project rules (`checkAsync`, the
   * network check of external links). Without it those steps do not run.
   */
  environment?: RuleEnvironment;
  /**
   * Leave the asynchronous steps for later: the result carries `runDeferredSteps`. For --fix
   * passes, whose results only feed the next pass; the steps then run once, on the last one.
   */
  deferAsyncSteps?: boolean;
  /**
   * The size limit of each file in bytes (its config's maxFileSizeMb). Bytes a source returns
   * beyond it (a git blob: the working tree's reader does not even read such a file) are reported
   * as file-read tooLarge instead of being parsed. Default: DEFAULT_MAX_FILE_SIZE_MB.
   */
  maxFileBytes?: (file: string) => number;
  /** At most this many findings of one rule are listed per file (findings-cap.ts). Default: DEFAULT_MAX_FINDINGS_PER_RULE. */
  maxFindingsPerRule?: (file: string) => number;
  /**
   * The path, relative to the root, of the config file in force at the root: where a project rule
   * that crashes is reported when the run lints no file.
   */
  configFile?: string;
}

export interface LintProjectResult {
  diagnostics: Diagnostic[];
  /** Phase-1 results of the target files, with their decoded text (for fixes). */
  analyses: Map<string, FileAnalysis>;
  /** A rule crashed somewhere: exit code 2. */
  crashed: boolean;
  /**
   * Problems of the whole run that no file can carry, as messages: a project rule that crashed in
   * a run that lints no file and has no config file. The caller prints them (on stderr).
   */
  runProblems: string[];
  /**
   * Present when asynchronous steps were deferred (deferAsyncSteps) and an enabled rule has one:
   * runs them on this result's files and returns the complete result.
   */
  runDeferredSteps?: () => Promise<LintProjectResult>;
}

/**
 * What phase 1 starts a file from: the text that replaces it, its bytes, or the read problem that
 * ends it. The one place a file's input is read, on this thread or for a worker (phase1-pool.ts).
 */
export async function phase1Input(
  path: string,
  source: ProjectSource,
  options: LintProjectOptions,
): Promise<{ text: string } | { bytes: Uint8Array } | { problem: FileAnalysis }> {
  const override = options.overrides?.get(path);
  if (override !== undefined) return { text: override };
  let bytes: Uint8Array;
  try {
    bytes = await source.read(path);
  } catch (error) {
    return { problem: unreadableFile(path, error) };
  }
  const tooLarge = overSizeLimit(path, bytes, options);
  return tooLarge ? { problem: tooLarge } : { bytes };
}

export async function analyzeOne(
  path: string,
  source: ProjectSource,
  options: LintProjectOptions,
  factsOnly: boolean,
): Promise<FileAnalysis> {
  const enabled = options.settings.forFile(path);
  const input = await phase1Input(path, source, options);
  if ('problem' in input) return input.problem;
  return 'text' in input
    ? analyzeText(path, input.text, enabled, factsOnly)
    : analyzeBytes(path, input.bytes, enabled, factsOnly);
}

/** The file-read problem of bytes over the file's size limit, or undefined when they are within it. */
function overSizeLimit(path: string, bytes: Uint8Array, options: LintProjectOptions): FileAnalysis | undefined {
  const limit = options.maxFileBytes?.(path) ?? maxFileBytes(undefined);
  return bytes.length > limit ? tooLargeFile(path, bytes.length, limit) : undefined;
}

/** Markdown files that analysed files link to but that were not analysed: read for their facts only. */
function linkedContextFiles(
  analyses: Iterable<FileAnalysis>,
  source: ProjectSource,
  known: ReadonlySet<string>,
  repository: RepositoryFacts | undefined,
): string[] {
  const result = new Set<string>();
  for (const analysis of analyses) {
    for (const link of analysis.facts?.links ?? []) {
      const target = resolveLocalLink(analysis.path, link.url, repository);
      if (!target || target.escapesRoot) continue;
      const candidate = source.paths.directories.has(target.path)
        ? folderReadme(source.paths, target.path)
        : target.path;
      if (
        candidate !== undefined &&
        !known.has(candidate) &&
        source.paths.files.has(candidate) &&
        source.isMarkdown(candidate)
      )
        result.add(candidate);
    }
  }
  return [...result].sort();
}

/**
 * The rules in force where a project rule reports. Existing files are reported only when they are
 * linted (the others are context). A path that is not a file of the repository (a required file
 * that is missing, a folder) is about the repository itself: it is reported whenever the rule is
 * on for that path, so a missing file cannot pass just because nothing was there to lint.
 */
function reportableSettings(file: string, state: ProjectState, options: LintProjectOptions): EnabledRule[] | undefined {
  if (state.index.targets.has(file)) return state.targetSettings.get(file);
  // A plain-text file a rule searched (plainTextFiles) is checked like a target.
  if (state.index.paths.files.has(file) && !state.plainTexts.files.has(file)) return undefined;
  return options.settings.forFile(file);
}

interface ActiveProjectRule {
  rule: ProjectRule;
  /** The options of the files this run of the rule reports on (ProjectRuleContext.options). */
  options: unknown;
  /** Those options as a key: a report on a file whose options have another key is another run's. */
  optionsKey: string;
}

/** A control comment kept an asynchronous step from doing work at this line: a use of the comment. */
interface SilencedWork {
  file: string;
  ruleId: string;
  line: number;
}

/** Everything up to the synchronous project rules; the asynchronous steps and settle() start from it. */
interface ProjectState {
  source: ProjectSource;
  index: ProjectIndex;
  analyses: Map<string, FileAnalysis>;
  targetSettings: Map<string, EnabledRule[]>;
  projectRules: ActiveProjectRule[];
  /** Project-rule findings, before suppression (file-rule findings stay in their analyses). */
  pending: PendingDiagnostic[];
  crashed: boolean;
  /** Problems of the run that no file can carry (see LintProjectResult.runProblems). */
  runProblems: string[];
  silenced: SilencedWork[];
  /** Files that are not Markdown, read for the rules that search them as plain text. */
  plainTexts: PlainTextFiles;
}

const optionsKeys = new WeakMap<object, string>();

/** Parsed options as a string, equal for equal options (collections and patterns spelled out). */
function optionsKeyOf(options: unknown): string {
  if (typeof options !== 'object' || options === null) return JSON.stringify(options) ?? 'undefined';
  let key = optionsKeys.get(options);
  if (key === undefined) {
    const spelledOut = (_key: string, value: unknown): unknown =>
      value instanceof Map
        ? { map: [...value] }
        : value instanceof Set
          ? { set: [...value] }
          : value instanceof RegExp
            ? { regex: String(value) }
            : value;
    key = JSON.stringify(options, spelledOut);
    optionsKeys.set(options, key);
  }
  return key;
}

/**
 * Each project rule in force, once for each set of options it has where it reports: the root
 * config's (for findings about the repository itself, such as a missing required file), then the
 * targets' in path order, so that the order of path arguments never changes what runs first.
 * Files that share options (most often all of them) share one run.
 */
function activeProjectRules(
  options: LintProjectOptions,
  targetSettings: Map<string, EnabledRule[]>,
): ActiveProjectRule[] {
  const projectRules = new Map<string, ActiveProjectRule>();
  const add = (enabled: EnabledRule): void => {
    if (enabled.rule.scope !== 'project') return;
    const optionsKey = optionsKeyOf(enabled.options);
    const key = `${enabled.rule.id}\n${optionsKey}`;
    if (!projectRules.has(key)) projectRules.set(key, { rule: enabled.rule, options: enabled.options, optionsKey });
  };
  for (const enabled of options.settings.base()) add(enabled);
  for (const [, settings] of [...targetSettings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    for (const enabled of settings) add(enabled);
  return [...projectRules.values()];
}

/** The first run of each rule: the one whose asynchronous step runs (it asks each file's options itself, through optionsFor). */
function firstRunOfEachRule(projectRules: readonly ActiveProjectRule[]): ActiveProjectRule[] {
  const seen = new Set<string>();
  return projectRules.filter((active) => !seen.has(active.rule.id) && seen.add(active.rule.id));
}

function enabledWhereReported(
  ruleId: string,
  file: string,
  state: ProjectState,
  options: LintProjectOptions,
): EnabledRule | undefined {
  return reportableSettings(file, state, options)?.find((candidate) => candidate.rule.id === ruleId);
}

/**
 * The context both steps of a project rule share; every report takes the severity in force where
 * it lands. With `ownFilesOnly` (check), a report stands only on a file whose options are this
 * run's: the other files' findings come from the run with their options.
 */
function projectRuleContext(
  active: ActiveProjectRule,
  state: ProjectState,
  options: LintProjectOptions,
  pending: PendingDiagnostic[],
  ownFilesOnly: boolean,
): ProjectRuleContext<unknown> {
  const { rule } = active;
  return {
    index: state.index,
    options: active.options,
    extracted: <T>(facts: FileFacts) => facts.extracted[rule.id] as T | undefined,
    plainTexts: state.plainTexts.byRule.get(rule.id) ?? new Map(),
    report: (descriptor: ProjectReportDescriptor) => {
      const enabled = enabledWhereReported(rule.id, descriptor.file, state, options);
      if (!enabled || (ownFilesOnly && optionsKeyOf(enabled.options) !== active.optionsKey)) return;
      const severity = descriptor.atMostWarning ? 'warn' : enabled.severity;
      pending.push(toPending(descriptor.file, rule.id, severity, rule.messages, descriptor));
    },
  };
}

/**
 * Records that a project rule threw. Its crash is reported on the first file the run lints, else
 * on the config file that turned the rule on; a run with neither has no file to name, so the
 * crash is a run problem (LintProjectResult.runProblems) rather than a diagnostic on no path.
 */
function recordProjectRuleCrash(
  state: ProjectState,
  options: LintProjectOptions,
  rule: ProjectRule,
  error: unknown,
): void {
  state.crashed = true;
  const file = state.index.targets.values().next().value ?? options.configFile;
  if (file !== undefined) state.pending.push(ruleCrashDiagnostic(file, rule.id, error));
  else state.runProblems.push(formatMessage(RULE_CRASH.messages.crashed!, ruleCrashData(rule.id, error)));
}

function runProjectRules(state: ProjectState, options: LintProjectOptions): void {
  for (const active of state.projectRules) {
    try {
      active.rule.check(projectRuleContext(active, state, options, state.pending, true));
    } catch (error) {
      recordProjectRuleCrash(state, options, active.rule, error);
    }
  }
}

/**
 * Answers `isSuppressed` for one rule. A silenced place is remembered so that settle() counts the
 * comment as used: it kept a request from being made, even though nothing was reported there.
 */
function suppressionQuestion(
  ruleId: string,
  state: ProjectState,
  options: LintProjectOptions,
  silenced: SilencedWork[],
): (file: string, at: Location) => boolean {
  const maps = new Map<string, SuppressionMap>();
  return (file, at) => {
    if (!enabledWhereReported(ruleId, file, state, options)) return true;
    const facts = state.index.files.get(file);
    if (!facts || !state.index.targets.has(file)) return false;
    const { line } = offsetToPoint(facts.lineStarts, locationRange(at).start);
    let suppressions = maps.get(file);
    if (!suppressions) {
      suppressions = new SuppressionMap(facts.directives);
      maps.set(file, suppressions);
    }
    if (!suppressions.suppresses(ruleId, line)) return false;
    silenced.push({ file, ruleId, line });
    return true;
  };
}

interface AsyncSteps {
  rules: readonly ActiveProjectRule[];
  environment: RuleEnvironment;
}

/**
 * Which asynchronous steps this run awaits. A projectRulesOnly run is one of the two sides of a
 * comparison (--changed-since): an answer from the network would be the same on both sides and
 * cancel out, so asking twice would only cost time.
 */
function asyncStepsOf(state: ProjectState, options: LintProjectOptions): AsyncSteps | undefined {
  if (!options.environment || options.projectRulesOnly) return undefined;
  const rules = firstRunOfEachRule(state.projectRules).filter((active) => active.rule.checkAsync !== undefined);
  return rules.length === 0 ? undefined : { rules, environment: options.environment };
}

/** Awaits each asynchronous step in turn (one progress line at a time); returns a new state with their findings. */
async function runAsyncSteps(
  state: ProjectState,
  steps: AsyncSteps,
  options: LintProjectOptions,
): Promise<ProjectState> {
  const next: ProjectState = {
    ...state,
    pending: [...state.pending],
    silenced: [...state.silenced],
    runProblems: [...state.runProblems],
  };
  for (const active of steps.rules) {
    try {
      await active.rule.checkAsync?.({
        ...projectRuleContext(active, next, options, next.pending, false),
        environment: steps.environment,
        isSuppressed: suppressionQuestion(active.rule.id, next, options, next.silenced),
        optionsFor: (file) => enabledWhereReported(active.rule.id, file, next, options)?.options,
      });
    } catch (error) {
      recordProjectRuleCrash(next, options, active.rule, error);
    }
  }
  return next;
}

function directiveDiagnostics(facts: FileFacts, knownRuleIds: ReadonlySet<string>): PendingDiagnostic[] {
  const result: PendingDiagnostic[] = [];
  for (const directive of facts.directives) {
    directive.rules?.forEach((ruleId, index) => {
      if (knownRuleIds.has(ruleId)) return;
      const start = directive.ruleOffsets?.[index] ?? directive.start;
      const [best] = closestMatches(ruleId, knownRuleIds);
      result.push(
        toPending(facts.path, CONTROL_COMMENTS.id, 'error', CONTROL_COMMENTS.messages, {
          messageId: 'unknownRule',
          data: { rule: ruleId, hint: best ? ` (did you mean "${best}"?)` : '' },
          at: { start, end: start + ruleId.length },
        }),
      );
    });
  }
  return result;
}

function toDiagnostic(pending: PendingDiagnostic, lineStarts: readonly number[]): Diagnostic {
  const start = offsetToPoint(lineStarts, pending.start);
  const end = offsetToPoint(lineStarts, pending.end);
  const diagnostic: Diagnostic = {
    file: pending.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ruleId: pending.ruleId,
    messageId: pending.messageId,
    severity: pending.severity,
    message: pending.message,
  };
  if (pending.suggestion !== undefined) diagnostic.suggestion = pending.suggestion;
  if (pending.fix !== undefined) diagnostic.fix = pending.fix;
  if (pending.verifyFix) diagnostic.verifyFix = true;
  if (pending.suggestions !== undefined) diagnostic.suggestions = pending.suggestions;
  return diagnostic;
}

export const runPhase1Sequentially: Phase1Runner = async (jobs, source, options) => {
  const results: FileAnalysis[] = [];
  for (const job of jobs) {
    options.signal?.throwIfAborted();
    results.push(await analyzeOne(job.path, source, options, job.factsOnly));
  }
  return results;
};

function inPathOrder<T>(byPath: ReadonlyMap<string, T>): Map<string, T> {
  return new Map([...byPath].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** How many files phase 1 reads at once when it only decodes them. */
const TREELESS_READ_CONCURRENCY = 32;

/**
 * Whether a job needs a tree: when a project rule of the run reads facts, always; else only when
 * a file rule is on for the file (for a target) or a project rule extracts from it.
 */
function treeNeeded(job: Phase1Job, options: LintProjectOptions): boolean {
  return options.settings
    .forFile(job.path)
    .some(({ rule }) => (rule.scope === 'file' ? !job.factsOnly : rule.extract !== undefined));
}

/** Decodes a file that no rule reads the tree of; undefined when it must be parsed after all (analyzeWithoutTree). */
async function analyzeJobWithoutTree(
  job: Phase1Job,
  source: ProjectSource,
  options: LintProjectOptions,
): Promise<FileAnalysis | undefined> {
  const input = await phase1Input(job.path, source, options);
  return 'problem' in input ? input.problem : analyzeWithoutTree(job.path, input);
}

/**
 * Phase 1 that parses only what a rule reads: when every project rule of the run reads only paths
 * (ProjectRule.reads), the files no file rule and no extract is on for are decoded, not parsed.
 */
function phase1ForRun(runPhase1: Phase1Runner, factsRead: boolean): Phase1Runner {
  if (factsRead) return runPhase1;
  return async (jobs, source, options) => {
    const parsed: Phase1Job[] = [];
    const treeless: Phase1Job[] = [];
    for (const job of jobs) (treeNeeded(job, options) ? parsed : treeless).push(job);
    const decoded = await mapConcurrently(treeless, TREELESS_READ_CONCURRENCY, (job) =>
      analyzeJobWithoutTree(job, source, options),
    );
    const results: FileAnalysis[] = [];
    decoded.forEach((analysis, index) => {
      if (analysis) results.push(analysis);
      else parsed.push(treeless[index]!);
    });
    return [...results, ...(await runPhase1(parsed, source, options))];
  };
}

/** The repository's URLs, with git's paths at each other ref the targets' links name (one `git ls-tree` per ref). */
async function repositoryFacts(
  source: RepositoryUrlSource,
  targets: ReadonlySet<string>,
  files: ReadonlyMap<string, FileFacts>,
): Promise<RepositoryFacts> {
  const urls = [...targets].flatMap((target) => files.get(target)?.links.map((link) => link.url) ?? []);
  const refPaths = new Map<string, RepositoryPaths>();
  for (const ref of [...namedRefs(urls, source.urls)].sort()) {
    const paths = await source.pathsAt(ref);
    if (paths) refPaths.set(ref, paths);
  }
  return { urls: source.urls, refPaths };
}

/** Phase 1 on the targets and the project's files, the ProjectIndex, and the synchronous project rules. */
async function analyzeProject(source: ProjectSource, options: LintProjectOptions): Promise<ProjectState> {
  const targetSettings = new Map(source.targets.map((path) => [path, options.settings.forFile(path)]));
  const factsRead = activeProjectRules(options, targetSettings).some(({ rule }) => rule.reads !== 'paths');
  const runPhase1 = phase1ForRun(options.runPhase1 ?? runPhase1Sequentially, factsRead);
  const targetSet = new Set(source.targets);
  const projectFiles = source.projectFiles ?? [...source.paths.files].filter((path) => source.isMarkdown(path)).sort();
  const jobs: Phase1Job[] = [
    ...source.targets.map((path) => ({ path, factsOnly: options.projectRulesOnly === true })),
    ...projectFiles.filter((path) => !targetSet.has(path)).map((path) => ({ path, factsOnly: true })),
  ];
  const analyses = new Map<string, FileAnalysis>();
  const files = new Map<string, FileFacts>();
  const contextAnalyses: FileAnalysis[] = [];
  const collect = (results: readonly FileAnalysis[]): void => {
    for (const analysis of results) {
      if (analysis.facts) files.set(analysis.path, analysis.facts);
      if (targetSet.has(analysis.path)) analyses.set(analysis.path, analysis);
      else contextAnalyses.push(analysis);
    }
  };
  collect(await runPhase1(jobs, source, options));
  const known = new Set(jobs.map((job) => job.path));
  if (source.demand) {
    const targetFacts = new Map(
      [...analyses].flatMap(([path, analysis]) => (analysis.facts ? [[path, analysis.facts] as const] : [])),
    );
    const demandedFacts = new Map<string, FileFacts>();
    // Files analysed already (the targets of this lint among them) need no test.
    const select = source.demand.session(
      (path) => source.read(path),
      source.demand.candidates.filter((path) => !known.has(path)),
    );
    for (;;) {
      const demanded = (await select(targetFacts, demandedFacts)).filter((path) => !known.has(path));
      if (demanded.length === 0) break;
      for (const path of demanded) known.add(path);
      const results = await runPhase1(
        demanded.map((path) => ({ path, factsOnly: true })),
        source,
        options,
      );
      collect(results);
      for (const analysis of results) if (analysis.facts) demandedFacts.set(analysis.path, analysis.facts);
    }
  }
  // Files the targets link to that were not analysed, and files outside the project (ignored by
  // the config) that other project files link to: facts only. A project file left out by the
  // demand is not read for a non-target's link, as it surely adds nothing reported on the targets.
  const projectKnown = source.demand ? new Set([...known, ...source.demand.candidates]) : known;
  const selfUrls = options.repository && { urls: options.repository.urls, refPaths: new Map() };
  const contextPaths = new Set([
    ...linkedContextFiles(analyses.values(), source, known, selfUrls),
    ...linkedContextFiles(contextAnalyses, source, projectKnown, selfUrls),
  ]);
  const contextJobs = [...contextPaths].sort().map((path) => ({ path, factsOnly: true }));
  for (const context of await runPhase1(contextJobs, source, options))
    if (context.facts) files.set(context.path, context.facts);

  // In path order, whichever files are targets: rules that walk the index ("first in docs/a.md")
  // must answer a one-file run as they answer the full run.
  const repository = options.repository && (await repositoryFacts(options.repository, targetSet, files));
  const index: ProjectIndex = {
    files: inPathOrder(files),
    targets: targetSet,
    paths: source.paths,
    renames: source.renames ?? new Map(),
    ...(repository ? { repository } : {}),
  };
  const projectRules = activeProjectRules(options, targetSettings);
  const plainTexts = await readPlainTextFiles(projectRules, source);
  const state: ProjectState = {
    source,
    index,
    analyses,
    targetSettings,
    projectRules,
    pending: [],
    crashed: false,
    runProblems: [],
    silenced: [],
    plainTexts,
  };
  runProjectRules(state, options);
  return state;
}

/** Suppressions, control-comment problems, positions and order: the same for every rule's findings. */
function settle(state: ProjectState, options: LintProjectOptions): LintProjectResult {
  const { source, index, analyses } = state;
  const knownRuleIds = new Set([...options.rules.keys(), ...ENGINE_RULES.map((rule) => rule.id)]);
  const findingsLimit = (file: string): number => options.maxFindingsPerRule?.(file) ?? DEFAULT_MAX_FINDINGS_PER_RULE;
  const byFile = new Map<string, PendingDiagnostic[]>();
  for (const pending of [...[...analyses.values()].flatMap((analysis) => analysis.diagnostics), ...state.pending]) {
    const list = byFile.get(pending.file) ?? [];
    list.push(pending);
    byFile.set(pending.file, list);
  }

  const diagnostics: Diagnostic[] = [];
  for (const path of source.targets) {
    const facts = index.files.get(path);
    const pendingList = byFile.get(path) ?? [];
    if (!facts) {
      diagnostics.push(...pendingList.map((pending) => toDiagnostic(pending, [0])));
      continue;
    }
    const suppressions = new SuppressionMap(facts.directives);
    for (const work of state.silenced) if (work.file === path) suppressions.suppresses(work.ruleId, work.line);
    const reported: PendingDiagnostic[] = [];
    for (const pending of pendingList) {
      const { line } = offsetToPoint(facts.lineStarts, pending.start);
      if (pending.ruleId !== RULE_CRASH.id && suppressions.suppresses(pending.ruleId, line)) continue;
      reported.push(pending);
    }
    for (const pending of capFindings(path, reported, findingsLimit(path)))
      diagnostics.push(toDiagnostic(pending, facts.lineStarts));
    for (const pending of directiveDiagnostics(facts, knownRuleIds))
      diagnostics.push(toDiagnostic(pending, facts.lineStarts));
    if (options.reportUnusedDisables) {
      for (const directive of suppressions.unused(knownRuleIds)) {
        const pending = toPending(path, CONTROL_COMMENTS.id, 'error', CONTROL_COMMENTS.messages, {
          messageId: directive.rules ? 'unusedDisableRules' : 'unusedDisable',
          data: {
            directive: `agentops-lint-${directive.kind}`,
            rules: directive.rules?.map((id) => `"${id}"`).join(' or ') ?? '',
          },
          at: { start: directive.start, end: directive.end },
        });
        diagnostics.push(toDiagnostic(pending, facts.lineStarts));
      }
    }
  }
  for (const [path, pendingList] of byFile) {
    if (index.targets.has(path)) continue;
    // Plain-text files map to their own lines; repository-level diagnostics (see
    // reportableSettings) have no text, so no lines to map. Neither has control comments.
    const lineStarts = state.plainTexts.files.get(path)?.lineStarts ?? [0];
    diagnostics.push(
      ...capFindings(path, pendingList, findingsLimit(path)).map((pending) => toDiagnostic(pending, lineStarts)),
    );
  }
  diagnostics.sort(compareDiagnostics);
  return {
    diagnostics,
    analyses,
    crashed: state.crashed || [...analyses.values()].some((analysis) => analysis.crashed),
    runProblems: state.runProblems,
  };
}

export async function lintProject(source: ProjectSource, options: LintProjectOptions): Promise<LintProjectResult> {
  options.signal?.throwIfAborted();
  const state = await analyzeProject(source, options);
  options.signal?.throwIfAborted();
  const steps = asyncStepsOf(state, options);
  if (!steps) return settle(state, options);
  const complete = async (): Promise<LintProjectResult> => settle(await runAsyncSteps(state, steps, options), options);
  if (options.deferAsyncSteps) return { ...settle(state, options), runDeferredSteps: complete };
  return complete();
}
