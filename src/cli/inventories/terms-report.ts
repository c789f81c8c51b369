/**
 * `agentops-lint terms`: for every term, how often each spelling occurs in prose and where — what
 * `grep -r "kubernetes\|k8s"` was meant to show, without code, URLs and identifiers.
 */
import { offsetToPoint } from '../../markdown/parse.js';
import { proseBlocks, sourceRange } from '../../markdown/prose.js';
import type { ParsedFile } from '../../core/rule.js';
import type { MatchStatus, TermMatcher } from '../../terms/find-terms.js';
import { comparedUse } from '../../terms/compared-uses.js';
import { isConfiguredName } from '../../terms/term-options.js';
import { markdownCell, markdownTable, textTable, type ReportFormat } from './tables.js';

export type FormStatus = 'right' | 'accepted' | 'allowed' | 'wrong' | 'legacy';

export interface FormCount {
  form: string;
  status: FormStatus;
  count: number;
  /** Occurrences term-consistency compares: running prose of documents that do not record history. */
  compared: number;
  files: { file: string; count: number; lines: number[] }[];
}

export interface TermCount {
  term: string;
  count: number;
  forms: FormCount[];
}

export interface TermsReport {
  filesChecked: number;
  terms: TermCount[];
}

const STATUS: Record<MatchStatus, FormStatus> = {
  canonical: 'right',
  accepted: 'accepted',
  exception: 'allowed',
  wrong: 'wrong',
};

/** One occurrence of a term in a file's prose: plain data, so that the cache can keep it. */
export interface TermRow {
  /** The term's name (its right form, or the first wrong one for a term without a right form). */
  term: string;
  form: string;
  status: FormStatus;
  /** Whether term-consistency compares it. */
  compared: boolean;
  line: number;
}

/**
 * Every right and wrong form of every term in the prose of one file, in the order they occur, and
 * whether term-consistency compares each (`recordsHistory`: the file is a record it leaves out).
 */
export function termRows(file: ParsedFile, matcher: TermMatcher, recordsHistory: boolean): TermRow[] {
  const rows: TermRow[] = [];
  for (const block of proseBlocks(file.tree, file.text)) {
    for (const match of matcher.find(block)) {
      // The user's own names (from the mapping rules' config) only keep pack terms from calling them wrong.
      if (isConfiguredName(match.term)) continue;
      const at = sourceRange(block, match.from, match.to);
      if (!at) continue;
      rows.push({
        term:
          match.term.use ??
          match.term.insteadOf.find((variant): variant is string => typeof variant === 'string') ??
          match.found,
        form: match.found.replace(/\s+/g, ' '),
        status: match.status === 'wrong' && match.term.deprecated ? 'legacy' : STATUS[match.status],
        compared: !recordsHistory && comparedUse(block, match, matcher.subcommands) === 'compared',
        line: offsetToPoint(file.lineStarts, at.start).line,
      });
    }
  }
  return rows;
}

/** The report from each file's rows, files in the order given. */
export function countTermRows(files: readonly { path: string; rows: readonly TermRow[] }[]): TermsReport {
  const terms = new Map<string, Map<string, FormCount>>();
  for (const file of files) {
    for (const row of file.rows) {
      const forms = terms.get(row.term) ?? new Map<string, FormCount>();
      terms.set(row.term, forms);
      const entry = forms.get(row.form) ?? { form: row.form, status: row.status, count: 0, compared: 0, files: [] };
      forms.set(row.form, entry);
      entry.count++;
      if (row.compared) entry.compared++;
      let perFile = entry.files.find((candidate) => candidate.file === file.path);
      if (!perFile) {
        perFile = { file: file.path, count: 0, lines: [] };
        entry.files.push(perFile);
      }
      perFile.count++;
      if (!perFile.lines.includes(row.line)) perFile.lines.push(row.line);
    }
  }
  const result: TermCount[] = [...terms].map(([term, forms]) => {
    const list = [...forms.values()].sort((a, b) => b.count - a.count || a.form.localeCompare(b.form));
    return { term, count: list.reduce((sum, form) => sum + form.count, 0), forms: list };
  });
  result.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term));
  return { filesChecked: files.length, terms: result };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function summary(report: TermsReport): string {
  const wrong = report.terms
    .flatMap((term) => term.forms)
    .filter((form) => form.status === 'wrong' || form.status === 'legacy');
  const wrongCount = wrong.reduce((sum, form) => sum + form.count, 0);
  return `${plural(report.terms.length, 'term')} in ${plural(report.filesChecked, 'file')}; ${plural(wrongCount, 'wrong or legacy spelling')}.`;
}

export function formatTermsReport(report: TermsReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const rows = report.terms.flatMap((term) =>
    term.forms.map((form, index) => {
      const files = form.files.map((file) => `${file.file} (${file.count})`).join(', ');
      return [index === 0 ? term.term : '', form.form, form.status, String(form.count), String(form.compared), files];
    }),
  );
  const header = ['Term', 'Form', 'Status', 'Count', 'Compared', 'Files'];
  if (format === 'markdown') {
    const cells = rows.map(([term, form, status, count, compared, files]) => [
      term ? `**${markdownCell(term)}**` : '',
      markdownCell(form!),
      status === 'wrong' || status === 'legacy' ? `**${status}**` : status!,
      count!,
      compared!,
      markdownCell(files!),
    ]);
    return `### Terminology\n\n${summary(report)}\n\n${report.terms.length === 0 ? '' : markdownTable(header, cells)}`;
  }
  return report.terms.length === 0
    ? `No terms found. ${summary(report)}\n`
    : `${textTable(header, rows)}\n${summary(report)}\n`;
}
