/**
 * RuleTester: `valid` and `invalid` cases for one rule, each either inline Markdown (one file,
 * `doc.md`) or an in-memory project `{ "a.md": "...", "docs/b.md": "..." }`. Invalid cases list
 * the exact diagnostics expected ({ messageId, line, column }, optionally file, endLine, endColumn,
 * suggestion) and, for fixable rules, the fixed `output`, which is re-linted to prove it converges;
 * where a rule offers suggestions, `suggestionOutput` is the project after --fix-type suggestion.
 */
import { describe, expect, it } from 'vitest';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig, type ResolvedConfig } from '../../src/config/load.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import type { LintProjectOptions, ProjectSource } from '../../src/engine/lint-project.js';
import { lintWithFixes } from '../../src/fixes/fix-passes.js';
import type { FixType } from '../../src/fixes/fix-types.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import type { Rule, Severity } from '../../src/core/rule.js';
import { REGISTRY } from '../../rules/index.js';

export type Project = Record<string, string | Uint8Array>;

export interface LintInMemoryOptions {
  /** rule id → severity or [severity, options]. */
  rules: Record<string, Severity | [Severity, unknown]>;
  /** Which files are linted (default: every .md/.markdown file in the project). */
  targets?: string[];
  /** Extra non-Markdown paths that exist (images, folders' files). */
  symlinks?: string[];
  renames?: Record<string, string>;
  /** The repository's own URLs (src/project/repository-urls.ts gathers them from git in a real run). */
  repository?: LintProjectOptions['repository'];
  overrides?: { files: string[]; rules: Record<string, Severity | [Severity, unknown]> }[];
  reportUnusedDisables?: boolean;
}

const isMarkdown = (file: string): boolean => /\.(md|markdown)$/i.test(file);

function configFor(options: LintInMemoryOptions): ResolvedConfig {
  const toEntry = (entry: Severity | [Severity, unknown]) => {
    const [severity, ruleOptions] = Array.isArray(entry) ? entry : [entry];
    return { severity, ...(ruleOptions === undefined ? {} : { options: ruleOptions as Record<string, unknown> }) };
  };
  return resolveUserConfig(
    {
      extends: [],
      rules: new Map(Object.entries(options.rules).map(([id, entry]) => [id, toEntry(entry)])),
      overrides: (options.overrides ?? []).map((override) => ({
        files: override.files,
        excludedFiles: [],
        rules: new Map(Object.entries(override.rules).map(([id, entry]) => [id, toEntry(entry)])),
      })),
    },
    '/project',
    undefined,
    REGISTRY.configContext,
  );
}

