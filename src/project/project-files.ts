/**
 * Which files make up the project, decided from a list of paths rather than a walk of the disk,
 * so that the same selection applies to the working tree, the git index and an older commit:
 * the `files` globs of each file's config, minus the `ignore` globs and what is always ignored.
 * Symbolic links are not project files (GitHub does not follow them), as in discovery on disk.
 */
import path from 'node:path';
import { isDynamicPattern } from 'globby';
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import type { FileSelection } from '../config/config-set.js';
import type { RepositoryPaths } from '../core/facts.js';
import { ignoredPathMatcher, toPosix } from './discover.js';

/** Whether a root-relative path is a project file: Markdown by its config's `files`, ignored by no config. */
export function projectFileMatcher(configs: FileSelection): (file: string) => boolean {
  const isIgnored = ignoredPathMatcher(configs);
  return (file) => configs.isMarkdown(file) && !isIgnored(file);
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
    if (isDynamicPattern(pattern)) return picomatch(relative, PATH_GLOB_OPTIONS);
    if (relative === '') return () => true;
    return (file) => file === relative || file.startsWith(`${relative}/`);
  });
  return (file) => tests.some((test) => test(file));
}
