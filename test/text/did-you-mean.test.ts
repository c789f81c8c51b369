import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/text/did-you-mean.js';

/** The textbook definition, to compare the optimised one against. */
function reference(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      rows[i]![j] = Math.min(
        rows[i - 1]![j]! + 1,
        rows[i]![j - 1]! + 1,
        rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
  return rows[a.length]![b.length]!;
}

describe('editDistance', () => {
  const pairs: [string, string][] = [
    ['', ''],
    ['', 'abc'],
    ['kitten', 'sitting'],
    ['docs/guides/instalation.md', 'docs/guides/installation.md'],
    ['section7/topik12.md', 'section7/topic12.md'],
    ['abcabc', 'abc'],
    ['flaw', 'lawn'],
    ['same', 'same'],
    ['a/b/c.md', 'x/y/z.md'],
  ];
  it.each(pairs)('%j vs %j matches the textbook distance, with and without a limit', (a, b) => {
    const expected = reference(a, b);
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
    expect(editDistance(a, b, 2)).toBe(expected > 2 ? 3 : expected);
  });
});
