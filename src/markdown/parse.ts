import type { Nodes, Parents, Root } from 'mdast';
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
import {
  emptyTooDeepNode,
  levelsOf,
  MAX_NESTING_DEPTH,
  mergeSkipped,
  originalOffset,
  restoreOriginalOffsets,
  withoutTooDeepLines,
  type SkippedNesting,
} from './nesting.js';
import { restoreMissingPositions } from './restore-positions.js';

/**
 * Text that GFM's literal-autolink transform could turn into a link. Each of its four patterns
 * needs `://` (http, https), `www.` (any case), or an address `x@host.` (email, mailto:, xmpp:).
 */
const MAY_HOLD_LITERAL_AUTOLINK = /:\/\/|www\.|[\w+\-.]@[\w-]+\./i;

/** What one walk of a fresh tree found: whether the literal-autolink transform may change it, and what nested too deep. */
interface TreeInspection {
  mayHoldLiteralAutolink: boolean;
  skipped?: SkippedNesting;
}

/**
 * One walk, with an explicit stack, over a tree just built: it empties the nodes nested deeper
 * than the limit (so that nothing after it, the library's recursive transforms included, sees
 * more than MAX_NESTING_DEPTH levels) and looks for text the literal-autolink transform could
 * match, outside links (the transform skips link and linkReference).
 */
function inspectTree(tree: Root): TreeInspection {
  let mayHoldLiteralAutolink = false;
  let skipped: SkippedNesting | undefined;
  const stack: { node: Parents; levels: number; inLink: boolean }[] = [{ node: tree, levels: 0, inLink: false }];
  while (stack.length > 0) {
    const { node, levels, inLink } = stack.pop()!;
    for (const child of node.children as Nodes[]) {
      if (child.type === 'text') {
        if (!mayHoldLiteralAutolink && !inLink) mayHoldLiteralAutolink = MAY_HOLD_LITERAL_AUTOLINK.test(child.value);
        continue;
      }
      if (!('children' in child)) continue;
      const childLevels = levelsOf(child, levels);
      if (childLevels > MAX_NESTING_DEPTH) skipped = emptyTooDeepNode(child, skipped);
      else
        stack.push({
          node: child,
          levels: childLevels,
          inLink: inLink || child.type === 'link' || child.type === 'linkReference',
        });
    }
  }
  return skipped ? { mayHoldLiteralAutolink, skipped } : { mayHoldLiteralAutolink };
}

/**
 * mdast-util-gfm-autolink-literal ends every parse with a find-and-replace over all text nodes,
 * four regular expressions, each in its own (recursive) walk of the tree (about 6% of the parse
 * on real docs). It changes the tree only where one of them matches, and in a real repository
 * that is true of a few files in a hundred. So its transforms are taken out of the extension and
 * run by parseMarkdown itself, after the walk that limits the depth and decides whether they can
 * match at all.
 */
const LITERAL_AUTOLINK = gfmAutolinkLiteralFromMarkdown();
const LITERAL_AUTOLINK_TRANSFORMS: readonly Transform[] = LITERAL_AUTOLINK.transforms ?? [];

/**
 * CommonMark + GFM + YAML/TOML front matter, exactly what unified().use(remarkParse)
 * .use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkDestinationPositions)
 * parses (remark-gfm's extensions listed one by one so the autolink transform can be guarded),
 * without a VFile per file. Built once per process; exported for bench/parse-phases.ts.
 */
export const MICROMARK_EXTENSIONS = [gfm(), frontmatter(['yaml', 'toml'])];
export const MDAST_EXTENSIONS: MdastExtension[] = [
  { ...LITERAL_AUTOLINK, transforms: [] },
  gfmFootnoteFromMarkdown(),
  gfmStrikethroughFromMarkdown(),
  gfmTableFromMarkdown(),
  gfmTaskListItemFromMarkdown(),
  frontmatterFromMarkdown(['yaml', 'toml']),
  destinationPositionsFromMarkdown,
];

/** A parsed file, and what of it nested too deep to be analysed (see nesting.ts). */
export interface ParsedMarkdown {
  tree: Root;
  skipped?: SkippedNesting;
}

/**
 * Parses Markdown as GitHub does (CommonMark + GFM), with YAML/TOML front matter as its own node,
 * leaving out what nests deeper than MAX_NESTING_DEPTH levels: such lines are emptied before
 * parsing and deeper nodes after it. Every offset in the tree is one of `text`.
 */
export function parseMarkdownWithLimits(text: string): ParsedMarkdown {
  const limited = withoutTooDeepLines(text);
  const tree = fromMarkdown(limited.text, { extensions: MICROMARK_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS });
  const inspection = inspectTree(tree);
  if (inspection.mayHoldLiteralAutolink) {
    for (const transform of LITERAL_AUTOLINK_TRANSFORMS) transform(tree);
    // Only that transform leaves nodes without positions; when it did not run there is nothing to restore.
    restoreMissingPositions(tree, limited.text);
  }
  restoreOriginalOffsets(tree, limited.removed);
  const pruned = inspection.skipped && {
    ...inspection.skipped,
    start: originalOffset(limited.removed, inspection.skipped.start),
  };
  const skipped = mergeSkipped(limited.skipped, pruned);
  return skipped ? { tree, skipped } : { tree };
}

/** parseMarkdownWithLimits, for callers that only need the tree. */
export function parseMarkdown(text: string): Root {
  return parseMarkdownWithLimits(text).tree;
}

export { computeLineStarts, offsetToPoint } from '../core/text-positions.js';
