/**
 * A whole lint run as one library call, the way ESLint's `ESLint` class or `markdownlint()` does
 * the job and leaves its command line only parsing arguments and printing: settle the rules in
 * force, plan what to lint, lint with fixes (the engine awaits the network checks once, on the
 * final result), add the problems the plan finds elsewhere, apply a baseline. Each step is a
 * function of its own; this file only puts them in order.
 */
import path from 'node:path';
import type { FixedLint } from '../fixes/fix-passes.js';
import { ConfigSet } from '../config/config-set.js';
import type { ResolvedConfig } from '../config/load.js';
import { createRegistry } from '../config/registry.js';
import { compareDiagnostics } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import type { Rule, RuleEnvironment } from '../core/rule.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import type { LintProjectOptions } from '../engine/lint-project.js';
import { maxFileBytes } from '../engine/file-limits.js';
import { DEFAULT_MAX_FINDINGS_PER_RULE } from '../engine/findings-cap.js';
import { createPhase1Pool, timeBudgetMs } from '../engine/phase1-pool.js';
import { fixedFiles, fixPatches, lintWithFixes, writeFixes } from '../fixes/fix-passes.js';
import { planChangedSince } from '../project/changed-since.js';
import { withGitRenames } from '../project/git-renames.js';
import { repositoryUrlSource } from '../project/repository-urls.js';
import { planWorkingTree, type LintPlan, type RunContext } from '../project/plan.js';
import { planStaged } from '../project/staged.js';
import { countBySeverity } from '../reporters/report.js';
import { baselineStep } from './baseline-step.js';
import type { FixMode, FixOutcome, LintOutcome, LintRequest, LintScope } from './lint-request.js';
import { cacheSummary, openPhase1Cache, savePhase1Cache } from './phase1-cache-step.js';
import { withPlainTextScope } from './plain-text-scope.js';
import { runProgress, type RunProgress } from './progress-line.js';

export async function runLint(request: LintRequest): Promise<LintOutcome> {
  const progress = runProgress(request.io, request.options.progress ?? true);
  try {
    return await lintWithProgress(request, progress);
  } finally {
    progress.finish();
  }
}

/**
 * The configs of the run: the one given, or each file's nearest; with the rules a flag switches
 * on (--external) switched on in every one of them.
 */
export function runConfigs(
  request: Pick<LintRequest, 'root' | 'config' | 'rules' | 'io'>,
  switchOn: readonly string[] = [],
): ConfigSet {
  for (const id of switchOn)
    if (!request.rules.has(id)) throw new UsageError(`Cannot switch on the rule "${id}": there is no such rule.`);
  return new ConfigSet({
    root: request.root,
    cwd: request.io.cwd,
    context: createRegistry([...request.rules.values()]).configContext,
    ...(request.config ? { only: request.config } : {}),
    ...(switchOn.length > 0
      ? { adjust: (config: ResolvedConfig) => withRulesSwitchedOn(config, switchOn, request.rules) }
      : {}),
  });
}

