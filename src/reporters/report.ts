import type { Diagnostic } from '../core/diagnostic.js';
import type { ReportedRule } from '../core/rule.js';
import { REPOSITORY_URL, TOOL_NAME, TOOL_VERSION } from '../core/tool.js';

export type { ReportedRule } from '../core/rule.js';

/** Everything a reporter needs; reporters are pure functions of it. */
export interface LintReport {
  toolName: string;
  toolVersion: string;
  informationUri: string;
  /** Absolute paths: diagnostics' files are relative to root; people read paths relative to cwd. */
  cwd: string;
  root: string;
  filesChecked: number;
  /** Root-relative paths of the files checked, when known (JUnit lists the clean ones as passing). */
  files?: readonly string[];
  diagnostics: Diagnostic[];
  rules: readonly ReportedRule[];
  /** Whether colours may be used (stylish only). */
  color: boolean;
  /**
   * Whether an empty report may say "no problems" (default: true). Not when the run fails on
   * problems it does not list (warnings hidden by --quiet beyond --max-warnings), nor when
   * --write-baseline recorded the problems instead of listing them.
   */
  mayClaimNoProblems?: boolean;
  /** Whether to point at `--fix` for fixable problems (default: true; not where --fix is refused, as under --staged). */
  offerFix?: boolean;
}

/** Problems by severity, and how many of each have a certain fix. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
  fixableErrors: number;
  fixableWarnings: number;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') {
      errors++;
      if (diagnostic.fix) fixableErrors++;
    } else {
      warnings++;
      if (diagnostic.fix) fixableWarnings++;
    }
  }
  return { errors, warnings, fixableErrors, fixableWarnings };
}

/**
 * The report of a run's results, without colours (decided per destination): this tool's name,
 * version and home page, the files checked and the problems shown. The CLI and the programmatic
 * API build their reports here, so `format()` gives what `--format` prints.
 */
export function runReport(
  run: { cwd: string; root: string; files: readonly string[]; diagnostics: Diagnostic[] },
  rules: readonly ReportedRule[],
  verdict: Pick<LintReport, 'mayClaimNoProblems' | 'offerFix'> = {},
): Omit<LintReport, 'color'> {
  return {
    toolName: TOOL_NAME,
    toolVersion: TOOL_VERSION,
    informationUri: REPOSITORY_URL,
    cwd: run.cwd,
    root: run.root,
    filesChecked: run.files.length,
    files: run.files,
    diagnostics: run.diagnostics,
    rules,
    ...verdict,
  };
}
