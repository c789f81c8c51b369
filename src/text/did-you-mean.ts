/**
 * Levenshtein distance with a cut-off: returns `limit + 1` as soon as the distance exceeds it.
 * A shared prefix and suffix cannot change the distance, so they are skipped before the dynamic
 * programme (paths in one repository share long ones), which runs on two reused typed rows.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const lengthA = endA - start;
  const lengthB = endB - start;
  if (lengthA === 0 || lengthB === 0)
    return Math.max(lengthA, lengthB) > limit ? limit + 1 : Math.max(lengthA, lengthB);
  let previous = new Int32Array(lengthB + 1);
  let current = new Int32Array(lengthB + 1);
  for (let j = 0; j <= lengthB; j++) previous[j] = j;
  for (let i = 1; i <= lengthA; i++) {
    current[0] = i;
    let rowMinimum = i;
    const codeA = a.charCodeAt(start + i - 1);
    for (let j = 1; j <= lengthB; j++) {
      let value = previous[j - 1]! + (codeA === b.charCodeAt(start + j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      if (deletion < value) value = deletion;
      const insertion = current[j - 1]! + 1;
      if (insertion < value) value = insertion;
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  const distance = previous[lengthB]!;
  return distance > limit ? limit + 1 : distance;
}

/**
 * The candidates closest to `input`, best first, within a distance that grows with the length of
 * the input (a third of it, at least 2), so that short words do not match everything.
 */
export function closestMatches(input: string, candidates: Iterable<string>, max = 1): string[] {
  const limit = Math.max(2, Math.floor(input.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  const lower = input.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), limit);
    if (distance <= limit) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

export function didYouMean(input: string, candidates: Iterable<string>): string {
  const [best] = closestMatches(input, candidates);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
