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

/** What discovery needs of the configs: which files are Markdown, which ignored, and by what. */
export interface ExplainedSelection extends FileSelection {
  /** The `ignore` glob that skips a path, as a message names it, or undefined. */
  ignoredBy(file: string): string | undefined;
  /** The `files` globs that decide whether a path is Markdown, as a message names them. */
  markdownGlobsFor(file: string): string;
}

/** A path a path argument reaches that is not linted, and why (a phrase that follows "is"/"are"). */
export interface SkippedPath {
  file: string;
  reason: SkipReason;
}

export interface SkipReason {
  /** After "1 file is" and "skipped FILE:". */
  one: string;
  /** After "3 files are". */
  many: string;
}

export interface DiscoverOptions {
  cwd: string;
  root: string;
  /** The config of each file: which files are Markdown, which are ignored. */
  configs: ExplainedSelection;
  patterns: readonly string[];
  errorOnUnmatchedPattern: boolean;
  /** Every path of the repository (listRepositoryPaths): folders and globs are matched against it. */
  paths: RepositoryPaths;
  /**
   * Told of each path an argument reaches that would be linted but is skipped: ignored, a symbolic
   * link, or (with `findGitignored`) hidden by .gitignore. Non-Markdown files under a folder are
   * not told one by one; "No files matched" counts them.
   */
  onSkipped?: (skipped: SkippedPath) => void;
  /** Also walk the disk for the files .gitignore hides from each argument (--debug). */
  findGitignored?: boolean;
}

const NEVER_LINTED: SkipReason = {
  one: 'inside node_modules or .git (never linted)',
  many: 'inside node_modules or .git (never linted)',
};
const SYMBOLIC_LINK: SkipReason = { one: 'a symbolic link (never followed)', many: 'symbolic links (never followed)' };
const GITIGNORED: SkipReason = { one: 'ignored by .gitignore', many: 'ignored by .gitignore' };

/** Whether a root-relative path is skipped however it is named: always-ignored folders, or a config's `ignore`. */
export function ignoredPathMatcher(configs: FileSelection): (file: string) => boolean {
  const isAlwaysIgnored = picomatch(ALWAYS_IGNORED, PATH_GLOB_OPTIONS);
  return (file) => isAlwaysIgnored(file) || configs.isIgnored(file);
}

/**
 * Why the config keeps a path from being linted: node_modules or .git, or the config `ignore` glob
 * that matches it; undefined when neither does (discovery and print-config say it the same way).
 */
export function configIgnoreReason(configs: ExplainedSelection, file: string): string | undefined {
  if (picomatch.isMatch(file, ALWAYS_IGNORED, PATH_GLOB_OPTIONS)) return NEVER_LINTED.one;
  const by = configs.ignoredBy(file);
  return by === undefined ? undefined : `ignored by ${by}`;
}

/** Why an ignored path is ignored, as a skip reason. */
function ignoreReason(configs: ExplainedSelection, file: string): SkipReason {
  const why = configIgnoreReason(configs, file) ?? "ignored by a config's ignore globs";
  return { one: why, many: why };
}

