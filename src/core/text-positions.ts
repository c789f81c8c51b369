import { partitionPoint } from './sorted-search.js';

/** Offsets at which each line starts. `\r\n`, `\n` and a lone `\r` all end a line, as in CommonMark. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset (columns count UTF-16 units, as editors and SARIF do). */
export function offsetToPoint(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  // The last line starting at or before the offset (the first line for an offset before the text).
  const line = Math.max(0, partitionPoint(lineStarts.length, (index) => lineStarts[index]! <= offset) - 1);
  return { line: line + 1, column: offset - lineStarts[line]! + 1 };
}

/** A part of a text as offsets: from `from` (included) to `to` (excluded). */
export interface Span {
  from: number;
  to: number;
}
