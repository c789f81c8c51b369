import type { Severity, TextEdit } from './rule.js';

/** A likely repair that is applied only on request (`--fix-type suggestion`); see SuggestionDescriptor. */
export interface Suggestion {
  desc: string;
  fix: TextEdit[];
}

/** What a problem says and how it is repaired, wherever it points. */
interface DiagnosticContent {
  ruleId: string;
  messageId: string;
  severity: Exclude<Severity, 'off'>;
  message: string;
  suggestion?: string;
  /** Edits that certainly repair the problem (`--fix` applies them). */
  fix?: TextEdit[];
  /**
   * The fix still has to be checked against the rest of the file (ReportDescriptor.verifyFix).
   * The fix step settles it before anything is reported: the fix stays, or becomes a suggestion.
   */
  verifyFix?: boolean;
  /** Likely repairs, best first, applied only with `--fix-type suggestion`. */
  suggestions?: Suggestion[];
}

/** A problem as reporters show it. Lines and columns are 1-based; the end is exclusive. */
export interface Diagnostic extends DiagnosticContent {
  /** Root-relative path with forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A diagnostic before its offsets are turned into lines and columns. */
export interface PendingDiagnostic extends DiagnosticContent {
  file: string;
  start: number;
  end: number;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.messageId.localeCompare(b.messageId) ||
    a.message.localeCompare(b.message)
  );
}
