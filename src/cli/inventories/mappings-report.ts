/**
 * `agentops-lint mappings`: every mapping statement found, grouped by Kubernetes concept, with
 * conflicts and unknown concepts marked — the page a Kubernetes expert reviews instead of reading
 * every document. It finds and judges statements exactly as mapping-consistency and k8s-concepts do.
 */
import { offsetToPoint } from '../../markdown/parse.js';
import { formatMessage, type ParsedFile } from '../../core/rule.js';
import type { ConceptVocabulary } from '../../terms/concepts.js';
import {
  comparedStatements,
  findingReport,
  kubernetesKey,
  mappingFindings,
  type CanonicalEntry,
  type LocatedStatement,
} from '../../terms/mapping-check.js';
import { documentHistory, type HistoryOptions } from '../../terms/history.js';
import {
  findMappings,
  sideConcepts,
  type MappingSource,
  type MappingStatement,
} from '../../terms/mapping-statements.js';
import { markdownCell, markdownTable, textTable, type ReportFormat } from './tables.js';

export interface ReportedStatement {
  kubernetes: string;
  project: string;
  file: string;
  line: number;
  column: number;
  source: MappingSource;
  /** What mapping-consistency reports about the statement, if anything. */
  conflict?: string;
}

export interface ConceptGroup {
  /** The Kubernetes concept's name, or the text as written when it is not a concept. */
  concept: string;
  known: boolean;
  /** For unknown concepts: the nearest real ones. */
  nearest: string[];
  statements: ReportedStatement[];
}

export interface MappingsReport {
  filesChecked: number;
  statements: number;
  conflicts: number;
  unknownConcepts: number;
  /** Whether statements were checked against a configured canonical mapping. */
  canonical: boolean;
  concepts: ConceptGroup[];
  /** Rows of mapping tables that state no mapping that can be compared (a description, an empty cell), with why. */
  unreadable: { file: string; line: number; reason: string }[];
}

/** What judgeMappingRows judges: each file's rows (mappingRows), and what to judge them against. */
export interface MappingsJudgeInput {
  /** Every file whose statements are judged together (the context), with its rows. */
  files: readonly { path: string; rows: MappingRows }[];
  /** Which of them the report is about; the others only take part in the judging. Default: all. */
  shown?: (file: string) => boolean;
  vocabulary: ConceptVocabulary;
  canonical: readonly CanonicalEntry[];
  /** mapping-consistency's message templates, so that the report says what the rule says. */
  messages: Readonly<Record<string, string>>;
}

/** What one file states about mappings, located: plain data, so that the cache can keep it. */
export interface MappingRows {
  statements: { statement: MappingStatement; line: number; column: number }[];
  unreadable: { line: number; reason: string }[];
}

/** What decides what `mappingRows` finds in a file. */
export interface MappingRowOptions {
  vocabulary: ConceptVocabulary;
  canonical: readonly CanonicalEntry[];
  history?: HistoryOptions | undefined;
}

/** The mapping statements and unreadable mapping-table rows of one file (none in a document that records history). */
export function mappingRows(file: ParsedFile, { vocabulary, canonical, history }: MappingRowOptions): MappingRows {
  if (history && documentHistory(file.path, file.tree, file.text, history).history)
    return { statements: [], unreadable: [] };
  const { statements, unreadable } = findMappings(file.tree, file.text, {
    vocabulary,
    kubernetesNames: canonical.flatMap((entry) => entry.kubernetes),
    projectNames: canonical.flatMap((entry) => entry.project),
  });
  return {
    statements: statements.map((statement) => {
      const point = offsetToPoint(file.lineStarts, statement.kubernetes.start);
      return { statement, line: point.line, column: point.column };
    }),
    unreadable: unreadable.map((row) => ({ line: offsetToPoint(file.lineStarts, row.start).line, reason: row.reason })),
  };
}

