/**
 * Heading anchors exactly as GitHub makes them. GitHub slugs the rendered text content of each
 * heading (github-slugger reproduces its rules: lower case, punctuation and symbols such as emoji
 * dropped, spaces to `-`, no trimming) and numbers repeated slugs `-1`, `-2` in document order.
 * Emoji shortcodes (`:rocket:`) keep their name in the anchor, as github-slugger's fixtures,
 * which were rendered by GitHub, show.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Html, Nodes, Root } from 'mdast';
import { blankHtmlComments } from './html.js';
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

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references that realistically occur in attribute values and headings. */
export function decodeHtmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]+));/g, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  });
}

const HTML_HEADING = /<h([1-6])(?:\s[^>]*)?>([\s\S]*?)<\/h\1\s*>/gi;

interface HtmlHeading {
  depth: number;
  text: string;
  start: number;
  end: number;
}

/** `<h2>Title</h2>` written as raw HTML: GitHub gives it an anchor too, counted in document order. */
function htmlHeadings(node: Html): HtmlHeading[] {
  const start = node.position?.start.offset ?? 0;
  const source = blankHtmlComments(node.value);
  const result: HtmlHeading[] = [];
  for (const match of source.matchAll(HTML_HEADING)) {
    const text = decodeHtmlEntities(match[2]!.replace(/<[^>]*>/g, ''));
    result.push({ depth: Number(match[1]), text, start: start + match.index, end: start + match.index + match[0].length });
  }
  return result;
}

export type HeadingAnchor =
  | {
      kind: 'markdown';
      heading: Heading;
      text: string;
      /** The anchor GitHub gives the heading, duplicates numbered `-1`, `-2` in document order. */
      anchor: string;
    }
  | ({ kind: 'html'; anchor: string } & HtmlHeading);

/**
 * Every heading of a tree with its GitHub anchor, in document order: Markdown headings (ATX and
 * setext) and raw HTML `<h1>`–`<h6>`. Front matter is its own node, never a heading, so it cannot
 * shift the numbering of later duplicates.
 */
export function headingAnchors(tree: Root): HeadingAnchor[] {
  const slugger = new GithubSlugger();
  const result: HeadingAnchor[] = [];
  forEachNode(tree, (node) => {
    if (node.type === 'heading') {
      const text = headingText(node);
      result.push({ kind: 'markdown', heading: node, text, anchor: slugger.slug(text) });
    } else if (node.type === 'html' && /<h[1-6][\s>]/i.test(node.value)) {
      for (const heading of htmlHeadings(node)) result.push({ kind: 'html', ...heading, anchor: slugger.slug(heading.text) });
    }
  });
  return result;
}
