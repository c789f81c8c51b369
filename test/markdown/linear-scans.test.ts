/**
 * The scans over one file's text that used to cost the square of its size on hostile input (a
 * regular expression restarted at every `<`, a search to the end of the file for every piece of a
 * split text node, a copied list for every heading) and the walks that used to recurse. Each
 * keeps its old results (checked against the old regular expressions on generated input) and
 * now takes linear time: the bounds are on CPU time (a shared machine stretches wall-clock time
 * tenfold), generous ones, where the old code took minutes.
 */
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { headingAnchors, decodeHtmlEntities } from '../../src/markdown/headings.js';
import { blankHtmlComments, htmlAttributes, replaceTags, type HtmlAttribute } from '../../src/markdown/html.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { proseText } from '../../src/markdown/words.js';
import { forEachNode } from '../../src/markdown/walk.js';
import { cpuTimed } from '../helpers/cpu-time.js';

/** The tag scan as it was: one regular expression, restarted at every `<` where it failed. */
function attributesByRegex(html: string): HtmlAttribute[] {
  const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const result: HtmlAttribute[] = [];
  for (const tag of blankHtmlComments(html).matchAll(TAG)) {
    const attributesStart = tag.index + 1 + tag[1]!.length;
    for (const attribute of (tag[2] ?? '').matchAll(ATTRIBUTE)) {
      const value = attribute[2] ?? attribute[3] ?? attribute[4];
      if (value === undefined) continue;
      const quoted = attribute[2] !== undefined || attribute[3] !== undefined;
      const valueStart = attributesStart + attribute.index + attribute[0].length - value.length - (quoted ? 1 : 0);
      result.push({ tag: tag[1]!.toLowerCase(), name: attribute[1]!.toLowerCase(), value, valueStart });
    }
  }
  return result;
}

/** The HTML heading scan as it was. */
function htmlHeadingsByRegex(html: string): { depth: number; text: string; start: number; end: number }[] {
  if (!/<h[1-6][\s>]/i.test(html)) return [];
  return [...blankHtmlComments(html).matchAll(/<h([1-6])(?:\s[^>]*)?>([\s\S]*?)<\/h\1\s*>/gi)].map((match) => ({
    depth: Number(match[1]),
    text: decodeHtmlEntities(match[2]!.replace(/<[^>]*>/g, '')),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

function htmlHeadings(html: string): { depth: number; text: string; start: number; end: number }[] {
  const tree: Root = {
    type: 'root',
    children: [
      {
        type: 'html',
        value: html,
        position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: html.length } },
      },
    ],
  };
  return headingAnchors(tree).map((heading) =>
    heading.kind === 'html'
      ? { depth: heading.depth, text: heading.text, start: heading.start, end: heading.end }
      : { depth: 0, text: '', start: 0, end: 0 },
  );
}

const fragments = (pieces: string[]) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((parts) => parts.join(''));

describe('htmlAttributes', () => {
  it('finds exactly what the regular expression found, on generated tag soup', () => {
    const soup = fragments([
      '<',
      '>',
      'a',
      'img',
      ' ',
      '=',
      '"',
      "'",
      '/',
      'href',
      'x',
      '\n',
      '<!--',
      '-->',
      '`',
      '\u00a0',
      'src',
      ':',
      '-',
    ]);
    fc.assert(
      fc.property(soup, (html) => {
        expect(htmlAttributes(html)).toEqual(attributesByRegex(html));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('takes linear time where the regular expression took quadratic time', () => {
    for (const html of [
      '<a '.repeat(100_000),
      '<h1 '.repeat(100_000),
      '<a b="<a b="'.repeat(50_000),
      `<a x="<a y="${' z'.repeat(100_000)} "`,
    ]) {
      expect(cpuTimed(() => htmlAttributes(html)).cpuMs).toBeLessThan(3_000);
    }
  });
});

describe('HTML headings', () => {
  it('are found exactly as the regular expression found them', () => {
    const soup = fragments([
      '<h1',
      '<H2',
      '<h1>',
      '</h1>',
      '</H1 >',
      '</h2>',
      '>',
      '<',
      ' ',
      'x',
      '<b>',
      '&amp;',
      '\n',
      '<!--',
      '-->',
      '<h7>',
      '<h10>',
      '\t',
    ]).map((tail) => `<h1${tail}`);
    fc.assert(
      fc.property(soup, (html) => {
        expect(htmlHeadings(html)).toEqual(htmlHeadingsByRegex(html));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('take linear time with many unclosed headings or stray `<`', () => {
    for (const html of ['<h1>'.repeat(100_000), '<h1 '.repeat(100_000), `<h1>${'<'.repeat(100_000)}</h1>`])
      expect(cpuTimed(() => htmlHeadings(html)).cpuMs).toBeLessThan(3_000);
  });
});

describe('replaceTags', () => {
  it('replaces like /<[^>]*>/g, without rescanning after a `<` that never closes', () => {
    for (const html of ['a <b>c</b> d', '<<x>', 'x < y', '<a><', ''])
      expect(replaceTags(html, ' ')).toBe(html.replace(/<[^>]*>/g, ' '));
    expect(cpuTimed(() => replaceTags('<'.repeat(200_000), '')).cpuMs).toBeLessThan(1_000);
  });
});

describe('positions of literal autolinks', () => {
  it('are restored in linear time in a paragraph of 20,000 addresses', () => {
    const text = `${Array.from({ length: 20_000 }, (_, index) => `www.h${index}.example`).join(' ')}\n`;
    const { result: tree, cpuMs } = cpuTimed(() => parseMarkdown(text));
    expect(cpuMs).toBeLessThan(60_000);
    const links: { url: string; start: number | undefined }[] = [];
    forEachNode(tree, (node) => {
      if (node.type === 'link') links.push({ url: node.url, start: node.position?.start.offset });
    });
    expect(links).toHaveLength(20_000);
    expect(links[19_999]).toEqual({ url: 'http://www.h19999.example', start: text.indexOf('www.h19999.example') });
    expect(links.every((link) => link.start !== undefined)).toBe(true);
  });

  it('are found after character references that make the source longer than the text', () => {
    const text = `${'&amp;'.repeat(2_000)} www.after.example\n`;
    let start: number | undefined;
    forEachNode(parseMarkdown(text), (node) => {
      if (node.type === 'link') start = node.position?.start.offset;
    });
    expect(start).toBe(text.indexOf('www.after.example'));
  });
});

describe('proseText', () => {
  it('reads a tree 50,000 emphases deep without recursion', () => {
    let inner: Root['children'][number] = { type: 'text', value: 'deep words' } as never;
    for (let i = 0; i < 50_000; i++) inner = { type: 'emphasis', children: [inner] } as never;
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [inner as never] },
        { type: 'blockquote', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'quoted' }] }] },
      ],
    };
    expect(proseText(tree)).toBe('\ndeep words\n\n\nquoted\n\n');
  });
});
