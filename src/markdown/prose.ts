/**
 * Prose: the text a reader sees in paragraphs, headings and table cells, with every character
 * mapped back to the range of the source it came from.
 *
 * Rules that look for words (terminology, phrases, word counts, mapping statements) read prose
 * blocks instead of the raw text, so that they never look inside what is not prose and still
 * report exact positions:
 * - code blocks, HTML blocks, front matter and definitions are left out;
 * - code spans, inline HTML, images, footnote references, autolinks (`<https://…>`) and GFM bare
 *   URLs each become one OPAQUE character, so neighbouring words do not run together and nothing
 *   inside them can match;
 * - link text is prose, link destinations are not (they are not in the tree's text); where link
 *   text, strong and emphasis are is kept as marks, since link text often quotes a title and bold
 *   text is often a label;
 * - a hard line break becomes HARD_BREAK (which `\s` matches); soft line breaks stay as written.
 *
 * Text nodes are aligned with the source character by character: backslash escapes, character
 * references (`&amp;`) and container prefixes (`> `, list indentation) are accounted for. A
 * character that cannot be aligned gets -1 and is never reported on. A fix may replace a range
 * only when the source there equals the prose text (`exactSourceRange`), so escapes and entities
 * are never rewritten by accident.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Heading, Nodes, Paragraph, Root, TableCell } from 'mdast';
import { forEachNode, SKIP } from './walk.js';
import { TreeMemo } from './tree-memo.js';

/** Stands for an inline element that is not prose (code span, HTML tag, image, autolink). */
export const OPAQUE = '\uFFFC';
/** Stands for a hard line break (`\` or two spaces at the end of a line). */
export const HARD_BREAK = '\u2028';

export type ProseBlockKind = 'paragraph' | 'heading' | 'tableCell';

/**
 * Inline elements whose text plays a role of its own: link text (a title, often), bold and italic
 * labels, and code spans read as text (with `inlineCode: 'text'` or `'names'`).
 */
export type ProseMarkKind = 'link' | 'strong' | 'emphasis' | 'code';

/** The text[from, to) of an inline element: `[the text](url)`, `**Label:**`, `*term*`. */
export interface ProseMark {
  kind: ProseMarkKind;
  from: number;
  to: number;
}

export interface ProseBlock {
  kind: ProseBlockKind;
  node: Paragraph | Heading | TableCell;
  text: string;
  /** Source range [starts[i], ends[i]) that produced text[i]; -1 where it cannot be located. */
  starts: Int32Array;
  ends: Int32Array;
  /** Links, strong, emphasis and code read as text, outermost first where they nest. */
  marks: readonly ProseMark[];
  /** A cell of a table's header row (a column label, not a value). */
  header: boolean;
}

export interface ProseOptions {
  /**
   * `opaque` (default): a code span is one OPAQUE character. `text`: its code counts as text.
   * `names`: only a code span that is one name (`Pod`, `kube-apiserver`) counts as text.
   */
  inlineCode?: 'opaque' | 'text' | 'names';
}

const SINGLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

class ProseBuilder {
  private readonly units: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  readonly marks: ProseMark[] = [];

  get length(): number {
    return this.units.length;
  }

  push(unit: string, start: number, end: number): void {
    this.units.push(unit);
    this.starts.push(start);
    this.ends.push(end);
  }

  build(kind: ProseBlockKind, node: ProseBlock['node'], header: boolean): ProseBlock {
    const marks = this.marks.filter((mark) => mark.to > mark.from).sort((a, b) => a.from - b.from || b.to - a.to);
    return {
      kind,
      node,
      text: this.units.join(''),
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
      marks,
      header,
    };
  }
}

const CHARACTER_REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/y;

/** The text a character reference at `at` stands for, as CommonMark decodes it. */
function characterReferenceAt(source: string, at: number): { value: string; length: number } | undefined {
  CHARACTER_REFERENCE.lastIndex = at;
  const match = CHARACTER_REFERENCE.exec(source);
  if (!match) return undefined;
  if (match[3] !== undefined) {
    const value = decodeNamedCharacterReference(match[3]);
    return value === false ? undefined : { value, length: match[0].length };
  }
  const code = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number.parseInt(match[2]!, 10);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return { value: valid ? String.fromCodePoint(code) : '\uFFFD', length: match[0].length };
}

