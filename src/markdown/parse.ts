import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { remarkDestinationPositions } from './destination-positions.js';
import { restoreMissingPositions } from './restore-positions.js';

/** Built once: freezing a unified processor per file costs more than parsing a small file. */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkDestinationPositions).freeze();

/** Parses Markdown as GitHub does (CommonMark + GFM), with YAML/TOML front matter as its own node. */
export function parseMarkdown(text: string): Root {
  const tree = processor.parse(text);
  restoreMissingPositions(tree, text);
  return tree;
}

export { computeLineStarts, offsetToPoint } from './parse-positions.js';
