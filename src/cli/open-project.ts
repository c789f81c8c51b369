/**
 * What the report commands (`terms`, `mappings`) start with: the same root, config and files as
 * `lint` on the working tree (src/project/plan.ts), and each file's rows computed by the engine's
 * phase 1 (through the phase-1 cache when it is on).
 */
import path from 'node:path';
import type { ConfigSet } from '../config/config-set.js';
import type { EnabledRule, FileSettings } from '../config/file-settings.js';
import type { ResolvedConfig } from '../config/load.js';
import { PARSE_ERROR } from '../core/engine-rules.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import type { LintProjectOptions, Phase1Runner, ProjectSource } from '../engine/lint-project.js';
import { createPhase1Pool, timeBudgetMs } from '../engine/phase1-pool.js';
import type { Phase1Cache } from '../cache/phase1-cache.js';
import { maxFileBytes } from '../engine/file-limits.js';
import { findRoot } from '../project/discover.js';
import type { CliIo } from '../core/io.js';
import type { ProjectRule } from '../core/rule.js';
import { comparingRules } from '../project/demanded-files.js';
import { planWorkingTree } from '../project/plan.js';
import { discoveryStart, openConfigs } from './load-run-config.js';
import { REPORT_RULES_MODULE } from './inventories/report-rules.js';

export interface OpenProjectOptions {
  config?: string;
  root?: string;
}

export interface OpenProject {
  root: string;
  /** The config of each file, as `lint` finds them. */
  configs: ConfigSet;
  /** The rules in force for each file (the configs'). */
  settings: Pick<FileSettings, 'forFile' | 'base'>;
  /** Its targets are the Markdown files the command is about. */
  source: ProjectSource;
}

/**
 * The project as `lint` would plan it. `judgedBy` names the rule whose findings the report shows
 * (mapping-consistency for `mappings`): it is switched on where the configs leave it off, so that
 * named files get the whole repository as context exactly when a lint with that rule would.
 */
export async function openProject(
  patterns: readonly string[],
  options: OpenProjectOptions,
  io: CliIo,
  judgedBy?: string,
): Promise<OpenProject> {
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const configs = openConfigs(io, root, options.config, judgedBy === undefined ? [] : [judgedBy]);
  const warn = (message: string): void => io.stderr(`agentops-lint: warning: ${message}\n`);
  const plan = await planWorkingTree({ io, root, configs, warn, patterns, errorOnUnmatchedPattern: true });
  return { root, configs, settings: configs, source: plan.source };
}

/** Whether a rule comparing documents in force for this file may extract something from its raw text (the reports read extracts). */
function mayContributeToComparison(project: OpenProject, file: string, text: string): boolean {
  return comparingRules(project.settings.forFile(file)).some(
    ({ rule, options }) => rule.extract !== undefined && (rule.mayContribute?.(text, options) ?? true),
  );
}

/**
 * A report's per-file step: a project rule that only extracts (its `check` reports nothing), run
 * through the engine's phase 1 so that the phase-1 cache can answer for unchanged files and the
 * worker pool analyses the others. The rule must be one of the `RULES` of REPORT_RULES_MODULE
 * (the module the pool's workers import). Its options for a file are all its result depends on
 * besides the text: plain data, which the cache key covers and which crosses to the workers.
 */
export interface ReportStep<Options, Row> {
  rule: ProjectRule<Options, Row>;
  optionsFor(file: string): Options;
}

/** How a report's per-file analysis runs: on how many threads, and what it tells whom. */
export interface ReportAnalysisOptions {
  /** Most threads that analyse at once (default: one per core; 1 keeps to this thread). */
  maxThreads?: number | undefined;
  /** Analyse every file on a worker, never on this thread: for a server, which must stay free to answer. */
  keepThreadFree?: boolean | undefined;
  /** Stops the analysis (its worker threads are stopped) and rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Told how many files the cache did not answer, before they are analysed. */
  onAnalysing?: ((files: number) => void) | undefined;
  /** Told as files are analysed, with how many. */
  onAnalysed?: ((count: number) => void) | undefined;
  /** A file the analysis was stopped on or refused (parse-error: over its time budget, out of memory, too costly), with why. */
  onLeftOut?: ((file: string, why: string) => void) | undefined;
}

/**
 * The step as a config of its own, for a worker: only the report rule on, with the options the
 * step gives. The worker rebuilds FileSettings from it as from any config, so a report's files
 * travel to the pool exactly as lint's do.
 */
