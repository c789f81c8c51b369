/**
 * A limit on how deep Markdown nests. Block quotes, lists and emphasis nest without limit, and
 * hostile or generated input uses that: 50,000 `> ` on one line are 50,000 nested block quotes.
 * The parser pays for depth twice: micromark's time grows with the square of the depth of a line
 * (50,000 quotes take it half a minute, 10,000 nested list items longer), and the recursive tree
 * utilities of the mdast ecosystem overflow the stack a few thousand levels down. So nesting
 * deeper than MAX_NESTING_DEPTH levels is not analysed, in two steps:
 *
 * - before parsing, a line whose container prefix (`>`, list markers, footnote labels and the
 *   indentation between them) could nest deeper than the limit is emptied (its line ending
 *   stays), and the offsets of the tree are moved back to the original text after parsing;
 * - after parsing, the contents of any node deeper than the limit are dropped: emphasis, links
 *   and containers that nest through continuation lines the line check could not see.
 *
 * Real documents nest a handful of levels; markdown-it's default limit is the same 100.
 */
import type { Nodes, Parents, Root } from 'mdast';
import { forEachNode } from './walk.js';
import { partitionPoint } from '../core/sorted-search.js';

/** Nesting levels analysed: block quotes, list items, footnote definitions, emphasis, strong, strikethrough, links. */
export const MAX_NESTING_DEPTH = 100;

/** What was left out of a file for nesting too deep. */
export interface SkippedNesting {
  /** Offset of the first place left out. */
  start: number;
  /** How many lines were blanked before parsing plus how many nodes were emptied after it. */
  places: number;
}

const SPACE = 0x20;
const TAB = 0x09;

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** The length of a list marker (`-`, `+`, `*`, `1.`, `1)`) at `at`, followed by whitespace or the line end; 0 when there is none. */
function listMarkerLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  let end = at;
  if (code === 0x2d || code === 0x2b || code === 0x2a) end = at + 1;
  else {
    while (end - at < 9 && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++;
    if (end === at || (text.charCodeAt(end) !== 0x2e && text.charCodeAt(end) !== 0x29)) return 0;
    end++;
  }
  const next = text.charCodeAt(end);
  return Number.isNaN(next) || next === SPACE || next === TAB || isLineEnd(next) ? end - at : 0;
}

/** The length of a footnote definition label (`[^note]:`) at `at`, or 0. */
function footnoteLabelLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x5b || text.charCodeAt(at + 1) !== 0x5e) return 0;
  // Labels are at most 999 characters (CommonMark's link label limit).
  for (let end = at + 2; end < text.length && end - at < 1004; end++) {
    const code = text.charCodeAt(end);
    if (code === 0x5d) return end > at + 2 && text.charCodeAt(end + 1) === 0x3a ? end + 2 - at : 0;
    if (code === SPACE || code === TAB || isLineEnd(code) || code === 0x5b) return 0;
  }
  return 0;
}

/**
 * An upper bound of the nesting depth a line opens: its container markers, plus half the columns
 * of whitespace among them beyond the one space each marker takes (a nested list item needs at
 * least two columns of indentation for each item it is in). A line that opens no container (a
 * paragraph or code line, however indented) counts 0: it only continues containers that earlier
 * lines opened, and those lines were counted. A thematic break (`- - -`) opens nothing either.
 */
export function lineNestingBound(text: string, lineStart: number, lineEnd: number): number {
  let at = lineStart;
  let markers = 0;
  let whitespace = 0;
  let column = 0;
  let breakCharacter = -1;
  let onlyBreakMarkers = true;
  while (at < lineEnd) {
    const code = text.charCodeAt(at);
    if (code === SPACE || code === TAB) {
      const width = code === TAB ? 4 - (column % 4) : 1;
      whitespace += width;
      column += width;
      at++;
      continue;
    }
    let length = 0;
    if (code === 0x3e) length = 1;
    else length = listMarkerLength(text, at) || footnoteLabelLength(text, at);
    if (length === 0) break;
    if (length === 1 && (code === 0x2d || code === 0x2a) && (breakCharacter === -1 || breakCharacter === code))
      breakCharacter = code;
    else onlyBreakMarkers = false;
    markers++;
    column += length;
    at += length;
  }
  if (markers === 0) return 0;
  if (at >= lineEnd && onlyBreakMarkers && markers >= 3) return 0;
  return markers + Math.floor(Math.max(0, whitespace - markers) / 2);
}

