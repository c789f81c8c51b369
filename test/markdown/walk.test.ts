/** The iterative walk: unist-util-visit's order, skipping, handlers, and trees too deep to recurse. */
import type { Blockquote, List, Nodes, Paragraph, Parents, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { collectFileFacts } from '../../src/markdown/facts.js';
import { headingAnchors, headingText } from '../../src/markdown/headings.js';
import { computeLineStarts, parseMarkdown } from '../../src/markdown/parse.js';
import { combineHandlers, forEachNode, SKIP, walkWithHandlers } from '../../src/markdown/walk.js';

/** Front matter, headings, containers in containers, GFM (tables, tasks, footnotes, strikethrough, literal autolinks), HTML, references. */
const VARIED = `---
title: Varied
---

# Title with *emphasis* and \`code\`

Intro with a [link](https://example.com "t"), ![image](a.png), <https://auto.example>, www.example.com and ~~gone~~.

> Quote with **strong _nested_ text**
>
> > Inner quote
> > - list in a quote
> >   1. ordered
> >
> >      \`\`\`js
> >      code();
> >      \`\`\`

- [ ] task
- [x] done
  * nested *item*

  continued paragraph[^note]

| a | b |
|---|:-:|
| \`x\` | [ref][label] |

<div id="anchor">

*html block* with content

</div>

Setext heading
--------------

Text with <span>inline html</span> and a hard  
break.

***

[label]: https://example.com/label
[^note]: The footnote, with a [link](#title).
`;

describe('forEachNode', () => {
  it("visits a varied GFM document in unist-util-visit's order, with the same parents", () => {
    const tree = parseMarkdown(VARIED);
    const expected: [Nodes, Parents | undefined][] = [];
    visit(tree, (node, _index, parent) => {
      expected.push([node as Nodes, parent as Parents | undefined]);
    });
    const actual: [Nodes, Parents | undefined][] = [];
    forEachNode(tree, (node, ancestors) => {
      actual.push([node, ancestors.at(-1)]);
    });
    expect(expected.length).toBeGreaterThan(80);
    expect(actual.length).toBe(expected.length);
    actual.forEach(([node, parent], i) => {
      expect(node).toBe(expected[i]![0]);
      expect(parent).toBe(expected[i]![1]);
    });
  });

  it('hands each node its whole ancestor chain, the walk start first', () => {
    const tree = parseMarkdown('> - *a*\n');
    const chains: string[] = [];
    forEachNode(tree, (node, ancestors) => {
      if (node.type === 'text') chains.push([...ancestors.map((ancestor) => ancestor.type), node.type].join(' > '));
    });
    expect(chains).toEqual(['root > blockquote > list > listItem > paragraph > emphasis > text']);
  });

  it("leaves out the children of a node whose visitor returns SKIP, as unist-util-visit's 'skip'", () => {
    const tree = parseMarkdown(VARIED);
    const skipsInline = (node: Nodes): boolean => node.type === 'paragraph' || node.type === 'tableCell';
    const expected: Nodes[] = [];
    visit(tree, (node) => {
      expected.push(node as Nodes);
      return skipsInline(node as Nodes) ? 'skip' : undefined;
    });
    const actual: Nodes[] = [];
    forEachNode(tree, (node) => {
      actual.push(node);
      return skipsInline(node) ? SKIP : undefined;
    });
    expect(actual).toEqual(expected);
    expect(actual.some((node) => node.type === 'emphasis')).toBe(true);
    expect(actual.length).toBeLessThan([...walked(tree)].length);
  });

  it('walks a sub-tree from its own root', () => {
    const tree = parseMarkdown('# A *b* `c`\n\nafter\n');
    const heading = tree.children[0]!;
    expect(walked(heading).map((node) => node.type)).toEqual([
      'heading',
      'text',
      'emphasis',
      'text',
      'text',
      'inlineCode',
    ]);
  });

  it('walks 50,000 nested block quotes without overflowing the stack', () => {
    const depth = 50_000;
    const tree = nestedQuotes(depth);
    let count = 0;
    let deepest = 0;
    forEachNode(tree, (_node, ancestors) => {
      count++;
      deepest = Math.max(deepest, ancestors.length);
    });
    // root, the quotes, the paragraph, its text
    expect(count).toBe(depth + 3);
    expect(deepest).toBe(depth + 2);
  });

  it('walks 10,000 nested lists without overflowing the stack', () => {
    const depth = 10_000;
    const tree = nestedLists(depth);
    const types = new Map<string, number>();
    forEachNode(tree, (node) => {
      types.set(node.type, (types.get(node.type) ?? 0) + 1);
    });
    expect(Object.fromEntries(types)).toEqual({ root: 1, list: depth, listItem: depth, paragraph: 1, text: 1 });
  });
});

describe('walkWithHandlers and combineHandlers', () => {
  it('calls each node type its handlers in document order, every set in turn, then root:exit', () => {
    const tree = parseMarkdown('# One\n\ntext *em*\n\n## Two\n');
    const calls: string[] = [];
    const first = {
      heading: (node: { depth: number }) => calls.push(`first heading ${node.depth}`),
      'root:exit': () => calls.push('first exit'),
    };
    const second = {
      heading: (node: { depth: number }) => calls.push(`second heading ${node.depth}`),
      emphasis: () => calls.push('second emphasis'),
      'root:exit': (root: Root) => calls.push(`second exit ${root.children.length}`),
    };
    walkWithHandlers(tree, combineHandlers([first, second]));
    expect(calls).toEqual([
      'first heading 1',
      'second heading 1',
      'second emphasis',
      'first heading 2',
      'second heading 2',
      'first exit',
      'second exit 3',
    ]);
  });
});

describe('fact collection on trees too deep to recurse', () => {
  it('collects the facts and heading anchors of a link and an HTML anchor under 50,000 quotes', () => {
    // Facts read HTML from the source text, so the HTML node points at it.
    const text = '<a id="deep"></a>';
    const position = {
      start: { line: 1, column: 1, offset: 0 },
      end: { line: 1, column: text.length + 1, offset: text.length },
    };
    const tree = nestedQuotes(50_000, [
      { type: 'link', url: 'https://example.com', children: [{ type: 'text', value: 'x' }] },
      { type: 'html', value: text, position },
    ]);
    const facts = collectFileFacts({ path: 'deep.md', text, tree, lineStarts: computeLineStarts(text) });
    expect(facts.links.map((link) => link.url)).toEqual(['https://example.com']);
    expect(facts.htmlAnchors.map((anchor) => anchor.anchor)).toEqual(['deep']);
    expect(headingAnchors(tree)).toEqual([]);
  });

  it('reads the text of a heading 50,000 emphases deep', () => {
    let inner: Nodes = { type: 'text', value: 'deep' };
    for (let i = 0; i < 50_000; i++) inner = { type: 'emphasis', children: [inner as never] };
    const heading = {
      type: 'heading' as const,
      depth: 1 as const,
      children: [{ type: 'text' as const, value: 'A ' }, inner as never],
    };
    expect(headingText(heading)).toBe('A deep');
  });
});

function walked(root: Nodes): Nodes[] {
  const nodes: Nodes[] = [];
  forEachNode(root, (node) => {
    nodes.push(node);
  });
  return nodes;
}

/** What `> `.repeat(depth) + `deep` parses to, built directly: micromark takes seconds on it. */
function nestedQuotes(depth: number, inline: Paragraph['children'] = [{ type: 'text', value: 'deep' }]): Root {
  let node: Blockquote | Paragraph = { type: 'paragraph', children: inline };
  for (let i = 0; i < depth; i++) node = { type: 'blockquote', children: [node] };
  return { type: 'root', children: [node] };
}

/** What `- `.repeat(depth) + `deep` parses to: a list in a list item in a list… */
function nestedLists(depth: number): Root {
  let node: List | Paragraph = { type: 'paragraph', children: [{ type: 'text', value: 'deep' }] };
  for (let i = 0; i < depth; i++)
    node = {
      type: 'list',
      ordered: false,
      spread: false,
      children: [{ type: 'listItem', spread: false, children: [node] }],
    };
  return { type: 'root', children: [node] };
}
