import { describe, expect, it } from 'vitest';
import {
  countWords,
  exactSourceRange,
  HARD_BREAK,
  isSentenceStart,
  OPAQUE,
  proseBlocks,
  sourceRange,
  type ProseBlock,
} from '../../src/markdown/prose.js';
import type { BlockContent, PhrasingContent, Text } from 'mdast';
import { parseMarkdown } from '../../src/markdown/parse.js';

function blocks(markdown: string, inlineCode: 'opaque' | 'text' = 'opaque'): ProseBlock[] {
  return proseBlocks(parseMarkdown(markdown), markdown, { inlineCode });
}

/** Every located character of every block maps back to the same character in the source. */
function expectAligned(markdown: string): void {
  for (const block of blocks(markdown)) {
    for (let i = 0; i < block.text.length; i++) {
      const unit = block.text[i]!;
      if (unit === OPAQUE || unit === HARD_BREAK || block.starts[i]! < 0) continue;
      const source = markdown.slice(block.starts[i], block.ends[i]);
      if (source.length === 1) expect(source).toBe(unit);
    }
  }
}

describe('proseBlocks', () => {
  it('keeps paragraphs, headings and table cells; drops code, HTML blocks and front matter', () => {
    const markdown =
      '---\ntitle: kubernetes\n---\n\n# Kubernetes\n\nUse k8s.\n\n```yaml\nkind: Pod\n```\n\n<div>kubernetes</div>\n\n| A | B |\n| --- | --- |\n| pod | node |\n';
    expect(blocks(markdown).map((block) => [block.kind, block.text])).toEqual([
      ['heading', 'Kubernetes'],
      ['paragraph', 'Use k8s.'],
      ['tableCell', 'A'],
      ['tableCell', 'B'],
      ['tableCell', 'pod'],
      ['tableCell', 'node'],
    ]);
  });

  it('replaces code spans, inline HTML, images and autolinks with one opaque character each', () => {
    const [block] = blocks(
      'Run `kubectl` on <b>k8s</b> ![kubernetes](k.png) <https://k8s.io> www.k8s.io [kubernetes](https://kubernetes.io).\n',
    );
    expect(block!.text).toBe(`Run ${OPAQUE} on ${OPAQUE}k8s${OPAQUE} ${OPAQUE} ${OPAQUE} ${OPAQUE} kubernetes.`);
  });

  it('includes code spans as text on request, mapped to the code inside the backticks', () => {
    const markdown = 'A `Pod` here.\n';
    const [block] = blocks(markdown, 'text');
    expect(block!.text).toBe('A Pod here.');
    expect(sourceRange(block!, 2, 5)).toEqual({ start: 3, end: 6 });
  });

  it('maps characters through blockquote prefixes, list indentation and CRLF line endings', () => {
    const markdown = '> one kubernetes\r\n> two kubernetes\r\n\r\n- item\n  kubernetes again\n';
    const [quote, item] = blocks(markdown);
    expect(quote!.text).toBe('one kubernetes\r\ntwo kubernetes');
    const second = quote!.text.lastIndexOf('kubernetes');
    expect(markdown.slice(quote!.starts[second], quote!.ends[second + 9])).toBe('kubernetes');
    const third = item!.text.indexOf('kubernetes');
    expect(sourceRange(item!, third, third + 10)).toEqual({
      start: markdown.indexOf('kubernetes again'),
      end: markdown.indexOf('kubernetes again') + 10,
    });
    expectAligned(markdown);
  });

  it('maps escapes and character references to their source, and refuses exact ranges over them', () => {
    const markdown = 'Argo\\-CD &amp; Argo&#32;CD and Argo CD\n';
    const [block] = blocks(markdown);
    expect(block!.text).toBe('Argo-CD & Argo CD and Argo CD');
    expect(sourceRange(block!, 0, 7)).toEqual({ start: 0, end: 8 });
    expect(exactSourceRange(block!, markdown, 0, 7)).toBeUndefined();
    expect(exactSourceRange(block!, markdown, 10, 17)).toBeUndefined();
    const last = block!.text.lastIndexOf('Argo CD');
    expect(exactSourceRange(block!, markdown, last, last + 7)).toEqual({
      start: markdown.lastIndexOf('Argo CD'),
      end: markdown.lastIndexOf('Argo CD') + 7,
    });
    expectAligned(markdown);
  });

  it('keeps link text (not the destination) and marks hard breaks', () => {
    const markdown = 'See [the kubernetes docs](https://kubernetes.io/docs)  \nnext line\n';
    const [block] = blocks(markdown);
    expect(block!.text).toBe(`See the kubernetes docs${HARD_BREAK}next line`);
  });

  it('handles emoji and non-ASCII text (UTF-16 offsets)', () => {
    const markdown = '## 🚀 Überblick: kubernetes\n';
    const [block] = blocks(markdown);
    const at = block!.text.indexOf('kubernetes');
    expect(sourceRange(block!, at, at + 10)).toEqual({
      start: markdown.indexOf('kubernetes'),
      end: markdown.indexOf('kubernetes') + 10,
    });
  });
});

