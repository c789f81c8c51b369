/**
 * Code actions for the diagnostics of one document: each problem's certain fix (preferred), its
 * suggestions (likely repairs, applied only when chosen), "disable this rule for this line", and
 * one action that applies every certain fix of the document (`source.fixAll.agentops-lint`, for
 * fix-on-save). Actions are edits for the editor to apply: the server never writes a file.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit as ProtocolTextEdit } from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic.js';
import type { TextEdit } from '../core/rule.js';
import { TOOL_NAME } from '../core/tool.js';
import { applyFixes } from '../fixes/apply-edits.js';
import { disableNextLineEdit } from './disable-comment.js';
import { isEngineRule, rangeOf, rangesTouch, toProtocolDiagnostic, type EditorText } from './protocol-diagnostics.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${TOOL_NAME}`;

/** The diagnostics published for one version of a document, and the text they were computed on. */
export class DocumentFindings {
  /** "Disable for this line" edits already worked out, by rule and line (each costs a parse or two). */
  private readonly disableEdits = new Map<string, TextEdit | undefined>();

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly text: EditorText,
    readonly diagnostics: readonly Diagnostic[],
  ) {}

  disableEdit(ruleId: string, line: number): TextEdit | undefined {
    const key = `${ruleId}:${line}`;
    if (!this.disableEdits.has(key))
      this.disableEdits.set(key, disableNextLineEdit(this.text.analysedText, line, ruleId));
    return this.disableEdits.get(key);
  }
}

/** Whether an action of `kind` was asked for (`only` lists kinds, and a kind includes its sub-kinds). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return only === undefined || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

function editAction(
  findings: DocumentFindings,
  title: string,
  kind: string,
  edits: ProtocolTextEdit[],
  diagnostic?: Diagnostic,
  preferred = false,
): CodeAction {
  return {
    title,
    kind,
    ...(diagnostic ? { diagnostics: [toProtocolDiagnostic(diagnostic, findings.text)] } : {}),
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [findings.uri]: edits } },
  };
}

/** The actions for one diagnostic: its fix, its suggestions, and disabling its rule on its line. */
function actionsFor(findings: DocumentFindings, diagnostic: Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  const { ruleId } = diagnostic;
  if (diagnostic.fix)
    actions.push(
      editAction(
        findings,
        `Fix this ${ruleId} problem`,
        CodeActionKind.QuickFix,
        findings.text.edits(diagnostic.fix),
        diagnostic,
        true,
      ),
    );
  for (const suggestion of diagnostic.suggestions ?? []) {
    actions.push(
      editAction(
        findings,
        `${suggestion.desc} (${ruleId})`,
        CodeActionKind.QuickFix,
        findings.text.edits(suggestion.fix),
        diagnostic,
      ),
    );
  }
  if (!isEngineRule(ruleId)) {
    const edit = findings.disableEdit(ruleId, diagnostic.line);
    if (edit)
      actions.push(
        editAction(
          findings,
          `Disable ${ruleId} for this line`,
          CodeActionKind.QuickFix,
          findings.text.edits([edit]),
          diagnostic,
        ),
      );
  }
  return actions;
}

/** Every certain fix of the document applied at once (non-overlapping ones; the rest wait for the next time), as one edit. */
export function fixAllEdit(findings: DocumentFindings): ProtocolTextEdit | undefined {
  const fixes = findings.diagnostics.flatMap((diagnostic) => (diagnostic.fix ? [diagnostic.fix] : []));
  if (fixes.length === 0) return undefined;
  const before = findings.text.analysedText;
  const after = applyFixes(before, fixes).text;
  if (after === before) return undefined;
  // One edit over the part that changed keeps the cursor and the undo step where they belong.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  )
    end++;
  const [edit] = findings.text.edits([
    { start, end: before.length - end, text: after.slice(start, after.length - end) },
  ]);
  return edit;
}

/** The code actions for `range` of a document, restricted to the kinds in `only` when given. */
export function codeActions(findings: DocumentFindings, range: Range, only?: readonly string[]): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, only)) {
    for (const diagnostic of findings.diagnostics) {
      if (rangesTouch(rangeOf(diagnostic, findings.text), range)) actions.push(...actionsFor(findings, diagnostic));
    }
  }
  // Asked for by kind (fix on save, "Fix all"), or offered beside the quick fixes when there is more than one fix.
  const fixable = findings.diagnostics.filter((diagnostic) => diagnostic.fix).length;
  const fixAllAsked = only !== undefined && wanted(FIX_ALL_KIND, only);
  if (fixAllAsked || (only === undefined && fixable > 1 && actions.length > 0)) {
    const edit = fixAllEdit(findings);
    if (edit)
      actions.push(editAction(findings, `Fix all certain ${TOOL_NAME} problems in this file`, FIX_ALL_KIND, [edit]));
  }
  return actions;
}
