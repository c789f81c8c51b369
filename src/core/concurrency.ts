/**
 * Bounded concurrency for I/O: reading many files (or asking git for many blobs) at once is
 * faster than one at a time, but all at once would open thousands of descriptors.
 */

/**
 * `work` applied to every item with at most `limit` calls in flight; the results in the order of
 * `items`. A rejection rejects the whole (the calls already started still settle).
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
