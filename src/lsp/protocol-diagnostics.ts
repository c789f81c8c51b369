/**
 * The engine's diagnostics and edits in the language server protocol's terms: zero-based lines
 * and UTF-16 characters (the protocol's default encoding, and the engine's offsets), severities,
 * and a link to each rule's page.
 *
 * The engine analyses a file without its byte-order mark; an editor's text may still start with
 * one, so positions on the first line and every offset move by its length.
 */
import {
  DiagnosticSeverity,
  type Diagnostic as ProtocolDiagnostic,
  type Position,
  type Range,
  type TextEdit as ProtocolTextEdit,
} from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic.js';
import { ENGINE_RULES } from '../core/engine-rules.js';
import type { TextEdit } from '../core/rule.js';
import { computeLineStarts, offsetToPoint } from '../core/text-positions.js';
import { ENGINE_DOCS_URL, TOOL_NAME, ruleDocsUrl } from '../core/tool.js';

const ENGINE_RULE_IDS = new Set(ENGINE_RULES.map((rule) => rule.id));

/** The page that explains a rule (or, for the engine's own diagnostics, the section about them). */
export function docsUrlOf(ruleId: string): string {
  return ENGINE_RULE_IDS.has(ruleId) ? ENGINE_DOCS_URL : ruleDocsUrl(ruleId);
}

/** Whether a rule id is one of the engine's own diagnostics, which control comments do not silence. */
export function isEngineRule(ruleId: string): boolean {
  return ENGINE_RULE_IDS.has(ruleId);
}

/** An editor's text, with what it takes to turn the engine's offsets into protocol positions. */
export class EditorText {
  /** 1 when the text starts with a byte-order mark (the engine's offsets start after it). */
  readonly bomLength: number;
  private lineStarts: readonly number[] | undefined;

  constructor(readonly text: string) {
    this.bomLength = text.startsWith('\uFEFF') ? 1 : 0;
  }

  /** The text the engine analyses (without the byte-order mark). */
  get analysedText(): string {
    return this.text.slice(this.bomLength);
  }

  /** The protocol position of an offset into the analysed text. */
  positionAt(offset: number): Position {
    this.lineStarts ??= computeLineStarts(this.text);
    const { line, column } = offsetToPoint(this.lineStarts, offset + this.bomLength);
    return { line: line - 1, character: column - 1 };
  }

  /** The protocol position of a 1-based line and column of the analysed text. */
  positionOf(line: number, column: number): Position {
    return { line: line - 1, character: column - 1 + (line === 1 ? this.bomLength : 0) };
  }

  /** The engine's edits (offsets into the analysed text) as protocol edits. */
  edits(edits: readonly TextEdit[]): ProtocolTextEdit[] {
    return edits.map((edit) => ({
      range: { start: this.positionAt(edit.start), end: this.positionAt(edit.end) },
      newText: edit.text,
    }));
  }
}

export function rangeOf(diagnostic: Diagnostic, text: EditorText): Range {
  return {
    start: text.positionOf(diagnostic.line, diagnostic.column),
    end: text.positionOf(diagnostic.endLine, diagnostic.endColumn),
  };
}

/** What a published diagnostic carries back to the server in code action requests. */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
}

export function toProtocolDiagnostic(diagnostic: Diagnostic, text: EditorText): ProtocolDiagnostic {
  const data: DiagnosticData = { ruleId: diagnostic.ruleId, messageId: diagnostic.messageId };
  return {
    range: rangeOf(diagnostic, text),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    codeDescription: { href: docsUrlOf(diagnostic.ruleId) },
    source: TOOL_NAME,
    message: diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message,
    data,
  };
}

/** Whether two protocol ranges share a position (an empty range touches what it sits on). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position): boolean =>
    x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
