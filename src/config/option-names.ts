/**
 * One naming style for options: camelCase, in every rule. Option keys once written in kebab-case
 * (`case-sensitive`, `instead-of`) are still accepted for one minor version: wherever an options
 * object has a key the schema does not know and the schema knows its camelCase form, the key is
 * renamed and the rename reported, so that the config loader can warn with the file, the key path
 * and the new name. The schema is the only list of names: no rule lists its old spellings.
 */
import type { z } from 'zod';
import { TOOL_VERSION } from '../core/tool.js';

export interface RenamedOption {
  /** Key path of the old key inside the value given (its parent's path plus the old key). */
  path: (string | number)[];
  oldName: string;
  newName: string;
}

/** `case-sensitive` → `caseSensitive`. */
export function camelCaseName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** The version whose release drops the old spellings: the next minor version. */
export const OLD_OPTION_NAMES_REMOVED_IN = ((): string => {
  const [major = '0', minor = '0'] = TOOL_VERSION.split('.');
  return `${major}.${Number(minor) + 1}.0`;
})();

/** The warning for one renamed key, after "file:line:col: key.path: ". */
export function renamedOptionMessage(renamed: RenamedOption): string {
  return `"${renamed.oldName}" is deprecated: write "${renamed.newName}" (the old name stops working in ${OLD_OPTION_NAMES_REMOVED_IN}).`;
}

type SchemaDef = {
  type?: string;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
  shape?: Record<string, unknown>;
  element?: unknown;
  valueType?: unknown;
};

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { def?: SchemaDef } | undefined)?.def;
}

/** The schema under wrappers that do not change the shape of the value (optional, default, pipe…). */
function unwrapped(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def && ['optional', 'default', 'nullable', 'prefault', 'pipe', 'readonly', 'catch'].includes(def.type ?? ''))
      current = def.innerType ?? def.in;
    else return current;
  }
}

/**
 * `value` with every old key renamed to the name `schema` expects, and the renames made. Values
 * the schema does not describe are left as they are (the schema's validation reports them). A
 * key whose new name is also written is left alone: the schema then reports the old one as
 * unknown, rather than one silently winning.
 */
export function withCurrentOptionNames(
  schema: z.ZodType,
  value: unknown,
): { value: unknown; renamed: RenamedOption[] } {
  const renamed: RenamedOption[] = [];
  const rename = (current: unknown, node: unknown, path: (string | number)[]): unknown => {
    const schemaNode = unwrapped(current);
    const def = defOf(schemaNode);
    if (!def || node === null || typeof node !== 'object') return node;
    if (def.type === 'union') {
      // The shorthand-or-object unions (a string or { phrase, … }): the object form describes an object.
      const form = (def.options ?? []).find((option) => {
        const type = defOf(unwrapped(option))?.type;
        return Array.isArray(node) ? type === 'array' : type === 'object' || type === 'record';
      });
      return form === undefined ? node : rename(form, node, path);
    }
    if (def.type === 'array' && Array.isArray(node))
      return node.map((item, index) => rename(def.element, item, [...path, index]));
    if (Array.isArray(node)) return node;
    const entries = Object.entries(node as Record<string, unknown>);
    if (def.type === 'record')
      return Object.fromEntries(entries.map(([key, item]) => [key, rename(def.valueType, item, [...path, key])]));
    if (def.type !== 'object') return node;
    const shape = def.shape ?? {};
    return Object.fromEntries(
      entries.map(([key, item]) => {
        const newName = camelCaseName(key);
        const isOldName =
          !(key in shape) && newName !== key && newName in shape && !(newName in (node as Record<string, unknown>));
        if (isOldName) renamed.push({ path: [...path, key], oldName: key, newName });
        const name = isOldName ? newName : key;
        return [name, rename(shape[name], item, [...path, key])];
      }),
    );
  };
  return { value: rename(schema, value, []), renamed };
}
