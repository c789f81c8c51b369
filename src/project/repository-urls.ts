/**
 * The repository's own URLs, so that links written as them are checked as the local links they
 * are (src/links/self-urls.ts): the code host URLs of its git remotes (`origin` first), the
 * config's `repositoryUrls`, the default branch (the config's, else `origin/HEAD`, else the branch
 * checked out), the branch and tag names git has, and, on request, the paths at another ref.
 * These are facts of the project, not of a file: the phase-1 cache never holds them, as the links
 * are resolved in phase 2. Anything git cannot answer (no git, not a checkout) means fewer facts,
 * never an error.
 */
import type { RepositoryUrlsConfig } from '../config/schema.js';
import {
  repositoryPathsFromFiles,
  type RepositoryPaths,
  type RepositoryUrlBase,
  type RepositoryUrls,
} from '../core/facts.js';
import type { RepositoryUrlSource } from '../engine/lint-project.js';
import { repositoryBaseFromConfig, repositoryBaseFromRemote, type CodeHost } from '../links/self-urls.js';
import { runGit } from './git.js';

/** Runs git and returns its output, or undefined when it fails or is missing (fewer facts, never an error). */
function gitOutput(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  args: readonly string[],
): Promise<string | undefined> {
  return runGit(cwd, env, args, undefined, 30_000).then(
    (stdout) => stdout.toString('utf8'),
    () => undefined,
  );
}

/** `remote.<name>.url <url>` lines, as `git config --get-regexp` prints them: `origin` first, then the others in git's order. */
export function remoteUrls(configOutput: string): string[] {
  const entries: { name: string; url: string }[] = [];
  for (const line of configOutput.split('\n')) {
    const match = /^remote\.(.+)\.url\s+(.+)$/.exec(line.trim());
    if (match) entries.push({ name: match[1]!, url: match[2]! });
  }
  return [
    ...entries.filter((entry) => entry.name === 'origin'),
    ...entries.filter((entry) => entry.name !== 'origin'),
  ].map((entry) => entry.url);
}

