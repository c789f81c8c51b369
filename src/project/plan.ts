/**
 * What a lint run checks, as a LintPlan: a ProjectSource (the state of the repository being
 * linted) whose targets are the files whose problems are reported. The whole project is always
 * read for facts, so that cross-file rules see every Markdown file however few are targets.
 * One plan per mode: the working tree (default, explicit files), the git index (--staged), and
 * --changed-since (see changed-since.ts).
 */
import { existsSync, statSync } from 'node:fs';
import { isDynamicPattern } from 'globby';
import path from 'node:path';
import type { ConfigSet, FileSelection } from '../config/config-set.js';
import type { EnabledRule } from '../config/file-settings.js';
import { configNotices, reportConfigNotices } from '../config/config-notices.js';
import { formatConfigIssue, UsageError } from '../core/errors.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { RepositoryPaths } from '../core/facts.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import { maxFileBytes, readFileWithinLimit } from '../engine/file-limits.js';
import type { LintProjectOptions, ProjectDemand, ProjectSource } from '../engine/lint-project.js';
import { describeSkips, discoverTargets, listRepositoryPaths, toPosix, type SkippedPath } from './discover.js';
import type { CliIo } from '../core/io.js';
import { projectFileMatcher, selectProjectFiles } from './project-files.js';
import { DemandedFiles } from './demanded-files.js';
import { dependencies } from './affected-files.js';

/** What every mode needs to know about the run. */
export interface RunContext {
  io: CliIo;
  root: string;
  /** The config of each file. */
  configs: ConfigSet;
  /** Says what the user should know that does not stop the run (a config glob that matches no file). */
  warn(message: string): void;
  /** The path arguments, relative to io.cwd. */
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
  /** --debug: say on stderr what was skipped and why. */
  debug?: boolean;
  /** --strict-config: a config notice (a glob that matches no file) fails the run instead of warning. */
  strictConfig?: boolean;
}

/** Problems found outside the targets (files a change did not touch but broke), with the texts they point into. */
export interface ExtraProblems {
  diagnostics: Diagnostic[];
  /** The files checked for them (untouched files compared with the base): they count as files checked. */
  checked: readonly string[];
  analyses: ReadonlyMap<string, FileAnalysis>;
  /** A rule crashed: exit code 2. */
  crashed: boolean;
}

export interface LintPlan {
  /** The state linted; its targets are the files whose problems are reported and fixed. */
  source: ProjectSource;
  /** Why fixes cannot be written, when the content linted is not the working tree's. */
  fixUnavailable?: string;
  /** Runs after the targets are linted (and fixed): problems elsewhere that belong in the report. */
  extraProblems?: (engine: LintProjectOptions) => Promise<ExtraProblems>;
  /** What the user should know about the scope (nothing staged), said on stderr once the run may go ahead. */
  notices?: readonly string[];
  /** Root-relative config files in force that are inside the root (a change to one changes the results of its files). */
  configFiles?: readonly string[];
}

/** Which root-relative paths are Markdown by the `files` globs of their config. */
export function markdownMatcher(configs: FileSelection): (file: string) => boolean {
  return (file) => configs.isMarkdown(file);
}

/** The config files used so far that are inside the root, root-relative. */
export function rootRelativeConfigFiles(configs: ConfigSet): string[] {
  const files: string[] = [];
  for (const config of configs.configs()) {
    if (config.filePath === undefined) continue;
    const relative = path.relative(configs.root, config.filePath).split(path.sep).join('/');
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) files.push(relative);
  }
  return files;
}

/**
 * Warns about the configs used so far: a glob that matches none of `paths`, a config that turns
 * no rule on; where a config is strict (strictConfig, --strict-config), throws them as a ConfigError. Planning calls it also when it fails: "no files matched" is exactly when a glob
 * written from the wrong folder needs pointing out.
 */
export function warnAboutConfigs(run: RunContext, paths: RepositoryPaths): void {
  for (const config of run.configs.configs())
    for (const issue of config.deprecatedNames ?? []) run.warn(formatConfigIssue(issue));
  reportConfigNotices(configNotices(run.configs, paths), run.configs, run.warn, run.strictConfig ?? false);
}

/**
 * Explicitly named files (what a pre-commit hook passes) are linted in the context of the whole
 * repository when a rule in force needs every file (a cross-document comparison: every file is
 * read, and those whose raw text can matter to it are parsed); otherwise the
 * files they link to are enough, and reading only those keeps a hook fast. Folders and globs are
 * the project themselves: linting `docs/` or a sample folder must not draw cross-document
 * conclusions from unrelated Markdown elsewhere in the repository (files they link to are still
 * read for their facts).
 */
function namesFilesOnly(cwd: string, patterns: readonly string[]): boolean {
  return (
    patterns.length > 0 &&
    patterns.every(
      (pattern) =>
        !isDynamicPattern(pattern) &&
        existsSync(path.resolve(cwd, pattern)) &&
        statSync(path.resolve(cwd, pattern)).isFile(),
    )
  );
}

