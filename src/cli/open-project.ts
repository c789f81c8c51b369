/**
 * What the report commands (`terms`, `mappings`) start with: the same root, config and files as
 * `lint` on the working tree (src/project/plan.ts), and each file's rows computed by the engine's
 * phase 1 (through the phase-1 cache when it is on).
 */
import path from 'node:path';
import type { ConfigSet } from '../config/config-set.js';
import type { EnabledRule, FileSettings } from '../config/file-settings.js';
import { runPhase1Sequentially, type LintProjectOptions, type ProjectSource } from '../engine/lint-project.js';
import type { Phase1Cache } from '../cache/phase1-cache.js';
import { maxFileBytes } from '../engine/file-limits.js';
import { z } from 'zod';
import { findRoot } from '../project/discover.js';
import type { CliIo } from '../core/io.js';
import type { ParsedFile, ProjectRule } from '../core/rule.js';
import { comparingRules } from '../project/demanded-files.js';
import { planWorkingTree } from '../project/plan.js';
import { discoveryStart, openConfigs } from './load-run-config.js';

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
 * through the engine's phase 1 so that the phase-1 cache can answer for unchanged files. Its
 * options for a file are all its result depends on besides the text: the cache key covers them.
 */
export interface ReportStep<Options, Row> {
  rule: ProjectRule<Options, Row>;
  optionsFor(file: string): Options;
}

/** A report-only rule: metadata the engine needs, never in the rule list, never reporting. */
export function reportRule<Options, Row>(
  id: string,
  description: string,
  extract: (file: ParsedFile, options: Options) => Row,
): ProjectRule<Options, Row> {
  return {
    id,
    description,
    tags: [],
    defaultSeverity: 'warn',
    recommended: false,
    fixable: false,
    options: z.custom<Options>(),
    messages: {},
    scope: 'project',
    extract,
    check: () => {},
  };
}

/**
 * What the report step returned for the targets (or, with `withContext`, for every file the plan
 * reads for facts: the targets and the rest of the repository a cross-file rule compares them
 * with), in path order. Files that cannot be read or decoded, or are over the size limit, are
 * left out (`lint` reports them; a report does not).
 */
export async function extractFromTargets<Options, Row>(
  project: OpenProject,
  step: ReportStep<Options, Row>,
  cache: Phase1Cache | undefined,
  withContext = false,
): Promise<{ path: string; rows: Row }[]> {
  const { source } = project;
  // For named files, lint chooses the rest of the repository from what they hold; a report takes
  // every file a comparing rule may use (mayContribute), a superset that judges the same.
  const candidates = new Set(withContext ? (source.demand?.candidates ?? []) : []);
  const wanted = withContext
    ? [...new Set([...source.targets, ...(source.projectFiles ?? []), ...candidates])].sort()
    : source.targets;
  // One options object per set of rules in force, so that the cache hashes each set once.
  const enabledByConfig = new WeakMap<object, EnabledRule[]>();
  const settings: LintProjectOptions['settings'] = {
    forFile: (file) => {
      const key = project.settings.forFile(file);
      let enabled = enabledByConfig.get(key);
      if (!enabled) {
        enabled = [{ rule: step.rule, severity: 'warn', options: step.optionsFor(file) }];
        enabledByConfig.set(key, enabled);
      }
      return enabled;
    },
    base: () => [],
  };
  const runPhase1 = cache ? cache.wrap(runPhase1Sequentially) : runPhase1Sequentially;
  const analyses = await runPhase1(
    wanted.map((path) => ({ path, factsOnly: true })),
    source,
    {
      settings,
      rules: new Map([[step.rule.id, step.rule]]),
      // As lint: a file over its config's size limit is left out rather than parsed.
      maxFileBytes: (file) => maxFileBytes(project.configs.configFor(file).maxFileSizeMb),
    },
  );
  const rows: { path: string; rows: Row }[] = [];
  for (const analysis of analyses) {
    // A report that left a file out silently would mislead: the crash is an internal error.
    if (analysis.crashed)
      throw new Error(`${analysis.path}: ${analysis.diagnostics.map((diagnostic) => diagnostic.message).join('; ')}`);
    if (analysis.facts === undefined || analysis.text === undefined) continue;
    if (candidates.has(analysis.path) && !mayContributeToComparison(project, analysis.path, analysis.text)) continue;
    rows.push({ path: analysis.path, rows: analysis.facts.extracted[step.rule.id] as Row });
  }
  return rows;
}