function inMemorySource(project: Project, options: LintInMemoryOptions): ProjectSource {
  const encoder = new TextEncoder();
  return {
    targets: (options.targets ?? Object.keys(project).filter(isMarkdown)).sort(),
    paths: repositoryPathsFromFiles(Object.keys(project), options.symlinks ?? []),
    renames: new Map(Object.entries(options.renames ?? {})),
    read: async (file) => {
      const content = project[file];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
    isMarkdown,
    // An in-memory project is the whole run: rules may search its other files as plain text.
    coversPlainText: () => true,
  };
}

function engineOptions(options: LintInMemoryOptions): LintProjectOptions {
  const settings = new FileSettings(configFor(options), REGISTRY.byId, '/project');
  return {
    settings,
    rules: REGISTRY.byId,
    reportUnusedDisables: options.reportUnusedDisables ?? false,
    ...(options.repository ? { repository: options.repository } : {}),
  };
}

/** Lints an in-memory project with the real engine, fixes settled as a run reports them (checked fixes kept or held back). */
export async function lintInMemory(
  project: Project,
  options: LintInMemoryOptions,
): Promise<{ diagnostics: Diagnostic[]; crashed: boolean }> {
  const { result } = await lintWithFixes(inMemorySource(project, options), engineOptions(options), false);
  return { diagnostics: result.diagnostics, crashed: result.crashed };
}

/** Applies fixes through the same passes as --fix (src/fixes/fix-passes.ts); returns the final texts. */
export async function fixInMemory(
  project: Project,
  options: LintInMemoryOptions,
  fixType: FixType = 'fix',
): Promise<Project> {
  const fixed = await lintWithFixes(inMemorySource(project, options), engineOptions(options), true, fixType);
  const result: Project = { ...project };
  for (const [file, text] of fixed.texts) {
    if (fixed.originals.get(file)?.text === text) continue;
    result[file] = (fixed.originals.get(file)?.bom ? '\uFEFF' : '') + text;
  }
  return result;
}

export interface ExpectedDiagnostic {
  messageId: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  file?: string;
  suggestion?: string;
  /** Substring the message must contain. */
  message?: string;
  severity?: 'warn' | 'error';
}

interface CaseBase {
  /** Shown as the test name. */
  name?: string;
  /** Inline Markdown (linted as doc.md) or a whole in-memory project. */
  code: string | Project;
  options?: unknown;
  /** Extra settings such as other rules, targets or renames. */
  setup?: Omit<LintInMemoryOptions, 'rules'> & { rules?: LintInMemoryOptions['rules'] };
}

export interface ValidCase extends CaseBase {}

export interface InvalidCase extends CaseBase {
  errors: ExpectedDiagnostic[];
  /** The fixed Markdown (or project) after --fix; omit when nothing is fixable. */
  output?: string | Project;
  /** The Markdown (or project) after --fix --fix-type suggestion; required when a suggestion is offered. */
  suggestionOutput?: string | Project;
}

function toProject(code: string | Project): Project {
  return typeof code === 'string' ? { 'doc.md': code } : code;
}

function optionsFor(rule: Rule, testCase: CaseBase): LintInMemoryOptions {
  const entry: Severity | [Severity, unknown] = testCase.options === undefined ? 'error' : ['error', testCase.options];
  return { ...testCase.setup, rules: { ...testCase.setup?.rules, [rule.id]: entry } };
}

function caseName(testCase: CaseBase, index: number): string {
  if (testCase.name) return testCase.name;
  const text = typeof testCase.code === 'string' ? testCase.code : Object.keys(testCase.code).join(', ');
  return `#${index}: ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)}`;
}

function pickExpected(actual: Diagnostic, expected: ExpectedDiagnostic): Partial<Diagnostic> {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(expected) as (keyof ExpectedDiagnostic)[]) {
    if (key === 'message')
      picked.message = actual.message.includes(expected.message!) ? expected.message : actual.message;
    else picked[key] = actual[key as keyof Diagnostic];
  }
  return picked as Partial<Diagnostic>;
}

export function runRuleTests(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    describe('valid', () => {
      cases.valid.forEach((validCase, index) => {
        const testCase: ValidCase = typeof validCase === 'string' ? { code: validCase } : validCase;
        it(caseName(testCase, index), async () => {
          const { diagnostics, crashed } = await lintInMemory(toProject(testCase.code), optionsFor(rule, testCase));
          expect(crashed).toBe(false);
          expect(diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id)).toEqual([]);
        });
      });
    });
    describe('invalid', () => {
      cases.invalid.forEach((testCase, index) => {
        it(caseName(testCase, index), async () => {
          const project = toProject(testCase.code);
          const options = optionsFor(rule, testCase);
          const { diagnostics, crashed } = await lintInMemory(project, options);
          expect(crashed).toBe(false);
          const own = diagnostics.filter((diagnostic) => diagnostic.ruleId === rule.id);
          expect(
            own.map((actual, i) => pickExpected(actual, testCase.errors[i] ?? { messageId: '', line: 0, column: 0 })),
          ).toEqual(testCase.errors);
          const suggests = own.some((diagnostic) => diagnostic.suggestions?.length);
          if (testCase.suggestionOutput === undefined)
            expect(suggests, 'a suggestion was offered: add `suggestionOutput` to the case').toBe(false);
          else {
            const expectedProject =
              typeof testCase.suggestionOutput === 'string'
                ? { ...project, 'doc.md': testCase.suggestionOutput }
                : { ...project, ...testCase.suggestionOutput };
            expect(await fixInMemory(project, options, 'suggestion')).toEqual(expectedProject);
          }
          const fixable = own.some((diagnostic) => diagnostic.fix);
          if (testCase.output === undefined) {
            expect(fixable, 'a fix was offered: add `output` to the case').toBe(false);
            return;
          }
          expect(rule.fixable, 'rule has fixes but metadata says fixable: false').toBe(true);
          const fixed = await fixInMemory(project, options);
          const expectedProject =
            typeof testCase.output === 'string'
              ? { ...project, 'doc.md': testCase.output }
              : { ...project, ...testCase.output };
          expect(fixed).toEqual(expectedProject);
          const again = await fixInMemory(fixed, options);
          expect(again, 'fixes must converge').toEqual(fixed);
        });
      });
    });
  });
}