function reportConfig(root: string, ruleId: string, options: unknown): ResolvedConfig {
  return {
    baseDirectory: root,
    files: [],
    filesDeclared: false,
    ignore: [],
    rules: new Map([[ruleId, { severity: 'warn', optionLayers: [options as Record<string, unknown>] }]]),
    overrides: [],
    extends: [],
  };
}

/**
 * What the report step returned for the targets (or, with `withContext`, for every file the plan
 * reads for facts: the targets and the rest of the repository a cross-file rule compares them
 * with), in path order. Files that cannot be read or decoded, or are over the size limit, are
 * left out (`lint` reports them; a report does not); a file whose analysis was stopped or refused
 * is left out and told to `onLeftOut`.
 */
export async function extractFromTargets<Options, Row>(
  project: OpenProject,
  step: ReportStep<Options, Row>,
  cache: Phase1Cache | undefined,
  withContext = false,
  run: ReportAnalysisOptions = {},
): Promise<{ path: string; rows: Row }[]> {
  const { source } = project;
  // For named files, lint chooses the rest of the repository from what they hold; a report takes
  // every file a comparing rule may use (mayContribute), a superset that judges the same.
  const candidates = new Set(withContext ? (source.demand?.candidates ?? []) : []);
  const wanted = withContext
    ? [...new Set([...source.targets, ...(source.projectFiles ?? []), ...candidates])].sort()
    : source.targets;
  // One options object (and one config for the workers) per set of rules in force, so that the
  // cache hashes each set once and each worker parses each set once.
  const stepConfigs: { enabled: EnabledRule[]; config: ResolvedConfig }[] = [];
  const numberByRules = new WeakMap<object, number>();
  const configNumber = (file: string): number => {
    const key = project.settings.forFile(file);
    let number = numberByRules.get(key);
    if (number === undefined) {
      const options = step.optionsFor(file);
      number = stepConfigs.length;
      stepConfigs.push({
        enabled: [{ rule: step.rule, severity: 'warn', options }],
        config: reportConfig(project.root, step.rule.id, options),
      });
      numberByRules.set(key, number);
    }
    return number;
  };
  const settings: LintProjectOptions['settings'] = {
    forFile: (file) => stepConfigs[configNumber(file)]!.enabled,
    base: () => [],
  };
  const pool = createPhase1Pool({
    configs: { indexOf: configNumber, at: (number) => stepConfigs[number]!.config },
    root: project.root,
    rulesModule: REPORT_RULES_MODULE,
    // As lint: each file's budget comes from its own config.
    timeBudgetMs: (file, bytes) => timeBudgetMs(project.configs.configFor(file).timeBudgetSeconds, bytes),
    ...(run.maxThreads === undefined ? {} : { maxThreads: run.maxThreads }),
    ...(run.keepThreadFree ? { everyFileOnWorker: true } : {}),
    ...(run.onAnalysed ? { onAnalysed: run.onAnalysed } : {}),
  });
  const runOnPool: Phase1Runner = (jobs, jobSource, options) => {
    run.onAnalysing?.(jobs.length);
    return pool.run(jobs, jobSource, options);
  };
  let analyses: FileAnalysis[];
  try {
    analyses = await (cache ? cache.wrap(runOnPool) : runOnPool)(
      wanted.map((path) => ({ path, factsOnly: true })),
      source,
      {
        settings,
        rules: new Map([[step.rule.id, step.rule]]),
        // As lint: a file over its config's size limit is left out rather than parsed.
        maxFileBytes: (file) => maxFileBytes(project.configs.configFor(file).maxFileSizeMb),
        ...(run.signal ? { signal: run.signal } : {}),
      },
    );
  } finally {
    await pool.close();
  }
  const rows: { path: string; rows: Row }[] = [];
  for (const analysis of analyses) {
    // A report that left a file out silently would mislead: the crash is an internal error.
    if (analysis.crashed)
      throw new Error(`${analysis.path}: ${analysis.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
    if (analysis.facts === undefined || analysis.text === undefined) {
      const stopped = analysis.diagnostics.find((diagnostic) => diagnostic.ruleId === PARSE_ERROR.id);
      if (stopped) run.onLeftOut?.(analysis.path, stopped.message);
      continue;
    }
    if (candidates.has(analysis.path) && !mayContributeToComparison(project, analysis.path, analysis.text)) continue;
    rows.push({ path: analysis.path, rows: analysis.facts.extracted[step.rule.id] as Row });
  }
  return rows;
}
