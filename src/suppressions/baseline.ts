/**
 * Baselines let a team adopt the linter on a repository that already has problems:
 * `--write-baseline FILE` records today's problems, `--baseline FILE` suppresses exactly those and
 * fails on new ones.
 *
 * A problem is recognised by a fingerprint of its file, rule, message and the text it points at
 * (whitespace collapsed), never by its line: adding a paragraph above it does not make it new,
 * while editing the very text it is about does. Identical problems in one file (the same broken
 * link written twice) share a fingerprint and are counted, so a third copy is new.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { BASELINE, RULE_CRASH } from '../core/engine-rules.js';
import { computeLineStarts } from '../core/text-positions.js';
import { formatMessage } from '../core/rule.js';

export const BASELINE_VERSION = 1;

const entrySchema = z.strictObject({
  file: z.string().min(1),
  rule: z.string().min(1),
  message: z.string(),
  fingerprint: z.string().min(1),
  count: z.number().int().positive(),
});

const baselineSchema = z.strictObject({
  version: z.literal(BASELINE_VERSION),
  tool: z.literal('agentops-lint'),
  problems: z.array(entrySchema),
});

export type BaselineEntry = z.infer<typeof entrySchema>;

export interface Baseline {
  /** Absolute path of the file it was read from or will be written to. */
  file: string;
  entries: BaselineEntry[];
  /** The file's text as read (to point at stale entries); empty for a new baseline. */
  text: string;
}

/** The text a diagnostic points at, whitespace collapsed ('' for an empty range or unknown text). */
function pointedText(diagnostic: Diagnostic, text: string | undefined): string {
  if (text === undefined) return '';
  const lineStarts = computeLineStarts(text);
  const offset = (line: number, column: number): number => (lineStarts[line - 1] ?? text.length) + column - 1;
  return text
    .slice(offset(diagnostic.line, diagnostic.column), offset(diagnostic.endLine, diagnostic.endColumn))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A fingerprint that survives line shifts: file, rule, message id, message and the text pointed at. */
export function fingerprintOf(diagnostic: Diagnostic, text: string | undefined): string {
  const identity = JSON.stringify([
    diagnostic.file,
    diagnostic.ruleId,
    diagnostic.messageId,
    diagnostic.message,
    pointedText(diagnostic, text),
  ]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 20);
}

export async function readBaseline(file: string, shownAs: string): Promise<Baseline> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UsageError(`Baseline file not found: ${shownAs} (create it with --write-baseline ${shownAs}).`);
    throw new UsageError(`Cannot read the baseline file ${shownAs}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `The baseline file ${shownAs} is not valid JSON (${(error as Error).message}); write it again with --write-baseline.`,
    );
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `The baseline file ${shownAs} is not an agentops-lint baseline (version ${BASELINE_VERSION}): ${issue.path.join('.') || '(top level)'}: ${issue.message}.`,
    );
  }
  return { file, entries: parsed.data.problems, text };
}

export interface BaselineResult {
  /** Diagnostics the baseline does not cover: what the run reports. */
  remaining: Diagnostic[];
  suppressed: number;
  /** Entries (with the count left over) that matched nothing, for --report-unused-disables. */
  unused: BaselineEntry[];
}

/**
 * Suppresses the diagnostics the baseline records. An entry is unused when its file was linted
 * in full (`linted`) or no longer exists, and fewer problems matched it than it counts.
 */
export function applyBaseline(
  baseline: Baseline,
  diagnostics: readonly Diagnostic[],
  textOf: (file: string) => string | undefined,
  linted: ReadonlySet<string>,
  exists: (file: string) => boolean,
): BaselineResult {
  const left = new Map<string, number>();
  const key = (file: string, fingerprint: string): string => `${file}\0${fingerprint}`;
  for (const entry of baseline.entries)
    left.set(key(entry.file, entry.fingerprint), (left.get(key(entry.file, entry.fingerprint)) ?? 0) + entry.count);
  const remaining: Diagnostic[] = [];
  let suppressed = 0;
  for (const diagnostic of diagnostics) {
    const entryKey = key(diagnostic.file, fingerprintOf(diagnostic, textOf(diagnostic.file)));
    const count = left.get(entryKey) ?? 0;
    if (count > 0 && diagnostic.ruleId !== RULE_CRASH.id) {
      left.set(entryKey, count - 1);
      suppressed++;
    } else {
      remaining.push(diagnostic);
    }
  }
  const unused: BaselineEntry[] = [];
  for (const entry of baseline.entries) {
    const entryKey = key(entry.file, entry.fingerprint);
    const count = Math.min(entry.count, left.get(entryKey) ?? 0);
    if (count === 0 || !(linted.has(entry.file) || !exists(entry.file))) continue;
    left.set(entryKey, (left.get(entryKey) ?? 0) - count);
    unused.push({ ...entry, count });
  }
  return { remaining, suppressed, unused };
}

/** Diagnostics that point at stale entries, in the baseline file itself. */
export function unusedEntryDiagnostics(
  baseline: Baseline,
  unused: readonly BaselineEntry[],
  root: string,
): Diagnostic[] {
  const shownFile = path.relative(root, baseline.file).split(path.sep).join('/');
  const lines = baseline.text.split(/\r?\n/);
  return unused.map((entry) => {
    const index = lines.findIndex((line) => line.includes(`"${entry.fingerprint}"`));
    const lineText = lines[index] ?? '';
    const column = index < 0 ? 1 : lineText.length - lineText.trimStart().length + 1;
    return {
      file: shownFile,
      line: index + 1 || 1,
      column,
      endLine: index + 1 || 1,
      endColumn: index < 0 ? 1 : lineText.trimEnd().length + 1,
      ruleId: BASELINE.id,
      messageId: 'unusedEntry',
      severity: 'error',
      message: formatMessage(BASELINE.messages.unusedEntry!, {
        count: entry.count,
        rule: entry.rule,
        plural: entry.count === 1 ? '' : 's',
        file: entry.file,
        message: entry.message,
      }),
    };
  });
}

/**
 * The baseline to write: today's problems in the files linted, plus the previous baseline's
 * entries for files this run did not lint and that still exist (so a partial run cannot drop them).
 */
export function buildBaseline(
  diagnostics: readonly Diagnostic[],
  textOf: (file: string) => string | undefined,
  previous: readonly BaselineEntry[],
  keepPrevious: (file: string) => boolean,
): BaselineEntry[] {
  const byKey = new Map<string, BaselineEntry>();
  for (const entry of previous)
    if (keepPrevious(entry.file)) byKey.set(`${entry.file}\0${entry.fingerprint}`, { ...entry });
  for (const diagnostic of diagnostics) {
    if (diagnostic.ruleId === RULE_CRASH.id || diagnostic.ruleId === BASELINE.id) continue;
    const fingerprint = fingerprintOf(diagnostic, textOf(diagnostic.file));
    const entryKey = `${diagnostic.file}\0${fingerprint}`;
    const entry = byKey.get(entryKey);
    if (entry) entry.count++;
    else
      byKey.set(entryKey, {
        file: diagnostic.file,
        rule: diagnostic.ruleId,
        message: diagnostic.message,
        fingerprint,
        count: 1,
      });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message) ||
      compareText(a.fingerprint, b.fingerprint),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function writeBaseline(file: string, entries: readonly BaselineEntry[]): Promise<void> {
  const content = { version: BASELINE_VERSION, tool: 'agentops-lint', problems: entries };
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
}
