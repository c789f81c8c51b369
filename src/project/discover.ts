/**
 * Which files a run lints, and which paths exist in the repository (exactly as cased). Uses
 * globby for walking, .gitignore and the config's ignore list; never walks node_modules or .git,
 * never follows symbolic links.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { globby, isDynamicPattern } from 'globby';
import picomatch from 'picomatch';
import { UsageError } from '../core/errors.js';
import type { ResolvedConfig } from '../config/load.js';
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
  config: ResolvedConfig;
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
}

/** Globs relative to `baseDirectory`, as root-relative globs (runs set baseDirectory to the root; see loadRunConfig). */
export function rootRelativeGlobs(globs: readonly string[], baseDirectory: string, root: string): string[] {
  const prefix = toPosix(path.relative(root, baseDirectory));
  if (prefix === '') return [...globs];
  return globs.map((glob) => (glob.startsWith('!') ? `!${prefix}/${glob.slice(1)}` : `${prefix}/${glob}`));
}

/** Root-relative Markdown files to lint, sorted. */
export async function discoverTargets(options: DiscoverOptions): Promise<string[]> {
  const { cwd, root, config } = options;
  const ignore = [...ALWAYS_IGNORED, ...rootRelativeGlobs(config.ignore, config.baseDirectory, root)];
  const isIgnored = picomatch(ignore, { dot: true });
  const result = new Set<string>();
  for (const pattern of options.patterns.length > 0 ? options.patterns : ['.']) {
    const absolute = path.resolve(cwd, pattern);
    const relative = toPosix(path.relative(root, absolute));
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`"${pattern}" is outside the repository root ${root}`);
    let found: string[];
    if (!isDynamicPattern(pattern) && existsSync(absolute) && statSync(absolute).isFile()) {
      found = isIgnored(relative) ? [] : [relative];
      if (found.length === 0) continue; // an explicitly named but ignored file is skipped quietly (pre-commit passes them)
    } else if (!isDynamicPattern(pattern) && existsSync(absolute) && statSync(absolute).isDirectory()) {
      const base = relative === '' ? '' : `${relative}/`;
      const filesGlobs = rootRelativeGlobs(config.files, config.baseDirectory, root);
      found = (await globby(filesGlobs, { cwd: root, gitignore: true, ignore, dot: true, followSymbolicLinks: false })).filter(
        (file) => base === '' || file.startsWith(base),
      );
    } else {
      const glob = toPosix(path.relative(root, path.resolve(cwd, pattern)));
      found = await globby(glob, { cwd: root, gitignore: true, ignore, dot: true, followSymbolicLinks: false });
    }
    // A glob such as "../**/*.md" must not reach outside the root.
    found = found.filter((file) => !file.startsWith('../'));
    if (found.length === 0 && options.errorOnUnmatchedPattern) throw new UsageError(`No files matched "${pattern}".`);
    for (const file of found) result.add(file);
  }
  return [...result].sort();
}

/** Every file under the root (gitignore respected), with symbolic links marked. */
export async function listRepositoryPaths(root: string): Promise<RepositoryPaths> {
  const entries = await globby('**', {
    cwd: root,
    gitignore: true,
    ignore: ALWAYS_IGNORED,
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: false,
    objectMode: true,
  });
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
