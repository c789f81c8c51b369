/**
 * Fixes that are right only when the rest of the file agrees (ReportDescriptor.verifyFix): each is
 * applied in memory and the file is linted again with the rules in force there. A fix is kept when
 * its problem is gone and no other problem appeared; otherwise it is held back and offered as a
 * suggestion. Every result the fix step hands on has been settled this way, so a `fix` in a report
 * is always one that `--fix` applies.
 */
import type { Diagnostic, PendingDiagnostic } from '../core/diagnostic.js';
import type { TextEdit } from '../core/rule.js';
import { analyzeText } from '../engine/analyze-file.js';
import type { LintProjectOptions, LintProjectResult } from '../engine/lint-project.js';
import { applyFixes } from './apply-edits.js';

/** What a held-back fix is called when it becomes a suggestion. */
export const HELD_BACK_FIX =
  'The edit --fix held back: applied, it would leave this problem or add another to the file';

/** Verdicts already reached, by file: valid while the file's text is the same. */
export class FixVerdicts {
  private readonly byFile = new Map<string, { text: string; verdicts: Map<string, boolean> }>();

  get(file: string, text: string, fix: readonly TextEdit[]): boolean | undefined {
    const entry = this.byFile.get(file);
    return entry?.text === text ? entry.verdicts.get(fixKey(fix)) : undefined;
  }

  set(file: string, text: string, fix: readonly TextEdit[], verdict: boolean): void {
    let entry = this.byFile.get(file);
    if (entry?.text !== text) {
      entry = { text, verdicts: new Map() };
      this.byFile.set(file, entry);
    }
    entry.verdicts.set(fixKey(fix), verdict);
  }
}

function fixKey(fix: readonly TextEdit[]): string {
  return fix.map((edit) => `${edit.start}:${edit.end}:${edit.text}`).join('\n');
}

/** How many problems of each rule and message a file has: the measure "added none" is checked with. */
function problemCounts(diagnostics: readonly PendingDiagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.ruleId}\n${diagnostic.messageId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Whether applying the fixes of `fixed` to the file leaves it with every one of their problems
 * gone and no problem it did not have before.
 */
function fixesHold(
  file: string,
  text: string,
  before: readonly PendingDiagnostic[],
  fixed: readonly Diagnostic[],
  engine: LintProjectOptions,
): boolean {
  const applied = applyFixes(
    text,
    fixed.map((diagnostic) => diagnostic.fix!),
  );
  if (applied.applied !== fixed.length) return false;
  const after = analyzeText(file, applied.text, engine.settings.forFile(file));
  if (after.crashed) return false;
  const expected = problemCounts(before);
  for (const diagnostic of fixed) {
    const key = `${diagnostic.ruleId}\n${diagnostic.messageId}`;
    expected.set(key, (expected.get(key) ?? 0) - 1);
  }
  for (const [key, count] of problemCounts(after.diagnostics)) if (count > (expected.get(key) ?? 0)) return false;
  return true;
}

/** The fixes of one file that wait for a verdict: all at once first (one lint), one by one when that fails. */
function judgeFile(
  file: string,
  text: string,
  before: readonly PendingDiagnostic[],
  pending: readonly Diagnostic[],
  engine: LintProjectOptions,
  verdicts: FixVerdicts,
): void {
  const unknown = pending.filter((diagnostic) => verdicts.get(file, text, diagnostic.fix!) === undefined);
  if (unknown.length === 0) return;
  if (unknown.length > 1 && fixesHold(file, text, before, unknown, engine)) {
    for (const diagnostic of unknown) verdicts.set(file, text, diagnostic.fix!, true);
    return;
  }
  for (const diagnostic of unknown)
    verdicts.set(file, text, diagnostic.fix!, fixesHold(file, text, before, [diagnostic], engine));
}

function settled(diagnostic: Diagnostic, holds: boolean): Diagnostic {
  const { verifyFix: _checked, fix, ...rest } = diagnostic;
  if (holds) return { ...rest, fix: fix! };
  return { ...rest, suggestions: [{ desc: HELD_BACK_FIX, fix: fix! }, ...(diagnostic.suggestions ?? [])] };
}

/** The result with every fix that needed checking either kept (checked) or turned into a suggestion. */
export function settleVerifiedFixes(
  result: LintProjectResult,
  engine: LintProjectOptions,
  verdicts: FixVerdicts,
): LintProjectResult {
  const waiting = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    if (!diagnostic.verifyFix || !diagnostic.fix) continue;
    const list = waiting.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    waiting.set(diagnostic.file, list);
  }
  if (waiting.size === 0) return result;
  for (const [file, pending] of waiting) {
    const analysis = result.analyses.get(file);
    if (analysis?.text === undefined) continue;
    judgeFile(file, analysis.text, analysis.diagnostics, pending, engine, verdicts);
  }
  const diagnostics = result.diagnostics.map((diagnostic) => {
    if (!diagnostic.verifyFix || !diagnostic.fix) return diagnostic;
    const text = result.analyses.get(diagnostic.file)?.text;
    return settled(diagnostic, text !== undefined && verdicts.get(diagnostic.file, text, diagnostic.fix) === true);
  });
  return { ...result, diagnostics };
}
