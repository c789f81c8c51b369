/**
 * Heading anchors exactly as GitHub makes them. GitHub slugs the rendered text content of each
 * heading (github-slugger reproduces its rules: lower case, punctuation and symbols such as emoji
 * dropped, spaces to `-`, no trimming) and numbers repeated slugs `-1`, `-2` in document order.
 * Emoji shortcodes (`:rocket:`) keep their name in the anchor, as github-slugger's fixtures,
 * which were rendered by GitHub, show.
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Html, Root } from 'mdast';
import type { NodeHandlers } from '../core/rule.js';
import { partitionPoint } from '../core/sorted-search.js';
import { blankHtmlComments, isSpace, replaceTags } from './html.js';
import { forEachNode, SKIP, walkWithHandlers } from './walk.js';

/**
 * The text GitHub slugs for a heading: the rendered text content. Raw HTML tags contribute
 * nothing (their inner text is separate text nodes), image alt text is not text content, and
 * inline code contributes its code.
 */
export function headingText(heading: Heading): string {
  let text = '';
  forEachNode(heading, (node) => {
    if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return SKIP;
    if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
    return undefined;
  });
  return text;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references that realistically occur in attribute values and headings. */
export function decodeHtmlEntities(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z]+));/g,
    (whole, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
      const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex!, 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
    },
  );
}

interface HtmlHeading {
  depth: number;
  text: string;
  start: number;
  end: number;
}

const HEADING_OPEN = /<h([1-6])/gi;
const HEADING_CLOSE = /<\/h([1-6])\s*>/gi;

/** The offsets of every `</hN>` in `source`, by level, in order. */
function closingTags(source: string): { start: number; end: number }[][] {
  const byLevel: { start: number; end: number }[][] = [[], [], [], [], [], [], []];
  for (const match of source.matchAll(HEADING_CLOSE))
    byLevel[Number(match[1])]!.push({ start: match.index, end: match.index + match[0].length });
  return byLevel;
}

/** The first of the sorted `tags` that starts at or after `from`. */
function firstFrom(
  tags: readonly { start: number; end: number }[],
  from: number,
): { start: number; end: number } | undefined {
  return tags[partitionPoint(tags.length, (index) => tags[index]!.start < from)];
}

/**
 * `<h2>Title</h2>` written as raw HTML: GitHub gives it an anchor too, counted in document order.
 * What `/<h([1-6])(?:\s[^>]*)?>([\s\S]*?)<\/h\1\s*>/gi` matches, found in linear time: the closing
 * tags are listed once, and each opening tag looks its closing tag up instead of scanning to the
 * end of the block (a block of unclosed `<h1>` would make that quadratic).
 */
function htmlHeadings(node: Html): HtmlHeading[] {
  const start = node.position?.start.offset ?? 0;
  const source = blankHtmlComments(node.value);
  const result: HtmlHeading[] = [];
  let closes: { start: number; end: number }[][] | undefined;
  let nextGreaterThan = -2;
  HEADING_OPEN.lastIndex = 0;
  for (let open = HEADING_OPEN.exec(source); open; open = HEADING_OPEN.exec(source)) {
    const afterName = open.index + open[0].length;
    let openEnd: number;
    if (source.charCodeAt(afterName) === 0x3e) openEnd = afterName + 1;
    else if (isSpace(source.charCodeAt(afterName))) {
      if (nextGreaterThan !== -1 && nextGreaterThan < afterName) nextGreaterThan = source.indexOf('>', afterName);
      if (nextGreaterThan < 0) continue;
      openEnd = nextGreaterThan + 1;
    } else continue;
    closes ??= closingTags(source);
    const close = firstFrom(closes[Number(open[1])]!, openEnd);
    if (!close) continue;
    const text = decodeHtmlEntities(replaceTags(source.slice(openEnd, close.start), ''));
    result.push({ depth: Number(open[1]), text, start: start + open.index, end: start + close.end });
    HEADING_OPEN.lastIndex = close.end;
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
  const collector = headingAnchorCollector();
  walkWithHandlers(tree, collector.handlers);
  return collector.anchors;
}

/**
 * headingAnchors as handlers, for a walk that does other work too (phase 1 collects every fact of
 * a file in the walk that runs the rules). `anchors` is complete once the walk is over.
 */
export function headingAnchorCollector(): { handlers: NodeHandlers; anchors: HeadingAnchor[] } {
  const slugger = new GithubSlugger();
  const anchors: HeadingAnchor[] = [];
  const handlers: NodeHandlers = {
    heading(node) {
      const text = headingText(node);
      anchors.push({ kind: 'markdown', heading: node, text, anchor: slugger.slug(text) });
    },
    html(node) {
      if (!/<h[1-6][\s>]/i.test(node.value)) return;
      for (const heading of htmlHeadings(node))
        anchors.push({ kind: 'html', ...heading, anchor: slugger.slug(heading.text) });
    },
  };
  return { handlers, anchors };
}