describe('marks and header cells', () => {
  it('keeps where link text, strong, emphasis and code read as text are, outermost first', () => {
    const markdown = '**Kubelet Flags:** see [the *kubelet* docs](k.md) and `kubectl`.\n';
    const [opaque] = blocks(markdown);
    expect(opaque!.marks.map((mark) => [mark.kind, opaque!.text.slice(mark.from, mark.to)])).toEqual([
      ['strong', 'Kubelet Flags:'],
      ['link', 'the kubelet docs'],
      ['emphasis', 'kubelet'],
    ]);
    const [asText] = blocks(markdown, 'text');
    expect(asText!.marks.at(-1)).toEqual({
      kind: 'code',
      from: asText!.text.indexOf('kubectl'),
      to: asText!.text.indexOf('kubectl') + 7,
    });
  });

  it('tells a header cell from a body cell', () => {
    expect(
      blocks('| Kubernetes | Ours |\n| --- | --- |\n| Pods | Runs |\n').map((block) => [block.text, block.header]),
    ).toEqual([
      ['Kubernetes', true],
      ['Ours', true],
      ['Pods', false],
      ['Runs', false],
    ]);
  });

  it('walks without recursion: trees nested deeper than the JS stack allows are read', () => {
    // Built by hand: the parser itself stops at its nesting limit, but prose must not depend on it.
    const source = 'kubernetes';
    const text: Text = {
      type: 'text',
      value: source,
      position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 11, offset: 10 } },
    };
    let inline: PhrasingContent = text;
    for (let i = 0; i < 50_000; i++) inline = { type: 'emphasis', children: [inline] };
    let block: BlockContent = { type: 'paragraph', children: [inline] };
    for (let i = 0; i < 50_000; i++) block = { type: 'blockquote', children: [block] };
    const [prose] = proseBlocks({ type: 'root', children: [block] }, source);
    expect(prose!.text).toBe('kubernetes');
    expect(prose!.marks).toHaveLength(50_000);
    expect(sourceRange(prose!, 0, 10)).toEqual({ start: 0, end: 10 });
  });
});

describe('isSentenceStart', () => {
  it('is true at the start of a block and after sentence punctuation', () => {
    const [block] = blocks('Kubectl works. "Kubectl" too: Kubectl, but not Kubectl.\n');
    const starts = [...block!.text.matchAll(/Kubectl/g)].map((match) => isSentenceStart(block!, match.index));
    expect(starts).toEqual([true, true, true, false]);
  });
});

describe('countWords', () => {
  it('counts prose words, not code', () => {
    const [block] = blocks("It's a `kubectl apply -f x.yaml` run on co-located nodes, v1.2.\n");
    expect(countWords(block!)).toBe(7);
  });
});
