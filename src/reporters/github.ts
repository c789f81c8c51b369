import type { LintReport } from './report.js';

/** Escaping as the GitHub Actions toolkit does for workflow command data and properties. */
const escapeData = (value: string): string => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (value: string): string => escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request. */
export function formatGithub(report: LintReport): string {
  return report.diagnostics
    .map((diagnostic) => {
      const command = diagnostic.severity === 'error' ? 'error' : 'warning';
      const properties = [
        `file=${escapeProperty(diagnostic.file)}`,
        `line=${diagnostic.line}`,
        `col=${diagnostic.column}`,
        `endLine=${diagnostic.endLine}`,
        `endColumn=${diagnostic.endColumn}`,
        `title=${escapeProperty(diagnostic.ruleId)}`,
      ].join(',');
      const message = diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message;
      return `::${command} ${properties}::${escapeData(message)}\n`;
    })
    .join('');
}
