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

export interface TargetSuggestion {
  path: string;
  reason: 'renamed' | 'moved' | 'similar';
  /** Whether this is the one safe answer a fix may apply. */
  certain: boolean;
}

function nearestPath(target: string, candidates: Iterable<string>, limit: number): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === '') continue;
    const distance = editDistance(target, candidate, Math.min(limit, best?.distance ?? limit));
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && candidate < best.candidate)) best = { candidate, distance };
  }
  return best?.candidate;
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
   * What a missing target probably is now: the file git recorded it was renamed to; else the one
   * file elsewhere with the same name (it moved); else the nearest existing path. 
   */
  suggest(target: string, fromFile: string): TargetSuggestion | undefined {
    const renamed = this.followRenames(target);
    if (renamed !== undefined) return { path: renamed, reason: 'renamed', certain: true };
    const name = path.basename(target);
    // The linking file itself is never where a link "moved" to (think `../v1/api.md` in api.md).
    const sameName = (this.basenameIndex().get(name) ?? []).filter((candidate) => candidate !== fromFile && this.paths.files.has(candidate));
    if (sameName.length === 1) return { path: sameName[0]!, reason: 'moved', certain: true };
    if (sameName.length > 1) return { path: nearestPath(target, sameName, Number.POSITIVE_INFINITY)!, reason: 'moved', certain: false };
    // A typo is a few edits of the name, wherever it is: measure the whole path, allow for the name.
    // Only paths whose own name is that close can be (comparing short names first keeps this fast).
    const limit = Math.max(2, Math.floor(name.length / 3));
    const candidates: string[] = [];
    for (const [candidateName, list] of this.basenameIndex()) {
      if (editDistance(name, candidateName, limit) <= limit) candidates.push(...list);
    }
    const nearest = nearestPath(target, candidates, limit);
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
