import type { TextEdit } from '../core/rule.js';

export interface FixResult {
  text: string;
  /** How many diagnostics' fixes were applied. */
  applied: number;
}

/** The line ending a file mostly uses, so that inserted line breaks match it. */
export function dominantLineEnding(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Applies each fix (a group of edits belonging to one diagnostic) unless it overlaps a fix already
 * taken; skipped fixes get another chance in the next pass, once the text has been re-linted.
 */
export function applyFixes(text: string, fixes: readonly (readonly TextEdit[])[]): FixResult {
  const eol = dominantLineEnding(text);
  const ordered = fixes
    .filter((fix) => fix.length > 0)
    .map((fix) => [...fix].sort((a, b) => a.start - b.start))
    .sort((a, b) => a[0]!.start - b[0]!.start || a[a.length - 1]!.end - b[b.length - 1]!.end);
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const fix of ordered) {
    const overlaps = fix.some((edit, i) => (i > 0 && edit.start < fix[i - 1]!.end) || taken.some((other) => edit.start < other.end && other.start < edit.end || (edit.start === edit.end && edit.start === other.start)));
    if (overlaps || fix.some((edit) => edit.start < 0 || edit.end > text.length || edit.start > edit.end)) continue;
    taken.push(...fix);
    applied++;
  }
  taken.sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of taken) {
    const replacement = eol === '\r\n' ? edit.text.replace(/\r?\n/g, '\r\n') : edit.text;
    result = result.slice(0, edit.start) + replacement + result.slice(edit.end);
  }
  return { text: result, applied };
}
