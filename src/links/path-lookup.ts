/**
 * Looking paths up in the repository's path set the way GitHub does (exact case, symbolic links
 * not followed), and finding what a broken path probably meant. Built once per project check
 * from the ProjectIndex; never touches the file system.
 */
import path from 'node:path/posix';
import type { RepositoryPaths } from '../core/facts.js';
import { editDistance } from '../text/did-you-mean.js';

export type PathStatus =
  | { kind: 'file' | 'directory' }
  | { kind: 'symlink' }
  | { kind: 'throughSymlink'; symlink: string }
  | { kind: 'wrongCase'; actual: string[] }
  | { kind: 'missing' };

/**
 * What a missing target probably is now, and why. Only a rename git recorded is certain (a fix);
 * the others are likely answers (suggestions): `onlyNamed`, the one file (or folder) elsewhere with
 * that name; `closestFolders`, of several with that name the only one in the folders the link
 * names; `similar`, the one existing path a typo away from the link's.
 */
export interface TargetSuggestion {
  path: string;
  reason: 'renamed' | 'onlyNamed' | 'closestFolders' | 'similar';
  /** Whether this is the one safe answer a fix may apply. */
  certain: boolean;
  /** For `closestFolders`: how many paths share the name, and the folders (as the link names them) the chosen one is in. */
  sameNameCount?: number;
  sharedFolders?: string;
}

/** The folder names of a path, outermost first (`a/b/c.md` → a, b), leaving out `.` and `..`. */
function folderNames(file: string): string[] {
  const segments = file.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return segments.slice(0, -1);
}

/** The candidate nearest to `target` by edit distance when no other is as near; undefined on a tie. */
function uniquelyNearest(target: string, candidates: Iterable<string>, limit: number): string | undefined {
  let best: { candidate: string; distance: number; tied: boolean } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate, best?.distance ?? limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance) best = { candidate, distance, tied: false };
    else if (distance === best.distance && candidate !== best.candidate) best.tied = true;
  }
  return best && !best.tied ? best.candidate : undefined;
}

/** How many of the link's folder names, from the innermost, a candidate's folders end with. */
function matchingInnerFolders(written: readonly string[], candidate: readonly string[]): number {
  let count = 0;
  while (
    count < written.length &&
    count < candidate.length &&
    written[written.length - 1 - count] === candidate[candidate.length - 1 - count]
  )
    count++;
  return count;
}

/**
 * Of several paths with the missing one's name, the one whose folders end with the most of the
 * folders the link names (`../../factors/README.md` → `docs/factors/README.md`), when exactly one
 * does and it matches at least one. Edit distance says nothing here: `factors/README.md` is "near"
 * `assets/README.md`, and wrong; and the linking file's own folders say nothing either.
 */
function closestByFolders(
  writtenPath: string,
  sameName: readonly string[],
): { path: string; shared: string[] } | undefined {
  const written = folderNames(writtenPath.replace(/\/+$/, ''));
  const scored = sameName.map((candidate) => ({
    path: candidate,
    matched: matchingInnerFolders(written, folderNames(candidate)),
  }));
  const most = Math.max(...scored.map((entry) => entry.matched));
  const best = scored.filter((entry) => entry.matched === most);
  return most > 0 && best.length === 1
    ? { path: best[0]!.path, shared: written.slice(written.length - most) }
    : undefined;
}

export class PathLookup {
  private byLowerCase?: Map<string, string[]>;
  private byBasename?: Map<string, string[]>;

  constructor(
    private readonly paths: RepositoryPaths,
    private readonly renames: ReadonlyMap<string, string>,
  ) {}

  exists(target: string): boolean {
    return this.paths.files.has(target) || this.paths.directories.has(target);
  }

  isDirectory(target: string): boolean {
    return this.paths.directories.has(target);
  }

