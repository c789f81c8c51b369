import GithubSlugger from 'github-slugger';
import type { Heading, Nodes, Root } from 'mdast';
import { forEachNode } from './walk.js';

/**
 * The text GitHub slugs for a heading: the rendered text content. Raw HTML tags contribute
 * nothing (their inner text is separate text nodes), image alt text is not text content, and
 * inline code contributes its code.
 */
export function headingText(heading: Heading): string {
  let text = '';
  const walk = (node: Nodes): void => {
    if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return;
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    else if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(heading);
  return text;
}

export interface HeadingAnchor {
  heading: Heading;
  text: string;
  /** The anchor GitHub gives the heading, duplicates numbered `-1`, `-2` in document order. */
  anchor: string;
}

/** Every heading of a tree with its GitHub anchor. Front matter is not a heading. */
export function headingAnchors(tree: Root): HeadingAnchor[] {
  const slugger = new GithubSlugger();
  const result: HeadingAnchor[] = [];
  forEachNode(tree, (node) => {
    if (node.type !== 'heading') return;
    const text = headingText(node);
    result.push({ heading: node, text, anchor: slugger.slug(text) });
  });
  return result;
}
