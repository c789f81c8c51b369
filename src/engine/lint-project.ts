/**
 * The two phases over a set of files: phase 1 per file (analyzeBytes), then phase 2 over the
 * ProjectIndex (project rules), then suppressions and the conversion of offsets to lines.
 */
import type { FileSettings, EnabledRule } from '../config/file-settings.js';
import { folderReadme, resolveLinkTarget } from '../links/resolve.js';
import { offsetToPoint } from '../markdown/parse.js';
import type { ProjectRule, Rule } from '../core/rule.js';
import { closestMatches } from '../text/did-you-mean.js';
import { analyzeBytes, analyzeText, toPending, unreadableFile, type FileAnalysis } from './analyze-file.js';
import { compareDiagnostics, type Diagnostic, type PendingDiagnostic } from '../core/diagnostic.js';
import { SuppressionMap } from '../suppressions/control-comments.js';
import { CONTROL_COMMENTS, ENGINE_RULES, RULE_CRASH } from '../core/engine-rules.js';
import type { FileFacts, ProjectIndex, RepositoryPaths } from '../core/facts.js';

export interface ProjectSource {
  /** Root-relative Markdown files whose problems are reported. */
  targets: readonly string[];
  /**
   * Every Markdown file of the project, read for its facts so that project rules see the whole
   * repository however few files are targets (the targets are among them). Defaults to every
   * Markdown path in `paths`.
   */
  projectFiles?: readonly string[];
  paths: RepositoryPaths;
  renames?: ReadonlyMap<string, string>;
  /** Reads a root-relative file. */
  read(path: string): Promise<Uint8Array>;
  /** Which root-relative paths are Markdown (for context files reached through links). */
  isMarkdown(path: string): boolean;
}

/** One file for phase 1: report problems (target) or only gather facts (context file). */
export interface Phase1Job {
  path: string;
  factsOnly: boolean;
}

/**
 * Runs phase 1 for a batch of files. The default runs them one after another on this thread; a
 * worker pool or a cache can stand in, as long as the results equal what the default returns.
 */
export type Phase1Runner = (jobs: readonly Phase1Job[], source: ProjectSource, options: LintProjectOptions) => Promise<FileAnalysis[]>;

export interface LintProjectOptions {
  settings: Pick<FileSettings, 'forFile' | 'base'>;
  runPhase1?: Phase1Runner;
  rules: ReadonlyMap<string, Rule>;
  reportUnusedDisables?: boolean;
  /**
   * Only the project rules report on the targets (their file rules are skipped in phase 1): for
   * runs that ask how the rest of the repository affects files whose own text did not change.
   */
  projectRulesOnly?: boolean;
  /** Texts that replace what is on disk (fix passes, staged content). */
  overrides?: ReadonlyMap<string, string>;
}

export interface LintProjectResult {
  diagnostics: Diagnostic[];
  /** Phase-1 results of the target files, with their decoded text (for fixes). */
  analyses: Map<string, FileAnalysis>;
  /** A rule crashed somewhere: exit code 2. */
  crashed: boolean;
}

export async function analyzeOne(path: string, source: ProjectSource, options: LintProjectOptions, factsOnly: boolean): Promise<FileAnalysis> {
  const enabled = options.settings.forFile(path);
  const override = options.overrides?.get(path);
  if (override !== undefined) return analyzeText(path, override, enabled, factsOnly);
  let bytes: Uint8Array;
  try {
    bytes = await source.read(path);
  } catch (error) {
    return unreadableFile(path, error);
  }
  return analyzeBytes(path, bytes, enabled, factsOnly);
}

/** Markdown files that analysed files link to but that were not analysed: read for their facts only. */
function linkedContextFiles(analyses: Iterable<FileAnalysis>, source: ProjectSource, known: ReadonlySet<string>): string[] {
  const result = new Set<string>();
  for (const analysis of analyses) {
    for (const link of analysis.facts?.links ?? []) {
      const target = resolveLinkTarget(analysis.path, link.url);
      if (!target || target.escapesRoot) continue;
      const candidate = source.paths.directories.has(target.path) ? folderReadme(source.paths, target.path) : target.path;
      if (candidate !== undefined && !known.has(candidate) && source.paths.files.has(candidate) && source.isMarkdown(candidate)) result.add(candidate);
    }
  }
  return [...result].sort();
}

