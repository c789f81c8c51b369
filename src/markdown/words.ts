/**
 * The prose of a Markdown document, and its words as a reader would count them. Used by the
 * word-count rule (depth of a document) and required-content (phrases that must appear).
 *
 * Prose is the rendered text: headings, paragraphs, lists, tables, quotes and link text. Code
 * (blocks and spans), front matter and raw HTML are left out unless asked for; URLs are left out of
 * word counts unless asked for.
 */
import type { Nodes, Root } from 'mdast';
import { blankHtmlComments, replaceTags } from './html.js';

export interface ProseOptions {
  /** Include fenced/indented code blocks and inline code. */
  code: boolean;
  /** Include YAML/TOML front matter. */
  frontMatter: boolean;
  /** Include the text inside raw HTML (tags and comments are never text). */
  html: boolean;
}

export const PROSE_ONLY: ProseOptions = { code: false, frontMatter: false, html: false };

const BLOCK_TYPES = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'code',
  'yaml',
  'toml',
  'thematicBreak',
  'footnoteDefinition',
  'definition',
]);

/** Text content of raw HTML: comments and tags removed, common entities decoded. */
function htmlText(html: string): string {
  return replaceTags(blankHtmlComments(html), ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

/** A block's closing line break, queued on the walk's stack behind the block's children. */
const BLOCK_END = Symbol('block end');

/**
 * The document's prose as one string. Blocks (and table cells) are separated by line breaks and
 * left-out inline parts by a space, so words never run together across them. The walk keeps its
 * own stack: emphasis and containers nest without limit in hostile input.
 */
export function proseText(tree: Root, options: ProseOptions = PROSE_ONLY): string {
  const parts: string[] = [];
  const visit = (node: Nodes): readonly Nodes[] | undefined => {
    switch (node.type) {
      case 'text':
        parts.push(node.value);
        return undefined;
      case 'inlineCode':
        parts.push(options.code ? node.value : ' ');
        return undefined;
      case 'code':
        if (options.code) parts.push('\n', node.value, '\n');
        return undefined;
      case 'yaml':
        if (options.frontMatter) parts.push('\n', node.value, '\n');
        return undefined;
      case 'html':
        parts.push(options.html ? htmlText(node.value) : ' ');
        return undefined;
      case 'break':
        parts.push('\n');
        return undefined;
      default:
        break;
    }
    if ((node.type as string) === 'toml') {
      if (options.frontMatter) parts.push('\n', (node as unknown as { value: string }).value, '\n');
      return undefined;
    }
    return 'children' in node ? (node.children as Nodes[]) : undefined;
  };
  const stack: (Nodes | typeof BLOCK_END)[] = [tree];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === BLOCK_END) {
      parts.push('\n');
      continue;
    }
    const children = visit(item);
    if (!children) continue;
    const block = BLOCK_TYPES.has(item.type);
    if (block) {
      parts.push('\n');
      stack.push(BLOCK_END);
    }
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return parts.join('');
}

/** Scripts written without spaces between words: their words come from Intl.Segmenter. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const URL_TOKEN = /^[("'<[]*(?:[a-z][a-z\d+.-]*:\/\/|www\.)\S/i;

let segmenter: Intl.Segmenter | undefined;

function unspacedWords(token: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let count = 0;
  for (const segment of segmenter.segment(token)) if (segment.isWordLike) count++;
  return count;
}

export interface WordCountOptions {
  /** Count URLs (`https://…`, `www.…`) as words. */
  urls: boolean;
}

/**
 * Words as a reader counts them: whitespace-separated tokens with at least one letter or digit
 * ("cloud-native" and "don't" are one word each; "—" and "→" are none). In Chinese, Japanese,
 * Thai and other scripts written without spaces, each word Intl.Segmenter finds counts.
 */
export function countWords(text: string, options: WordCountOptions = { urls: false }): number {
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (!LETTER_OR_DIGIT.test(token)) continue;
    if (!options.urls && URL_TOKEN.test(token)) continue;
    count += UNSPACED_SCRIPT.test(token) ? unspacedWords(token) : 1;
  }
  return count;
}
