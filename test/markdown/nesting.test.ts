/**
 * The nesting limit: lines that could nest deeper than MAX_NESTING_DEPTH are blanked before
 * parsing (micromark's time grows with the square of a line's depth), deeper nodes are emptied
 * after it (the ecosystem's recursive utilities overflow the stack), and everything else of the
 * file is parsed exactly as before, at the same offsets.
 */
import type { Nodes, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import {
  lineNestingBound,
  MAX_NESTING_DEPTH,
  originalOffset,
  withoutTooDeepLines,
} from '../../src/markdown/nesting.js';
import { parseMarkdown, parseMarkdownWithLimits } from '../../src/markdown/parse.js';
import { forEachNode } from '../../src/markdown/walk.js';
import { cpuTimed } from '../helpers/cpu-time.js';

const bound = (line: string): number => lineNestingBound(line, 0, line.length);

/** The source of a node, by its offsets. */
function text(source: string, node: Nodes): string {
  return source.slice(node.position!.start.offset, node.position!.end.offset);
}

function deepest(tree: Root): number {
  let depth = 0;
  forEachNode(tree, (_node, ancestors) => {
    depth = Math.max(depth, ancestors.length);
  });
  return depth;
}

function nodesOfType(tree: Root, type: Nodes['type']): Nodes[] {
  const found: Nodes[] = [];
  forEachNode(tree, (node) => {
    if (node.type === type) found.push(node);
  });
  return found;
}

describe('lineNestingBound', () => {
  it('counts block quote and list markers, and the indentation beyond one space after each', () => {
    expect(bound('> > > text')).toBe(3);
    expect(bound('- - - text')).toBe(3);
    expect(bound('>>>text')).toBe(3);
    expect(bound('1. 2) - * + x')).toBe(5);
    expect(bound('[^note]: > quoted footnote')).toBe(2);
    // A nested item needs two columns of indentation for each item around it.
    expect(bound('      - item')).toBe(4);
    expect(bound('\t\t- item')).toBe(5);
  });

  it('is 0 for a line that opens nothing, however indented, and for a thematic break', () => {
    expect(bound('plain text')).toBe(0);
    expect(bound(`${' '.repeat(400)}code or ascii art`)).toBe(0);
    expect(bound('- - - - - -')).toBe(0);
    expect(bound('* * *')).toBe(0);
    expect(bound('-not a marker')).toBe(0);
    expect(bound('1234567890. ten digits are no list marker')).toBe(0);
  });
});

describe('withoutTooDeepLines', () => {
  it('returns the very same text when no line is too deep', () => {
    const text = '# Title\n\n> > quote\n\n- a\n  - b\n';
    const result = withoutTooDeepLines(text);
    expect(result.text).toBe(text);
    expect(result.removed).toEqual([]);
    expect(result.skipped).toBeUndefined();
  });

  it('empties each too deep line, keeping its line ending, and maps offsets back', () => {
    const deep = `${'> '.repeat(MAX_NESTING_DEPTH + 1)}deep`;
    const text = `before\r\n${deep}\r\nbetween\n${deep}\nafter`;
    const result = withoutTooDeepLines(text);
    expect(result.text).toBe('before\r\n\r\nbetween\n\nafter');
    expect(result.skipped).toEqual({ start: 'before\r\n'.length, places: 2 });
    for (const word of ['before', 'between', 'after'])
      expect(originalOffset(result.removed, result.text.indexOf(word))).toBe(text.indexOf(word));
    // An offset at an emptied line stays at that line's start.
    expect(originalOffset(result.removed, 'before\r\n'.length)).toBe('before\r\n'.length);
  });

  it('keeps a line exactly at the limit', () => {
    const text = `${'> '.repeat(MAX_NESTING_DEPTH)}at the limit\n`;
    expect(withoutTooDeepLines(text).text).toBe(text);
  });
});

describe('parseMarkdownWithLimits', () => {
  it('parses 50,000 nested block quotes at once, and the rest of the file at its real offsets', () => {
    const deep = `${'> '.repeat(50_000)}[deep](deep.md)\n`;
    const text = `# Title\n\n${deep}\n[after](after.md)\n`;
    // CPU time, which a loaded machine does not stretch as it does the wall clock.
    const { result, cpuMs } = cpuTimed(() => parseMarkdownWithLimits(text));
    expect(cpuMs).toBeLessThan(5_000);
    const { tree, skipped } = result;
    expect(skipped).toEqual({ start: '# Title\n\n'.length, places: 1 });
    const links = nodesOfType(tree, 'link') as {
      url: string;
      position?: { start: { line: number; column: number; offset?: number } };
    }[];
    expect(
      links.map((link) => [
        link.url,
        link.position?.start.line,
        link.position?.start.column,
        link.position?.start.offset,
      ]),
    ).toEqual([['after.md', 5, 1, text.indexOf('[after]')]]);
  });

  it('parses 10,000 nested lists on one line, and 2,000 nested through indentation', () => {
    const inline = parseMarkdownWithLimits(`${'- '.repeat(10_000)}x\n\n## After\n`);
    expect(inline.skipped).toEqual({ start: 0, places: 1 });
    expect(nodesOfType(inline.tree, 'heading')).toHaveLength(1);
    const indented = Array.from({ length: 2_000 }, (_, level) => `${'  '.repeat(level)}- item ${level}`).join('\n');
    const { tree, skipped } = parseMarkdownWithLimits(indented);
    // Items up to the limit are parsed; the deeper lines are emptied.
    expect(skipped?.start).toBe(indented.indexOf(`- item ${MAX_NESTING_DEPTH}\n`) - 2 * MAX_NESTING_DEPTH);
    const lastItem = nodesOfType(tree, 'listItem').at(-1)!;
    expect(text(indented, lastItem)).toMatch(/^- item \d+$/);
    expect(nodesOfType(tree, 'listItem').length).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
    expect(nodesOfType(tree, 'listItem').length).toBeGreaterThan(MAX_NESTING_DEPTH - 5);
  });

  it('empties emphasis nested deeper than the limit, so that no walk sees more than the limit', () => {
    const stars = '*'.repeat(2 * MAX_NESTING_DEPTH + 60);
    const text = `${stars}www.example.com${stars}\n`;
    const { tree, skipped } = parseMarkdownWithLimits(text);
    expect(skipped?.places).toBe(1);
    expect(skipped!.start).toBeGreaterThan(MAX_NESTING_DEPTH);
    expect(deepest(tree)).toBeLessThanOrEqual(MAX_NESTING_DEPTH + 3);
  });

  it('parses ordinary nesting exactly as parseMarkdown always did', () => {
    const text = '> - a\n>   > *b **c [d](e.md)***\n\n1. x\n   - y\n     > z\n';
    const { tree, skipped } = parseMarkdownWithLimits(text);
    expect(skipped).toBeUndefined();
    expect(tree).toEqual(parseMarkdown(text));
    expect(nodesOfType(tree, 'blockquote')).toHaveLength(3);
  });
});