/** "3 files are ignored by …; 1 file is a symbolic link (never followed)": skips grouped by reason, most first. */
export function describeSkips(reasons: readonly SkipReason[]): string {
  const groups = new Map<string, { reason: SkipReason; count: number }>();
  for (const reason of reasons) {
    const group = groups.get(reason.one) ?? { reason, count: 0 };
    group.count += 1;
    groups.set(reason.one, group);
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .map(({ reason, count }) => (count === 1 ? `1 file is ${reason.one}` : `${count} files are ${reason.many}`))
    .join('; ');
}

/**
 * Root-relative files to lint, sorted. A folder yields the files under it that their own config
 * calls Markdown and does not ignore; a glob, the files it matches that no config ignores; a file
 * named explicitly, itself unless a config ignores it. Symbolic links are never followed. When an
 * argument yields nothing, the error says why (what skipped the paths it reaches).
 */
export async function discoverTargets(options: DiscoverOptions): Promise<string[]> {
  const { cwd, root, configs, paths } = options;
  const isIgnored = ignoredPathMatcher(configs);
  const result = new Set<string>();
  for (const pattern of options.patterns.length > 0 ? options.patterns : ['.']) {
    const absolute = path.resolve(cwd, pattern);
    const relative = toPosix(path.relative(root, absolute));
    if (relative.startsWith('..') || path.isAbsolute(relative))
      throw new UsageError(`"${pattern}" is outside the repository root ${root}`);
    const skipped: SkippedPath[] = [];
    const skip = (file: string, reason: SkipReason): void => {
      skipped.push({ file, reason });
      options.onSkipped?.({ file, reason });
    };
    const nonMarkdown: SkipReason[] = [];
    let found: string[] = [];
    let reached: Reach;
    // A named path that is not a folder is linted as named, whatever it is: a FIFO, a device or a
    // symbolic link that leads nowhere is then reported on its path (file-read), not "no files matched".
    const entry = isDynamicPattern(pattern) ? undefined : lstatSync(absolute, { throwIfNoEntry: false });
    const isFolder = entry !== undefined && existsSync(absolute) && statSync(absolute).isDirectory();
    if (entry !== undefined && !isFolder) {
      reached = 'file';
      // An explicitly named file that is ignored is skipped, never an error: pre-commit and
      // lint-staged pass every staged Markdown file, those the config ignores included.
      if (isIgnored(relative)) {
        skip(relative, ignoreReason(configs, relative));
        continue;
      }
      found = [relative];
    } else {
      const base = relative === '' ? '' : `${relative}/`;
      const matches = isFolder ? (file: string) => file.startsWith(base) : picomatch(relative, PATH_GLOB_OPTIONS);
      // A glob such as "../**/*.md" must not reach outside the root: the listing holds only what is inside.
      const candidates = [...paths.files].filter((file) => matches(file));
      reached = isFolder ? 'folder' : 'glob';
      const notMarkdown: string[] = [];
      for (const file of candidates) {
        if (isFolder && !configs.isMarkdown(file)) {
          notMarkdown.push(file);
          continue;
        }
        const reason = isIgnored(file)
          ? ignoreReason(configs, file)
          : paths.symlinks.has(file)
            ? SYMBOLIC_LINK
            : undefined;
        if (reason) skip(file, reason);
        else found.push(file);
      }
      const explain = found.length === 0 && options.errorOnUnmatchedPattern;
      if ((options.findGitignored || explain) && !isNeverLinted(relative)) {
        for (const file of await gitignoredFiles(root, isFolder ? base : relative, isFolder, paths)) {
          if (!isFolder || configs.isMarkdown(file)) skip(file, GITIGNORED);
        }
      }
      if (explain) {
        for (const file of notMarkdown) {
          const globs = configs.markdownGlobsFor(file);
          nonMarkdown.push({ one: `not Markdown by ${globs}`, many: `not Markdown by ${globs}` });
        }
      }
    }
    if (found.length === 0 && options.errorOnUnmatchedPattern) {
      throw new UsageError(
        `No files matched "${pattern}": ${whyNothing(pattern, relative, reached, [...skipped.map((entry) => entry.reason), ...nonMarkdown])}.`,
      );
    }
    for (const file of found) result.add(file);
  }
  return [...result].sort();
}

/** Whether a path, or everything under it, is inside node_modules or .git. */
function isNeverLinted(relative: string): boolean {
  return (
    picomatch.isMatch(relative, ALWAYS_IGNORED, PATH_GLOB_OPTIONS) ||
    picomatch.isMatch(`${relative}/-`, ALWAYS_IGNORED, PATH_GLOB_OPTIONS)
  );
}

/** What a path argument names: a file, a folder, or (anything else) a glob. */
type Reach = 'file' | 'folder' | 'glob';

function whyNothing(pattern: string, relative: string, reached: Reach, reasons: readonly SkipReason[]): string {
  if (reasons.length > 0) return describeSkips(reasons);
  if (isNeverLinted(relative)) return `it is ${NEVER_LINTED.one}`;
  if (reached === 'folder') return 'the folder holds no files';
  if (isDynamicPattern(pattern)) return 'the glob matches no path in the repository';
  return 'no such file or folder';
}

/**
 * The files under a folder (or matching a glob) that .gitignore hides from the listing: walked
 * again without it, only to explain a skip. node_modules and .git are still never walked.
 */
async function gitignoredFiles(
  root: string,
  folderOrGlob: string,
  isFolder: boolean,
  paths: RepositoryPaths,
): Promise<string[]> {
  const onDisk = isFolder
    ? (
        await globby('**', {
          cwd: path.join(root, folderOrGlob),
          ignore: ALWAYS_IGNORED,
          dot: true,
          followSymbolicLinks: false,
        })
      ).map((file) => `${folderOrGlob}${file}`)
    : await globby(folderOrGlob, { cwd: root, ignore: ALWAYS_IGNORED, dot: true, followSymbolicLinks: false });
  return onDisk.filter((file) => !paths.files.has(file)).sort();
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
  let folders = listed.filter(
    (entry) => entry.dirent.isDirectory() && /[\n\r]/.test(entry.path.slice(entry.path.lastIndexOf('/') + 1)),
  );
  if (folders.length === 0) return found;
  const isGitIgnored = await isGitIgnoredIn({ cwd: root });
  while (folders.length > 0) {
    const next: ListedEntry[] = [];
    for (const folder of folders) {
      const inside = await globby('**/*', {
        cwd: path.join(root, folder.path),
        ignore: ALWAYS_IGNORED,
        dot: true,
        followSymbolicLinks: false,
        onlyFiles: false,
        objectMode: true,
      });
      for (const entry of inside) {
        const rooted: ListedEntry = { ...entry, path: `${folder.path}/${entry.path}` };
        if (isGitIgnored(path.join(root, rooted.path))) continue;
        found.push(rooted);
        if (entry.dirent.isDirectory() && /[\n\r]/.test(entry.path.slice(entry.path.lastIndexOf('/') + 1)))
          next.push(rooted);
      }
    }
    folders = next;
  }
  return found;
}
