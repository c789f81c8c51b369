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
import { destinationPositionsFromMarkdown } from './destination-positions.js';
import { restoreMissingPositions } from './restore-positions.js';

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

/** How many times the literal-autolink transform has run (in this thread). */
let literalAutolinkTransformRuns = 0;

/**
 * mdast-util-gfm-autolink-literal ends every parse with a find-and-replace over all text nodes,
 * four regular expressions, each in its own walk of the tree (about 6% of the parse on real
 * docs). It changes the tree only where one of them matches, and in a real repository that is
 * true of a few files in a hundred, so one cheap walk decides whether it has to run at all.
 */
function literalAutolinkExtension(): MdastExtension {
  const extension = gfmAutolinkLiteralFromMarkdown();
  const transforms: Transform[] = (extension.transforms ?? []).map((transform) => (tree) => {
    if (!mayHoldLiteralAutolink(tree)) return undefined;
    literalAutolinkTransformRuns++;
    return transform(tree);
  });
  return { ...extension, transforms };
}

/**
 * CommonMark + GFM + YAML/TOML front matter, exactly what unified().use(remarkParse)
 * .use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkDestinationPositions)
 * parses (remark-gfm's extensions listed one by one so the autolink transform can be guarded),
 * without a VFile per file.
 */
const MICROMARK_EXTENSIONS = [gfm(), frontmatter(['yaml', 'toml'])];
const MDAST_EXTENSIONS = [
  literalAutolinkExtension(),
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTableFromMarkdown(),
  gfmTaskListItemFromMarkdown(),
  frontmatterFromMarkdown(['yaml', 'toml']),
  destinationPositionsFromMarkdown,
];

/** Parses Markdown as GitHub does (CommonMark + GFM), with YAML/TOML front matter as its own node. */
export function parseMarkdown(text: string): Root {
  const runsBefore = literalAutolinkTransformRuns;
  const tree = fromMarkdown(text, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS });
  // Only that transform leaves nodes without positions; when it did not run there is nothing to restore.
  if (literalAutolinkTransformRuns !== runsBefore) restoreMissingPositions(tree, text);
  return tree;
}

export { computeLineStarts, offsetToPoint } from '../core/text-positions.js';
