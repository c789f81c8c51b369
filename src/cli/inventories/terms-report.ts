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

/**
 * Counts every right and wrong form of every term in the prose of the files, and how many of them
 * term-consistency compares (`recordsHistory` says which files it leaves out as records).
 */
export function countTerms(
  files: readonly ParsedFile[],
  matcherFor: (file: ParsedFile) => TermMatcher,
  recordsHistory: (file: ParsedFile) => boolean = () => false,
): TermsReport {
  const terms = new Map<string, Map<string, FormCount>>();
  for (const file of files) {
    const matcher = matcherFor(file);
    const record = recordsHistory(file);
    for (const block of proseBlocks(file.tree, file.text)) {
      for (const match of matcher.find(block)) {
        // The user's own names (from the mapping rules' config) only keep pack terms from calling them wrong.
        if (isConfiguredName(match.term)) continue;
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        const name =
          match.term.use ??
          match.term.insteadOf.find((variant): variant is string => typeof variant === 'string') ??
          match.found;
        const form = match.found.replace(/\s+/g, ' ');
        const status = match.status === 'wrong' && match.term.deprecated ? 'legacy' : STATUS[match.status];
        const forms = terms.get(name) ?? new Map<string, FormCount>();
        terms.set(name, forms);
        const entry = forms.get(form) ?? { form, status, count: 0, compared: 0, files: [] };
        forms.set(form, entry);
        entry.count++;
        if (!record && comparedUse(block, match, matcher.subcommands) === 'compared') entry.compared++;
        let perFile = entry.files.find((candidate) => candidate.file === file.path);
        if (!perFile) {
          perFile = { file: file.path, count: 0, lines: [] };
          entry.files.push(perFile);
        }
        perFile.count++;
        const { line } = offsetToPoint(file.lineStarts, at.start);
        if (!perFile.lines.includes(line)) perFile.lines.push(line);
      }
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
