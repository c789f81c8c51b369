/**
 * What a file would cost the parser, estimated from its text in one linear scan before parsing.
 * micromark's time grows faster than linearly with some runs of delimiters inside one paragraph
 * (`](` repeated: 40 KB took 9 s; `[` repeated and nested `*a **a` emphasis: minutes at 1 MB), and
 * its memory with the number of tokens (a 4.8 MB table of 10,000 columns × 240 rows, or 390,000
 * reference definitions, ran the process out of memory). A file whose estimate is over a limit is
 * reported (parse-error, tooCostly) instead of parsed. Real documentation stays far below every
 * limit: they are documented in docs/performance.md#limits.
 */

export interface ParseCostLimit {
  /** What is counted, in the words of the diagnostic. */
  what: string;
  limit: number;
}

export const PARSE_COST_LIMITS = {
  /** `](` in one paragraph or list item: each unmatched one makes micromark look back over the others. */
  closeOpen: { what: 'link delimiters "](" in one paragraph', limit: 10_000 },
  /** `[` in one paragraph or list item. */
  brackets: { what: 'opening brackets "[" in one paragraph', limit: 100_000 },
  /** `*` and `_` in one paragraph or list item (nested emphasis is the parser's worst case). */
  emphasis: { what: 'emphasis delimiters "*" and "_" in one paragraph', limit: 20_000 },
  /** Cells of one table (columns × rows, counted by `|`): each is a token and a tree node. */
  tableCells: { what: 'table cells in one table', limit: 500_000 },
  /** Reference definitions in the file. */
  definitions: { what: 'reference definitions', limit: 100_000 },
} as const satisfies Record<string, ParseCostLimit>;

export interface ParseCostExcess {
  what: string;
  count: number;
  limit: number;
  /** Offset of the line where the paragraph or table over the limit starts (0 for the file's definitions). */
  offset: number;
}

/** A line that starts a block of its own: a list item, heading, quote, fence or table row, after up to three spaces. */
const BLOCK_START = /^ {0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]|#|```|~~~)/;
const DEFINITION = /^ {0,3}(?:> ?)*\[[^\]\n]{1,999}\]:/;

/** What one line adds to the counts of its paragraph: `](`, `[`, `*` and `_`, and `|`. */
interface LineCounts {
  closeOpen: number;
  brackets: number;
  emphasis: number;
  pipes: number;
}

/**
 * Counts text[from, to) in one pass by character code: this scan runs over every line of every
 * file before it is parsed, and four passes with one-character strings cost ~1 % of a cold run.
 */
function countLine(text: string, from: number, to: number, counts: LineCounts): void {
  let closeOpen = 0;
  let brackets = 0;
  let emphasis = 0;
  let pipes = 0;
  let previous = -1;
  for (let index = from; index < to; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5b) brackets++;
    else if (code === 0x2a || code === 0x5f) emphasis++;
    else if (code === 0x7c) pipes++;
    else if (code === 0x28 && previous === 0x5d) closeOpen++;
    previous = code;
  }
  counts.closeOpen = closeOpen;
  counts.brackets = brackets;
  counts.emphasis = emphasis;
  counts.pipes = pipes;
}

/** The first limit the text goes over, or undefined when parsing it is affordable. */
export function parseCostExcess(text: string): ParseCostExcess | undefined {
  let definitions = 0;
  // The paragraph (or list item, or table) being counted: where it starts and its counts so far.
  let blockStart = 0;
  let closeOpen = 0;
  let brackets = 0;
  let emphasis = 0;
  let tableStart = -1;
  let tableCells = 0;
  const line = { closeOpen: 0, brackets: 0, emphasis: 0, pipes: 0 };
  const over = (what: ParseCostLimit, value: number, offset: number): ParseCostExcess | undefined =>
    value > what.limit ? { what: what.what, count: value, limit: what.limit, offset } : undefined;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const head = text.slice(start, Math.min(end, start + 1000));
    const blank = head.trim() === '';
    const definition = !blank && DEFINITION.test(head);
    // A definition is a block of its own, as far as inline parsing goes: its label is not inline content.
    if (blank || definition || BLOCK_START.test(head)) {
      blockStart = start;
      closeOpen = brackets = emphasis = 0;
    }
    if (!blank) {
      if (definition) definitions++;
      countLine(text, start, end, line);
      closeOpen += line.closeOpen;
      brackets += line.brackets;
      emphasis += line.emphasis;
      if (line.pipes > 0) {
        if (tableStart === -1) tableStart = start;
        tableCells += line.pipes;
      } else {
        tableStart = -1;
        tableCells = 0;
      }
      const excess =
        over(PARSE_COST_LIMITS.closeOpen, closeOpen, blockStart) ??
        over(PARSE_COST_LIMITS.brackets, brackets, blockStart) ??
        over(PARSE_COST_LIMITS.emphasis, emphasis, blockStart) ??
        over(PARSE_COST_LIMITS.tableCells, tableCells, tableStart) ??
        over(PARSE_COST_LIMITS.definitions, definitions, 0);
      if (excess) return excess;
    } else {
      tableStart = -1;
      tableCells = 0;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return undefined;
}
