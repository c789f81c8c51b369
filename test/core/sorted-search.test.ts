import { describe, expect, it } from 'vitest';
import { partitionPoint } from '../../src/core/sorted-search.js';

describe('partitionPoint', () => {
  const sorted = [2, 4, 4, 4, 9];

  it('gives the lower and the upper bound of a value', () => {
    expect(partitionPoint(sorted.length, (index) => sorted[index]! < 4)).toBe(1);
    expect(partitionPoint(sorted.length, (index) => sorted[index]! <= 4)).toBe(4);
  });

  it('gives 0 before every element, the length after every one, and 0 for an empty list', () => {
    expect(partitionPoint(sorted.length, (index) => sorted[index]! < 1)).toBe(0);
    expect(partitionPoint(sorted.length, (index) => sorted[index]! <= 9)).toBe(5);
    expect(partitionPoint(0, () => true)).toBe(0);
  });

  it('agrees with a linear scan on every value of a long list', () => {
    const values = Array.from({ length: 200 }, (_, index) => Math.floor(index / 3));
    for (let value = -1; value <= 70; value++) {
      const linear = values.findIndex((element) => element >= value);
      expect(partitionPoint(values.length, (index) => values[index]! < value)).toBe(
        linear < 0 ? values.length : linear,
      );
    }
  });
});
