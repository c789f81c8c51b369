/**
 * --changed-since REF: the pull-request gate. Problems are reported in the files changed since
 * the merge base of REF and HEAD (committed, uncommitted and untracked changes alike), plus the
 * problems the change caused anywhere else: deleting or renaming a file, or renaming a heading,
 * breaks links in files the change never touched, and those must fail the pull request at the
 * linking file's line.
 *
 * "Caused" is decided by comparison: the untouched files the change can affect are linted twice,
 * once against today's repository and once against the merge base (their own text is the same in
 * both; only the rest of the repository differs), and a problem is the change's when it appears
 * today but not at the base. That holds for every cross-file rule, links and anchors as well as
 * consistency checks. Which untouched files the change can affect comes from what each project
 * rule says it depends on and a raw-text search for the names of what changed (affected-files.ts):
 * editing one page parses only the pages that can link to it, not the whole repository. Their
 * phase 1 is shared by both runs (through the phase-1 cache).
 *
 * A change to the config file changes what every file is checked against, so it makes every
 * file a changed file (so does adding or deleting a config file anywhere: the one in force may be
 * the one that came or went).
 */
import path from 'node:path';
import { CONFIG_FILE_NAMES } from '../config/load.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { lintProject, type ProjectSource } from '../engine/lint-project.js';
import { repositoryPathsFromFiles } from '../core/facts.js';
import { GitRepository, type FileChange } from './git.js';
import { narrowedToTargets, planWorkingTree, type LintPlan, type RunContext } from './plan.js';
import { projectFileMatcher } from './project-files.js';
import { filesAChangeCanAffect } from './affected-files.js';

/** How the working tree differs from the merge base, in root-relative paths. */
export interface ChangeSet {
  base: string;
  /** Paths that exist now and differ from the base (added, modified, renamed or copied to, untracked). */
  changed: ReadonlySet<string>;
  /** Paths that existed at the base and are gone now (deleted, renamed from). */
  removed: ReadonlySet<string>;
  /** Blob at the base of each path that existed there and differs now. */
  baseObjects: ReadonlyMap<string, string>;
  /** Renames, old path → new path. */
  renames: ReadonlyMap<string, string>;
}

export function summarizeChanges(
  base: string,
  changes: readonly FileChange[],
  untracked: readonly string[],
): ChangeSet {
  const changed = new Set<string>(untracked);
  const removed = new Set<string>();
  const baseObjects = new Map<string, string>();
  const renames = new Map<string, string>();
  for (const change of changes) {
    if (change.status === 'deleted') removed.add(change.path);
    else changed.add(change.path);
    if (change.status === 'renamed' && change.oldPath !== undefined) {
      removed.add(change.oldPath);
      renames.set(change.oldPath, change.path);
      if (change.oldObject) baseObjects.set(change.oldPath, change.oldObject);
    } else if (change.oldObject && change.status !== 'copied') {
      baseObjects.set(change.path, change.oldObject);
    }
  }
  return { base, changed, removed, baseObjects, renames };
}

/** Multiset difference: the diagnostics of `now` that `before` does not have. */
export function newDiagnostics(now: readonly Diagnostic[], before: readonly Diagnostic[]): Diagnostic[] {
  const identity = (diagnostic: Diagnostic): string =>
    JSON.stringify([
      diagnostic.file,
      diagnostic.line,
      diagnostic.column,
      diagnostic.endLine,
      diagnostic.endColumn,
      diagnostic.ruleId,
      diagnostic.messageId,
      diagnostic.severity,
      diagnostic.message,
    ]);
  const remaining = new Map<string, number>();
  for (const diagnostic of before) remaining.set(identity(diagnostic), (remaining.get(identity(diagnostic)) ?? 0) + 1);
  return now.filter((diagnostic) => {
    const count = remaining.get(identity(diagnostic)) ?? 0;
    if (count === 0) return true;
    remaining.set(identity(diagnostic), count - 1);
    return false;
  });
}

export async function planChangedSince(run: RunContext, ref: string): Promise<LintPlan> {
  const repository = await GitRepository.open(run.root, run.io.env, '--changed-since');
  const base = await repository.mergeBase(ref, '--changed-since');
  const [changes, untracked, head] = await Promise.all([
    repository.changesSince(base),
    repository.untrackedFiles(),
    planWorkingTree(run),
  ]);
  const changeSet = summarizeChanges(base, changes, untracked);
  const source: ProjectSource = { ...head.source, renames: changeSet.renames };
  const isConfigFile = (file: string): boolean =>
    (head.configFiles ?? []).includes(file) ||
    (CONFIG_FILE_NAMES as readonly string[]).includes(path.posix.basename(file));
  if ([...changeSet.changed, ...changeSet.removed].some(isConfigFile)) return { ...head, source };
  const selected = head.source.targets;
  // The project as the paths name it: the whole repository for named files, else the folders named.
  const projectFiles = [
    ...new Set([...(head.source.projectFiles ?? []), ...(head.source.demand?.candidates ?? [])]),
  ].sort();
  const narrowed = narrowedToTargets(
    source,
    selected.filter((file) => changeSet.changed.has(file)),
    projectFiles,
    run.configs,
  );
  return {
    ...head,
    source: narrowed,
    extraProblems: causedProblems(
      repository,
      changeSet,
      { ...narrowed, targets: selected },
      selected,
      projectFileMatcher(run.configs),
    ),
  };
}

