/**
 * Binary search over anything sorted: offsets of lines, sentences, quotes, edits, ranges. Every
 * caller asks the same question — where in a sorted list does a value belong — so it is answered
 * once, here, rather than by a loop written again at each list.
 */

/**
 * The first index in [0, length) at which `isBefore` is false, or `length` when it never is
 * (C++'s `std::partition_point`). `isBefore` must be true on a prefix of the indices and false on
 * the rest: `index => sorted[index] < value` gives the first element at or after `value` (lower
 * bound), `index => sorted[index] <= value` the first one after it (upper bound).
 */
export function partitionPoint(length: number, isBefore: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBefore(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
