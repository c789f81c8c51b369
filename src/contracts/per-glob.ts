/**
 * Per-glob rule options: an options object whose keys are globs and whose values say what files
 * matching that glob must satisfy, e.g. `{ "factors/[0-9][0-9]-*.md": { min: 500 } }`. Globs are
 * matched with picomatch against the file's root-relative path, exactly as cased; `*` also
 * matches names that start with a dot, as in the config's `files` and `overrides`.
 */
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import { z } from 'zod';

type Matcher = (path: string) => boolean;

const compiled = new Map<string, Matcher>();

function matcherFor(glob: string): Matcher {
  let matcher = compiled.get(glob);
  if (!matcher) {
    matcher = picomatch(glob, PATH_GLOB_OPTIONS);
    compiled.set(glob, matcher);
  }
  return matcher;
}

export function matchesGlob(glob: string, path: string): boolean {
  return matcherFor(glob)(path);
}

/** `{ glob: contract }` as a zod schema; `{}` (no globs) parses, and the rule then checks nothing. */
export function perGlobSchema<T extends z.ZodType>(contract: T, description: string): z.ZodRecord<z.ZodString, T> {
  return z.record(z.string().min(1, 'a glob cannot be empty').meta({ title: 'glob' }), contract).describe(description);
}

export interface GlobContract<T> {
  glob: string;
  contract: T;
}

/** The contracts whose glob matches `path`, in the order the config lists them. */
export function contractsFor<T>(options: Readonly<Record<string, T>>, path: string): GlobContract<T>[] {
  const result: GlobContract<T>[] = [];
  for (const [glob, contract] of Object.entries(options)) if (matchesGlob(glob, path)) result.push({ glob, contract });
  return result;
}
