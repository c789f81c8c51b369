/**
 * The precision harness behind `npm run accuracy`: lint a corpus with a config, draw a seeded
 * sample of each rule's findings, and hold the sample against judgement files written by people.
 *
 * A judgement file (test/accuracy/<corpus>.tsv) has one line per judged finding, tab-separated:
 *
 *     rule  file  line  text  TRUE|FALSE  why
 *
 * `text` is what the finding covers in the source, so that a judgement names the words judged and
 * not only a position. TRUE means a real error, FALSE a false positive. Lines starting with `#`
 * and empty lines are comments. A planted-error file has the same columns without the verdict:
 * every line is an error that must be found.
 *
 * The sample is a hash order, not a shuffle: each finding gets the hash of the seed and its
 * identity, and the N lowest are drawn. A finding that stops being reported leaves the sample
 * without reshuffling the others, so judgements stay valid while the rules change; the next
 * finding in hash order takes its place and is listed as unjudged.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.js';

/** The rules whose precision the harness measures unless told otherwise. */
export const MEASURED_RULES = ['terminology', 'term-consistency', 'mapping-consistency', 'k8s-concepts'] as const;

export interface Finding {
  rule: string;
  file: string;
  line: number;
  column: number;
  message: string;
  /** The source text the finding covers, on one line. */
  text: string;
  /** The source line, for a judge to read. */
  context: string;
  /** The nearest heading above the finding, if any. */
  heading?: string;
}

export interface Judgement {
  rule: string;
  file: string;
  line: number;
  text: string;
  verdict: boolean;
  why: string;
  /** Where the judgement is written: `file:line`. */
  source: string;
}

export interface PlantedError {
  rule: string;
  file: string;
  line: number;
  text: string;
  why: string;
  source: string;
}

/** The identity of a finding or a judgement: rule, file, line and the text covered. */
export function findingKey(entry: { rule: string; file: string; line: number; text: string }): string {
  return [entry.rule, entry.file, entry.line, entry.text].join('\t');
}

/** Tabs and line breaks would break the file format; the text is compared as written on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  ruleId: string;
  message: string;
}

/** The text between two 1-based (line, column) points of a file, the end exclusive. */
function textBetween(
  lines: readonly string[],
  from: { line: number; column: number },
  to: { line: number; column: number },
): string {
  if (from.line === to.line) return lines[from.line - 1]?.slice(from.column - 1, to.column - 1) ?? '';
  const parts = [lines[from.line - 1]?.slice(from.column - 1) ?? ''];
  for (let line = from.line + 1; line < to.line; line++) parts.push(lines[line - 1] ?? '');
  parts.push(lines[to.line - 1]?.slice(0, to.column - 1) ?? '');
  return parts.join(' ');
}

function nearestHeading(lines: readonly string[], line: number): string | undefined {
  for (let index = line - 1; index >= 0; index--) {
    if (/^#{1,6}\s/.test(lines[index]!)) return lines[index]!.trim();
  }
  return undefined;
}

/** Turns the JSON report's diagnostics of the measured rules into findings with their text and context. */
export function findingsOf(
  diagnostics: readonly JsonDiagnostic[],
  corpus: string,
  rules: readonly string[],
): Finding[] {
  const texts = new Map<string, string[]>();
  const linesOf = (file: string): string[] => {
    let lines = texts.get(file);
    if (!lines) {
      lines = readFileSync(path.join(corpus, file), 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/);
      texts.set(file, lines);
    }
    return lines;
  };
  return diagnostics
    .filter((diagnostic) => rules.includes(diagnostic.ruleId))
    .map((diagnostic) => {
      const lines = linesOf(diagnostic.file);
      const finding: Finding = {
        rule: diagnostic.ruleId,
        file: diagnostic.file,
        line: diagnostic.line,
        column: diagnostic.column,
        message: diagnostic.message,
        text: oneLine(textBetween(lines, diagnostic, { line: diagnostic.endLine, column: diagnostic.endColumn })),
        context: lines[diagnostic.line - 1] ?? '',
      };
      const heading = nearestHeading(lines, diagnostic.line);
      if (heading !== undefined && heading !== finding.context.trim()) finding.heading = heading;
      return finding;
    });
}

/** Lints a corpus with the real command line (in-process) and returns the findings of the measured rules. */
export async function lintCorpus(corpus: string, config: string, rules: readonly string[]): Promise<Finding[]> {
  let stdout = '';
  let stderr = '';
  // --no-cache: a measurement writes nothing into the corpus, and two tests measuring one corpus
  // at once never share a cache file.
  const exitCode = await main(
    ['--config', config, '--root', corpus, '--format', 'json', '--no-error-on-unmatched-pattern', '--no-cache', corpus],
    {
      cwd: corpus,
      env: {},
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdoutIsTTY: false,
    },
  );
  if (exitCode > 1)
    throw new Error(
      `agentops-lint failed on ${corpus} (exit code ${exitCode}): ${stderr.trim() || stdout.slice(0, 2000)}`,
    );
  const report = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
  return findingsOf(report.diagnostics, corpus, rules);
}

function fieldsOf(text: string, source: string): { fields: string[]; at: string }[] {
  const rows: { fields: string[]; at: string }[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    rows.push({ fields: line.split('\t'), at: `${source}:${index + 1}` });
  });
  return rows;
}

