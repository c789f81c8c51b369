/**
 * Paths an agent passes to the MCP server, confined to the repository root: a file, a folder or
 * a glob, relative to the root (or absolute inside it). Anything that leads outside — `..`, an
 * absolute path elsewhere, a symbolic link whose target is elsewhere — is refused with a message
 * that says what was refused and why, before any file is read.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'globby';
import { toPosix } from '../project/discover.js';

export class PathOutsideRootError extends Error {
  override name = 'PathOutsideRootError';
}

/** Whether a path is the root or under it: only a first segment that is exactly `..` climbs out (`..notes.md` does not). */
function inside(root: string, absolute: string): boolean {
  const relative = path.relative(root, absolute);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * The root-relative form of `input` (forward slashes, '' for the root itself), or a
 * PathOutsideRootError. Globs are kept as globs (relative to the root) and may not climb out.
 */
export function confinePath(root: string, input: string): string {
  if (input.includes('\0')) throw new PathOutsideRootError(`"${input}" contains a NUL character.`);
  const absolute = path.resolve(root, input);
  if (!inside(root, absolute))
    throw new PathOutsideRootError(
      `"${input}" is outside the repository root ${root}: give a path inside it, relative to it.`,
    );
  const relative = toPosix(path.relative(root, absolute));
  // '' names the root (globby's pattern test refuses an empty pattern).
  if (input !== '' && isDynamicPattern(input)) {
    if (relative.split('/').includes('..'))
      throw new PathOutsideRootError(`The glob "${input}" climbs out of the repository root.`);
    return relative;
  }
  // A symbolic link inside the root may point anywhere: what counts is where it leads.
  if (existsSync(absolute) && !inside(realpathSync(root), realpathSync(absolute))) {
    throw new PathOutsideRootError(`"${input}" leads outside the repository root ${root} (through a symbolic link).`);
  }
  return relative;
}

/**
 * The root-relative forms of what an agent passes as paths, for the engine and the reports: no
 * paths, or any path that names the root itself (".", "./", ""), means the whole repository ([]).
 */
export function confinePaths(root: string, inputs: readonly string[]): string[] {
  const confined = inputs.map((input) => confinePath(root, input));
  return confined.includes('') ? [] : confined;
}