/** Source characters that Markdown drops from text: container prefixes and stripped whitespace. */
const DROPPED = new Set([' ', '\t', '>']);

/** Appends a text node's value, aligned with the source range [start, end) it was parsed from. */
function appendAligned(builder: ProseBuilder, value: string, source: string, start: number, end: number): void {
  let at = start;
  let index = 0;
  while (index < value.length) {
    const unit = value[index]!;
    // A character reference first: `&amp;` decodes to "&", which would otherwise match the "&".
    if (at < end && source[at] === '&') {
      const reference = characterReferenceAt(source, at);
      if (reference && reference.length <= end - at && value.startsWith(reference.value, index)) {
        for (const referenceUnit of reference.value.split('')) builder.push(referenceUnit, at, at + reference.length);
        index += reference.value.length;
        at += reference.length;
        continue;
      }
    }
    if (at < end && source[at] === unit) {
      builder.push(unit, at, at + 1);
      index++;
      at++;
      continue;
    }
    if (at + 1 < end && source[at] === '\\' && source[at + 1] === unit) {
      builder.push(unit, at, at + 2);
      index++;
      at += 2;
      continue;
    }
    if (at < end && DROPPED.has(source[at]!)) {
      at++;
      continue;
    }
    // Unexpected source: what is left of this node cannot be located, so it is never reported on.
    for (; index < value.length; index++) builder.push(value[index]!, -1, -1);
  }
}

function nodeRange(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? -1, end: node.position?.end.offset ?? -1 };
}

function appendOpaque(builder: ProseBuilder, node: Nodes): void {
  const { start, end } = nodeRange(node);
  builder.push(OPAQUE, start, end);
}

const MARK_OF: Partial<Record<Nodes['type'], ProseMarkKind>> = {
  link: 'link',
  linkReference: 'link',
  strong: 'strong',
  emphasis: 'emphasis',
};

/** Appends one inline node that has no inline children. */
function appendLeaf(builder: ProseBuilder, node: Nodes, source: string, options: ProseOptions): void {
  const { start, end } = nodeRange(node);
  switch (node.type) {
    case 'text':
      if (start < 0) for (const unit of node.value) builder.push(unit, -1, -1);
      else appendAligned(builder, node.value, source, start, end);
      return;
    case 'inlineCode': {
      const asText = options.inlineCode === 'text' || (options.inlineCode === 'names' && SINGLE_NAME.test(node.value));
      if (!asText) {
        appendOpaque(builder, node);
        return;
      }
      builder.marks.push({ kind: 'code', from: builder.length, to: builder.length + node.value.length });
      const offset = start >= 0 ? source.slice(start, end).indexOf(node.value) : -1;
      for (let i = 0; i < node.value.length; i++) {
        const at = offset < 0 ? -1 : start + offset + i;
        builder.push(node.value[i]!, at, at < 0 ? -1 : at + 1);
      }
      return;
    }
    case 'break':
      builder.push(HARD_BREAK, start, end);
      return;
    default:
      appendOpaque(builder, node);
  }
}

/** Whether an inline node's children are prose: emphasis, strong, strikethrough and link text (not an autolink's URL). */
function hasProseChildren(
  node: Nodes,
  source: string,
): node is Extract<Nodes, { type: 'link' | 'linkReference' | 'emphasis' | 'strong' | 'delete' }> {
  switch (node.type) {
    case 'link': {
      // `<https://…>` autolinks and GFM bare URLs show the URL itself: not prose.
      const { start } = nodeRange(node);
      return start < 0 || source[start] === '[';
    }
    case 'linkReference':
    case 'emphasis':
    case 'strong':
    case 'delete':
      return true;
    default:
      return false;
  }
}

/**
 * Appends inline nodes in document order with an explicit stack: emphasis and links nest without
 * limit in hostile input, and a recursive walk would overflow the JS stack.
 */
