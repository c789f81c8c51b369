/**
 * Links into the repository's own URLs (`https://github.com/OWNER/REPO/blob/main/docs/a.md#setup`),
 * read as the local links they are. Pure string work on plain data (RepositoryUrls): which remote
 * URLs name a repository, which of a link's URL is a ref and which a path, and the local target of
 * a link whether it is written relative or as such a URL. Git is asked elsewhere
 * (src/project/repository-urls.ts).
 */
import path from 'node:path/posix';
import type { RepositoryFacts, RepositoryUrlBase, RepositoryUrls } from '../core/facts.js';
import { isExternal, resolveLinkTarget, splitDestination, type LocalTarget } from './resolve.js';

export type CodeHost = 'github' | 'gitlab' | 'bitbucket';

/** The hosts whose kind needs no config. */
const KNOWN_HOSTS: Readonly<Record<string, CodeHost>> = {
  'github.com': 'github',
  'www.github.com': 'github',
  'gitlab.com': 'gitlab',
  'bitbucket.org': 'bitbucket',
};

/** The kind of code host at `host`: a known one, one the config names (GitHub Enterprise, a GitLab server), else undefined. */
export function codeHostOf(host: string, configured: Readonly<Record<string, CodeHost>> = {}): CodeHost | undefined {
  const lower = host.toLowerCase();
  return configured[lower] ?? KNOWN_HOSTS[lower];
}

/**
 * The repository a git remote URL names, in every form git accepts for the hosts: `https://host/o/r.git`,
 * `ssh://git@host:22/o/r.git`, `git@host:o/r.git` (scp-like), `git://host/o/r`. Undefined for a
 * local path or a host of unknown kind.
 */
export function repositoryBaseFromRemote(
  remote: string,
  configured: Readonly<Record<string, CodeHost>> = {},
): RepositoryUrlBase | undefined {
  const trimmed = remote.trim();
  let host: string;
  let repositoryPath: string;
  const withScheme = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/(?:[^@/]*@)?([^/:]+)(?::\d*)?\/(.*)$/i.exec(trimmed);
  const scpLike = /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)(.*)$/.exec(trimmed);
  if (withScheme) [, host = '', repositoryPath = ''] = withScheme;
  else if (scpLike && !/^[a-z]:[\\/]/i.test(trimmed)) [, host = '', repositoryPath = ''] = scpLike;
  else return undefined;
  const kind = codeHostOf(host, configured);
  if (!kind) return undefined;
  // GitHub serves `/o/r` and `www.github.com` alike; a trailing `.git` or `/` names the same repository.
  const cleaned = repositoryPath
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  const segments = cleaned.split('/').filter((segment) => segment !== '');
  const enough = kind === 'gitlab' ? segments.length >= 2 : segments.length === 2;
  if (!enough) return undefined;
  return {
    kind,
    host: host.toLowerCase() === 'www.github.com' ? 'github.com' : host.toLowerCase(),
    path: segments.join('/'),
  };
}

/**
 * A URL the config names as this repository's: a code host's repository page (same forms as a
 * remote) or, with `folder`, a site whose base path maps to that folder of the repository.
 */
export function repositoryBaseFromConfig(
  url: string,
  folder: string | undefined,
  configured: Readonly<Record<string, CodeHost>> = {},
): RepositoryUrlBase | undefined {
  if (folder === undefined) return repositoryBaseFromRemote(url, configured);
  const match = /^https?:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(url.trim());
  if (!match) return undefined;
  return {
    kind: 'site',
    host: match[1]!.toLowerCase().replace(/^[^@]*@/, ''),
    path: (match[2] ?? '').replace(/^\/+|\/+$/g, ''),
    folder: folder.replace(/^\/+|\/+$/g, ''),
  };
}

/** How a URL shows a path: rendered (`blob`, `tree`, Bitbucket's `src`), as bytes (`raw`), in the editor, blamed; the repository page; a site page. */
export type RepositoryView = 'root' | 'blob' | 'tree' | 'raw' | 'edit' | 'blame' | 'src' | 'site';

