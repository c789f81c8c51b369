/**
 * The globs inside rule options, found where each rule declares them (Rule.globOptions), so that
 * the config layer checks all of them one way: syntax when the config is loaded, matches once the
 * repository's files are known. Rules never check their own globs.
 */
import { EACH_ITEM, GLOB_KEYS, type GlobOption, type Rule } from '../core/rule.js';

export interface OptionGlob {
  /** Where the glob is, from the options object (`["factors/*.md"]` for a glob key). */
  keyPath: (string | number)[];
  glob: string;
  /** The glob is an object key (its position in the config is the key's, not a value's). */
  isKey: boolean;
  declared: GlobOption;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(
  value: unknown,
  path: readonly string[],
  at: (string | number)[],
  declared: GlobOption,
  found: OptionGlob[],
): void {
  const [segment, ...rest] = path;
  if (segment === undefined) {
    if (typeof value === 'string') found.push({ keyPath: at, glob: value, isKey: false, declared });
    return;
  }
  if (segment === EACH_ITEM) {
    if (Array.isArray(value))
      for (const [index, item] of value.entries()) walk(item, rest, [...at, index], declared, found);
    return;
  }
  if (!isObject(value)) return;
  if (segment === GLOB_KEYS) {
    for (const [key, inner] of Object.entries(value)) {
      if (rest.length === 0) found.push({ keyPath: [...at, key], glob: key, isKey: true, declared });
      else walk(inner, rest, [...at, key], declared, found);
    }
    return;
  }
  if (segment in value) walk(value[segment], rest, [...at, segment], declared, found);
}

/** Every glob a rule's options (as written in a config) hold where the rule declares globs. */
export function optionGlobs(rule: Pick<Rule, 'globOptions'>, options: unknown): OptionGlob[] {
  const found: OptionGlob[] = [];
  for (const declared of rule.globOptions ?? []) walk(options, declared.path, [], declared, found);
  return found;
}
