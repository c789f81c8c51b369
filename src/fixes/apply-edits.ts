import type { TextEdit } from '../core/rule.js';
import { partitionPoint } from '../core/sorted-search.js';

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
 * Whether two edits cannot both be applied: their ranges overlap, or one inserts where the other
 * starts (the order of the two at that offset would be a guess: `#Ã©` with a space inserted and
 * `Ã©` replaced at the same offset became `#é©`).
 */
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}

/**
 * The edits taken so far, sorted by start: whether a new edit conflicts with one of them is
 * answered from its neighbours, so that a pass over n fixes costs n log n, not n².
 */
class TakenEdits {
  readonly edits: TextEdit[] = [];

  /** The index of the first edit whose start is at or after `offset`. */
  private firstFrom(offset: number): number {
    return partitionPoint(this.edits.length, (index) => this.edits[index]!.start < offset);
  }

  conflictsWith(edit: TextEdit): boolean {
    const index = this.firstFrom(edit.start);
    // Taken edits never overlap each other, so only the one before and those starting within the edit can.
    if (index > 0 && conflicts(this.edits[index - 1]!, edit)) return true;
    for (let next = index; next < this.edits.length && this.edits[next]!.start <= edit.end; next++)
      if (conflicts(this.edits[next]!, edit)) return true;
    return false;
  }

  add(edit: TextEdit): void {
    this.edits.splice(this.firstFrom(edit.start), 0, edit);
  }
}

/** A fix's edits in order, or undefined when they are out of the text or overlap each other. */
function orderedEdits(fix: readonly TextEdit[], length: number): TextEdit[] | undefined {
  const edits = [...fix].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let index = 0; index < edits.length; index++) {
    const edit = edits[index]!;
    if (edit.start < 0 || edit.end > length || edit.start > edit.end) return undefined;
    if (index > 0 && conflicts(edits[index - 1]!, edit)) return undefined;
  }
  return edits;
}

/**
 * Applies each fix (a group of edits belonging to one diagnostic) unless it conflicts with a fix
 * already taken; skipped fixes get another chance in the next pass, once the text has been
 * re-linted. The certain `fixes` are taken first, then the `likely` ones (suggestions) where they
 * conflict with none: a suggestion never displaces a certain fix, nor lands at its offset.
 */
export function applyFixes(
  text: string,
  fixes: readonly (readonly TextEdit[])[],
  likely: readonly (readonly TextEdit[])[] = [],
): FixResult {
  const eol = dominantLineEnding(text);
  const byPosition = (list: readonly (readonly TextEdit[])[]): TextEdit[][] =>
    list
      .filter((fix) => fix.length > 0)
      .map((fix) => orderedEdits(fix, text.length))
      .filter((fix): fix is TextEdit[] => fix !== undefined)
      .sort((a, b) => a[0]!.start - b[0]!.start || a[a.length - 1]!.end - b[b.length - 1]!.end);
  const taken = new TakenEdits();
  let applied = 0;
  for (const fix of [...byPosition(fixes), ...byPosition(likely)]) {
    if (fix.some((edit) => taken.conflictsWith(edit))) continue;
    for (const edit of fix) taken.add(edit);
    applied++;
  }
  // Applied from the end, in pieces joined once: a pass of many fixes must not copy the text per fix.
  const pieces: string[] = [];
  let position = 0;
  for (const edit of taken.edits) {
    pieces.push(text.slice(position, edit.start), eol === '\r\n' ? edit.text.replace(/\r?\n/g, '\r\n') : edit.text);
    position = edit.end;
  }
  pieces.push(text.slice(position));
  return { text: pieces.join(''), applied };
}
