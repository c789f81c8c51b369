/**
 * What a lint run checks, as a LintPlan: a ProjectSource (the state of the repository being
 * linted) whose targets are the files whose problems are reported. The whole project is always
 * read for facts, so that cross-file rules see every Markdown file however few are targets.
 * One plan per mode: the working tree (default, explicit files), the git index (--staged), and
 * --changed-since (see changed-since.ts).
 */
import { existsSync, promises as fs, statSync } from 'node:fs';
import { isDynamicPattern } from 'globby';
import path from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../core/errors.js';
import type { ResolvedConfig } from '../config/load.js';
import type { EnabledRule, FileSettings } from '../config/file-settings.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import type { LintProjectOptions, ProjectSource } from '../engine/lint-project.js';
import { discoverTargets, listRepositoryPaths } from './discover.js';
import type { CliIo } from '../core/io.js';
import { projectFileMatcher, selectProjectFiles } from './project-files.js';

/** What every mode needs to know about the run. */
export interface RunContext {
  io: CliIo;
  root: string;
  config: ResolvedConfig;
  settings: FileSettings;
  /** The path arguments, relative to io.cwd. */
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
}

/** Problems found outside the targets (files a change did not touch but broke), with the texts they point into. */
export interface ExtraProblems {
  diagnostics: Diagnostic[];
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
  /** Root-relative config file when it is inside the root (a change to it changes every result). */
  configFile?: string;
}

/** Which root-relative paths are Markdown by the config's `files` globs. */
export function markdownMatcher(config: ResolvedConfig, root: string): (file: string) => boolean {
  const isMarkdownPath = picomatch(config.files, { dot: true });
  return (file) => isMarkdownPath(path.relative(config.baseDirectory, path.join(root, file)).split(path.sep).join('/'));
}

export function rootRelativeConfigFile(config: ResolvedConfig, root: string): string | undefined {
  if (config.filePath === undefined) return undefined;
  const relative = path.relative(root, config.filePath).split(path.sep).join('/');
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}

/**
 * Explicitly named files (what a pre-commit hook passes) are linted in the context of the whole
 * repository when a rule in force needs every file (a cross-document comparison); otherwise the
 * files they link to are enough, and reading only those keeps a hook fast. Folders and globs are
 * the project themselves: linting `docs/` or a sample folder must not draw cross-document
 * conclusions from unrelated Markdown elsewhere in the repository (files they link to are still
 * read for their facts).
 */
function namesFilesOnly(cwd: string, patterns: readonly string[]): boolean {
  return patterns.length > 0 && patterns.every((pattern) => !isDynamicPattern(pattern) && existsSync(path.resolve(cwd, pattern)) && statSync(path.resolve(cwd, pattern)).isFile());
}

function needsAllFiles(settings: FileSettings, targets: readonly string[]): boolean {
  const readsAll = (enabled: EnabledRule): boolean => enabled.rule.scope === 'project' && (enabled.rule.readsAllFiles?.(enabled.options) ?? false);
  return settings.base().some(readsAll) || targets.some((target) => settings.forFile(target).some(readsAll));
}

/** The working tree: targets from the path arguments, the project's files read for their facts. */
export async function planWorkingTree(run: RunContext): Promise<LintPlan> {
  const { io, root, config } = run;
  const [targets, paths] = await Promise.all([
    discoverTargets({ cwd: io.cwd, root, config, patterns: run.patterns, errorOnUnmatchedPattern: run.errorOnUnmatchedPattern }),
    listRepositoryPaths(root),
  ]);
  if (targets.length === 0 && run.errorOnUnmatchedPattern) throw new UsageError('No Markdown files to lint.');
  const wholeRepository = namesFilesOnly(io.cwd, run.patterns) && needsAllFiles(run.settings, targets);
  const projectFiles = wholeRepository ? [...new Set([...selectProjectFiles(paths, projectFileMatcher(config, root)), ...targets])].sort() : targets;
  const source: ProjectSource = {
    targets,
    projectFiles,
    paths,
    read: (file) => fs.readFile(path.join(root, file)),
    isMarkdown: markdownMatcher(config, root),
  };
  const configFile = rootRelativeConfigFile(config, root);
  return { source, ...(configFile === undefined ? {} : { configFile }) };
}