function appendInlines(builder: ProseBuilder, nodes: readonly Nodes[], source: string, options: ProseOptions): void {
  const stack: { children: readonly Nodes[]; next: number; mark?: ProseMark }[] = [{ children: nodes, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next >= frame.children.length) {
      if (frame.mark) frame.mark.to = builder.length;
      stack.pop();
      continue;
    }
    const node = frame.children[frame.next++]!;
    if (!hasProseChildren(node, source)) {
      appendLeaf(builder, node, source, options);
      continue;
    }
    const markKind = MARK_OF[node.type];
    const mark = markKind === undefined ? undefined : { kind: markKind, from: builder.length, to: builder.length };
    if (mark) builder.marks.push(mark);
    stack.push({ children: node.children as Nodes[], next: 0, ...(mark ? { mark } : {}) });
  }
}

/** The prose of one paragraph, heading or table cell (`header`: a cell of the header row). */
export function proseOf(
  node: Paragraph | Heading | TableCell,
  source: string,
  options: ProseOptions = {},
  header = false,
): ProseBlock {
  const builder = new ProseBuilder();
  appendInlines(builder, node.children as Nodes[], source, options);
  const kind: ProseBlockKind = node.type === 'tableCell' ? 'tableCell' : node.type;
  return builder.build(kind, node, header);
}

/** Several rules read the prose of the same tree: it is built once per tree and code-span mode. */
const proseMemo = new TreeMemo<Root, readonly ProseBlock[]>();

/**
 * Every prose block of a document in source order: paragraphs (at any depth), headings, table
 * cells. The result is shared between callers (memoised per tree): treat it as read-only.
 */
export function proseBlocks(tree: Root, source: string, options: ProseOptions = {}): readonly ProseBlock[] {
  return proseMemo.get(tree, options.inlineCode ?? 'opaque', () => collectProseBlocks(tree, source, options));
}

function collectProseBlocks(tree: Root, source: string, options: ProseOptions): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  forEachNode(tree, (node, ancestors) => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        blocks.push(proseOf(node, source, options));
        return SKIP;
      case 'tableCell': {
        const row = ancestors[ancestors.length - 1];
        const table = ancestors[ancestors.length - 2];
        blocks.push(proseOf(node, source, options, table?.type === 'table' && table.children[0] === row));
        return SKIP;
      }
      case 'code':
      case 'html':
      case 'yaml':
      case 'definition':
        return SKIP;
      default:
        return undefined;
    }
  });
  return blocks;
}

/** The source range of text[from, to), or undefined when part of it cannot be located. */
export function sourceRange(block: ProseBlock, from: number, to: number): { start: number; end: number } | undefined {
  if (from >= to) return undefined;
  for (let i = from; i < to; i++) if (block.starts[i]! < 0) return undefined;
  return { start: block.starts[from]!, end: block.ends[to - 1]! };
}

/**
 * The source range of text[from, to) when the source there reads exactly like the prose (no
 * escape, character reference or container prefix inside): the only ranges a fix may replace.
 */
export function exactSourceRange(
  block: ProseBlock,
  source: string,
  from: number,
  to: number,
): { start: number; end: number } | undefined {
  const range = sourceRange(block, from, to);
  if (!range) return undefined;
  return source.slice(range.start, range.end) === block.text.slice(from, to) ? range : undefined;
}

const OPENING_PUNCTUATION = /[\s"'“‘«([{¡¿*_]/u;

/**
 * Whether text[index] starts a sentence: the start of the block, or after `.`, `!`, `?` or `:`
 * (skipping spaces, opening quotes and brackets). Headings and table cells start with a sentence.
 */
export function isSentenceStart(block: ProseBlock, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && OPENING_PUNCTUATION.test(block.text[at]!)) at--;
  if (at < 0) return true;
  return /[.!?:]/.test(block.text[at]!);
}

const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*/gu;

/** Words of the prose (code spans and other opaque elements do not count). */
export function countWords(block: ProseBlock): number {
  return block.text.match(WORD)?.length ?? 0;
}