/** The report from each file's rows: statements judged against each other (and the canonical mapping). */
export function judgeMappingRows({
  files,
  shown = () => true,
  vocabulary,
  canonical,
  messages,
}: MappingsJudgeInput): MappingsReport {
  const found: LocatedStatement[] = [];
  const columns = new Map<LocatedStatement, number>();
  const unreadable: MappingsReport['unreadable'] = [];
  for (const file of files) {
    if (shown(file.path))
      for (const row of file.rows.unreadable) unreadable.push({ file: file.path, line: row.line, reason: row.reason });
    for (const { statement, line, column } of file.rows.statements) {
      const entry: LocatedStatement = { ...statement, file: file.path, line };
      columns.set(entry, column);
      found.push(entry);
    }
  }
  // Running text that no mapping corroborates is left out, as mapping-consistency leaves it out.
  const located = comparedStatements(found, canonical, vocabulary);
  const conflicts = new Map<LocatedStatement, string>();
  for (const finding of mappingFindings(located, canonical, vocabulary)) {
    if (!shown(finding.statement.file)) continue;
    const { messageId, data } = findingReport(finding);
    conflicts.set(finding.statement, formatMessage(messages[messageId] ?? messageId, data));
  }
  // Judged against every statement, reported for the files asked about.
  const reported = located.filter((statement) => shown(statement.file));
  const groups = new Map<string, ConceptGroup>();
  for (const statement of reported) {
    const names = sideConcepts(statement.kubernetes.text, vocabulary);
    const known = names.length > 0;
    const key = kubernetesKey(statement.kubernetes.text, vocabulary);
    let group = groups.get(key);
    if (!group) {
      group = {
        concept: known ? names.join(' + ') : statement.kubernetes.text,
        known,
        nearest: known ? [] : vocabulary.nearest(statement.kubernetes.text),
        statements: [],
      };
      groups.set(key, group);
    }
    const reported: ReportedStatement = {
      kubernetes: statement.kubernetes.text,
      project: statement.project.text,
      file: statement.file,
      line: statement.line,
      column: columns.get(statement)!,
      source: statement.source,
    };
    const conflict = conflicts.get(statement);
    if (conflict !== undefined) reported.conflict = conflict;
    group.statements.push(reported);
  }
  const concepts = [...groups.values()].sort((a, b) =>
    a.concept.localeCompare(b.concept, 'en', { sensitivity: 'base' }),
  );
  return {
    filesChecked: files.filter((file) => shown(file.path)).length,
    statements: reported.length,
    conflicts: conflicts.size,
    unknownConcepts: concepts.filter((group) => !group.known).length,
    canonical: canonical.length > 0,
    concepts,
    unreadable,
  };
}

/** The rows of mapping tables that could not be compared, so that no row is dropped silently. */
function unreadableRows(report: MappingsReport, format: ReportFormat): string {
  if (report.unreadable.length === 0) return '';
  const title = `${plural(report.unreadable.length, 'mapping-table row')} stating no mapping that can be compared:`;
  const lines = report.unreadable.map((row) =>
    format === 'markdown' ? `- \`${row.file}:${row.line}\`: ${row.reason}` : `  ${row.file}:${row.line}  ${row.reason}`,
  );
  return `\n${title}\n${format === 'markdown' ? '\n' : ''}${lines.join('\n')}\n`;
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function summary(report: MappingsReport): string {
  const against = report.canonical ? 'checked against the canonical mapping' : 'checked against each other';
  return `${plural(report.statements, 'mapping statement')} about ${plural(report.concepts.length, 'Kubernetes concept')} in ${plural(report.filesChecked, 'file')}, ${against}: ${plural(report.conflicts, 'conflict')}, ${plural(report.unknownConcepts, 'unknown concept')}.`;
}

function problems(group: ConceptGroup, statement: ReportedStatement): string {
  const notes: string[] = [];
  if (!group.known)
    notes.push(`not a Kubernetes concept${group.nearest.length > 0 ? ` (nearest: ${group.nearest.join(', ')})` : ''}`);
  if (statement.conflict !== undefined) notes.push(`conflict: ${statement.conflict}`);
  return notes.join('; ');
}

export function formatMappingsReport(report: MappingsReport, format: ReportFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const header = ['Kubernetes concept', 'Written as', 'Project concept', 'Where', 'Problem'];
  const rows = report.concepts.flatMap((group) =>
    group.statements.map((statement, index) => [
      index === 0 ? group.concept : '',
      statement.kubernetes,
      statement.project,
      `${statement.file}:${statement.line}`,
      problems(group, statement),
    ]),
  );
  if (format === 'markdown') {
    const cells = rows.map(([concept, written, project, where, problem]) => [
      concept ? `**${markdownCell(concept)}**` : '',
      markdownCell(written!),
      markdownCell(project!),
      `\`${where}\``,
      problem ? `⚠️ ${markdownCell(problem)}` : '',
    ]);
    return `### Kubernetes mappings\n\n${summary(report)}\n\n${rows.length === 0 ? '' : markdownTable(header, cells)}${unreadableRows(report, format)}`;
  }
  return `${rows.length === 0 ? `No mapping statements found. ${summary(report)}\n` : `${textTable(header, rows)}\n${summary(report)}\n`}${unreadableRows(report, format)}`;
}
