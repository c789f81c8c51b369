/**
 * Resolving a link destination the way GitHub does: relative to the linking file's folder, a
 * leading `/` meaning the repository root, percent-encoding decoded, query and fragment split off.
 * Pure string work on root-relative paths; no file system.
 */
import path from 'node:path/posix';

export interface LocalTarget {
  /** Root-relative path ('' is the root itself). */
  path: string;
  /** The fragment without '#', decoded; undefined when there is none. */
  fragment?: string;
  /** True when the destination climbs above the repository root. */
  escapesRoot: boolean;
}

const SCHEME = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/** External (http:, mailto:, …) or protocol-relative destinations are not local files. */
export function isExternal(url: string): boolean {
  return SCHEME.test(url) || url.startsWith('//');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function resolveLinkTarget(fromFile: string, url: string): LocalTarget | undefined {
  if (isExternal(url)) return undefined;
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? undefined : safeDecode(url.slice(hashAt + 1));
  const queryAt = beforeHash.indexOf('?');
  const rawPath = safeDecode(queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt));
  if (rawPath === '') return { path: fromFile, ...(fragment === undefined ? {} : { fragment }), escapesRoot: false };
  const joined = rawPath.startsWith('/') ? rawPath.slice(1) : path.join(path.dirname(fromFile), rawPath);
  const normalized = path.normalize(joined === '' ? '.' : joined);
  const escapesRoot = normalized === '..' || normalized.startsWith('../');
  const cleaned = normalized === '.' ? '' : normalized.replace(/\/$/, '');
  return { path: cleaned, ...(fragment === undefined ? {} : { fragment }), escapesRoot };
}