/**
 * The rules in force where a project rule reports. Existing files are reported only when they are
 * linted (the others are context). A path that is not a file of the repository (a required file
 * that is missing, a folder) is about the repository itself: it is reported whenever the rule is
 * on for that path, so a missing file cannot pass just because nothing was there to lint.
 */
function reportableSettings(file: string, index: ProjectIndex, options: LintProjectOptions, targetSettings: Map<string, EnabledRule[]>): EnabledRule[] | undefined {
  if (index.targets.has(file)) return targetSettings.get(file);
  if (index.paths.files.has(file)) return undefined;
  return options.settings.forFile(file);
}

function runProjectRules(index: ProjectIndex, options: LintProjectOptions, targetSettings: Map<string, EnabledRule[]>): { pending: PendingDiagnostic[]; crashed: boolean } {
  const pending: PendingDiagnostic[] = [];
  let crashed = false;
  const projectRules = new Map<string, { rule: ProjectRule; options: unknown }>();
  for (const enabled of options.settings.base()) if (enabled.rule.scope === 'project') projectRules.set(enabled.rule.id, { rule: enabled.rule, options: enabled.options });
  for (const settings of targetSettings.values()) {
    for (const enabled of settings) {
      if (enabled.rule.scope === 'project' && !projectRules.has(enabled.rule.id)) projectRules.set(enabled.rule.id, { rule: enabled.rule, options: enabled.options });
    }
  }
  for (const { rule, options: ruleOptions } of projectRules.values()) {
    try {
      rule.check({
        index,
        options: ruleOptions,
        extracted: <T>(facts: FileFacts) => facts.extracted[rule.id] as T | undefined,
        report: (descriptor) => {
          const enabled = reportableSettings(descriptor.file, index, options, targetSettings)?.find((candidate) => candidate.rule.id === rule.id);
          if (!enabled) return;
          pending.push(toPending(descriptor.file, rule.id, enabled.severity, rule.messages, descriptor));
        },
      });
    } catch (error) {
      crashed = true;
      pending.push(
        toPending([...index.targets][0] ?? '', RULE_CRASH.id, 'error', RULE_CRASH.messages, {
          messageId: 'crashed',
          data: { rule: rule.id, error: error instanceof Error ? error.message : String(error) },
          at: { start: 0, end: 0 },
        }),
      );
    }
  }
  return { pending, crashed };
}

function directiveDiagnostics(facts: FileFacts, knownRuleIds: ReadonlySet<string>): PendingDiagnostic[] {
  const result: PendingDiagnostic[] = [];
  for (const directive of facts.directives) {
    directive.rules?.forEach((ruleId, index) => {
      if (knownRuleIds.has(ruleId)) return;
      const start = directive.ruleOffsets?.[index] ?? directive.start;
      const [best] = closestMatches(ruleId, knownRuleIds);
      result.push(
        toPending(facts.path, CONTROL_COMMENTS.id, 'error', CONTROL_COMMENTS.messages, {
          messageId: 'unknownRule',
          data: { rule: ruleId, hint: best ? ` (did you mean "${best}"?)` : '' },
          at: { start, end: start + ruleId.length },
        }),
      );
    });
  }
  return result;
}

function toDiagnostic(pending: PendingDiagnostic, lineStarts: readonly number[]): Diagnostic {
  const start = offsetToPoint(lineStarts, pending.start);
  const end = offsetToPoint(lineStarts, pending.end);
  const diagnostic: Diagnostic = {
    file: pending.file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    ruleId: pending.ruleId,
    messageId: pending.messageId,
    severity: pending.severity,
    message: pending.message,
  };
  if (pending.suggestion !== undefined) diagnostic.suggestion = pending.suggestion;
  if (pending.fix !== undefined) diagnostic.fix = pending.fix;
  return diagnostic;
}

