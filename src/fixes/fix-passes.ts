/**
 * --fix and --fix-dry-run: lint, apply the certain fixes in memory, lint again, up to
 * MAX_FIX_PASSES times (a fix can reveal or unblock another), then write the files atomically or
 * print the changes as a unified diff.
 */
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Diagnostic } from '../core/diagnostic.js';
import { applyFixes } from './apply-edits.js';
import { lintProject, type LintProjectOptions, type LintProjectResult, type ProjectSource } from '../engine/lint-project.js';
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

export async function lintWithFixes(source: ProjectSource, engine: LintProjectOptions, fixing: boolean): Promise<FixedLint> {
  const texts = new Map<string, string>();
  const originals = new Map<string, { text: string; bom: boolean }>();
  // Asynchronous steps (network checks) run once, on what the last pass leaves: the passes only
  // need what can be fixed, and a fix pass must not ask every site again.
  const passes: LintProjectOptions = fixing ? { ...engine, deferAsyncSteps: true } : engine;
  let result = await lintProject(source, passes);
  for (let pass = 1; fixing && pass <= MAX_FIX_PASSES; pass++) {
    if (!applyPass(result, texts, originals)) break;
    result = await lintProject(source, { ...passes, overrides: texts });
  }
  if (result.runDeferredSteps) result = await result.runDeferredSteps();
  return { result, texts, originals };
}

/** Applies the fixes of one pass to the in-memory texts; returns whether anything changed. */
function applyPass(result: LintProjectResult, texts: Map<string, string>, originals: Map<string, { text: string; bom: boolean }>): boolean {
  const fixesByFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of result.diagnostics) {
    if (!diagnostic.fix) continue;
    const list = fixesByFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    fixesByFile.set(diagnostic.file, list);
  }
  let changed = false;
  for (const [file, diagnostics] of fixesByFile) {
    const analysis = result.analyses.get(file);
    if (analysis?.text === undefined) continue;
    if (!originals.has(file)) originals.set(file, { text: analysis.text, bom: analysis.bom ?? false });
    const fixed = applyFixes(analysis.text, diagnostics.map((diagnostic) => diagnostic.fix!));
    if (fixed.applied > 0 && fixed.text !== analysis.text) {
      texts.set(file, fixed.text);
      changed = true;
    }
  }
  return changed;
}

/** Root-relative files whose text the fixes changed (a later pass may have undone an earlier one). */
export function fixedFiles(fixed: FixedLint): string[] {
  return [...fixed.texts].filter(([file, text]) => fixed.originals.get(file)?.text !== text).map(([file]) => file);
}

/** The fixes as unified diffs, one per changed file. */
export function fixPatches(fixed: FixedLint): string[] {
  return fixedFiles(fixed).map((file) => createTwoFilesPatch(`a/${file}`, `b/${file}`, fixed.originals.get(file)!.text, fixed.texts.get(file)!));
}

/** Writes the fixed files, keeping a BOM where there was one. */
export async function writeFixes(fixed: FixedLint, root: string): Promise<void> {
  for (const [file, text] of fixed.texts) {
    const original = fixed.originals.get(file)!;
    if (original.text === text) continue;
    await writeFileAtomic(path.join(root, file), (original.bom ? '\uFEFF' : '') + text);
  }
}
