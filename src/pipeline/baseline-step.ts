/**
 * The baseline step of a run: --write-baseline records the problems found (and keeps the entries
 * of files not linted), --baseline suppresses the recorded ones.
 */
import path from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { RULE_CRASH } from '../core/engine-rules.js';
import type { ProjectSource } from '../engine/lint-project.js';
import {
  applyBaseline,
  buildBaseline,
  readBaseline,
  unusedEntryDiagnostics,
  writeBaseline,
} from '../suppressions/baseline.js';
import type { BaselineUse, BaselineWritten } from './lint-request.js';

export interface BaselineStep {
  /** What is left to report. */
  diagnostics: Diagnostic[];
  written?: BaselineWritten;
}

export interface BaselineInput {
  diagnostics: Diagnostic[];
  source: ProjectSource;
  cwd: string;
  root: string;
  reportUnusedDisables: boolean;
  textOf: (file: string) => string | undefined;
}

export async function baselineStep(use: BaselineUse | undefined, input: BaselineInput): Promise<BaselineStep> {
  if (use === undefined) return { diagnostics: input.diagnostics };
  return 'write' in use ? recordBaseline(use.write, input) : suppressBaselined(use.apply, input);
}

/** Everything found goes into the baseline; only crashes are still reported (they are never baselined). */
async function recordBaseline(shownAs: string, input: BaselineInput): Promise<BaselineStep> {
  const linted = new Set(input.source.targets);
  const file = path.resolve(input.cwd, shownAs);
  const previous = await readBaseline(file, shownAs).then(
    (baseline) => baseline.entries,
    () => [],
  );
  const keepsEntryOf = (entryFile: string): boolean =>
    !linted.has(entryFile) && input.source.paths.files.has(entryFile);
  const entries = buildBaseline(input.diagnostics, input.textOf, previous, keepsEntryOf);
  await writeBaseline(file, entries);
  return {
    diagnostics: input.diagnostics.filter((diagnostic) => diagnostic.ruleId === RULE_CRASH.id),
    written: {
      file: shownAs,
      problems: entries.reduce((sum, entry) => sum + entry.count, 0),
      files: new Set(entries.map((entry) => entry.file)).size,
    },
  };
}

async function suppressBaselined(shownAs: string, input: BaselineInput): Promise<BaselineStep> {
  const baseline = await readBaseline(path.resolve(input.cwd, shownAs), shownAs);
  const exists = (file: string): boolean => input.source.paths.files.has(file);
  const result = applyBaseline(baseline, input.diagnostics, input.textOf, new Set(input.source.targets), exists);
  if (!input.reportUnusedDisables) return { diagnostics: result.remaining };
  return {
    diagnostics: [...result.remaining, ...unusedEntryDiagnostics(baseline, result.unused, input.root)].sort(
      compareDiagnostics,
    ),
  };
}
