/**
 * The lint command: check the flags, settle the root and the config, map the flags onto a
 * LintRequest, run the pipeline (src/pipeline/lint-run.ts), then print: the fix preview, the
 * baseline summary, the reports. The exit code is decided here.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { FixType } from '../fixes/fix-types.js';
import { lintExitCode, type CliIo } from '../core/io.js';
import { runLint } from '../pipeline/lint-run.js';
import { cacheWanted } from '../pipeline/phase1-cache-step.js';
import type { LintOutcome, LintRunOptions, LintScope } from '../pipeline/lint-request.js';
import { findRoot } from '../project/discover.js';
import { parseOutputTargets, prepareOutputFolders, writeReports, type OutputTarget } from '../reporters/outputs.js';
import { runReport, type LintReport } from '../reporters/report.js';
import { discoveryStart, loadExplicitConfig } from './load-run-config.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';

export interface LintCommandOptions {
  config?: string;
  root?: string;
  /** Report formats, each `NAME` or `NAME:FILE` (default: stylish). */
  format: string[];
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  /** --fix-type: what --fix and --fix-dry-run apply. */
  fixType?: FixType;
  quiet: boolean;
  maxWarnings?: number;
  /** --max-findings-per-rule: overrides every config's maxFindingsPerRule. */
  maxFindingsPerRule?: number;
  reportUnusedDisables: boolean;
  errorOnUnmatchedPattern: boolean;
  color?: boolean;
  debug?: boolean;
  /** --strict-config: a config glob that matches no file fails the run (exit 2) instead of warning. */
  strictConfig?: boolean;
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
  /** Lint again at every change on disk (src/cli/watch-command.ts). */
  watch?: boolean;
}

export async function lintCommand(
  patterns: readonly string[],
  options: LintCommandOptions,
  io: CliIo,
): Promise<number> {
  if (options.watch) return (await import('./watch-command.js')).watchCommand(patterns, options, io);
  const outputs = parseOutputTargets(options.format, options.outputFile, io.cwd);
  checkOptionCombinations(options);
  await prepareOutputFolders(outputs);
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  // Without --config, each file gets the nearest config from its own folder (src/config/config-set.ts).
  const config = options.config === undefined ? undefined : loadExplicitConfig(io.cwd, options.config);
  const outcome = await runLint({
    patterns,
    root,
    ...(config ? { config } : {}),
    rules: REGISTRY.byId,
    rulesModule: RULES_MODULE,
    options: runOptions(options, io),
    io,
  });
  printFixPreview(outcome, outputs, io);
  printBaselineWritten(outcome, io);
  const tooMany = tooManyWarnings(outcome, options);
  await report(outcome, options, outputs, io, {
    // An empty list must not read as a pass when hidden warnings fail the run, or when the problems went into a baseline.
    mayClaimNoProblems: !tooMany && outcome.baselineWritten === undefined,
    offerFix: outcome.fixUnavailable === undefined,
  });
  return exitCode(outcome, tooMany, options, io);
}

/** Whether the warnings are more than --max-warnings allows (-1: no limit). */
function tooManyWarnings(outcome: LintOutcome, options: LintCommandOptions): boolean {
  return options.maxWarnings !== undefined && options.maxWarnings >= 0 && outcome.counts.warnings > options.maxWarnings;
}

function checkOptionCombinations(options: LintCommandOptions): void {
  if (options.maxWarnings !== undefined && (!Number.isInteger(options.maxWarnings) || options.maxWarnings < -1)) {
    throw new UsageError('--max-warnings takes a whole number of 0 or more, or -1 for no limit.');
  }
  if (options.fixType !== undefined && !options.fix && !options.fixDryRun)
    throw new UsageError('--fix-type says what --fix or --fix-dry-run applies: add one of them.');
  if (options.staged && options.changedSince !== undefined)
    throw new UsageError(
      '--staged and --changed-since cannot be combined: one lints the next commit, the other a branch.',
    );
  if (options.baseline !== undefined && options.writeBaseline !== undefined) {
    throw new UsageError(
      '--baseline and --write-baseline cannot be combined: --write-baseline records every current problem (and keeps entries of files it did not lint).',
    );
  }
  if (options.writeBaseline !== undefined && (options.staged || options.changedSince !== undefined)) {
    throw new UsageError(
      '--write-baseline records every problem of the files linted; --staged and --changed-since report only some. Run it without them.',
    );
  }
  if (options.writeBaseline !== undefined && options.fixDryRun)
    throw new UsageError(
      '--write-baseline cannot be combined with --fix-dry-run: the baseline must describe the files as they are on disk.',
    );
}

