/**
 * The lint command: settle the options, plan what to lint (src/workflow/plan.ts and the --staged
 * and --changed-since plans), lint with fixes, apply a baseline, write the reports. Each step
 * lives in its own module under src/workflow/; this file only puts them in order.
 */
import path from 'node:path';
import { FileSettings } from '../config/file-settings.js';
import { UsageError } from '../core/errors.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { RULE_CRASH } from '../core/engine-rules.js';
import type { LintProjectOptions, Phase1Runner } from '../engine/lint-project.js';
import { createPhase1Pool } from '../engine/phase1-pool.js';
import { findRoot } from '../project/discover.js';
import { withGitRenames } from '../project/git-renames.js';
import { enableExternalLinks, externalLinkDiagnostics } from '../external/external-links.js';
import { EXIT_FAILURE, EXIT_LINT_ERRORS, EXIT_OK, type CliIo } from '../core/io.js';
import { countBySeverity } from '../reporters/report.js';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION } from '../core/tool.js';
import { applyBaseline, buildBaseline, readBaseline, unusedEntryDiagnostics, writeBaseline } from '../suppressions/baseline.js';
import { CACHE_FILE_NAME, DEFAULT_CACHE_LOCATION, Phase1Cache } from '../cache/phase1-cache.js';
import { planChangedSince } from '../project/changed-since.js';
import { fixPatches, lintWithFixes, writeFixes } from '../fixes/fix-passes.js';
import { parseOutputTargets, writeReports, type OutputTarget } from '../reporters/outputs.js';
import { planWorkingTree, type LintPlan, type RunContext } from '../project/plan.js';
import { planStaged } from '../project/staged.js';
import { discoveryStart, loadRunConfig } from './load-run-config.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';

export interface LintCommandOptions {
  config?: string;
  root?: string;
  /** Report formats, each `NAME` or `NAME:FILE` (default: stylish). */
  format: string[];
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  quiet: boolean;
  maxWarnings?: number;
  reportUnusedDisables: boolean;
  errorOnUnmatchedPattern: boolean;
  color?: boolean;
  staged?: boolean;
  changedSince?: string;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  /** --external / --no-external: force the network check of external links on or off. */
  external?: boolean;
  allowPrivate?: boolean;
  /** Most threads that parse at once (`--threads n`); false for `--no-threads`. Default: one a core. */
  threads?: number | false;
}

export { MAX_FIX_PASSES } from '../fixes/fix-passes.js';

export async function lintCommand(patterns: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  const outputs = parseOutputTargets(options.format, options.outputFile, io.cwd);
  checkOptionCombinations(options);
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const config = loadRunConfig(io.cwd, options.config, discoveryStart(io.cwd, patterns), root);
  if (options.external === true) enableExternalLinks(config);
  const run: RunContext = { io, root, config, settings: new FileSettings(config, REGISTRY.byId, root), patterns, errorOnUnmatchedPattern: options.errorOnUnmatchedPattern };
  const planned = await planFor(run, options);
  const plan: LintPlan = { ...planned, source: await withGitRenames(planned.source, root) };
  const fixing = options.fix || options.fixDryRun;
  if (fixing && plan.fixUnavailable) throw new UsageError(plan.fixUnavailable);

  const cache = await openCache(options, io, root);
  // The runner that does phase 1; the cache, when there is one, answers what it can and passes the rest on.
  const pool = createPhase1Pool({ config, root, rulesModule: RULES_MODULE, maxThreads: options.threads === false ? 1 : options.threads });
  const phase1: Phase1Runner = pool.run;
  const engine: LintProjectOptions = {
    settings: run.settings,
    rules: REGISTRY.byId,
    reportUnusedDisables: options.reportUnusedDisables,
    runPhase1: cache ? cache.wrap(phase1) : phase1,
  };
  const fixed = await lintWithFixes(plan.source, engine, fixing);
  if (options.fixDryRun) {
    // Diffs share stdout only with the human-readable report; machine-readable stdout stays clean.
    const stdoutFormat = outputs.find((target) => target.file === undefined)?.format;
    const out = stdoutFormat === undefined || stdoutFormat === 'stylish' ? io.stdout : io.stderr;
    for (const patch of fixPatches(fixed)) out(patch);
  } else if (options.fix) {
    await writeFixes(fixed, root);
  }
  const extra = plan.extraProblems ? await plan.extraProblems({ ...engine, overrides: fixed.texts }) : undefined;
  // Idle workers never hold the process open, so an error above leaves nothing running either.
  await pool.close();
  await saveCache(cache, io);

  const texts = textsOf([fixed.result.analyses, extra?.analyses ?? new Map()]);
  const external =
    options.external === false ? [] : await externalLinkDiagnostics({ analyses: fixed.result.analyses, settings: run.settings, root, io, allowPrivate: options.allowPrivate === true });
  const found = [...fixed.result.diagnostics, ...(extra?.diagnostics ?? []), ...external].sort(compareDiagnostics);
  const diagnostics = await applyBaselineOptions(found, plan, options, io, root, (file) => texts.get(file));
  const crashed = fixed.result.crashed || (extra?.crashed ?? false);
  return report(diagnostics, plan, crashed, options, outputs, io, root);
}