export const runPhase1Sequentially: Phase1Runner = async (jobs, source, options) => {
  const results: FileAnalysis[] = [];
  for (const job of jobs) results.push(await analyzeOne(job.path, source, options, job.factsOnly));
  return results;
};

export async function lintProject(source: ProjectSource, options: LintProjectOptions): Promise<LintProjectResult> {
  const runPhase1 = options.runPhase1 ?? runPhase1Sequentially;
  const targetSet = new Set(source.targets);
  const projectFiles = source.projectFiles ?? [...source.paths.files].filter((path) => source.isMarkdown(path)).sort();
  const jobs: Phase1Job[] = [
    ...source.targets.map((path) => ({ path, factsOnly: options.projectRulesOnly === true })),
    ...projectFiles.filter((path) => !targetSet.has(path)).map((path) => ({ path, factsOnly: true })),
  ];
  const analyses = new Map<string, FileAnalysis>();
  const files = new Map<string, FileFacts>();
  const contextAnalyses: FileAnalysis[] = [];
  for (const analysis of await runPhase1(jobs, source, options)) {
    if (analysis.facts) files.set(analysis.path, analysis.facts);
    if (targetSet.has(analysis.path)) analyses.set(analysis.path, analysis);
    else contextAnalyses.push(analysis);
  }
  // Files outside the project (ignored by the config) that project files link to: facts only.
  const contextJobs = linkedContextFiles([...analyses.values(), ...contextAnalyses], source, new Set(jobs.map((job) => job.path))).map((path) => ({ path, factsOnly: true }));
  for (const context of await runPhase1(contextJobs, source, options)) if (context.facts) files.set(context.path, context.facts);

  const targetSettings = new Map(source.targets.map((path) => [path, options.settings.forFile(path)]));
  const index: ProjectIndex = { files, targets: targetSet, paths: source.paths, renames: source.renames ?? new Map() };
  const project = runProjectRules(index, options, targetSettings);

  const knownRuleIds = new Set([...options.rules.keys(), ...ENGINE_RULES.map((rule) => rule.id)]);
  const byFile = new Map<string, PendingDiagnostic[]>();
  for (const pending of [...[...analyses.values()].flatMap((analysis) => analysis.diagnostics), ...project.pending]) {
    const list = byFile.get(pending.file) ?? [];
    list.push(pending);
    byFile.set(pending.file, list);
  }

  const diagnostics: Diagnostic[] = [];
  for (const path of source.targets) {
    const facts = files.get(path);
    const pendingList = byFile.get(path) ?? [];
    if (!facts) {
      diagnostics.push(...pendingList.map((pending) => toDiagnostic(pending, [0])));
      continue;
    }
    const suppressions = new SuppressionMap(facts.directives);
    for (const pending of pendingList) {
      const { line } = offsetToPoint(facts.lineStarts, pending.start);
      if (pending.ruleId !== RULE_CRASH.id && suppressions.suppresses(pending.ruleId, line)) continue;
      diagnostics.push(toDiagnostic(pending, facts.lineStarts));
    }
    for (const pending of directiveDiagnostics(facts, knownRuleIds)) diagnostics.push(toDiagnostic(pending, facts.lineStarts));
    if (options.reportUnusedDisables) {
      for (const directive of suppressions.unused()) {
        const pending = toPending(path, CONTROL_COMMENTS.id, 'error', CONTROL_COMMENTS.messages, {
          messageId: directive.rules ? 'unusedDisableRules' : 'unusedDisable',
          data: { directive: `agentops-lint-${directive.kind}`, rules: directive.rules?.map((id) => `"${id}"`).join(' or ') ?? '' },
          at: { start: directive.start, end: directive.end },
        });
        diagnostics.push(toDiagnostic(pending, facts.lineStarts));
      }
    }
  }
  for (const [path, pendingList] of byFile) {
    if (index.targets.has(path)) continue;
    // Repository-level diagnostics (see reportableSettings): no text, so no lines to map or suppress.
    diagnostics.push(...pendingList.map((pending) => toDiagnostic(pending, [0])));
  }
  diagnostics.sort(compareDiagnostics);
  return { diagnostics, analyses, crashed: project.crashed || [...analyses.values()].some((analysis) => analysis.crashed) };
}
