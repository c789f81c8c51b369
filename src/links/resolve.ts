/**
 * Resolving a link destination the way GitHub does: relative to the linking file's folder, a
 * leading `/` meaning the repository root, percent-encoding decoded, query and fragment split off.
 * Pure string work on root-relative paths; no file system.
 */
import path from 'node:path/posix';
import type { RepositoryPaths } from '../core/facts.js';

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

/** A destination cut into its written parts: `path?query#fragment` (query and fragment keep their marks). */
export interface DestinationParts {
  path: string;
  /** `?…` or ''. */
  query: string;
  /** `#…` or ''. */
  fragment: string;
}

export function splitDestination(url: string): DestinationParts {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  return {
    path: queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt),
    query: queryAt < 0 ? '' : beforeHash.slice(queryAt),
    fragment: hashAt < 0 ? '' : url.slice(hashAt),
  };
}

function joinedPath(fromFile: string, rawPath: string): string {
  const joined = rawPath.startsWith('/') ? rawPath.slice(1) : path.join(path.dirname(fromFile), rawPath);
  return joined === '' ? '.' : joined;
}

/**
 * Node's path.join and path.normalize take time quadratic in the `..` segments that climb above
 * where they start (the result is appended to and searched from its end for each): a destination
 * of 100,000 `../` took over a minute. Such a path is normalised segment by segment instead.
 */
const FAR_CLIMB_SEGMENTS = 64;

function climbsFar(rawPath: string): boolean {
  let parents = 0;
  for (
    let index = rawPath.indexOf('..');
    index !== -1 && parents <= FAR_CLIMB_SEGMENTS;
    index = rawPath.indexOf('..', index + 2)
  )
    parents++;
  return parents > FAR_CLIMB_SEGMENTS;
}

function normalizeClimbingPath(fromFile: string, rawPath: string): string {
  const start = rawPath.startsWith('/') ? [] : path.dirname(fromFile).split('/');
  const kept: string[] = [];
  let above = 0;
  for (const segment of [...start, ...rawPath.split('/')]) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') kept.push(segment);
    else if (kept.length > 0) kept.pop();
    else above++;
  }
  const normalized = [...Array<string>(above).fill('..'), ...kept].join('/');
  return normalized === '' ? '.' : `${normalized}${rawPath.endsWith('/') ? '/' : ''}`;
}

export function resolveLinkTarget(fromFile: string, url: string): LocalTarget | undefined {
  if (isExternal(url)) return undefined;
  const parts = splitDestination(url);
  const fragment = parts.fragment === '' ? undefined : safeDecode(parts.fragment.slice(1));
  const rawPath = safeDecode(parts.path);
  if (rawPath === '') return { path: fromFile, ...(fragment === undefined ? {} : { fragment }), escapesRoot: false };
  const normalized = climbsFar(rawPath)
    ? normalizeClimbingPath(fromFile, rawPath)
    : path.normalize(joinedPath(fromFile, rawPath));
  const escapesRoot = normalized === '..' || normalized.startsWith('../');
  const cleaned = normalized.replace(/\/$/, '').replace(/^\.$/, '');
  return { path: cleaned, ...(fragment === undefined ? {} : { fragment }), escapesRoot };
}

const README = /^readme(\.[a-z\d]+)?$/i;

/** Whether a file name is a README, which a link to its folder lands on. */
export function isReadmeName(name: string): boolean {
  return README.test(name);
}
const MARKDOWN_EXTENSION = /\.(md|markdown|mdown|mkdn|mkd|mdwn)$/i;

/** Which README GitHub shows for each folder, worked out once per path set. */
const readmesByPaths = new WeakMap<RepositoryPaths, Map<string, string>>();

function readmeRank(file: string): number {
  const name = path.basename(file);
  if (name === 'README.md') return 0;
  return MARKDOWN_EXTENSION.test(name) ? 1 : 2;
}

/**
 * The README GitHub renders below a folder's listing (any case, Markdown preferred), so that
 * `folder#anchor` resolves into it. For the root, GitHub looks in `.github/`, then the root,
 * then `docs/`. Undefined when the folder has none.
 */
export function folderReadme(paths: RepositoryPaths, directory: string): string | undefined {
  let readmes = readmesByPaths.get(paths);
  if (!readmes) {
    readmes = new Map();
    for (const file of paths.files) {
      if (!README.test(path.basename(file))) continue;
      const folder = path.dirname(file) === '.' ? '' : path.dirname(file);
      const current = readmes.get(folder);
      if (
        current === undefined ||
        readmeRank(file) < readmeRank(current) ||
        (readmeRank(file) === readmeRank(current) && file < current)
      )
        readmes.set(folder, file);
    }
    readmesByPaths.set(paths, readmes);
  }
  if (directory === '') return readmes.get('.github') ?? readmes.get('') ?? readmes.get('docs');
  return readmes.get(directory);
}

/** A GitHub line anchor: `L10`, `L10-L20`, `L10C2-L12C5`. */
export interface LineAnchor {
  startLine: number;
  endLine: number;
}

export function parseLineAnchor(fragment: string): LineAnchor | undefined {
  const match = /^L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?$/.exec(fragment);
  if (!match) return undefined;
  const startLine = Number(match[1]);
  return { startLine, endLine: match[2] === undefined ? startLine : Number(match[2]) };
}

/** Percent-encodes what a bare Markdown destination cannot hold (angle-bracketed ones may keep spaces). */
export function encodeDestinationPath(value: string, angleBracketed = false): string {
  const unsafe = angleBracketed ? /[%<>#?\n]/g : /[%\s()<>#?]/g;
  return value.replace(unsafe, (character) =>
    encodeURIComponent(character).replace(/[()]/g, (paren) => `%${paren.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

/**
 * The destination path that reaches `target` from `fromFile` in the style of the original: root
 * relative when it started with `/`, keeping a leading `./` and a trailing `/` when it had them.
 */
export function destinationPathTo(fromFile: string, target: string, originalPath: string): string {
  const trailingSlash = originalPath.length > 1 && originalPath.endsWith('/') && target !== '' ? '/' : '';
  if (originalPath.startsWith('/')) return `/${target}${trailingSlash}`;
  const relative = path.relative(path.dirname(fromFile), target) || '.';
  return `${originalPath.startsWith('./') && !relative.startsWith('../') && relative !== '.' ? './' : ''}${relative}${trailingSlash}`;
}
