/**
 * Text that is not prose, shaped as prose blocks so that the matchers that read prose (terms,
 * retired phrases) can search it with the same precision and exact positions: the content of a
 * code block, and the whole of a plain-text file. Every character maps to itself in the source.
 */
import type { Code, Paragraph, Root } from 'mdast';
import type { ProseBlock } from '../markdown/prose.js';
import { forEachNode, SKIP } from '../markdown/walk.js';

/** A block of raw text starting at `offset` of the source, each character mapped one to one. */
export function rawTextBlock(text: string, offset = 0): ProseBlock {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    starts[i] = offset + i;
    ends[i] = offset + i + 1;
  }
  // A raw block has no node of its own; a paragraph spanning the text stands for it.
  const node: Paragraph = { type: 'paragraph', children: [] };
  return { kind: 'paragraph', node, text, starts, ends, marks: [], header: false };
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const CLOSING_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*\r?$/;

/**
 * The source range of a code block's content: between the fence lines of a fenced block (to the
 * end when it is never closed), or the whole of an indented block.
 */
function contentRange(node: Code, source: string): { start: number; end: number } | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const raw = source.slice(start, end);
  if (!FENCE.test(raw)) return { start, end };
  const firstBreak = raw.indexOf('\n');
  if (firstBreak < 0) return undefined;
  const lastBreak = raw.lastIndexOf('\n');
  const closed = lastBreak > firstBreak && CLOSING_FENCE.test(raw.slice(lastBreak + 1));
  return { start: start + firstBreak + 1, end: closed ? start + lastBreak : end };
}

/** The content of every code block of a document, as raw text blocks in source order. */
export function codeBlocks(tree: Root, source: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  forEachNode(tree, (node) => {
    if (node.type !== 'code') return undefined;
    const range = contentRange(node, source);
    if (range && range.end > range.start) blocks.push(rawTextBlock(source.slice(range.start, range.end), range.start));
    return SKIP;
  });
  return blocks;
}