/** Branch and tag names as URLs name them, from `git for-each-ref --format=%(refname)`. */
export function refNames(forEachRefOutput: string): string[] {
  const names = new Set<string>();
  for (const line of forEachRefOutput.split('\n')) {
    const ref = line.trim();
    if (ref.startsWith('refs/heads/')) names.add(ref.slice('refs/heads/'.length));
    else if (ref.startsWith('refs/tags/')) names.add(ref.slice('refs/tags/'.length));
    else if (ref.startsWith('refs/remotes/')) {
      const name = ref.slice('refs/remotes/'.length).split('/').slice(1).join('/');
      if (name !== '' && name !== 'HEAD') names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * The format of the one `git for-each-ref` that reads the refs: whether HEAD is the ref (`*`), its
 * name, and what it points at when it is symbolic (origin/HEAD). Ref names hold no tab
 * (git-check-ref-format forbids control characters). One process instead of three: a start pays
 * for each process it spawns, on its main thread.
 */
export const REF_LISTING_FORMAT = '%(HEAD)%09%(refname)%09%(symref)';

export interface RefListing {
  /** Branch and tag names, as refNames gives them. */
  names: string[];
  /** The branch checked out, if one with a commit is (not a detached HEAD, not a branch with no commit yet). */
  checkedOut?: string;
  /** The branch origin/HEAD points at, if the clone has origin/HEAD. */
  originHead?: string;
}

/** Reads `git for-each-ref --format=REF_LISTING_FORMAT` output. */
export function parseRefListing(output: string): RefListing {
  const refs: string[] = [];
  let checkedOut: string | undefined;
  let originHead: string | undefined;
  for (const line of output.split('\n')) {
    const [head, ref, target] = line.split('\t');
    if (ref === undefined || ref === '') continue;
    refs.push(ref);
    if (head === '*' && ref.startsWith('refs/heads/')) checkedOut = ref.slice('refs/heads/'.length);
    if (ref === 'refs/remotes/origin/HEAD' && target?.startsWith('refs/remotes/origin/'))
      originHead = target.slice('refs/remotes/origin/'.length);
  }
  return {
    names: refNames(refs.join('\n')),
    ...(checkedOut === undefined ? {} : { checkedOut }),
    ...(originHead === undefined ? {} : { originHead }),
  };
}

function sameBase(a: RepositoryUrlBase, b: RepositoryUrlBase): boolean {
  return (
    a.kind === b.kind && a.host === b.host && a.path.toLowerCase() === b.path.toLowerCase() && a.folder === b.folder
  );
}

/**
 * Root-relative paths from `git ls-tree -r -z --full-tree` output (`mode type object\tpath`),
 * symbolic links among them; paths outside the root are left out.
 */
export function pathsFromTree(output: string, rootPrefix: string): RepositoryPaths {
  const files: string[] = [];
  const symlinks: string[] = [];
  for (const record of output.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const topLevel = record.slice(tab + 1);
    if (!topLevel.startsWith(rootPrefix)) continue;
    const file = topLevel.slice(rootPrefix.length);
    files.push(file);
    if (record.startsWith('120000 ')) symlinks.push(file);
  }
  return repositoryPathsFromFiles(files, symlinks);
}

export interface RepositoryUrlsRequest {
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The root folder config's `repositoryUrls`. */
  config: RepositoryUrlsConfig | undefined;
  /** Says, under --debug, why the repository's own URLs are not checked. */
  debug?: (message: string) => void;
  /** Says on stderr that a URL the config gives names no repository (it would silently check nothing). */
  warn?: (message: string) => void;
}

/** The repository's own URLs and a reader of other refs' paths; undefined when no URL is known (said once under --debug). */
export async function repositoryUrlSource({
  root,
  env,
  config,
  debug,
  warn,
}: RepositoryUrlsRequest): Promise<RepositoryUrlSource | undefined> {
  const git = (args: readonly string[]): Promise<string | undefined> => gitOutput(root, env, args);
  // The refs are read only once the repository is known to have URLs of its own (most runs outside
  // a checkout, or in one without a remote, then spawn two processes, not five).
  const [inside, remotes] = await Promise.all([
    git(['rev-parse', '--is-inside-work-tree', '--show-prefix']),
    config?.remotes === false ? Promise.resolve(undefined) : git(['config', '--get-regexp', '^remote\\..*\\.url$']),
  ]);
  const [isCheckout, prefix = ''] = (inside ?? '').split('\n');
  const rootPrefix = isCheckout === 'true' ? prefix.trim() : '';
  const hosts: Record<string, CodeHost> = Object.fromEntries(
    Object.entries(config?.hosts ?? {}).map(([host, kind]) => [host.toLowerCase(), kind]),
  );

  const bases: RepositoryUrlBase[] = [];
  const add = (base: RepositoryUrlBase | undefined): void => {
    if (base && !bases.some((known) => sameBase(known, base))) bases.push(base);
  };
  const unusable: string[] = [];
  for (const remote of remoteUrls(remotes ?? '')) {
    const base = repositoryBaseFromRemote(remote, hosts);
    if (!base) unusable.push(remote);
    add(base);
  }
  for (const entry of config?.urls ?? []) {
    const base =
      typeof entry === 'string'
        ? repositoryBaseFromConfig(entry, undefined, hosts)
        : repositoryBaseFromConfig(entry.url, entry.folder, hosts);
    const url = typeof entry === 'string' ? entry : entry.url;
    if (!base) {
      unusable.push(url);
      warn?.(
        `repositoryUrls: "${url}" names no repository of a known code host (github.com, gitlab.com, bitbucket.org, or one in repositoryUrls.hosts) and no site (give it a folder); its links are not checked as local links.`,
      );
    }
    add(base);
  }
  if (bases.length === 0) {
    const why =
      unusable.length > 0
        ? `no remote or repositoryUrls entry names a known code host (${unusable.join(', ')}; name GitHub Enterprise or GitLab hosts in repositoryUrls.hosts)`
        : 'no git remote and no repositoryUrls in the config';
    debug?.(`links to the repository's own URLs are not checked as local links: ${why}.`);
    return undefined;
  }

  const refs = parseRefListing(
    (await git(['for-each-ref', `--format=${REF_LISTING_FORMAT}`, 'refs/heads', 'refs/remotes', 'refs/tags'])) ?? '',
  );
  const defaultBranch =
    config?.defaultBranch ??
    refs.originHead ??
    refs.checkedOut ??
    // A branch with no commit yet is in no ref listing: only HEAD names it.
    ((await git(['symbolic-ref', '--quiet', '--short', 'HEAD']))?.trim() || undefined);
  if (defaultBranch === undefined)
    debug?.(
      'the default branch is unknown (no origin/HEAD, no branch checked out): set repositoryUrls.defaultBranch so that its URLs are checked against the working tree.',
    );
  const urls: RepositoryUrls = {
    bases,
    ...(defaultBranch === undefined ? {} : { defaultBranch }),
    localRefs: refs.names,
    rootPrefix,
  };

  const trees = new Map<string, Promise<RepositoryPaths | undefined>>();
  const readTree = async (ref: string): Promise<RepositoryPaths | undefined> => {
    // A branch only the remote has is read through its remote-tracking name.
    for (const candidate of [ref, `refs/remotes/origin/${ref}`]) {
      const output = await git(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', `${candidate}^{tree}`]);
      if (output !== undefined) return pathsFromTree(output, rootPrefix);
    }
    return undefined;
  };
  return {
    urls,
    pathsAt(ref) {
      let tree = trees.get(ref);
      if (!tree) {
        tree = readTree(ref);
        trees.set(ref, tree);
      }
      return tree;
    },
  };
}
