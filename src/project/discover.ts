/**
 * Which files a run lints, and which paths exist in the repository (exactly as cased). The
 * repository is walked once (globby: .gitignore respected, node_modules and .git never walked,
 * symbolic links never followed); path arguments and each file's config select from that list.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import { globby, isDynamicPattern, isGitIgnored as isGitIgnoredIn, type GlobEntry } from 'globby';
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import { UsageError } from '../core/errors.js';
import type { FileSelection } from '../config/config-set.js';
import { repositoryPathsFromFiles, type RepositoryPaths } from '../core/facts.js';

export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function toPosix(relativePath: string): string {
  return relativePath.split(path.sep).join('/');
}

/** The repository root: the nearest folder upwards with a `.git`, else the start folder. */
export function findRoot(startDirectory: string): string {
  let directory = path.resolve(startDirectory);
  for (;;) {
    if (existsSync(path.join(directory, '.git'))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) return path.resolve(startDirectory);
    directory = parent;
  }
}

export interface DiscoverOptions {
  cwd: string;
  root: string;
  /** The config of each file: which files are Markdown, which are ignored. */
  configs: FileSelection;
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
  /** Every path of the repository (listRepositoryPaths): folders and globs are matched against it. */
  paths: RepositoryPaths;
  /** Told of each explicitly named file that is skipped because it is ignored. */
  onIgnoredFile?: (file: string) => void;
}

/** Whether a root-relative path is skipped however it is named: always-ignored folders, or a config's `ignore`. */
export function ignoredPathMatcher(configs: FileSelection): (file: string) => boolean {
  const isAlwaysIgnored = picomatch(ALWAYS_IGNORED, PATH_GLOB_OPTIONS);
  return (file) => isAlwaysIgnored(file) || configs.isIgnored(file);
}

/**
 * Root-relative files to lint, sorted. A folder yields the files under it that their own config
 * calls Markdown and does not ignore; a glob, the files it matches that no config ignores; a file
 * named explicitly, itself unless a config ignores it. Symbolic links are never followed.
 */
export async function discoverTargets(options: DiscoverOptions): Promise<string[]> {
  const { cwd, root, configs, paths } = options;
  const isIgnored = ignoredPathMatcher(configs);
  const regularFiles = [...paths.files].filter((file) => !paths.symlinks.has(file));
  const result = new Set<string>();
  for (const pattern of options.patterns.length > 0 ? options.patterns : ['.']) {
    const absolute = path.resolve(cwd, pattern);
    const relative = toPosix(path.relative(root, absolute));
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`"${pattern}" is outside the repository root ${root}`);
    let found: string[];
    // A named path that is not a folder is linted as named, whatever it is: a FIFO, a device or a
    // symbolic link that leads nowhere is then reported on its path (file-read), not "no files matched".
    const entry = isDynamicPattern(pattern) ? undefined : lstatSync(absolute, { throwIfNoEntry: false });
    const isFolder = entry !== undefined && existsSync(absolute) && statSync(absolute).isDirectory();
    if (entry !== undefined && !isFolder) {
      // An explicitly named file that is ignored is skipped, never an error: pre-commit and
      // lint-staged pass every staged Markdown file, those the config ignores included.
      if (isIgnored(relative)) {
        options.onIgnoredFile?.(relative);
        continue;
      }
      found = [relative];
    } else if (isFolder) {
      const base = relative === '' ? '' : `${relative}/`;
      found = regularFiles.filter((file) => file.startsWith(base) && configs.isMarkdown(file) && !isIgnored(file));
    } else {
      const matches = picomatch(relative, PATH_GLOB_OPTIONS);
      // A glob such as "../**/*.md" must not reach outside the root: the listing holds only what is inside.
      found = regularFiles.filter((file) => matches(file) && !isIgnored(file));
    }
    if (found.length === 0 && options.errorOnUnmatchedPattern) throw new UsageError(`No files matched "${pattern}".`);
    for (const file of found) result.add(file);
  }
  return [...result].sort();
}

/** Every file under the root (gitignore respected), with symbolic links marked. */
export async function listRepositoryPaths(root: string): Promise<RepositoryPaths> {
  // '**/*', not '**': micromatch's '**' does not match a name holding a line break, '*' does.
  const entries = await globby('**/*', {
    cwd: root,
    gitignore: true,
    ignore: ALWAYS_IGNORED,
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: false,
    objectMode: true,
  });
  entries.push(...(await entriesUnderLineBreakFolders(root, entries)));
  const files: string[] = [];
  const symlinks: string[] = [];
  for (const entry of entries) {
    if (entry.dirent.isSymbolicLink()) symlinks.push(entry.path);
    if (!entry.dirent.isDirectory()) files.push(entry.path);
  }
  const paths = repositoryPathsFromFiles(files, symlinks);
  // Empty folders are still folders a link may point at.
  for (const entry of entries) if (entry.dirent.isDirectory()) (paths.directories as Set<string>).add(entry.path);
  return paths;
}

type ListedEntry = GlobEntry;

/**
 * The entries under folders whose name holds a line break, which fast-glob lists but does not walk
 * into: each such folder is listed from inside, and what the repository's .gitignore files ignore
 * is left out as in the main listing.
 */
async function entriesUnderLineBreakFolders(root: string, listed: readonly ListedEntry[]): Promise<ListedEntry[]> {
  const found: ListedEntry[] = [];
  let folders = listed.filter((entry) => entry.dirent.isDirectory() && /[\n\r]/.test(entry.path.slice(entry.path.lastIndexOf('/') + 1)));
  if (folders.length === 0) return found;
  const isGitIgnored = await isGitIgnoredIn({ cwd: root });
  while (folders.length > 0) {
    const next: ListedEntry[] = [];
    for (const folder of folders) {
      const inside = await globby('**/*', { cwd: path.join(root, folder.path), ignore: ALWAYS_IGNORED, dot: true, followSymbolicLinks: false, onlyFiles: false, objectMode: true });
      for (const entry of inside) {
        const rooted: ListedEntry = { ...entry, path: `${folder.path}/${entry.path}` };
        if (isGitIgnored(path.join(root, rooted.path))) continue;
        found.push(rooted);
        if (entry.dirent.isDirectory() && /[\n\r]/.test(entry.path.slice(entry.path.lastIndexOf('/') + 1))) next.push(rooted);
      }
    }
    folders = next;
  }
  return found;
}
