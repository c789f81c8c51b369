/**
 * --staged: lint the commit about to be made. The targets are the Markdown files staged in the
 * index (added, modified, renamed), read from the index rather than the working tree, so that a
 * fix saved but not staged cannot hide a problem that would be committed. Cross-file rules see
 * the index too: every link is resolved against what the commit will contain, so a link to a
 * file that exists on disk but was never `git add`ed fails.
 *
 * Like --changed-since (with HEAD as the base), it also reports what the staged change breaks in
 * files it does not touch: staging the deletion of a linked file fails at the linking line, so
 * the hook stops what the pull-request gate would stop later.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'globby';
import { UsageError } from '../core/errors.js';
import type { ProjectSource } from '../engine/lint-project.js';
import { repositoryPathsFromFiles, type RepositoryPaths } from '../core/facts.js';
import { toPosix } from './discover.js';
import { causedProblems, summarizeChanges } from './changed-since.js';
import { GitRepository } from './git.js';
import { markdownMatcher, narrowedToTargets, warnAboutConfigs, type LintPlan, type RunContext } from './plan.js';
import { pathArgumentMatcher, projectFileMatcher } from './project-files.js';

const SYMBOLIC_LINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

export async function planStaged(run: RunContext): Promise<LintPlan> {
  const repository = await GitRepository.open(run.root, run.io.env, '--staged');
  const [entries, staged, untracked] = await Promise.all([
    repository.indexEntries(),
    repository.stagedChanges(),
    repository.untrackedFiles(),
  ]);
  const files = entries.filter((entry) => entry.mode !== SUBMODULE_MODE);
  const paths: RepositoryPaths = {
    ...repositoryPathsFromFiles(
      files.map((entry) => entry.path),
      files.filter((entry) => entry.mode === SYMBOLIC_LINK_MODE).map((entry) => entry.path),
    ),
  };
  // A submodule is a folder in the checkout: links may point into it.
  for (const entry of entries) if (entry.mode === SUBMODULE_MODE) (paths.directories as Set<string>).add(entry.path);
  paths.unstaged = unstagedPaths(untracked, paths);

  const isMarkdown = markdownMatcher(run.configs);
  const isProjectFile = projectFileMatcher(run.configs);
  const isArgument = pathArgumentMatcher(run.io.cwd, run.root, run.patterns);
  const regularFiles = files.filter((entry) => entry.mode !== SYMBOLIC_LINK_MODE);
  const projectFiles = regularFiles
    .filter((entry) => isProjectFile(entry.path))
    .map((entry) => entry.path)
    .sort();
  const changeSet = summarizeChanges(
    'HEAD',
    staged.filter((change) => change.status !== 'unmerged'),
    [],
  );
  const selected = projectFiles.filter(isArgument);
  const targets = selected.filter((file) => changeSet.changed.has(file));
  warnAboutConfigs(run, paths);
  if (run.errorOnUnmatchedPattern) checkArgumentsExist(run, paths);

  const objectByPath = new Map(
    regularFiles.filter((entry) => isMarkdown(entry.path)).map((entry) => [entry.path, entry.object]),
  );
  const blobs = await repository.readBlobs(objectByPath.values());
  const whole: ProjectSource = {
    targets,
    projectFiles,
    paths,
    renames: changeSet.renames,
    read: async (file) => {
      const blob = blobs.get(objectByPath.get(file) ?? '');
      if (blob === undefined) throw Object.assign(new Error(`${file} is not in the index`), { code: 'ENOENT' });
      return blob;
    },
    isMarkdown,
  };
  // The staged files are analysed; the rest of the index only as far as the rules need it.
  const source = narrowedToTargets(whole, targets, projectFiles, run.configs);
  return {
    source,
    extraProblems: causedProblems(repository, changeSet, source, selected, isProjectFile),
    ...(targets.length === 0
      ? { notices: [nothingStagedNote(run.patterns, changeSet.changed.size + changeSet.removed.size > 0)] }
      : {}),
    fixUnavailable:
      '--fix cannot be combined with --staged: fixes go to the working tree, not the index. Run `agentops-lint --fix` on the files, then stage them.',
  };
}

/** The untracked files and the folders that hold only untracked files: on disk, not in the commit. */
function unstagedPaths(untracked: readonly string[], index: RepositoryPaths): Set<string> {
  const onDisk = repositoryPathsFromFiles(untracked);
  return new Set([
    ...untracked,
    ...[...onDisk.directories].filter((folder) => folder !== '' && !index.directories.has(folder)),
  ]);
}

/**
 * A path argument that names nothing, neither in the working tree nor in the index, is a mistake
 * (exit 2), as without --staged. One that names something with nothing staged is not: the note
 * below says so, as it does for --staged without arguments.
 */
function checkArgumentsExist(run: RunContext, paths: RepositoryPaths): void {
  for (const pattern of run.patterns) {
    if (isDynamicPattern(pattern)) continue;
    const relative = toPosix(path.relative(run.root, path.resolve(run.io.cwd, pattern)));
    if (existsSync(path.resolve(run.io.cwd, pattern)) || paths.files.has(relative) || paths.directories.has(relative))
      continue;
    throw new UsageError(`No files matched "${pattern}": no such file or folder, in the working tree or the index.`);
  }
}

/** What --staged says on stderr when no staged Markdown file is among the arguments: a pass that checked nothing says so. */
function nothingStagedNote(patterns: readonly string[], somethingStaged: boolean): string {
  const among = patterns.length === 0 ? '' : ` matches ${patterns.map((pattern) => `"${pattern}"`).join(', ')}`;
  if (!somethingStaged) return 'nothing to lint: nothing is staged.';
  return `no staged Markdown file${among}: only what the staged changes break in other files is checked.`;
}