/** The root's config file as a path relative to the root, or undefined (embedded defaults, or a --config outside the root). */
function rootConfigFile(root: string, filePath: string | undefined): string | undefined {
  if (filePath === undefined) return undefined;
  const relative = path.relative(root, filePath);
  if (relative === '' || relative.split(path.sep)[0] === '..' || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

async function lintWithProgress(request: LintRequest, progress: RunProgress): Promise<LintOutcome> {
  const { io, root, options } = request;
  const configs = runConfigs(request, [
    ...(options.switchOn ?? []),
    ...(options.external ? networkRules(request.rules) : []),
  ]);
  const run: RunContext = {
    io,
    root,
    configs,
    warn: (message) => progress.print(`agentops-lint: warning: ${message}\n`),
    patterns: request.patterns,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern ?? true,
    debug: options.debug ?? false,
    strictConfig: options.strictConfig ?? false,
  };
  const plan = await planRun(run, options.scope);
  if (options.fix && plan.fixUnavailable) throw new UsageError(plan.fixUnavailable);
  for (const notice of plan.notices ?? []) progress.print(`agentops-lint: ${notice}\n`);

  // The root folder's config says where the repository's own URLs come from ('' is a file of the root folder).
  const repository = await repositoryUrlSource({
    root,
    env: io.env,
    config: configs.configFor('').repositoryUrls,
    warn: run.warn,
    ...(run.debug ? { debug: (message: string) => io.stderr(`agentops-lint: ${message}\n`) } : {}),
  });
  const cache = await openPhase1Cache(options, io, root);
  // The runner that does phase 1; the cache, when there is one, answers what it can and passes the rest on.
  const pool = createPhase1Pool({
    configs,
    root,
    rulesModule: request.rulesModule,
    ...(options.maxThreads === undefined ? {} : { maxThreads: options.maxThreads }),
    onAnalysed: progress.filesAnalysed,
    timeBudgetMs: (file, bytes) => timeBudgetMs(configs.configFor(file).timeBudgetSeconds, bytes),
  });
  const configFile = rootConfigFile(root, configs.configFor('').filePath);
  const engine: LintProjectOptions = {
    settings: configs,
    ...(configFile === undefined ? {} : { configFile }),
    ...(repository ? { repository } : {}),
    rules: request.rules,
    reportUnusedDisables: options.reportUnusedDisables ?? false,
    runPhase1: progress.trackPhase1(cache ? cache.wrap(pool.run) : pool.run),
    environment: ruleEnvironment(request, progress),
    maxFileBytes: (file) => maxFileBytes(configs.configFor(file).maxFileSizeMb),
    maxFindingsPerRule: (file) =>
      options.maxFindingsPerRule ?? configs.configFor(file).maxFindingsPerRule ?? DEFAULT_MAX_FINDINGS_PER_RULE,
  };
  const fixed = await lintWithFixes(plan.source, engine, options.fix !== undefined, options.fixType);
  for (const problem of fixed.result.runProblems) progress.print(`agentops-lint: error: ${problem}\n`);
  const fixes = await settleFixes(fixed, options.fix, root);
  const extra = plan.extraProblems ? await plan.extraProblems({ ...engine, overrides: fixed.texts }) : undefined;
  // Idle workers never hold the process open, so an error above leaves nothing running either.
  await pool.close();
  await savePhase1Cache(cache, io);
  if (options.debug && cache?.file !== undefined) progress.print(cacheSummary(cache, io));

  const found = [...fixed.result.diagnostics, ...(extra?.diagnostics ?? [])].sort(compareDiagnostics);
  const texts = textsOf([fixed.result.analyses, extra?.analyses ?? new Map()]);
  const baseline = await baselineStep(options.baseline, {
    diagnostics: found,
    source: plan.source,
    cwd: io.cwd,
    root,
    reportUnusedDisables: options.reportUnusedDisables ?? false,
    textOf: (file) => texts.get(file),
  });
  return {
    root,
    // The untouched files compared for what a change broke were checked too: "11 problems in 0 files" misleads.
    files:
      extra === undefined || extra.checked.length === 0
        ? plan.source.targets
        : [...new Set([...plan.source.targets, ...extra.checked])].sort(),
    diagnostics: baseline.diagnostics,
    crashed: fixed.result.crashed || (extra?.crashed ?? false),
    counts: countBySeverity(baseline.diagnostics),
    fixes,
    ...(baseline.written ? { baselineWritten: baseline.written } : {}),
    ...(plan.fixUnavailable === undefined ? {} : { fixUnavailable: plan.fixUnavailable }),
  };
}

/** The rules --external switches on: those that declare they make requests over the network. */
function networkRules(rules: ReadonlyMap<string, Rule>): string[] {
  const ids = [...rules.values()].filter((rule) => rule.usesNetwork).map((rule) => rule.id);
  if (ids.length === 0) throw new UsageError('--external: none of the rules checks links over the network.');
  return ids;
}

/** The config with `ruleIds` on at their default severity where it leaves them off or unset; their options are kept. */
function withRulesSwitchedOn(
  config: ResolvedConfig,
  ruleIds: readonly string[],
  rules: ReadonlyMap<string, Rule>,
): ResolvedConfig {
  const settings = new Map(config.rules);
  for (const id of ruleIds) {
    const rule = rules.get(id)!;
    const setting = settings.get(id);
    if (!setting || setting.severity === 'off')
      settings.set(id, { severity: rule.defaultSeverity, optionLayers: setting?.optionLayers ?? [] });
  }
  return { ...config, rules: settings };
}

/** The plan of the scope, with the renames git knows of (links to an old path can be fixed to the new one). */
async function planRun(run: RunContext, scope: LintScope | undefined): Promise<LintPlan> {
  const planned = await planScope(run, scope);
  return { ...planned, source: withPlainTextScope(await withGitRenames(planned.source, run.root), run, scope) };
}

function planScope(run: RunContext, scope: LintScope | undefined): Promise<LintPlan> {
  switch (scope?.kind) {
    case 'staged':
      return planStaged(run);
    case 'changed-since':
      return planChangedSince(run, scope.ref);
    default:
      return planWorkingTree(run);
  }
}

/** What the asynchronous steps of rules (the network check of external links) may use of the world. */
function ruleEnvironment({ root, io, options }: LintRequest, progress: RunProgress): RuleEnvironment {
  return {
    root,
    env: io.env,
    networkAllowed: options.networkAllowed ?? true,
    allowPrivate: options.allowPrivate ?? false,
    ...(options.isBlocked ? { isBlocked: options.isBlocked } : {}),
    progress: progress.sink,
  };
}

async function settleFixes(fixed: FixedLint, mode: FixMode | undefined, root: string): Promise<FixOutcome> {
  if (mode === 'write') await writeFixes(fixed, root);
  return { files: fixedFiles(fixed), written: mode === 'write', patches: mode === 'preview' ? fixPatches(fixed) : [] };
}

/** The decoded text of every linted file, for the baseline's fingerprints. */
function textsOf(analysisMaps: readonly ReadonlyMap<string, FileAnalysis>[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const analyses of analysisMaps)
    for (const [file, analysis] of analyses) if (analysis.text !== undefined) texts.set(file, analysis.text);
  return texts;
}
