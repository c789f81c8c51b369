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
import { UsageError } from '../core/errors.js';
import type { ProjectSource } from '../engine/lint-project.js';
import { repositoryPathsFromFiles } from '../core/facts.js';
import { causedProblems, summarizeChanges } from './changed-since.js';
import { GitRepository } from './git.js';
import { markdownMatcher, narrowedToTargets, warnAboutConfigs, type LintPlan, type RunContext } from './plan.js';
import { pathArgumentMatcher, projectFileMatcher } from './project-files.js';

const SYMBOLIC_LINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

export async function planStaged(run: RunContext): Promise<LintPlan> {
  const repository = await GitRepository.open(run.root, run.io.env, '--staged');
  const [entries, staged] = await Promise.all([repository.indexEntries(), repository.stagedChanges()]);
  const files = entries.filter((entry) => entry.mode !== SUBMODULE_MODE);
  const paths = repositoryPathsFromFiles(
    files.map((entry) => entry.path),
    files.filter((entry) => entry.mode === SYMBOLIC_LINK_MODE).map((entry) => entry.path),
  );
  // A submodule is a folder in the checkout: links may point into it.
  for (const entry of entries) if (entry.mode === SUBMODULE_MODE) (paths.directories as Set<string>).add(entry.path);

  const isMarkdown = markdownMatcher(run.configs);
  const isProjectFile = projectFileMatcher(run.configs);
  const isArgument = pathArgumentMatcher(run.io.cwd, run.root, run.patterns);
  const regularFiles = files.filter((entry) => entry.mode !== SYMBOLIC_LINK_MODE);
  const projectFiles = regularFiles.filter((entry) => isProjectFile(entry.path)).map((entry) => entry.path).sort();
  const changeSet = summarizeChanges('HEAD', staged.filter((change) => change.status !== 'unmerged'), []);
  const selected = projectFiles.filter(isArgument);
  const targets = selected.filter((file) => changeSet.changed.has(file));
  warnAboutConfigs(run, paths);
  if (targets.length === 0 && run.patterns.length > 0 && run.errorOnUnmatchedPattern) {
    throw new UsageError(`No staged Markdown file matches ${run.patterns.map((pattern) => `"${pattern}"`).join(', ')}.`);
  }

  const objectByPath = new Map(regularFiles.filter((entry) => isMarkdown(entry.path)).map((entry) => [entry.path, entry.object]));
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
    fixUnavailable: '--fix cannot be combined with --staged: fixes go to the working tree, not the index. Run `agentops-lint --fix` on the files, then stage them.',
  };
}
