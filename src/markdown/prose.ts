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
 * - link text is prose, link destinations are not (they are not in the tree's text);
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

/** Stands for an inline element that is not prose (code span, HTML tag, image, autolink). */
export const OPAQUE = '\uFFFC';
/** Stands for a hard line break (`\` or two spaces at the end of a line). */
export const HARD_BREAK = '\u2028';

export type ProseBlockKind = 'paragraph' | 'heading' | 'tableCell';

export interface ProseBlock {
  kind: ProseBlockKind;
  node: Paragraph | Heading | TableCell;
  text: string;
  /** Source range [starts[i], ends[i]) that produced text[i]; -1 where it cannot be located. */
  starts: Int32Array;
  ends: Int32Array;
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

  push(unit: string, start: number, end: number): void {
    this.units.push(unit);
    this.starts.push(start);
    this.ends.push(end);
  }

  build(kind: ProseBlockKind, node: ProseBlock['node']): ProseBlock {
    return { kind, node, text: this.units.join(''), starts: Int32Array.from(this.starts), ends: Int32Array.from(this.ends) };
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

function appendInline(builder: ProseBuilder, node: Nodes, source: string, options: ProseOptions): void {
  const { start, end } = nodeRange(node);
  switch (node.type) {
    case 'text':
      if (start < 0) for (const unit of node.value) builder.push(unit, -1, -1);
      else appendAligned(builder, node.value, source, start, end);
      return;
    case 'link':
      // `<https://…>` autolinks and GFM bare URLs show the URL itself: not prose.
      if (start >= 0 && source[start] !== '[') return appendOpaque(builder, node);
      for (const child of node.children) appendInline(builder, child, source, options);
      return;
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'linkReference':
      for (const child of node.children) appendInline(builder, child, source, options);
      return;
    case 'inlineCode': {
      const asText = options.inlineCode === 'text' || (options.inlineCode === 'names' && SINGLE_NAME.test(node.value));
      if (!asText) return appendOpaque(builder, node);
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

/** The prose of one paragraph, heading or table cell. */
export function proseOf(node: Paragraph | Heading | TableCell, source: string, options: ProseOptions = {}): ProseBlock {
  const builder = new ProseBuilder();
  for (const child of node.children) appendInline(builder, child, source, options);
  const kind: ProseBlockKind = node.type === 'tableCell' ? 'tableCell' : node.type;
  return builder.build(kind, node);
}

/** Several rules read the prose of the same tree: it is built once per tree and code-span mode. */
const cache = new WeakMap<Root, Map<string, readonly ProseBlock[]>>();

/**
 * Every prose block of a document in source order: paragraphs (at any depth), headings, table
 * cells. The result is shared between callers (memoised per tree): treat it as read-only.
 */
export function proseBlocks(tree: Root, source: string, options: ProseOptions = {}): readonly ProseBlock[] {
  const mode = options.inlineCode ?? 'opaque';
  let byMode = cache.get(tree);
  if (!byMode) cache.set(tree, (byMode = new Map()));
  const cached = byMode.get(mode);
  if (cached) return cached;
  const blocks = collectProseBlocks(tree, source, options);
  byMode.set(mode, blocks);
  return blocks;
}

function collectProseBlocks(tree: Root, source: string, options: ProseOptions): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        blocks.push(proseOf(node, source, options));
        return;
      case 'code':
      case 'html':
      case 'yaml':
      case 'definition':
        return;
      default:
        if ('children' in node) for (const child of node.children) walk(child as Nodes);
    }
  };
  walk(tree);
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
export function exactSourceRange(block: ProseBlock, source: string, from: number, to: number): { start: number; end: number } | undefined {
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
