/**
 * The public API for programs (docs/api.md): `lint()` and `format()`, the types of their results,
 * and the rule types. Its type declarations are bundled into bundle/index.d.ts by
 * scripts/bundle-build.ts. 0.x: what docs/api.md documents may change in a minor version, and the
 * changelog says so.
 */
export { lint, type Config, type FileResult, type LintOptions, type LintResult } from './api/lint.js';
export { FORMAT_NAMES, format, type FormatName, type FormatOptions } from './api/format.js';
export { ConfigError, UsageError, type ConfigIssue } from './core/errors.js';
export type { Diagnostic, Suggestion } from './core/diagnostic.js';
export type { SeverityCounts } from './reporters/report.js';
export type {
  DefinitionFact,
  FileFacts,
  HeadingFact,
  LinkFact,
  ProjectIndex,
  RepositoryPaths,
} from './core/facts.js';
export {
  defineFileRule,
  defineProjectRule,
  type Ancestors,
  type FileRule,
  type FileRuleContext,
  type Location,
  type NodeHandlers,
  type ParsedFile,
  type ProjectReportDescriptor,
  type ProjectRule,
  type ProjectRuleAsyncContext,
  type ProjectRuleContext,
  type ReportDescriptor,
  type Rule,
  type RuleEnvironment,
  type Severity,
  type SuggestionDescriptor,
  type TextEdit,
} from './core/rule.js';
