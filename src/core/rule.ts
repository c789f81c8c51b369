/**
 * The contract between the engine and a rule. A rule is a plain object: metadata, an options
 * schema, message templates, and a check function. Rules never touch the file system or
 * `process`: file rules read the parsed tree, project rules read the ProjectIndex.
 */
import type { Root } from 'mdast';
import type { z } from 'zod';
import type { FileFacts, ProjectIndex } from './facts.js';

export type Severity = 'off' | 'warn' | 'error';

/** How a preset turns a rule on: a severity, or a severity and options. */
export type PresetSetting = Exclude<Severity, 'off'> | [Exclude<Severity, 'off'>, Record<string, unknown>];

/** A rule as reports describe it (configurable rules and engine diagnostics alike). */
export interface ReportedRule {
  id: string;
  description: string;
  docsUrl: string;
  defaultSeverity: 'warn' | 'error';
}

/** A replacement of the half-open range [start, end) of a file's text (offsets in UTF-16 units). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Where a diagnostic points: a node with a position, or a range of offsets. */
export type Location = { position?: { start: { offset?: number }; end: { offset?: number } } } | { start: number; end: number };

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  at: Location;
  /** "Did you mean …" text shown after the message. */
  suggestion?: string;
  /** Edits that repair the problem; all of them are applied or none. */
  fix?: TextEdit | TextEdit[];
}

export interface ProjectReportDescriptor extends ReportDescriptor {
  /**
   * Root-relative path of the file the diagnostic belongs to. It may also be a path that is not a
   * file of the repository (a required file that is missing, a folder): such repository-level
   * diagnostics are reported at line 1, column 1, whatever files were linted.
   */
  file: string;
}

/** A Markdown file as file rules see it. */
export interface ParsedFile {
  /** Root-relative path with forward slashes. */
  path: string;
  /** Decoded text (BOM removed); every offset refers to it. */
  text: string;
  tree: Root;
  /** Offsets at which each line starts; lineStarts[0] === 0. */
  lineStarts: readonly number[];
}

export interface FileRuleContext<Options> {
  file: ParsedFile;
  options: Options;
  report(descriptor: ReportDescriptor): void;
}

export interface ProjectRuleContext<Options> {
  index: ProjectIndex;
  /** The options of the root configuration (overrides can still switch the rule off per file). */
  options: Options;
  /** What this rule's extract step returned for a file, if it ran there. */
  extracted<T>(file: FileFacts): T | undefined;
  report(descriptor: ProjectReportDescriptor): void;
}

interface RuleMeta<Options> {
  /** Kebab-case id, also the basename of the rule's source, doc and test files. */
  id: string;
  /** One sentence. */
  description: string;
  tags: readonly string[];
  /** Severity when a preset enables the rule without saying one. */
  defaultSeverity: Exclude<Severity, 'off'>;
  /** Whether the `recommended` preset turns the rule on. */
  recommended: boolean;
  /**
   * Other built-in presets that turn the rule on, with the setting each gives it (for example
   * `{ kubernetes: ['warn', { packs: ['kubernetes'] }] }`). `recommended` and `all` are derived.
   */
  presets?: Readonly<Record<string, PresetSetting>>;
  fixable: boolean;
  /** Options schema; parsing `{}` must give the defaults. */
  options: z.ZodType<Options>;
  /** messageId → template with `{placeholders}`. */
  messages: Readonly<Record<string, string>>;
}

export interface FileRule<Options = any> extends RuleMeta<Options> {
  scope: 'file';
  check(context: FileRuleContext<Options>): void;
}

export interface ProjectRule<Options = any, Extracted = unknown> extends RuleMeta<Options> {
  scope: 'project';
  /** Runs in phase 1 on each file where the rule is enabled; returns plain, serialisable data. */
  extract?(file: ParsedFile, options: Options): Extracted;
  /**
   * Whether `check` needs the facts of every Markdown file of the project. Without it, a run on
   * explicitly named files (a pre-commit hook) reads only those files and the files they link
   * to, instead of parsing the whole repository.
   */
  readsAllFiles?(options: Options): boolean;
  check(context: ProjectRuleContext<Options>): void;
}

export type Rule = FileRule | ProjectRule;

/** Identity helpers that give rule authors type inference for their options. */
export function defineFileRule<Options>(rule: FileRule<Options>): FileRule<Options> {
  return rule;
}

export function defineProjectRule<Options, Extracted = unknown>(
  rule: ProjectRule<Options, Extracted>,
): ProjectRule<Options, Extracted> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
