/**
 * GFM's autolink-literal transform (`www.example.com`, `me@example.com`) splits text nodes after
 * parsing and leaves the pieces, and the links it makes, without positions. Rules report by
 * offset, so every node must have one: this pass finds each unpositioned node's text in the
 * source between its positioned neighbours and gives it its real position.
 */
import type { Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { computeLineStarts, offsetToPoint } from '../core/text-positions.js';

function pointAt(lineStarts: readonly number[], offset: number) {
  return { ...offsetToPoint(lineStarts, offset), offset };
}

export function restoreMissingPositions(tree: Root, text: string): void {
  let lineStarts: number[] | undefined;
  const restore = (parent: Parents): void => {
    const parentEnd = parent.position?.end.offset ?? text.length;
    let cursor = parent.position?.start.offset ?? 0;
    parent.children.forEach((child: Nodes, index) => {
      if (child.position?.start.offset === undefined) {
        const needle = 'value' in child ? child.value : toString(child);
        const firstLine = needle.split(/\r?\n/)[0] ?? '';
        const whole = needle === '' ? -1 : text.indexOf(needle, cursor);
        const start = whole >= 0 && whole < parentEnd ? whole : firstLine === '' ? -1 : text.indexOf(firstLine, cursor);
        if (start >= 0 && start < parentEnd) {
          const next = parent.children.slice(index + 1).find((sibling) => sibling.position?.start.offset !== undefined);
          const end = start === whole ? start + needle.length : next?.position?.start.offset ?? parentEnd;
          lineStarts ??= computeLineStarts(text);
          child.position = { start: pointAt(lineStarts, start), end: pointAt(lineStarts, Math.max(start, end)) };
        }
      }
      if (child.position?.end.offset !== undefined) cursor = child.position.end.offset;
      if ('children' in child) restore(child);
    });
  };
  restore(tree);
}
