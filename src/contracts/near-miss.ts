/**
 * Near misses of a contract: a required heading or phrase that is there, but in another letter
 * case or with other words around it ("operational discipline" for "Operational Discipline",
 * "Mission Statement" for "Mission"). The contract still fails; the message says what was found
 * instead, so the contributor fixes the right line.
 */
import type { TextPattern } from './text-pattern.js';

export type NearMissKind = 'case' | 'words';

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Whether `run` appears in `list` as consecutive items. */
function containsRun(list: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= list.length; start++)
    if (run.every((word, i) => list[start + i] === word)) return true;
  return false;
}

/** The pattern matching in any letter case, when it is case-sensitive now; else undefined. */
function anyCase(regex: RegExp): RegExp | undefined {
  return regex.flags.includes('i') ? undefined : new RegExp(regex.source, `${regex.flags}i`);
}

/**
 * How a heading misses a required heading: only by letter case, or by words added or dropped
 * around the required ones. Regular expressions can only miss by case.
 */
export function headingNearMiss(pattern: TextPattern, heading: string): NearMissKind | undefined {
  if (anyCase(pattern.whole)?.test(heading)) return 'case';
  if (pattern.kind === 'regex') return undefined;
  const wanted = wordsOf(pattern.source);
  const found = wordsOf(heading);
  if (wanted.length === 0 || found.length === 0 || wanted.length === found.length) return undefined;
  return containsRun(found, wanted) || containsRun(wanted, found) ? 'words' : undefined;
}

const NOT_WORD = '[^\\p{L}\\p{N}]+';

/**
 * Where a required phrase almost appears in a text: in another letter case, or with up to three
 * words between its own ("Operational and Cultural Discipline"). Returns the text found.
 */
export function textNearMiss(pattern: TextPattern, text: string): { found: string; kind: NearMissKind } | undefined {
  const caseless = anyCase(pattern.search);
  const inOtherCase = caseless?.exec(text);
  if (inOtherCase) return { found: inOtherCase[0], kind: 'case' };
  if (pattern.kind === 'regex') return undefined;
  const wanted = wordsOf(pattern.source);
  if (wanted.length < 2) return undefined;
  const escapeRegExp = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const spread = new RegExp(
    `(?<![\\p{L}\\p{N}])${wanted.map(escapeRegExp).join(`(?:${NOT_WORD}[\\p{L}\\p{N}]+){0,3}${NOT_WORD}`)}(?![\\p{L}\\p{N}])`,
    'iu',
  );
  const match = spread.exec(text);
  return match ? { found: match[0].replace(/\s+/g, ' '), kind: 'words' } : undefined;
}

/** The 1-based line of the first place `found` is written in `source` (any run of whitespace matching any other). */
export function lineOf(found: string, source: string, lineStarts: readonly number[]): number | undefined {
  const escaped = found
    .trim()
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const at = new RegExp(escaped, 'u').exec(source)?.index;
  if (at === undefined) return undefined;
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= at) line++;
  return line + 1;
}