/** A too deep line whose characters were taken out of the text that is parsed (its line ending stays). */
export interface Removal {
  /** Where the line is in the parsed text (it is empty there). */
  at: number;
  /** How many characters it had. */
  length: number;
  /** How many characters were taken out up to and including this line. */
  shift: number;
}

/** The text to parse, without the lines that could nest too deep, and what was taken out. */
export interface LimitedText {
  text: string;
  /** In order of `at`; empty when nothing was taken out (then `text` is the original). */
  removed: Removal[];
  skipped?: SkippedNesting;
}

/**
 * The text with the characters of every line that could nest deeper than `limit` taken out (the
 * line ending stays, so the line is an empty line and every other line keeps its number and its
 * columns). An empty line costs the parser nothing however deep it is, where a line of spaces
 * would be scanned once for every open container. originalOffset() maps the parsed offsets back.
 * Returns the text itself when no line is too deep: the common case costs one pass over the line starts.
 */
export function withoutTooDeepLines(text: string, limit = MAX_NESTING_DEPTH): LimitedText {
  let pieces: string[] | undefined;
  let copiedUpTo = 0;
  let removedSoFar = 0;
  const removed: Removal[] = [];
  let skipped: SkippedNesting | undefined;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && !isLineEnd(text.charCodeAt(lineEnd))) lineEnd++;
    // The bound is at most two levels a character (a tab is four columns): shorter lines cannot exceed the limit.
    if ((lineEnd - lineStart) * 2 > limit && lineNestingBound(text, lineStart, lineEnd) > limit) {
      pieces ??= [];
      pieces.push(text.slice(copiedUpTo, lineStart));
      copiedUpTo = lineEnd;
      const at = lineStart - removedSoFar;
      removedSoFar += lineEnd - lineStart;
      removed.push({ at, length: lineEnd - lineStart, shift: removedSoFar });
      if (skipped) skipped.places++;
      else skipped = { start: lineStart, places: 1 };
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1);
  }
  if (!pieces) return { text, removed };
  pieces.push(text.slice(copiedUpTo));
  return { text: pieces.join(''), removed, ...(skipped ? { skipped } : {}) };
}

/** The offset in the original text of an offset in the parsed text (see withoutTooDeepLines). */
export function originalOffset(removed: readonly Removal[], offset: number): number {
  // Removals strictly before the offset shift it; an offset at an emptied line stays at its start.
  const before = partitionPoint(removed.length, (index) => removed[index]!.at < offset);
  return offset + (before === 0 ? 0 : removed[before - 1]!.shift);
}

/**
 * Moves every offset of a tree parsed from withoutTooDeepLines' text back to the original text:
 * positions and recorded destination ranges. Lines and columns need no change (only whole lines'
 * contents were taken out). Walks with an explicit stack.
 */
export function restoreOriginalOffsets(tree: Root, removed: readonly Removal[]): void {
  if (removed.length === 0) return;
  const map = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : originalOffset(removed, offset);
  forEachNode(tree, (node) => {
    const position = node.position;
    if (position) {
      position.start.offset = map(position.start.offset);
      position.end.offset = map(position.end.offset);
    }
    const range = node.data?.destinationRange;
    if (range) node.data!.destinationRange = [originalOffset(removed, range[0]), originalOffset(removed, range[1])];
  });
}

/** Node types that add a level of nesting (a list adds its items' levels, not one of its own). */
const NESTING_TYPES: ReadonlySet<string> = new Set([
  'blockquote',
  'listItem',
  'footnoteDefinition',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
]);

/** The nesting levels of a node whose parent is `parentLevels` deep. */
export function levelsOf(node: Nodes, parentLevels: number): number {
  return NESTING_TYPES.has(node.type) ? parentLevels + 1 : parentLevels;
}

/**
 * Empties a node that nests too deep: its children are dropped, the node and its position stay
 * (so a rule that reports the node still points at the right place). Returns what was skipped so far.
 */
export function emptyTooDeepNode(node: Parents, skipped: SkippedNesting | undefined): SkippedNesting | undefined {
  if (node.children.length === 0) return skipped;
  node.children = [];
  return mergeSkipped(skipped, { start: node.position?.start.offset ?? 0, places: 1 });
}

/** Both steps' findings as one: the first place and the count of places. */
export function mergeSkipped(
  first: SkippedNesting | undefined,
  second: SkippedNesting | undefined,
): SkippedNesting | undefined {
  if (!first) return second;
  if (!second) return first;
  return { start: Math.min(first.start, second.start), places: first.places + second.places };
}
