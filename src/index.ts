/** Public API for programmatic use and for tests. */
export { main } from './main.js';
export { lintProject } from './engine/lint-project.js';
export type { Diagnostic } from './engine/diagnostic.js';
export type { FileFacts, ProjectIndex } from './engine/project-index.js';
export type { Rule, FileRule, ProjectRule } from './rule.js';