  status(target: string): PathStatus {
    if (this.paths.symlinks.has(target)) return { kind: 'symlink' };
    if (this.paths.directories.has(target)) return { kind: 'directory' };
    if (this.paths.files.has(target)) return { kind: 'file' };
    // GitHub looks each component up in the git tree: a symlinked folder has no children there.
    for (let slash = target.indexOf('/'); slash > 0; slash = target.indexOf('/', slash + 1)) {
      const prefix = target.slice(0, slash);
      if (this.paths.symlinks.has(prefix)) return { kind: 'throughSymlink', symlink: prefix };
    }
    const actual = this.lowerCaseIndex().get(target.toLowerCase());
    if (actual) return { kind: 'wrongCase', actual };
    return { kind: 'missing' };
  }

  /**
   * What a missing target probably is now: the file git recorded it was renamed to (certain);
   * else the one file elsewhere with the same name (a folder, for a link written with a trailing
   * `/`); else, of several with that name, the only one in the folders the link names; else the
   * one existing path a typo away. Nothing when no answer is clearly best: a wrong guess sends
   * readers to the wrong page. `writtenPath` is the link's path as written.
   */
  suggest(target: string, fromFile: string, writtenPath: string): TargetSuggestion | undefined {
    const renamed = this.followRenames(target);
    if (renamed !== undefined) return { path: renamed, reason: 'renamed', certain: true };
    const folder = writtenPath.endsWith('/');
    const name = path.basename(target);
    const sameKind = (candidate: string): boolean =>
      candidate !== fromFile && (folder ? this.paths.directories.has(candidate) : this.paths.files.has(candidate));
    // The linking file itself is never where a link "moved" to (think `../v1/api.md` in api.md).
    const sameName = (this.basenameIndex().get(name) ?? []).filter(sameKind);
    if (sameName.length === 1) return { path: sameName[0]!, reason: 'onlyNamed', certain: false };
    if (sameName.length > 1) {
      const closest = closestByFolders(writtenPath, sameName);
      return (
        closest && {
          path: closest.path,
          reason: 'closestFolders',
          certain: false,
          sameNameCount: sameName.length,
          sharedFolders: `${closest.shared.join('/')}/`,
        }
      );
    }
    // A typo is a few edits of the name, wherever it is: measure the whole path, allow for the name.
    // Only paths whose own name is that close can be (comparing short names first keeps this fast).
    const limit = Math.max(2, Math.floor(name.length / 3));
    const candidates: string[] = [];
    for (const [candidateName, list] of this.basenameIndex()) {
      if (editDistance(name, candidateName, limit) <= limit) candidates.push(...list.filter(sameKind));
    }
    const nearest = uniquelyNearest(target, candidates, limit);
    return nearest === undefined ? undefined : { path: nearest, reason: 'similar', certain: false };
  }

  /** Follows git's rename record (old → new, possibly chained) to a path that exists. */
  private followRenames(target: string): string | undefined {
    let current = target;
    const seen = new Set<string>();
    while (!seen.has(current)) {
      seen.add(current);
      const next = this.renames.get(current);
      if (next === undefined) return undefined;
      if (this.paths.files.has(next)) return next;
      current = next;
    }
    return undefined;
  }

  private lowerCaseIndex(): Map<string, string[]> {
    if (!this.byLowerCase) {
      this.byLowerCase = new Map();
      for (const candidate of [...this.paths.files, ...this.paths.directories]) {
        const key = candidate.toLowerCase();
        const list = this.byLowerCase.get(key) ?? [];
        list.push(candidate);
        this.byLowerCase.set(key, list);
      }
      for (const list of this.byLowerCase.values()) list.sort();
    }
    return this.byLowerCase;
  }

  private basenameIndex(): Map<string, string[]> {
    if (!this.byBasename) {
      this.byBasename = new Map();
      for (const file of [...this.paths.files, ...this.paths.directories]) {
        if (file === '') continue;
        const name = path.basename(file);
        const list = this.byBasename.get(name) ?? [];
        list.push(file);
        this.byBasename.set(name, list);
      }
    }
    return this.byBasename;
  }
}
