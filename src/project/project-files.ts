/**
 * Which files make up the project, decided from a list of paths rather than a walk of the disk,
 * so that the same selection applies to the working tree, the git index and an older commit:
 * the config's `files` globs, minus its `ignore` globs and what is always ignored. Symbolic links
 * are not project files (GitHub does not follow them), as in discovery on disk.
 */
import path from 'node:path';
import { isDynamicPattern } from 'globby';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/load.js';
import type { RepositoryPaths } from '../core/facts.js';
import { ALWAYS_IGNORED, rootRelativeGlobs, toPosix } from './discover.js';

/** A glob list as globby reads it: a path matches a positive glob and no `!` glob. */
function globListMatcher(globs: readonly string[]): (file: string) => boolean {
  const positive = globs.filter((glob) => !glob.startsWith('!'));
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const included = positive.length === 0 ? () => false : picomatch(positive, { dot: true });
  const excluded = negative.length === 0 ? () => false : picomatch(negative, { dot: true });
  return (file) => included(file) && !excluded(file);
}

/** Whether a root-relative path is a project file by the config's `files` and `ignore` globs. */
export function projectFileMatcher(config: ResolvedConfig, root: string): (file: string) => boolean {
  const isSelected = globListMatcher(rootRelativeGlobs(config.files, config.baseDirectory, root));
  const isIgnored = picomatch([...ALWAYS_IGNORED, ...rootRelativeGlobs(config.ignore, config.baseDirectory, root)], { dot: true });
  return (file) => isSelected(file) && !isIgnored(file);
}

/** The project files among `paths`, sorted. */
export function selectProjectFiles(paths: RepositoryPaths, isProjectFile: (file: string) => boolean): string[] {
  return [...paths.files].filter((file) => !paths.symlinks.has(file) && isProjectFile(file)).sort();
}

/**
 * The command line's path arguments as a test on root-relative paths, for file lists that do not
 * come from the disk (the index, a diff): a file argument matches itself, a folder everything
 * under it, a glob what it matches. No argument matches everything.
 */
export function pathArgumentMatcher(cwd: string, root: string, patterns: readonly string[]): (file: string) => boolean {
  if (patterns.length === 0) return () => true;
  const tests = patterns.map((pattern): ((file: string) => boolean) => {
    const relative = toPosix(path.relative(root, path.resolve(cwd, pattern)));
    if (isDynamicPattern(pattern)) return picomatch(relative, { dot: true });
    if (relative === '') return () => true;
    return (file) => file === relative || file.startsWith(`${relative}/`);
  });
  return (file) => tests.some((test) => test(file));
}