function lineNumber(field: string, at: string): number {
  if (!/^[1-9]\d*$/.test(field))
    throw new Error(`${at}: the line column must be a line number (1 or more), not "${field}".`);
  return Number(field);
}

/** Parses a judgement file; every problem names the file and line and says what to write instead. */
export function parseJudgements(text: string, source: string): Judgement[] {
  const judgements: Judgement[] = [];
  const seen = new Map<string, string>();
  for (const { fields, at } of fieldsOf(text, source)) {
    if (fields.length !== 6)
      throw new Error(
        `${at}: expected 6 tab-separated columns (rule, file, line, text, TRUE or FALSE, why), found ${fields.length}.`,
      );
    const [rule, file, line, judgedText, verdict, why] = fields as [string, string, string, string, string, string];
    if (verdict !== 'TRUE' && verdict !== 'FALSE')
      throw new Error(`${at}: the verdict must be TRUE (a real error) or FALSE (a false positive), not "${verdict}".`);
    if (why.trim() === '')
      throw new Error(
        `${at}: say why the finding is ${verdict === 'TRUE' ? 'a real error' : 'a false positive'} in the last column.`,
      );
    const judgement: Judgement = {
      rule,
      file,
      line: lineNumber(line, at),
      text: judgedText,
      verdict: verdict === 'TRUE',
      why,
      source: at,
    };
    const key = findingKey(judgement);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      throw new Error(`${at}: the same finding is already judged at ${earlier}; keep one line.`);
    seen.set(key, at);
    judgements.push(judgement);
  }
  return judgements;
}

/** Parses a planted-error file (rule, file, line, text, why). */
export function parsePlanted(text: string, source: string): PlantedError[] {
  return fieldsOf(text, source).map(({ fields, at }) => {
    if (fields.length !== 5)
      throw new Error(`${at}: expected 5 tab-separated columns (rule, file, line, text, why), found ${fields.length}.`);
    const [rule, file, line, plantedText, why] = fields as [string, string, string, string, string];
    return { rule, file, line: lineNumber(line, at), text: plantedText, why, source: at };
  });
}

function sampleRank(seed: string, finding: Finding): string {
  return createHash('sha256')
    .update(`${seed}\n${findingKey(finding)}`)
    .digest('hex');
}

/** Up to `size` findings of each rule, the lowest in the seeded hash order, in document order. */
export function sampleFindings(findings: readonly Finding[], size: number, seed: string): Map<string, Finding[]> {
  const byRule = new Map<string, { finding: Finding; rank: string }[]>();
  const unique = new Map<string, Finding>();
  // The same words reported twice at one place (two terms) are judged once.
  for (const finding of findings) if (!unique.has(findingKey(finding))) unique.set(findingKey(finding), finding);
  for (const finding of unique.values()) {
    const list = byRule.get(finding.rule) ?? [];
    list.push({ finding, rank: sampleRank(seed, finding) });
    byRule.set(finding.rule, list);
  }
  const samples = new Map<string, Finding[]>();
  for (const [rule, list] of byRule) {
    const drawn = list
      .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
      .slice(0, size)
      .map((entry) => entry.finding);
    samples.set(
      rule,
      drawn.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column),
    );
  }
  return samples;
}

export interface RulePrecision {
  rule: string;
  findings: number;
  sampled: number;
  judgedTrue: Finding[];
  judgedFalse: { finding: Finding; judgement: Judgement }[];
  unjudged: Finding[];
  /** TRUE / judged, or undefined when nothing in the sample is judged. */
  precision: number | undefined;
}

export interface PrecisionReport {
  rules: RulePrecision[];
  /** Judgements whose finding is no longer reported at all: a TRUE one is a lost detection. */
  noLongerReported: Judgement[];
}

