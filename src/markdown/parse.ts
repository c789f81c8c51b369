import type { Nodes, Root } from 'mdast';
import { fromMarkdown, type Extension as MdastExtension, type Transform } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';

/**
 * Text that GFM's literal-autolink transform could turn into a link. Each of its four patterns
 * needs `://` (http, https), `www.` (any case), or an address `x@host.` (email, mailto:, xmpp:).
 */
const MAY_HOLD_LITERAL_AUTOLINK = /:\/\/|www\.|[\w+\-.]@[\w-]+\./i;

/** Whether a text node outside links (the transform skips link and linkReference) may match. */
function mayHoldLiteralAutolink(node: Nodes): boolean {
  if (node.type === 'text') return MAY_HOLD_LITERAL_AUTOLINK.test(node.value);
  if (node.type === 'link' || node.type === 'linkReference' || !('children' in node)) return false;
  for (const child of node.children) if (mayHoldLiteralAutolink(child)) return true;
  return false;
}

/**
 * mdast-util-gfm-autolink-literal ends every parse with a find-and-replace over all text nodes,
 * four regular expressions, each in its own walk of the tree (about 6% of the parse on real
 * docs). It changes the tree only where one of them matches, and in a real repository that is
 * true of a few files in a hundred, so one cheap walk decides whether it has to run at all.
 */
function literalAutolinkExtension(): MdastExtension {
  const extension = gfmAutolinkLiteralFromMarkdown();
  const transforms: Transform[] = (extension.transforms ?? []).map((transform) => (tree) => (mayHoldLiteralAutolink(tree) ? transform(tree) : undefined));
  return { ...extension, transforms };
}

/**
 * CommonMark + GFM + YAML/TOML front matter, exactly what unified().use(remarkParse)
 * .use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']) parses (remark-gfm's extensions listed
 * one by one so the autolink transform can be guarded), without a VFile per file.
 */
const MICROMARK_EXTENSIONS = [gfm(), frontmatter(['yaml', 'toml'])];
const MDAST_EXTENSIONS = [literalAutolinkExtension(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml'])];

/** Parses Markdown as GitHub does (CommonMark + GFM), with YAML/TOML front matter as its own node. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS });
}

/** Offsets at which each line starts. `\r\n`, `\n` and a lone `\r` all end a line, as in CommonMark. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset (columns count UTF-16 units, as editors and SARIF do). */
export function offsetToPoint(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! + 1 };
}