/** Which version of the repository a URL names. */
export type UrlRef =
  /** The default branch (or `HEAD`), or a site: the files being linted. */
  | { kind: 'default' }
  /** A branch or tag git has, or what looks like a commit id: resolved against git objects when git has it. */
  | { kind: 'ref'; name: string }
  /** A name git does not know: left to the external check. */
  | { kind: 'unknown'; name: string };

/** A link into the repository's own URLs. */
export interface SelfUrl {
  base: RepositoryUrlBase;
  view: RepositoryView;
  ref: UrlRef;
  /** The path it names, relative to the lint root ('' for the root), decoded, without a trailing slash. */
  path: string;
  /** Whether the URL ends its path with `/`. */
  trailingSlash: boolean;
  /** The fragment without '#', decoded; undefined when there is none. */
  fragment?: string;
  /** Where the path is written in the URL ([start, end) offsets), for edits that rewrite it. */
  pathStart: number;
  pathEnd: number;
}

const VIEWS: ReadonlySet<string> = new Set(['blob', 'tree', 'raw', 'edit', 'blame']);
const COMMIT_ID = /^[0-9a-f]{7,40}$/i;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Segment {
  text: string;
  /** Offset of the segment in the URL. */
  start: number;
}

/** The URL's host and path segments with their offsets, and its fragment; undefined when it is not http(s). */
function cutUrl(url: string): { host: string; segments: Segment[]; pathEnd: number; fragment?: string } | undefined {
  const match = /^https?:\/\/(?:[^@/?#]*@)?([^/?#]+)/i.exec(url);
  if (!match) return undefined;
  const parts = splitDestination(url);
  const segments: Segment[] = [];
  let offset = match[0].length;
  const pathText = parts.path.slice(offset);
  for (const text of pathText.split('/')) {
    segments.push({ text, start: offset });
    offset += text.length + 1;
  }
  // The leading '' of '/a/b'.
  if (segments[0]?.text === '') segments.shift();
  return {
    host: match[1]!.toLowerCase(),
    segments,
    pathEnd: parts.path.length,
    ...(parts.fragment === '' ? {} : { fragment: safeDecode(parts.fragment.slice(1)) }),
  };
}

/** Whether the URL's first segments name the base's repository (owners and names are case-insensitive on every host). */
function matchesRepository(segments: readonly Segment[], base: RepositoryUrlBase): boolean {
  const wanted = base.path === '' ? [] : base.path.toLowerCase().split('/');
  if (segments.length < wanted.length) return false;
  return wanted.every((name, index) => {
    const written = safeDecode(segments[index]!.text).toLowerCase();
    return written === name || (index === wanted.length - 1 && written === `${name}.git`);
  });
}

/** The ref names as a set, made once per RepositoryUrls (a repository can have thousands of tags). */
const refSets = new WeakMap<RepositoryUrls, ReadonlySet<string>>();

function knownRefs(urls: RepositoryUrls): ReadonlySet<string> {
  let known = refSets.get(urls);
  if (!known) {
    known = new Set(urls.localRefs);
    refSets.set(urls, known);
  }
  return known;
}

/** The ref the segments start with (the longest name git knows, the default branch among them), and how many segments it takes. */
function refAt(segments: readonly Segment[], urls: RepositoryUrls): { ref: UrlRef; length: number } | undefined {
  const texts = segments.map((segment) => safeDecode(segment.text));
  // raw.githubusercontent.com also takes `refs/heads/<branch>`.
  const skip = texts[0] === 'refs' && (texts[1] === 'heads' || texts[1] === 'tags') ? 2 : 0;
  const known = knownRefs(urls);
  for (let length = texts.length - skip; length >= 1; length--) {
    const name = texts.slice(skip, skip + length).join('/');
    if (name === urls.defaultBranch) return { ref: { kind: 'default' }, length: skip + length };
    if (known.has(name)) return { ref: { kind: 'ref', name }, length: skip + length };
  }
  const first = texts[skip];
  if (first === undefined || first === '') return undefined;
  if (first === 'HEAD') return { ref: { kind: 'default' }, length: skip + 1 };
  return {
    ref: COMMIT_ID.test(first) ? { kind: 'ref', name: first } : { kind: 'unknown', name: first },
    length: skip + 1,
  };
}

/** The view segment after the repository's path: GitLab puts `-/` first; Bitbucket says `src`. */
function viewAt(
  segments: readonly Segment[],
  base: RepositoryUrlBase,
): { view: RepositoryView; length: number } | undefined {
  let index = 0;
  if (base.kind === 'gitlab' && segments[0]?.text === '-') index = 1;
  const name = segments[index]?.text;
  if (name === undefined) return undefined;
  if (base.kind === 'bitbucket')
    return name === 'src' || name === 'raw' ? { view: name === 'src' ? 'src' : 'raw', length: index + 1 } : undefined;
  return VIEWS.has(name) ? { view: name as RepositoryView, length: index + 1 } : undefined;
}

/** A top-level-relative path as a root-relative one; undefined when it lies outside the lint root. */
function fromTopLevel(topLevelPath: string, urls: RepositoryUrls): string | undefined {
  if (urls.rootPrefix === '') return topLevelPath;
  if (`${topLevelPath}/` === urls.rootPrefix) return '';
  return topLevelPath.startsWith(urls.rootPrefix) ? topLevelPath.slice(urls.rootPrefix.length) : undefined;
}

function selfUrlFrom(
  base: RepositoryUrlBase,
  view: RepositoryView,
  ref: UrlRef,
  rest: readonly Segment[],
  fallbackStart: number,
  pathEnd: number,
  fragment: string | undefined,
  urls: RepositoryUrls,
): SelfUrl | undefined {
  const decoded = rest.map((segment) => safeDecode(segment.text)).filter((segment) => segment !== '');
  const joined = path.normalize(['.', ...(base.folder ? [base.folder] : []), ...decoded].join('/'));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  const topLevel = joined === '.' ? '' : joined.replace(/\/$/, '');
  const local = fromTopLevel(topLevel, urls);
  if (local === undefined) return undefined;
  return {
    base,
    view,
    ref,
    path: local,
    trailingSlash: rest.length > 0 && rest[rest.length - 1]!.text === '',
    ...(fragment === undefined ? {} : { fragment }),
    pathStart: rest[0]?.start ?? fallbackStart,
    pathEnd,
  };
}

/**
 * What a URL names in this repository: the view, the ref and the path, when it is one of the
 * repository's own URLs that show a file or folder (or the repository page itself). Undefined for
 * every other URL, the repository's issues, pull requests and wiki among them.
 */
export function parseSelfUrl(url: string, urls: RepositoryUrls): SelfUrl | undefined {
  // The engine and three rules each ask about every URL of the run: read each one once.
  let parsed = parsedUrls.get(urls);
  if (!parsed) {
    parsed = new Map();
    parsedUrls.set(urls, parsed);
  }
  if (parsed.has(url)) return parsed.get(url);
  const result = readSelfUrl(url, urls);
  parsed.set(url, result);
  return result;
}

/** What parseSelfUrl answered, per RepositoryUrls (one per run) and URL. */
const parsedUrls = new WeakMap<RepositoryUrls, Map<string, SelfUrl | undefined>>();

function readSelfUrl(url: string, urls: RepositoryUrls): SelfUrl | undefined {
  const cut = cutUrl(url);
  if (!cut) return undefined;
  const { host, segments, pathEnd, fragment } = cut;
  for (const base of urls.bases) {
    if (base.kind === 'github' && base.host === 'github.com' && host === 'raw.githubusercontent.com') {
      if (!matchesRepository(segments, base)) continue;
      const after = segments.slice(2);
      const ref = refAt(after, urls);
      if (!ref || after.length <= ref.length) continue;
      return selfUrlFrom(base, 'raw', ref.ref, after.slice(ref.length), pathEnd, pathEnd, fragment, urls);
    }
    const baseHost = base.host === 'github.com' && host === 'www.github.com' ? 'www.github.com' : base.host;
    if (host !== baseHost || !matchesRepository(segments, base)) continue;
    const after = segments.slice(base.path === '' ? 0 : base.path.split('/').length);
    if (base.kind === 'site')
      return selfUrlFrom(base, 'site', { kind: 'default' }, after, pathEnd, pathEnd, fragment, urls);
    // The repository page: its README (GitHub's `/o/r`, `/o/r/`).
    if (after.length === 0 || (after.length === 1 && after[0]!.text === ''))
      return selfUrlFrom(base, 'root', { kind: 'default' }, [], pathEnd, pathEnd, fragment, urls);
    const view = viewAt(after, base);
    if (!view) return undefined;
    const refSegments = after.slice(view.length);
    const ref = refAt(refSegments, urls);
    if (!ref) return undefined;
    return selfUrlFrom(base, view.view, ref.ref, refSegments.slice(ref.length), pathEnd, pathEnd, fragment, urls);
  }
  return undefined;
}

/** Views whose page renders Markdown, so that `#heading` fragments mean a heading of it. */
export function rendersHeadings(view: RepositoryView): boolean {
  return view === 'root' || view === 'blob' || view === 'tree' || view === 'src';
}

/** Views whose page numbers lines, so that `#L10` fragments mean a line of it. */
export function numbersLines(view: RepositoryView): boolean {
  return view === 'blob' || view === 'blame' || view === 'src';
}

/** A local target reached through one of the repository's own URLs (the working tree's version). */
export interface SelfLinkTarget extends LocalTarget {
  selfUrl: SelfUrl;
}

/**
 * The local target of a link: a relative or root-relative destination as resolveLinkTarget
 * resolves it, or one of the repository's own URLs on its default branch (or a site of it), which
 * the files being linted answer. Links to other refs, other repositories and the web: undefined.
 */
export function resolveLocalLink(
  fromFile: string,
  url: string,
  repository: RepositoryFacts | undefined,
): LocalTarget | SelfLinkTarget | undefined {
  if (!isExternal(url)) return resolveLinkTarget(fromFile, url);
  if (!repository) return undefined;
  const selfUrl = parseSelfUrl(url, repository.urls);
  if (selfUrl?.ref.kind !== 'default') return undefined;
  return {
    path: selfUrl.path,
    ...(selfUrl.fragment === undefined ? {} : { fragment: selfUrl.fragment }),
    escapesRoot: false,
    selfUrl,
  };
}

export function isSelfLinkTarget(target: LocalTarget): target is SelfLinkTarget {
  return 'selfUrl' in target;
}

/**
 * Whether a URL is one of the repository's own that the local check answers, so that the external
 * check need not fetch it: the default branch's (and a site's), or a ref git has.
 */
export function resolvedLocally(url: string, repository: RepositoryFacts | undefined): boolean {
  if (!repository) return false;
  const selfUrl = parseSelfUrl(url, repository.urls);
  if (!selfUrl) return false;
  return selfUrl.ref.kind === 'default' || (selfUrl.ref.kind === 'ref' && repository.refPaths.has(selfUrl.ref.name));
}

/** The refs other than the default branch that these URLs name and git may have: what to read before the checks. */
export function namedRefs(urlsWritten: Iterable<string>, urls: RepositoryUrls): Set<string> {
  const refs = new Set<string>();
  for (const url of urlsWritten) {
    if (!isExternal(url)) continue;
    const selfUrl = parseSelfUrl(url, urls);
    if (selfUrl?.ref.kind === 'ref') refs.add(selfUrl.ref.name);
  }
  return refs;
}