/** The flags as the pipeline's options (checkOptionCombinations has ruled out the contradictions). */
function runOptions(options: LintCommandOptions, io: CliIo): LintRunOptions {
  const scope: LintScope = options.staged
    ? { kind: 'staged' }
    : options.changedSince !== undefined
      ? { kind: 'changed-since', ref: options.changedSince }
      : { kind: 'working-tree' };
  return {
    scope,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    debug: options.debug === true,
    strictConfig: options.strictConfig === true,
    progress: !options.quiet,
    ...(options.fixDryRun ? { fix: 'preview' as const } : options.fix ? { fix: 'write' as const } : {}),
    ...(options.fixType === undefined ? {} : { fixType: options.fixType }),
    reportUnusedDisables: options.reportUnusedDisables,
    ...(options.maxFindingsPerRule === undefined ? {} : { maxFindingsPerRule: options.maxFindingsPerRule }),
    ...(options.writeBaseline !== undefined
      ? { baseline: { write: options.writeBaseline } }
      : options.baseline !== undefined
        ? { baseline: { apply: options.baseline } }
        : {}),
    ...(cacheWanted(options, io) ? { cache: { location: options.cacheLocation } } : {}),
    external: options.external === true,
    networkAllowed: options.external !== false,
    allowPrivate: options.allowPrivate === true,
    ...(options.threads === undefined ? {} : { maxThreads: options.threads === false ? 1 : options.threads }),
  };
}

/** --fix-dry-run: the diffs share stdout only with the human-readable report; machine-readable stdout stays clean. */
function printFixPreview(outcome: LintOutcome, outputs: readonly OutputTarget[], io: CliIo): void {
  if (outcome.fixes.patches.length === 0) return;
  const stdoutFormat = outputs.find((target) => target.file === undefined)?.format;
  const out = stdoutFormat === undefined || stdoutFormat === 'stylish' ? io.stdout : io.stderr;
  for (const patch of outcome.fixes.patches) out(patch);
}

function printBaselineWritten(outcome: LintOutcome, io: CliIo): void {
  const written = outcome.baselineWritten;
  if (!written) return;
  io.stderr(
    `agentops-lint: wrote ${written.problems} problem${written.problems === 1 ? '' : 's'} in ${written.files} file(s) to ${written.file}.\n`,
  );
}

async function report(
  outcome: LintOutcome,
  options: LintCommandOptions,
  outputs: readonly OutputTarget[],
  io: CliIo,
  verdict: Pick<LintReport, 'mayClaimNoProblems' | 'offerFix'>,
): Promise<void> {
  const shown = options.quiet
    ? outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')
    : outcome.diagnostics;
  await writeReports(
    runReport(
      { cwd: io.cwd, root: outcome.root, files: outcome.files, diagnostics: shown },
      REGISTRY.reportedRules,
      verdict,
    ),
    outputs,
    io,
    options.color,
  );
}

function exitCode(outcome: LintOutcome, tooMany: boolean, options: LintCommandOptions, io: CliIo): number {
  const { warnings, errors } = outcome.counts;
  if (tooMany) {
    const hidden = options.quiet ? ' (--quiet does not show them)' : '';
    io.stderr(`agentops-lint found too many warnings (${warnings}; the maximum is ${options.maxWarnings})${hidden}.\n`);
  }
  return lintExitCode({ crashed: outcome.crashed, errors, tooManyWarnings: tooMany });
}
