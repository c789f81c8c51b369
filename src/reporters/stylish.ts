import path from 'node:path';
import { Chalk } from 'chalk';
import { countBySeverity, type LintReport } from './report.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Control characters (C0, DEL, C1, and the Unicode line and paragraph separators) written as
 * escapes: a file named `a\nb.md` must not split its `path:line:col` line in two (editors and CI
 * annotations read that line as one location), nor send escape sequences to the terminal.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (character) => NAMED_ESCAPES[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * One line per problem, starting with a clickable `path:line:col` (relative to where the user
 * runs the tool), grouped by file, then a summary.
 */
export function formatStylish(report: LintReport): string {
  const chalk = new Chalk({ level: report.color ? 1 : 0 });
  if (report.diagnostics.length === 0) {
    return report.mayClaimNoProblems === false
      ? ''
      : `${chalk.green('✔')} ${plural(report.filesChecked, 'file')} checked, no problems.\n`;
  }
  const lines: string[] = [];
  let previousFile: string | undefined;
  for (const diagnostic of report.diagnostics) {
    if (previousFile !== undefined && diagnostic.file !== previousFile) lines.push('');
    previousFile = diagnostic.file;
    const shown =
      path.relative(report.cwd, path.join(report.root, diagnostic.file)).split(path.sep).join('/') || diagnostic.file;
    const where = `${escapeControlCharacters(shown)}:${diagnostic.line}:${diagnostic.column}`;
    const severity = diagnostic.severity === 'error' ? chalk.red('error') : chalk.yellow('warn ');
    const suggestion = diagnostic.suggestion ? ` ${chalk.cyan(diagnostic.suggestion)}` : '';
    lines.push(
      `${chalk.underline(where)}  ${severity}  ${diagnostic.message}${suggestion}  ${chalk.dim(diagnostic.ruleId)}`,
    );
  }
  const counts = countBySeverity(report.diagnostics);
  const summary = `✖ ${plural(counts.errors + counts.warnings, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}) in ${plural(report.filesChecked, 'file')} checked`;
  lines.push('', counts.errors > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary));
  if (counts.fixableErrors + counts.fixableWarnings > 0 && report.offerFix !== false) {
    lines.push(
      `  ${plural(counts.fixableErrors, 'error')} and ${plural(counts.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
