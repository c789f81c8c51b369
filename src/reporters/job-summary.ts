import { countBySeverity, type LintReport } from './report.js';

/** More rows than this make the summary page unwieldy (and GitHub caps it at 1 MiB). */
export const MAX_SUMMARY_ROWS = 200;

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A code span that survives any backticks in the text and keeps table cells intact. */
function codeCell(text: string): string {
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, '\\|')}${fence}`;
}

/**
 * The GitHub Actions job summary: a count line and a Markdown table of problems per rule and
 * file, most errors first. Written to the file named by $GITHUB_STEP_SUMMARY.
 */
export function formatJobSummary(report: LintReport): string {
  const counts = countBySeverity(report.diagnostics);
  const lines = [`### ${report.toolName}`, ''];
  if (report.diagnostics.length === 0) {
    lines.push(`✔ ${plural(report.filesChecked, 'file')} checked, no problems.`, '');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `✖ ${plural(counts.errors + counts.warnings, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}) in ${plural(report.filesChecked, 'file')} checked.`,
    '',
  );
  const rows = new Map<string, { rule: string; file: string; errors: number; warnings: number }>();
  for (const diagnostic of report.diagnostics) {
    const key = `${diagnostic.ruleId}\0${diagnostic.file}`;
    const row = rows.get(key) ?? { rule: diagnostic.ruleId, file: diagnostic.file, errors: 0, warnings: 0 };
    if (diagnostic.severity === 'error') row.errors++;
    else row.warnings++;
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      b.errors - a.errors ||
      b.warnings - a.warnings ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  lines.push('| Rule | File | Errors | Warnings |', '| --- | --- | ---: | ---: |');
  for (const row of sorted.slice(0, MAX_SUMMARY_ROWS))
    lines.push(`| ${codeCell(row.rule)} | ${codeCell(row.file)} | ${row.errors} | ${row.warnings} |`);
  if (sorted.length > MAX_SUMMARY_ROWS)
    lines.push(
      '',
      `…and ${plural(sorted.length - MAX_SUMMARY_ROWS, 'more row')}; the annotations and reports list every problem.`,
    );
  lines.push('');
  return `${lines.join('\n')}\n`;
}
