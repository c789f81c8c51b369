/** Public API for programmatic use and for tests. */
export { main } from './cli/main.js';
export { lintProject } from './engine/lint-project.js';
export { runLint } from './pipeline/lint-run.js';
export type { LintOutcome, LintRequest, LintRunOptions } from './pipeline/lint-request.js';
export type { Diagnostic } from './core/diagnostic.js';
export type { FileFacts, ProjectIndex } from './core/facts.js';
export type {
  Ancestors,
  FileRule,
  NodeHandlers,
  ProjectRule,
  ProjectRuleAsyncContext,
  Rule,
  RuleEnvironment,
} from './core/rule.js';
