import type { Diagnostic } from '../core/diagnostic.js';
import { countBySeverity, type LintReport } from './report.js';

/** Bumped whenever a field is removed or changes meaning; additions keep the version. */
export const JSON_REPORT_VERSION = 1;

/**
 * A diagnostic with the documented fields only, in a fixed order: `fix` holds the edits `--fix`
 * applies, `suggestions` the likely repairs applied only with `--fix-type suggestion`.
 */
function reported(diagnostic: Diagnostic) {
  const { file, line, column, endLine, endColumn, ruleId, messageId, severity, message, suggestion, fix, suggestions } =
    diagnostic;
  return {
    file,
    line,
    column,
    endLine,
    endColumn,
    ruleId,
    messageId,
    severity,
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
    ...(fix === undefined ? {} : { fix }),
    ...(suggestions === undefined || suggestions.length === 0
      ? {}
      : { suggestions: suggestions.map(({ desc, fix: edits }) => ({ desc, fix: edits })) }),
  };
}

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
      diagnostics: report.diagnostics.map(reported),
    },
    null,
    2,
  )}\n`;
}