/** The root-relative paths of the arguments that name existing files (not folders or globs). */
function namedFilePaths(cwd: string, root: string, patterns: readonly string[]): string[] {
  return patterns
    .filter(
      (pattern) =>
        !isDynamicPattern(pattern) &&
        existsSync(path.resolve(cwd, pattern)) &&
        statSync(path.resolve(cwd, pattern)).isFile(),
    )
    .map((pattern) => toPosix(path.relative(root, path.resolve(cwd, pattern))));
}

/** The rules in force for the targets (or in the base config) that compare documents across the repository. */
export function comparingRuleIds(configs: ConfigSet, targets: readonly string[]): Set<string> {
  const readsAll = (enabled: EnabledRule): boolean =>
    enabled.rule.scope === 'project' && (enabled.rule.readsAllFiles?.(enabled.options) ?? false);
  return new Set(
    [configs.base(), ...targets.map((target) => configs.forFile(target))].flatMap((enabled) =>
      enabled.filter(readsAll).map(({ rule }) => rule.id),
    ),
  );
}

/**
 * The project files that rules comparing documents may need for what they report on the targets:
 * chosen once the targets are analysed, by a raw-text test on each file (src/project/demanded-files.ts).
 */
export function projectDemand(
  targets: readonly string[],
  projectFiles: readonly string[],
  configs: ConfigSet,
  ruleIds: ReadonlySet<string>,
): ProjectDemand {
  const targetSet = new Set(targets);
  return {
    candidates: projectFiles.filter((file) => !targetSet.has(file)),
    session: (read, candidates) => {
      const demand = new DemandedFiles({ candidates, read, rulesFor: (file) => configs.forFile(file), ruleIds });
      return (targetFacts, demanded) => demand.next({ targets: targetFacts, demanded });
    },
  };
}

/**
 * A source for a few targets out of a project (the changed files of --staged or --changed-since):
 * the targets are analysed, and the rest of the project only as the rules comparing documents
 * need it (projectDemand), instead of parsing every project file for their sake. Not when a rule
 * in force depends on every file's extract (term-consistency across the repository, mapping-
 * consistency) or does not say what it depends on: the comparison of the untouched files then
 * usually needs every file anyway (affected-files.ts), and one pass over all is cheapest.
 */
export function narrowedToTargets(
  source: ProjectSource,
  targets: readonly string[],
  projectFiles: readonly string[],
  configs: ConfigSet,
): ProjectSource {
  const declared = dependencies(targets, configs);
  if (!declared || declared.deps.has('extracts')) return { ...source, targets, projectFiles };
  const { demand: _demand, ...rest } = source;
  const ruleIds = comparingRuleIds(configs, targets);
  return {
    ...rest,
    targets,
    projectFiles: targets,
    ...(ruleIds.size > 0 && targets.length > 0
      ? { demand: projectDemand(targets, projectFiles, configs, ruleIds) }
      : {}),
  };
}

/** The working tree: targets from the path arguments, the project's files read for their facts. */
export async function planWorkingTree(run: RunContext): Promise<LintPlan> {
  const { io, root, configs } = run;
  const paths = await listRepositoryPaths(root);
  const namedFiles = new Set(namedFilePaths(io.cwd, root, run.patterns));
  const skippedNamedFiles: SkippedPath[] = [];
  const onSkipped = (skipped: SkippedPath): void => {
    if (namedFiles.has(skipped.file)) skippedNamedFiles.push(skipped);
    if (run.debug) io.stderr(`agentops-lint: skipped ${skipped.file}: ${skipped.reason.one}.\n`);
  };
  let targets: string[];
  try {
    targets = await discoverTargets({
      cwd: io.cwd,
      root,
      configs,
      patterns: run.patterns,
      errorOnUnmatchedPattern: run.errorOnUnmatchedPattern,
      paths,
      onSkipped,
      findGitignored: run.debug === true,
    });
  } finally {
    warnAboutConfigs(run, paths);
  }
  if (targets.length === 0 && skippedNamedFiles.length > 0) {
    // Only ignored files were named (a commit that touches nothing else): nothing wrong, but a gate
    // that checked nothing says so.
    io.stderr(
      `agentops-lint: nothing to lint: every file named is skipped (${describeSkips(skippedNamedFiles.map((skipped) => skipped.reason))}).\n`,
    );
  } else if (targets.length === 0 && run.errorOnUnmatchedPattern) throw new UsageError('No Markdown files to lint.');
  const comparing =
    targets.length > 0 && namesFilesOnly(io.cwd, run.patterns) ? comparingRuleIds(configs, targets) : new Set<string>();
  // Files over their config's size limit are not read at all (file-read, tooLarge), binary files only in
  // part, FIFOs, devices and symbolic links out of the repository never (file-read).
  const read = (file: string): Promise<Uint8Array> =>
    readFileWithinLimit(path.join(root, file), maxFileBytes(configs.configFor(file).maxFileSizeMb), root);
  const source: ProjectSource = {
    targets,
    projectFiles: targets,
    ...(comparing.size > 0
      ? { demand: projectDemand(targets, selectProjectFiles(paths, projectFileMatcher(configs)), configs, comparing) }
      : {}),
    paths,
    read,
    isMarkdown: markdownMatcher(configs),
  };
  return { source, configFiles: rootRelativeConfigFiles(configs) };
}