function planFor(run: RunContext, options: LintCommandOptions): Promise<LintPlan> {
  if (options.staged) return planStaged(run);
  if (options.changedSince !== undefined) return planChangedSince(run, options.changedSince);
  return planWorkingTree(run);
}

function checkOptionCombinations(options: LintCommandOptions): void {
  if (options.maxWarnings !== undefined && (!Number.isInteger(options.maxWarnings) || options.maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more.');
  }
  if (options.staged && options.changedSince !== undefined) throw new UsageError('--staged and --changed-since cannot be combined: one lints the next commit, the other a branch.');
  if (options.baseline !== undefined && options.writeBaseline !== undefined) {
    throw new UsageError('--baseline and --write-baseline cannot be combined: --write-baseline records every current problem (and keeps entries of files it did not lint).');
  }
  if (options.writeBaseline !== undefined && (options.staged || options.changedSince !== undefined)) {
    throw new UsageError('--write-baseline records every problem of the files linted; --staged and --changed-since report only some. Run it without them.');
  }
  if (options.writeBaseline !== undefined && options.fixDryRun) throw new UsageError('--write-baseline cannot be combined with --fix-dry-run: the baseline must describe the files as they are on disk.');
}

async function openCache(options: LintCommandOptions, io: CliIo, root: string): Promise<Phase1Cache | undefined> {
  if (options.cache || options.cacheLocation !== undefined) {
    const location = options.cacheLocation !== undefined ? path.resolve(io.cwd, options.cacheLocation) : path.join(root, DEFAULT_CACHE_LOCATION);
    return Phase1Cache.open(path.join(location, CACHE_FILE_NAME), TOOL_VERSION);
  }
  // --changed-since and --staged lint the untouched files twice; an in-memory cache makes the second time free.
  return options.changedSince !== undefined || options.staged ? Phase1Cache.inMemory(TOOL_VERSION) : undefined;
}

async function saveCache(cache: Phase1Cache | undefined, io: CliIo): Promise<void> {
  try {
    await cache?.save();
  } catch (error) {
    io.stderr(`agentops-lint: could not write the cache ${cache?.file} (${(error as Error).message}); the results are not affected.\n`);
  }
}

function textsOf(analysisMaps: readonly ReadonlyMap<string, FileAnalysis>[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const analyses of analysisMaps) for (const [file, analysis] of analyses) if (analysis.text !== undefined) texts.set(file, analysis.text);
  return texts;
}

/** --write-baseline records the problems found; --baseline suppresses the recorded ones. */
async function applyBaselineOptions(
  diagnostics: Diagnostic[],
  plan: LintPlan,
  options: LintCommandOptions,
  io: CliIo,
  root: string,
  textOf: (file: string) => string | undefined,
): Promise<Diagnostic[]> {
  const linted = new Set(plan.source.targets);
  const exists = (file: string): boolean => plan.source.paths.files.has(file);
  if (options.writeBaseline !== undefined) {
    const file = path.resolve(io.cwd, options.writeBaseline);
    const previous = await readBaseline(file, options.writeBaseline).then((baseline) => baseline.entries, () => []);
    const entries = buildBaseline(diagnostics, textOf, previous, (entryFile) => !linted.has(entryFile) && exists(entryFile));
    await writeBaseline(file, entries);
    const problems = entries.reduce((sum, entry) => sum + entry.count, 0);
    io.stderr(`agentops-lint: wrote ${problems} problem${problems === 1 ? '' : 's'} in ${new Set(entries.map((entry) => entry.file)).size} file(s) to ${options.writeBaseline}.\n`);
    return diagnostics.filter((diagnostic) => diagnostic.ruleId === RULE_CRASH.id);
  }
  if (options.baseline === undefined) return diagnostics;
  const baseline = await readBaseline(path.resolve(io.cwd, options.baseline), options.baseline);
  const result = applyBaseline(baseline, diagnostics, textOf, linted, exists);
  if (!options.reportUnusedDisables) return result.remaining;
  return [...result.remaining, ...unusedEntryDiagnostics(baseline, result.unused, root)].sort(compareDiagnostics);
}

async function report(diagnostics: Diagnostic[], plan: LintPlan, crashed: boolean, options: LintCommandOptions, outputs: readonly OutputTarget[], io: CliIo, root: string): Promise<number> {
  const counts = countBySeverity(diagnostics);
  const shown = options.quiet ? diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : diagnostics;
  await writeReports(
    {
      toolName: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      informationUri: REPOSITORY_URL,
      cwd: io.cwd,
      root,
      filesChecked: plan.source.targets.length,
      files: plan.source.targets,
      diagnostics: shown,
      rules: REGISTRY.reportedRules,
    },
    outputs,
    io,
    options.color,
  );
  const tooManyWarnings = options.maxWarnings !== undefined && counts.warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`agentops-lint found too many warnings (${counts.warnings}; the maximum is ${options.maxWarnings}).\n`);
  if (crashed) return EXIT_FAILURE;
  return counts.errors > 0 || tooManyWarnings ? EXIT_LINT_ERRORS : EXIT_OK;
}
