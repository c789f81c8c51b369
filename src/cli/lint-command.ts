/**
 * The lint command: check the flags, settle the root and the config, map the flags onto a
 * LintRequest, run the pipeline (src/pipeline/lint-run.ts), then print: the fix preview, the
 * baseline summary, the reports. The exit code is decided here.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { EXIT_FAILURE, EXIT_LINT_ERRORS, EXIT_OK, type CliIo } from '../core/io.js';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION } from '../core/tool.js';
import { runLint } from '../pipeline/lint-run.js';
import type { LintOutcome, LintRunOptions, LintScope } from '../pipeline/lint-request.js';
import { findRoot } from '../project/discover.js';
import { parseOutputTargets, writeReports, type OutputTarget } from '../reporters/outputs.js';
import { discoveryStart, loadRunConfig } from './load-run-config.js';
import externalLinks from '../../rules/external-links.js';
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

export async function lintCommand(patterns: readonly string[], options: LintCommandOptions, io: CliIo): Promise<number> {
  const outputs = parseOutputTargets(options.format, options.outputFile, io.cwd);
  checkOptionCombinations(options);
  const root = options.root ? path.resolve(io.cwd, options.root) : findRoot(discoveryStart(io.cwd, patterns));
  const config = loadRunConfig(io.cwd, options.config, discoveryStart(io.cwd, patterns), root);
  const outcome = await runLint({ patterns, root, config, rules: REGISTRY.byId, rulesModule: RULES_MODULE, options: runOptions(options), io });
  printFixPreview(outcome, outputs, io);
  printBaselineWritten(outcome, io);
  await report(outcome, options, outputs, io);
  return exitCode(outcome, options, io);
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

/** The flags as the pipeline's options (checkOptionCombinations has ruled out the contradictions). */
function runOptions(options: LintCommandOptions): LintRunOptions {
  const scope: LintScope = options.staged ? { kind: 'staged' } : options.changedSince !== undefined ? { kind: 'changed-since', ref: options.changedSince } : { kind: 'working-tree' };
  return {
    scope,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
    ...(options.fixDryRun ? { fix: 'preview' as const } : options.fix ? { fix: 'write' as const } : {}),
    reportUnusedDisables: options.reportUnusedDisables,
    ...(options.writeBaseline !== undefined ? { baseline: { write: options.writeBaseline } } : options.baseline !== undefined ? { baseline: { apply: options.baseline } } : {}),
    ...(options.cache || options.cacheLocation !== undefined ? { cache: { location: options.cacheLocation } } : {}),
    switchOn: options.external === true ? [externalLinks.id] : [],
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
  io.stderr(`agentops-lint: wrote ${written.problems} problem${written.problems === 1 ? '' : 's'} in ${written.files} file(s) to ${written.file}.\n`);
}

async function report(outcome: LintOutcome, options: LintCommandOptions, outputs: readonly OutputTarget[], io: CliIo): Promise<void> {
  const shown = options.quiet ? outcome.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') : outcome.diagnostics;
  await writeReports(
    {
      toolName: TOOL_NAME,
      toolVersion: TOOL_VERSION,
      informationUri: REPOSITORY_URL,
      cwd: io.cwd,
      root: outcome.root,
      filesChecked: outcome.files.length,
      files: outcome.files,
      diagnostics: shown,
      rules: REGISTRY.reportedRules,
    },
    outputs,
    io,
    options.color,
  );
}

function exitCode(outcome: LintOutcome, options: LintCommandOptions, io: CliIo): number {
  const { warnings, errors } = outcome.counts;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr(`agentops-lint found too many warnings (${warnings}; the maximum is ${options.maxWarnings}).\n`);
  if (outcome.crashed) return EXIT_FAILURE;
  return errors > 0 || tooManyWarnings ? EXIT_LINT_ERRORS : EXIT_OK;
}
