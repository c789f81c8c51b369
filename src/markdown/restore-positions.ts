/**
 * GFM's autolink-literal transform (`www.example.com`, `me@example.com`) splits text nodes after
 * parsing and leaves the pieces, and the links it makes, without positions. Rules report by
 * offset, so every node must have one: this pass finds each unpositioned node's text in the
 * source between its positioned neighbours and gives it its real position.
 *
 * It walks with an explicit stack, and each search looks at a bounded stretch of the source after
 * the previous piece (the pieces of a split text node follow each other), so a paragraph of a
 * hundred thousand addresses costs linear time, not the square of its length.
 */
import type { Nodes, Parents, Root } from 'mdast';
import { computeLineStarts, offsetToPoint } from '../core/text-positions.js';
import { forEachNode, SKIP } from './walk.js';

/**
 * How far past the previous piece a piece is looked for, at least. Escapes and character
 * references make the source longer than the text, so the stretch also grows with the text.
 */
const SEARCH_WINDOW = 4096;

function pointAt(lineStarts: readonly number[], offset: number) {
  return { ...offsetToPoint(lineStarts, offset), offset };
}

/** mdast-util-to-string's text of a node (values, image alt text), without recursion. */
function textContent(node: Nodes): string {
  let text = '';
  forEachNode(node, (inner) => {
    if ('value' in inner && typeof inner.value === 'string') {
      text += inner.value;
      return SKIP;
    }
    if ('alt' in inner && inner.alt) text += inner.alt;
    return undefined;
  });
  return text;
}

/** The first offset of `needle` in [from, end) of `text`, looking no further than the search window. */
function findNear(text: string, needle: string, from: number, end: number): number {
  const windowEnd = Math.min(end, from + needle.length + Math.max(SEARCH_WINDOW, 8 * needle.length));
  const found = text.slice(from, windowEnd).indexOf(needle);
  return found < 0 ? -1 : from + found;
}

/** For each child, the start offset of the first positioned sibling after it (or undefined). */
function nextPositionedStarts(children: readonly Nodes[]): (number | undefined)[] {
  const result = new Array<number | undefined>(children.length);
  let next: number | undefined;
  for (let index = children.length - 1; index >= 0; index--) {
    result[index] = next;
    const start = children[index]!.position?.start.offset;
    if (start !== undefined) next = start;
  }
  return result;
}

function restoreChildren(parent: Parents, text: string, lineStarts: () => readonly number[]): void {
  const parentEnd = parent.position?.end.offset ?? text.length;
  let cursor = parent.position?.start.offset ?? 0;
  const children = parent.children as Nodes[];
  let nextStarts: (number | undefined)[] | undefined;
  children.forEach((child, index) => {
    if (child.position?.start.offset === undefined) {
      const needle = 'value' in child ? child.value : textContent(child);
      const firstLine = needle.split(/\r?\n/, 1)[0] ?? '';
      const whole = needle === '' ? -1 : findNear(text, needle, cursor, parentEnd);
      const start = whole >= 0 ? whole : firstLine === '' ? -1 : findNear(text, firstLine, cursor, parentEnd);
      if (start >= 0) {
        nextStarts ??= nextPositionedStarts(children);
        const end = start === whole ? start + needle.length : (nextStarts[index] ?? parentEnd);
        child.position = { start: pointAt(lineStarts(), start), end: pointAt(lineStarts(), Math.max(start, end)) };
      }
    }
    if (child.position?.end.offset !== undefined) cursor = child.position.end.offset;
  });
}

export function restoreMissingPositions(tree: Root, text: string): void {
  let lineStarts: number[] | undefined;
  const lazyLineStarts = (): readonly number[] => (lineStarts ??= computeLineStarts(text));
  // A parent's children are positioned before any of them is entered: each child's position bounds its own children.
  const stack: Parents[] = [tree];
  while (stack.length > 0) {
    const parent = stack.pop()!;
    restoreChildren(parent, text, lazyLineStarts);
    for (const child of parent.children as Nodes[]) if ('children' in child) stack.push(child);
  }
}
