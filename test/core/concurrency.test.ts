import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../src/core/concurrency.js';

describe('mapConcurrently', () => {
  it('keeps the order of the items whatever order the calls settle in, with at most `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapConcurrently([30, 5, 20, 1, 10, 2], 3, async (delay, index) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight--;
      return `${index}:${delay}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2']);
    expect(most).toBe(3);
  });

  it('calls nothing for no items, and rejects with the first failure', async () => {
    expect(await mapConcurrently([], 4, async () => 1)).toEqual([]);
    await expect(
      mapConcurrently([1, 2], 2, async (item) => {
        if (item === 2) throw new Error('two failed');
        return item;
      }),
    ).rejects.toThrow('two failed');
  });
});
