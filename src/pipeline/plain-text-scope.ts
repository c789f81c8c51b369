/**
 * Which files that are not Markdown a run covers, for the rules that also search plain-text files
 * (ProjectRule.plainTextFiles): on the working tree, those the path arguments name (all files
 * without arguments) that no config ignores, the same selection `lint` applies to Markdown. The
 * staged and changed-since scopes check Markdown only: their plans read other states of the
 * repository, and a plain-text file would be judged on the working tree's text.
 */
import type { ProjectSource } from '../engine/lint-project.js';
import { pathArgumentMatcher } from '../project/project-files.js';
import type { RunContext } from '../project/plan.js';
import type { LintScope } from './lint-request.js';

export function withPlainTextScope(
  source: ProjectSource,
  run: RunContext,
  scope: LintScope | undefined,
): ProjectSource {
  if (scope !== undefined && scope.kind !== 'working-tree') return source;
  const named = pathArgumentMatcher(run.io.cwd, run.root, run.patterns);
  return { ...source, coversPlainText: (file) => named(file) && !run.configs.isIgnored(file) };
}
