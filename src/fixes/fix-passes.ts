/**
 * --fix and --fix-dry-run: lint, apply the certain fixes in memory, lint again, up to
 * MAX_FIX_PASSES times (a fix can reveal or unblock another), then write the files atomically or
 * print the changes as a unified diff. Suggestions (likely but uncertain repairs) are applied only
 * when asked for (`--fix-type suggestion`). Fixes that must be checked against the rest of their
 * file are settled before each pass and before anything is reported (verify-fixes.ts).
 */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { TextEdit } from '../core/rule.js';
import { applyFixes } from './apply-edits.js';
import {
  lintProject,
  type LintProjectOptions,
  type LintProjectResult,
  type ProjectSource,
} from '../engine/lint-project.js';
import type { FixType } from './fix-types.js';
import { FixVerdicts, settleVerifiedFixes } from './verify-fixes.js';
import { writeFileAtomic } from './write-atomic.js';

export const MAX_FIX_PASSES = 10;

export interface FixedLint {
  /** The result of the last pass: what is left after the fixes. */
  result: LintProjectResult;
  /** Fixed texts by file (give them to later runs as overrides). */
  texts: Map<string, string>;
  /** Each fixed file's text before the first fix, and whether it started with a BOM. */
  originals: Map<string, { text: string; bom: boolean }>;
}

/**
 * Lints, and with `fixing` applies fixes in passes. The result never holds an unchecked fix: a
 * fix that must be verified is kept or turned into a suggestion first (also without `fixing`, so
 * that reports count as fixable only what `--fix` would change).
 */
export async function lintWithFixes(
  source: ProjectSource,
  engine: LintProjectOptions,
  fixing: boolean,
  fixType: FixType = 'fix',
): Promise<FixedLint> {
  // Texts the caller hands in (an unsaved page) stay in place in every pass unless a fix changes them.
  const texts = new Map<string, string>(engine.overrides);
  const originals = new Map<string, { text: string; bom: boolean }>();
  const verdicts = new FixVerdicts();
  // Asynchronous steps (network checks) run once, on what the last pass leaves: the passes only
  // need what can be fixed, and a fix pass must not ask every site again.
  const passes: LintProjectOptions = fixing ? { ...engine, deferAsyncSteps: true } : engine;
  const lint = async (options: LintProjectOptions): Promise<LintProjectResult> =>
    settleVerifiedFixes(await lintProject(source, options), options, verdicts);
  let result = await lint(passes);
  for (let pass = 1; fixing && pass <= MAX_FIX_PASSES; pass++) {
    if (!applyPass(result, texts, originals, fixType)) break;
    result = await lint({ ...passes, overrides: texts });
  }
  if (result.runDeferredSteps)
    result = settleVerifiedFixes(await result.runDeferredSteps(), { ...passes, overrides: texts }, verdicts);
  return { result, texts, originals };
}

/**
 * Applies the fixes of one pass to the in-memory texts; returns whether anything changed. The
 * certain fixes come first; with `--fix-type suggestion`, the first suggestion of each problem
 * without one, where it conflicts with no certain fix (applyFixes): a suggestion at the offset of a
 * certain fix waits for the next pass, which lints the fixed text again.
 */
function applyPass(
  result: LintProjectResult,
  texts: Map<string, string>,
  originals: Map<string, { text: string; bom: boolean }>,
  fixType: FixType,
): boolean {
  const fixesByFile = new Map<string, { certain: TextEdit[][]; likely: TextEdit[][] }>();
  for (const diagnostic of result.diagnostics) {
    const suggestion = fixType === 'suggestion' ? diagnostic.suggestions?.[0]?.fix : undefined;
    if (!diagnostic.fix && !suggestion) continue;
    const lists = fixesByFile.get(diagnostic.file) ?? { certain: [], likely: [] };
    if (diagnostic.fix) lists.certain.push(diagnostic.fix);
    else lists.likely.push(suggestion!);
    fixesByFile.set(diagnostic.file, lists);
  }
  let changed = false;
  for (const [file, { certain, likely }] of fixesByFile) {
    const analysis = result.analyses.get(file);
    if (analysis?.text === undefined) continue;
    if (!originals.has(file)) originals.set(file, { text: analysis.text, bom: analysis.bom ?? false });
    const fixed = applyFixes(analysis.text, certain, likely);
    if (fixed.applied > 0 && fixed.text !== analysis.text) {
      texts.set(file, fixed.text);
      changed = true;
    }
  }
  return changed;
}

/** Root-relative files whose text the fixes changed (a later pass may have undone an earlier one). */
export function fixedFiles(fixed: FixedLint): string[] {
  return [...fixed.texts]
    .filter(([file, text]) => fixed.originals.has(file) && fixed.originals.get(file)!.text !== text)
    .map(([file]) => file);
}

/** The fixes as unified diffs, one per changed file. */
export function fixPatches(fixed: FixedLint): string[] {
  return fixedFiles(fixed).map((file) =>
    createTwoFilesPatch(`a/${file}`, `b/${file}`, fixed.originals.get(file)!.text, fixed.texts.get(file)!),
  );
}

/** Writes the fixed files, keeping a BOM where there was one. */
export async function writeFixes(fixed: FixedLint, root: string): Promise<void> {
  for (const [file, text] of fixed.texts) {
    const original = fixed.originals.get(file);
    // A text handed in that no fix changed (no original) is not the fixes' to write.
    if (original === undefined || original.text === text) continue;
    await writeFileAtomic(path.join(root, file), (original.bom ? '\uFEFF' : '') + text);
  }
}
