import { countBySeverity, type LintReport } from './report.js';

/** Bumped whenever a field is removed or changes meaning; additions keep the version. */
export const JSON_REPORT_VERSION = 1;

/** The documented machine-readable report (see docs/output-formats.md, "JSON"). */
export function formatJson(report: LintReport): string {
  const counts = countBySeverity(report.diagnostics);
  return `${JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      tool: { name: report.toolName, version: report.toolVersion },
      filesChecked: report.filesChecked,
      errorCount: counts.errors,
      warningCount: counts.warnings,
      diagnostics: report.diagnostics,
    },
    null,
    2,
  )}\n`;
}
