/**
 * The names a link to a file must contain, for raw-text searches that decide which files can link
 * to it (a superset: a file whose raw text holds none of them cannot). A link names the file
 * itself; a link to a README may instead name its folder, or, from inside that folder, nothing
 * (`..`, `./`); a README that a link to the root folder lands on (`/`) may be named by nothing from
 * anywhere. Names are lowercase letters and digits only, as raw-text-superset.ts's keySkeletons
 * reads text.
 */
import path from 'node:path';
import { isReadmeName } from './resolve.js';

/** Folders whose README a link to the root folder can land on (resolve.ts, folderReadme). */
const ROOT_LANDING_FOLDERS = new Set(['', '.github', 'docs']);

/** A name as a raw-text search looks for it: lowercase letters and digits. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * What a link to this root-relative file contains: one of `keys`, unless it is written in a file
 * under `within` (a folder, '' for the whole repository), where a link to a README may name only
 * the folder it lands on relatively (`..`, `./`, `README.md`) or nothing at all (`/`).
 */
export interface LinkNames {
  keys: string[];
  within?: string;
}

export function linkNames(file: string): LinkNames {
  const name = path.posix.basename(file);
  if (!isReadmeName(name)) return { keys: [nameKey(name)] };
  const folder = path.posix.dirname(file) === '.' ? '' : path.posix.dirname(file);
  if (ROOT_LANDING_FOLDERS.has(folder)) return { keys: [], within: '' };
  return { keys: [nameKey(path.posix.basename(folder))], within: folder };
}

/** Whether a file lies under a folder ('' is the whole repository). */
export function isWithin(file: string, folder: string): boolean {
  return folder === '' || file.startsWith(`${folder}/`);
}
