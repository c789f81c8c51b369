/**
 * `lint()`, the programmatic API's one call: what `agentops-lint lint [paths]` does, for a
 * program. The root and the configs are found as the CLI finds them, the embedded rules run
 * through the same pipeline (src/pipeline/lint-run.ts), and the answer is the results the CLI
 * would print, with the exit code it would return. Nothing is printed: what the CLI says on
 * stderr comes back as `warnings` and `notices`.
 */
import type { z } from 'zod';
import { resolveConfigValue, type ResolvedConfig } from '../config/load.js';
import type { configSchema } from '../config/schema.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { lintExitCode, type CliIo } from '../core/io.js';
import type { SeverityCounts } from '../pipeline/lint-request.js';
import { runLint } from '../pipeline/lint-run.js';
import { findRoot } from '../project/discover.js';
import { discoveryStart, loadExplicitConfig } from '../cli/load-run-config.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';

/** A config as an object: what a config file holds (schema.json describes it). */
export type Config = z.input<typeof configSchema>;

export interface LintOptions {
  /** Absolute path of the folder the run starts from, as the CLI's current folder: paths, a config path and the config object's globs are relative to it. */
  cwd: string;
  /** Files, folders or globs to lint, relative to `cwd` (default: `cwd` itself). */
  paths?: readonly string[];
  /**
   * One config for every file: a config file's path (relative to `cwd`, as `--config`), or a
   * config object (its globs relative to `cwd`). Without it, each file gets the nearest config
   * file from its own folder upwards, else the `recommended` preset, as the CLI does.
   */
  config?: string | Config;
  /**
   * The environment variables the run sees, as the CLI sees its own: git runs with them, and the
   * repository's own URLs and the external-link cache folder come from them. Default: none (pass
   * `process.env` for what the CLI would see).
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** Keep per-file results in the on-disk cache under the root, as the CLI does by default (default: false). */
  cache?: boolean;
}

/** The problems of one file. */
export interface FileResult {
  /** Root-relative path with forward slashes. */
  file: string;
  /** Whether the file was linted; false for a path only a repository-wide problem is on (a required file that is missing). */
  checked: boolean;
  /** In report order: by line, then column. */
  diagnostics: Diagnostic[];
}

export interface LintResult {
  /** The folder the run started from (`LintOptions.cwd`). */
  cwd: string;
  /** Absolute path of the repository root: the nearest folder upwards with `.git`, else the starting folder. */
  root: string;
  /**
   * Every file linted, and every other path a problem is reported on (a required file that is
   * missing), in path order; a clean file has no diagnostics.
   */
  files: FileResult[];
  /** Every problem, in report order (by file, line, column). */
  diagnostics: Diagnostic[];
  /** Problems by severity, and how many of each have a certain fix. */
  counts: SeverityCounts;
  /** What `agentops-lint lint` would exit with: 0 no errors, 1 errors, 2 a rule crashed. */
  exitCode: number;
  /** A rule crashed (its `rule-crash` diagnostic says where): the results cannot be trusted. */
  crashed: boolean;
  /** What the CLI would print as warnings (a config glob that matches no file, an old option name), without its prefix. */
  warnings: string[];
  /** Anything else the CLI would say on stderr (nothing to lint because every file named is ignored), without its prefix. */
  notices: string[];
}

const MESSAGE_PREFIX = 'agentops-lint: ';
const WARNING_PREFIX = `${MESSAGE_PREFIX}warning: `;

/**
 * Lints as `agentops-lint lint [paths]` run in `cwd` does. Rejects with a ConfigError (an invalid
 * config, with its `issues`) or a UsageError (no Markdown file to lint, a config file not found)
 * where the CLI would exit with 2 and that message.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { cwd } = options;
  const patterns = options.paths ?? [];
  const warnings: string[] = [];
  const notices: string[] = [];
  // The pipeline says on stderr what does not stop the run, one message a call.
  const said = (text: string): void => {
    const message = text.replace(/\n$/, '');
    if (message.startsWith(WARNING_PREFIX)) warnings.push(message.slice(WARNING_PREFIX.length));
    else notices.push(message.startsWith(MESSAGE_PREFIX) ? message.slice(MESSAGE_PREFIX.length) : message);
  };
  const io: CliIo = { cwd, env: options.env ?? {}, stdout: said, stderr: said, stdoutIsTTY: false, stderrIsTTY: false };
  const config = configOf(cwd, options.config);
  const outcome = await runLint({
    patterns,
    root: findRoot(discoveryStart(cwd, patterns)),
    ...(config ? { config } : {}),
    rules: REGISTRY.byId,
    rulesModule: RULES_MODULE,
    options: { progress: false, ...(options.cache ? { cache: {} } : {}) },
    io,
  });
  return {
    cwd,
    root: outcome.root,
    files: byFile(outcome.files, outcome.diagnostics),
    diagnostics: outcome.diagnostics,
    counts: outcome.counts,
    exitCode: lintExitCode({ crashed: outcome.crashed, errors: outcome.counts.errors, tooManyWarnings: false }),
    crashed: outcome.crashed,
    warnings,
    notices,
  };
}

function configOf(cwd: string, config: LintOptions['config']): ResolvedConfig | undefined {
  if (config === undefined) return undefined;
  if (typeof config === 'string') return loadExplicitConfig(cwd, config);
  return resolveConfigValue(config, cwd, REGISTRY.configContext, 'lint() config');
}

/** The diagnostics of each file, for the linted files and any other path a diagnostic is on. */
function byFile(linted: readonly string[], diagnostics: readonly Diagnostic[]): FileResult[] {
  const files = new Map<string, FileResult>(linted.map((file) => [file, { file, checked: true, diagnostics: [] }]));
  for (const diagnostic of diagnostics) {
    const entry = files.get(diagnostic.file);
    if (entry) entry.diagnostics.push(diagnostic);
    else files.set(diagnostic.file, { file: diagnostic.file, checked: false, diagnostics: [diagnostic] });
  }
  return [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
