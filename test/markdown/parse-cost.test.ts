/** The parse-cost estimate (issue 25): what micromark cannot parse in bounded time or memory is reported, real files never. */
import { describe, expect, it } from 'vitest';
import { parseCostExcess } from '../../src/markdown/parse-cost.js';

describe('parseCostExcess', () => {
  it('reports a paragraph of "](" over the limit, where it starts', () => {
    expect(parseCostExcess(`# T\n\nok\n\na${']('.repeat(10_001)}\n`)).toEqual({
      what: 'link delimiters "](" in one paragraph',
      count: 10_001,
      limit: 10_000,
      offset: 8,
    });
  });

  it('reports brackets, nested emphasis, a wide table and many definitions', () => {
    expect(parseCostExcess('['.repeat(100_001))?.what).toBe('opening brackets "[" in one paragraph');
    expect(parseCostExcess('*a **a '.repeat(7_000))?.what).toBe('emphasis delimiters "*" and "_" in one paragraph');
    expect(parseCostExcess(`${'| a '.repeat(10_000)}|\n`.repeat(60))).toMatchObject({
      what: 'table cells in one table',
      limit: 500_000,
    });
    expect(
      parseCostExcess(Array.from({ length: 100_001 }, (_, index) => `[d${index}]: a.md`).join('\n')),
    ).toMatchObject({ what: 'reference definitions', count: 100_001 });
  });

  it('counts per paragraph and list item: 12,000 links in a list, or 10,000 paragraphs of links, are fine', () => {
    expect(
      parseCostExcess(Array.from({ length: 12_000 }, (_, index) => `- [${index}](a.md) *a* _b_ [c][d]`).join('\n')),
    ).toBeUndefined();
    expect(
      parseCostExcess(Array.from({ length: 10_000 }, (_, index) => `[${index}](a.md) and [more](b.md)`).join('\n\n')),
    ).toBeUndefined();
    expect(parseCostExcess(`${'| a | b |\n'.repeat(50_000)}`)).toBeUndefined();
  });
});
