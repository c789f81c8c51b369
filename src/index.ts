/** Public API for programmatic use and for tests. */
export { main } from './cli/main.js';
export { lintProject } from './engine/lint-project.js';
export type { Diagnostic } from './core/diagnostic.js';
export type { FileFacts, ProjectIndex } from './core/facts.js';
export type { Rule, FileRule, ProjectRule } from './core/rule.js';