/**
 * The problems a change caused in the `selected` files it did not touch: each is linted with the
 * project rules only, today and at the base, and what is new today is the change's doing.
 */
export function causedProblems(
  repository: GitRepository,
  changes: ChangeSet,
  today: ProjectSource,
  selected: readonly string[],
  isProjectFile: (file: string) => boolean,
): NonNullable<LintPlan['extraProblems']> {
  const untouched = selected.filter((file) => !changes.changed.has(file));
  return async (engine) => {
    const nothing = { diagnostics: [], checked: [], analyses: new Map(), crashed: false };
    // Nothing changed: nothing can have broken (and nothing was compared, so nothing counts as checked).
    if (untouched.length === 0 || changes.changed.size + changes.removed.size === 0) return nothing;
    const baseSource = await baseStateSource(repository, changes, today, isProjectFile);
    // Only the untouched files whose results the change can affect are compared (affected-files.ts).
    const affected = await filesAChangeCanAffect({ untouched, changes, today, base: baseSource, engine });
    if (affected.length === 0) return nothing;
    // File rules see only a file's own text, which is the same in both runs: skip them.
    const now = await lintProject({ ...today, targets: affected }, { ...engine, projectRulesOnly: true });
    // Fixed texts belong to today's files; the base is read as git has it.
    const { overrides: _overrides, ...baseEngine } = engine;
    const before = await lintProject({ ...baseSource, targets: affected }, { ...baseEngine, projectRulesOnly: true });
    // Reports on paths rather than files (a required file gone) are the main run's already.
    const compared = new Set(affected);
    const caused = newDiagnostics(now.diagnostics, before.diagnostics).filter((diagnostic) =>
      compared.has(diagnostic.file),
    );
    return { diagnostics: caused, checked: affected, analyses: now.analyses, crashed: now.crashed || before.crashed };
  };
}

/**
 * The repository as it was at the base, built from today's: the same paths minus what the change
 * added, plus what it removed; changed files read from git, the others as today.
 */
async function baseStateSource(
  repository: GitRepository,
  changes: ChangeSet,
  head: ProjectSource,
  isProjectFile: (file: string) => boolean,
): Promise<ProjectSource> {
  const files = [...head.paths.files].filter((file) => !changes.changed.has(file) || changes.baseObjects.has(file));
  files.push(...changes.removed);
  const paths = repositoryPathsFromFiles(files, head.paths.symlinks);
  // Folders that hold files are the base's own; only those that exist today without a file (a
  // submodule, an empty folder) are kept as they are: a folder the change created must not be one.
  const foldersOfFiles = repositoryPathsFromFiles([...head.paths.files]).directories;
  for (const directory of head.paths.directories)
    if (!foldersOfFiles.has(directory)) (paths.directories as Set<string>).add(directory);
  const headProjectFiles = head.projectFiles ?? [];
  const projectFiles = [
    ...new Set([
      ...headProjectFiles.filter((file) => !changes.changed.has(file) || changes.baseObjects.has(file)),
      ...[...changes.removed].filter((file) => head.isMarkdown(file) && isProjectFile(file)),
    ]),
  ].sort();
  const markdownObjects = new Map([...changes.baseObjects].filter(([file]) => head.isMarkdown(file)));
  const blobs = await repository.readBlobs(markdownObjects.values());
  // A run on named files chooses the rest of the repository as it was, from the same candidates.
  const demand = head.demand && {
    ...head.demand,
    candidates: [
      ...new Set([
        ...head.demand.candidates.filter((file) => !changes.changed.has(file) || changes.baseObjects.has(file)),
        ...[...changes.removed].filter((file) => head.isMarkdown(file) && isProjectFile(file)),
      ]),
    ].sort(),
  };
  return {
    targets: [],
    projectFiles,
    ...(demand ? { demand } : {}),
    paths,
    read: (file) => {
      const object = markdownObjects.get(file);
      return object === undefined ? head.read(file) : Promise.resolve(blobs.get(object)!);
    },
    isMarkdown: head.isMarkdown,
  };
}