export function measurePrecision(
  findings: readonly Finding[],
  judgements: readonly Judgement[],
  options: { rules: readonly string[]; sample: number; seed: string },
): PrecisionReport {
  const byKey = new Map(judgements.map((judgement) => [findingKey(judgement), judgement]));
  const samples = sampleFindings(findings, options.sample, options.seed);
  const rules = options.rules.map((rule): RulePrecision => {
    const sample = samples.get(rule) ?? [];
    const result: RulePrecision = {
      rule,
      findings: findings.filter((finding) => finding.rule === rule).length,
      sampled: sample.length,
      judgedTrue: [],
      judgedFalse: [],
      unjudged: [],
      precision: undefined,
    };
    for (const finding of sample) {
      const judgement = byKey.get(findingKey(finding));
      if (!judgement) result.unjudged.push(finding);
      else if (judgement.verdict) result.judgedTrue.push(finding);
      else result.judgedFalse.push({ finding, judgement });
    }
    const judged = result.judgedTrue.length + result.judgedFalse.length;
    if (judged > 0) result.precision = result.judgedTrue.length / judged;
    return result;
  });
  const reported = new Set(findings.map(findingKey));
  const noLongerReported = judgements.filter(
    (judgement) => options.rules.includes(judgement.rule) && !reported.has(findingKey(judgement)),
  );
  return { rules, noLongerReported };
}

export interface RecallReport {
  found: PlantedError[];
  missed: PlantedError[];
}

export function measureRecall(findings: readonly Finding[], planted: readonly PlantedError[]): RecallReport {
  const reported = new Set(findings.map(findingKey));
  return {
    found: planted.filter((error) => reported.has(findingKey(error))),
    missed: planted.filter((error) => !reported.has(findingKey(error))),
  };
}

const percent = (value: number | undefined): string => (value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);

/** A finding as a judge reads it: where, what, the line it is on, and the line to add once judged. */
function describeFinding(finding: Finding): string {
  const lines = [`  ${finding.file}:${finding.line}:${finding.column}  ${finding.rule}  ${finding.message}`];
  if (finding.heading !== undefined) lines.push(`    under: ${oneLine(finding.heading).slice(0, 160)}`);
  const at = finding.column - 1;
  const context = finding.context;
  const start = Math.max(0, at - 100);
  const shown = `${start > 0 ? '…' : ''}${context.slice(start, at)}«${context.slice(at, at + Math.max(finding.text.length, 1))}»${context.slice(at + Math.max(finding.text.length, 1), at + 160)}`;
  lines.push(`    line: ${shown.trim()}`);
  lines.push(`    ${[finding.rule, finding.file, finding.line, finding.text, 'TRUE|FALSE', 'why'].join('\t')}`);
  return lines.join('\n');
}

export function formatPrecisionReport(report: PrecisionReport, heading: string): string {
  const out: string[] = [
    heading,
    '',
    '| Rule | Findings | Sampled | Judged | True | False | Precision |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const rule of report.rules) {
    const judged = rule.judgedTrue.length + rule.judgedFalse.length;
    out.push(
      `| ${rule.rule} | ${rule.findings} | ${rule.sampled} | ${judged} | ${rule.judgedTrue.length} | ${rule.judgedFalse.length} | ${percent(rule.precision)} |`,
    );
  }
  const falsePositives = report.rules.flatMap((rule) => rule.judgedFalse);
  if (falsePositives.length > 0) {
    out.push('', `False positives in the sample (${falsePositives.length}):`);
    for (const { finding, judgement } of falsePositives)
      out.push(`${describeFinding(finding)}\n    judged at ${judgement.source}: ${judgement.why}`);
  }
  const unjudged = report.rules.flatMap((rule) => rule.unjudged);
  if (unjudged.length > 0) {
    out.push(
      '',
      `Unjudged findings in the sample (${unjudged.length}): read each in context, then add its last line to the judgement file with TRUE or FALSE and why.`,
    );
    for (const finding of unjudged) out.push(describeFinding(finding));
  }
  const lost = report.noLongerReported.filter((judgement) => judgement.verdict);
  const fixed = report.noLongerReported.filter((judgement) => !judgement.verdict);
  if (lost.length > 0) {
    out.push(
      '',
      `Real errors judged TRUE that are no longer reported (${lost.length}): a lost detection, or the corpus changed.`,
    );
    for (const judgement of lost)
      out.push(`  ${judgement.source}: ${judgement.rule} ${judgement.file}:${judgement.line} "${judgement.text}"`);
  }
  if (fixed.length > 0)
    out.push('', `${fixed.length} false positive${fixed.length === 1 ? ' is' : 's are'} no longer reported.`);
  return `${out.join('\n')}\n`;
}

export function formatRecallReport(report: RecallReport, heading: string): string {
  const total = report.found.length + report.missed.length;
  const out = [
    heading,
    '',
    `Recall: ${report.found.length}/${total} planted errors found (${percent(total === 0 ? undefined : report.found.length / total)}).`,
  ];
  if (report.missed.length > 0) {
    out.push('', 'Missed:');
    for (const error of report.missed)
      out.push(`  ${error.source}: ${error.rule} ${error.file}:${error.line} "${error.text}" (${error.why})`);
  }
  return `${out.join('\n')}\n`;
}
