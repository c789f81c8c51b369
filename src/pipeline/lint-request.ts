/**
 * The pipeline's contract: what a lint run is asked to do (LintRequest) and what it answers
 * (LintOutcome). The CLI maps its flags onto a request and prints the outcome; a program can do
 * the same without a command line.
 */
import type { ResolvedConfig } from '../config/load.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { CliIo } from '../core/io.js';
import type { Rule } from '../core/rule.js';
import type { FixType } from '../fixes/fix-types.js';
import type { SeverityCounts } from '../reporters/report.js';

/** Which state of the repository is linted. */
export type LintScope =
  | { kind: 'working-tree' }
  /** The staged version of staged files (the next commit), links resolved against the index. */
  | { kind: 'staged' }
  /** Files changed since the merge base with `ref`, and the problems the change caused elsewhere. */
  | { kind: 'changed-since'; ref: string };

/** `write` fixes the files on disk (--fix); `preview` returns the fixes as unified diffs (--fix-dry-run). */
export type FixMode = 'write' | 'preview';

/** A baseline file, as the user named it (relative to io.cwd): suppress what it records, or record what is found. */
export type BaselineUse = { apply: string } | { write: string };

export interface LintRunOptions {
  /** Default: the working tree. */
  scope?: LintScope;
  /** Fail when a path or glob matches no file (default: true). */
  errorOnUnmatchedPattern?: boolean;
  /** Say on stderr which named files were skipped and why (--debug). */
  debug?: boolean;
  /** A config glob that matches no file (any config notice) fails the run with exit code 2 (--strict-config). */
  strictConfig?: boolean;
  fix?: FixMode;
  /** What `fix` applies: the certain fixes (`fix`, the default), or suggestions too (`suggestion`). */
  fixType?: FixType;
  /** Report control comments (and baseline entries) that silenced nothing. */
  reportUnusedDisables?: boolean;
  /** At most this many problems of one rule per file, whatever the configs say (--max-findings-per-rule). */
  maxFindingsPerRule?: number;
  baseline?: BaselineUse;
  /** Keep phase-1 results on disk: in `location` (relative to io.cwd), else under the root. */
  cache?: { location?: string | undefined };
  /** Rules switched on at their default severity where the config leaves them off or unset. */
  switchOn?: readonly string[];
  /**
   * Check external links (--external): the rules that make requests over the network (`usesNetwork`)
   * are switched on, as `switchOn` does, wherever the config leaves them off.
   */
  external?: boolean;
  /** Whether rules may make requests over the network (default: true; --no-external says no). */
  networkAllowed?: boolean;
  /** Let network checks reach loopback, private and link-local addresses (--allow-private). */
  allowPrivate?: boolean;
  /** Which addresses the SSRF guard refuses; tests narrow it. */
  isBlocked?: (address: string) => boolean;
  /** Most threads that parse at once; 1 keeps to this thread (default: one a core). */
  maxThreads?: number;
  /** Draw a progress line on stderr when it is a terminal outside CI (default: true; the CLI says false for --quiet). */
  progress?: boolean;
}

export interface LintRequest {
  /** Files, folders or globs, relative to io.cwd (none: the current folder). */
  patterns: readonly string[];
  /** Absolute path of the repository root, where "/" links resolve. */
  root: string;
  /**
   * One configuration for every file (`--config`; its globs relative to its baseDirectory). Without
   * it, each file gets the nearest config file from its own folder upwards (src/config/config-set.ts).
   */
  config?: ResolvedConfig;
  /** Every rule, by id. The pipeline names no rule: whoever calls it hands them in. */
  rules: ReadonlyMap<string, Rule>;
  /** URL of the module whose `RULES` export lists the same rules: phase-1 worker threads import it. */
  rulesModule: string;
  options: LintRunOptions;
  /** The working folder, the environment, and stderr for the progress line and notices. Nothing is written to stdout. */
  io: CliIo;
}

export interface FixOutcome {
  /** Root-relative files whose text the fixes changed. */
  files: string[];
  /** Whether they were written to disk (FixMode `write`). */
  written: boolean;
  /** The changes as unified diffs, one a file (FixMode `preview` only). */
  patches: string[];
}

export interface BaselineWritten {
  /** The baseline file as the user named it. */
  file: string;
  problems: number;
  /** Files with at least one recorded problem. */
  files: number;
}

export type { SeverityCounts };

export interface LintOutcome {
  root: string;
  /** Root-relative files whose problems are reported. */
  files: readonly string[];
  /** Every problem to report, in report order, after the baseline. */
  diagnostics: Diagnostic[];
  /** A rule crashed: the run's result cannot be trusted (exit code 2). */
  crashed: boolean;
  counts: SeverityCounts;
  fixes: FixOutcome;
  /** What --write-baseline recorded, when it did. */
  baselineWritten?: BaselineWritten;
  /** Why --fix cannot be applied to this run, when it cannot (--staged lints the index, not the files). */
  fixUnavailable?: string;
}
