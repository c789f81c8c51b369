/**
 * `format()`: a lint result as one of the CLI's report formats, exactly as `--format NAME`
 * prints it (the same report, built by runReport, and the same reporters).
 */
import { REPORTER_NAMES, reporterNamed, type ReporterName } from '../reporters/index.js';
import { runReport } from '../reporters/report.js';
import type { LintResult } from './lint.js';
import { REGISTRY } from '../../rules/index.js';

/** The report formats: `stylish`, `json`, `sarif`, `github`, `gitlab`, `junit` (docs/output-formats.md). */
export type FormatName = ReporterName;

export const FORMAT_NAMES: readonly FormatName[] = REPORTER_NAMES;

export interface FormatOptions {
  /** Colours in `stylish` (default: false). */
  color?: boolean;
}

/** The report of `result` in the format `name`, as the CLI prints it; an unknown name throws a UsageError. */
export function format(result: LintResult, name: FormatName, options: FormatOptions = {}): string {
  const reporter = reporterNamed(name);
  const files = result.files.filter((entry) => entry.checked).map((entry) => entry.file);
  return reporter({
    ...runReport(
      { cwd: result.cwd, root: result.root, files, diagnostics: result.diagnostics },
      REGISTRY.reportedRules,
    ),
    color: options.color ?? false,
  });
}
