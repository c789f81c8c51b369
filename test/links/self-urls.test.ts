import { describe, expect, it } from 'vitest';
import type { RepositoryUrls } from '../../src/core/facts.js';
import { parseSelfUrl, repositoryBaseFromConfig, repositoryBaseFromRemote } from '../../src/links/self-urls.js';
import { parseRefListing, pathsFromTree, refNames, remoteUrls } from '../../src/project/repository-urls.js';

describe('repositoryBaseFromRemote', () => {
  it('reads https, ssh, scp-like and git:// remotes of the known hosts', () => {
    const github = { kind: 'github', host: 'github.com', path: 'kubernetes/community' };
    expect(repositoryBaseFromRemote('https://github.com/kubernetes/community.git')).toEqual(github);
    expect(repositoryBaseFromRemote('https://github.com/kubernetes/community/')).toEqual(github);
    expect(repositoryBaseFromRemote('https://user:token@github.com/kubernetes/community')).toEqual(github);
    expect(repositoryBaseFromRemote('git@github.com:kubernetes/community.git')).toEqual(github);
    expect(repositoryBaseFromRemote('ssh://git@github.com:22/kubernetes/community.git')).toEqual(github);
    expect(repositoryBaseFromRemote('git://github.com/kubernetes/community')).toEqual(github);
    expect(repositoryBaseFromRemote('https://gitlab.com/group/subgroup/project.git')).toEqual({
      kind: 'gitlab',
      host: 'gitlab.com',
      path: 'group/subgroup/project',
    });
    expect(repositoryBaseFromRemote('git@bitbucket.org:team/repo.git')).toEqual({
      kind: 'bitbucket',
      host: 'bitbucket.org',
      path: 'team/repo',
    });
  });

  it('knows other hosts only from the config, and never reads a local path as a host', () => {
    expect(repositoryBaseFromRemote('git@github.example.com:docs/handbook.git')).toBeUndefined();
    expect(
      repositoryBaseFromRemote('git@github.example.com:docs/handbook.git', { 'github.example.com': 'github' }),
    ).toEqual({ kind: 'github', host: 'github.example.com', path: 'docs/handbook' });
    expect(repositoryBaseFromRemote('/srv/git/handbook.git')).toBeUndefined();
    expect(repositoryBaseFromRemote('C:\\repos\\handbook')).toBeUndefined();
    expect(repositoryBaseFromRemote('https://github.com/only-an-owner')).toBeUndefined();
  });

  it('reads a site entry of the config as a base path mapped to a folder', () => {
    expect(repositoryBaseFromConfig('https://Docs.Example.com/handbook/', 'docs')).toEqual({
      kind: 'site',
      host: 'docs.example.com',
      path: 'handbook',
      folder: 'docs',
    });
  });
});

describe('git output', () => {
  it('puts origin first among the remotes', () => {
    expect(
      remoteUrls('remote.upstream.url https://github.com/a/b.git\nremote.origin.url git@github.com:c/d.git\n'),
    ).toEqual(['git@github.com:c/d.git', 'https://github.com/a/b.git']);
  });

  it('reads the checked-out branch and origin/HEAD from the one ref listing', () => {
    expect(
      parseRefListing(
        ' \trefs/heads/feature/x\t\n*\trefs/heads/main\t\n \trefs/remotes/origin/HEAD\trefs/remotes/origin/trunk\n \trefs/remotes/origin/trunk\t\n \trefs/tags/v1.0\t\n',
      ),
    ).toEqual({ names: ['feature/x', 'main', 'trunk', 'v1.0'], checkedOut: 'main', originHead: 'trunk' });
    // A detached HEAD marks no branch; a clone without origin/HEAD has none to give.
    expect(parseRefListing(' \trefs/heads/main\t\n')).toEqual({ names: ['main'] });
    expect(parseRefListing('')).toEqual({ names: [] });
  });

  it('names branches and tags as URLs do, remote-tracking ones without the remote', () => {
    expect(
      refNames(
        'refs/heads/main\nrefs/heads/feature/x\nrefs/remotes/origin/HEAD\nrefs/remotes/origin/release-1.0\nrefs/tags/v1.0\n',
      ),
    ).toEqual(['feature/x', 'main', 'release-1.0', 'v1.0']);
  });

  it('reads a tree listing relative to the lint root, symbolic links marked', () => {
    const paths = pathsFromTree(
      ['100644 blob 1\tdocs/a.md', '120000 blob 2\tdocs/link', '100644 blob 3\tREADME.md', ''].join('\u0000'),
      'docs/',
    );
    expect([...paths.files].sort()).toEqual(['a.md', 'link']);
    expect([...paths.symlinks]).toEqual(['link']);
  });
});

const urls: RepositoryUrls = {
  bases: [
    { kind: 'github', host: 'github.com', path: 'acme/handbook' },
    { kind: 'gitlab', host: 'gitlab.com', path: 'acme/sub/handbook' },
    { kind: 'bitbucket', host: 'bitbucket.org', path: 'acme/handbook' },
    { kind: 'site', host: 'docs.acme.dev', path: 'handbook', folder: 'docs' },
  ],
  defaultBranch: 'main',
  localRefs: ['main', 'release/1.0', 'v2.0'],
  rootPrefix: '',
};

function shape(url: string): unknown {
  const parsed = parseSelfUrl(url, urls);
  return (
    parsed && {
      view: parsed.view,
      ref: parsed.ref,
      path: parsed.path,
      fragment: parsed.fragment,
      slash: parsed.trailingSlash,
      written: url.slice(parsed.pathStart, parsed.pathEnd),
    }
  );
}

describe('parseSelfUrl', () => {
  it('reads every view of the default branch, decoded, with fragment and trailing slash', () => {
    expect(shape('https://github.com/acme/handbook/blob/main/docs/my%20notes.md#set-up')).toEqual({
      view: 'blob',
      ref: { kind: 'default' },
      path: 'docs/my notes.md',
      fragment: 'set-up',
      slash: false,
      written: 'docs/my%20notes.md',
    });
    expect(shape('https://github.com/Acme/Handbook/tree/main/docs/')).toEqual({
      view: 'tree',
      ref: { kind: 'default' },
      path: 'docs',
      fragment: undefined,
      slash: true,
      written: 'docs/',
    });
    for (const view of ['raw', 'edit', 'blame'])
      expect(shape(`https://github.com/acme/handbook/${view}/main/a.md`)).toMatchObject({ view, path: 'a.md' });
    expect(shape('https://raw.githubusercontent.com/acme/handbook/main/images/logo.png')).toMatchObject({
      view: 'raw',
      ref: { kind: 'default' },
      path: 'images/logo.png',
    });
    expect(shape('https://raw.githubusercontent.com/acme/handbook/refs/heads/main/a.md')).toMatchObject({
      view: 'raw',
      ref: { kind: 'default' },
      path: 'a.md',
    });
    expect(shape('https://github.com/acme/handbook/blob/HEAD/a.md?plain=1#L3')).toMatchObject({
      view: 'blob',
      ref: { kind: 'default' },
      path: 'a.md',
      fragment: 'L3',
      written: 'a.md',
    });
    expect(shape('https://www.github.com/acme/handbook#readme')).toMatchObject({
      view: 'root',
      path: '',
      fragment: 'readme',
    });
  });

  it('tells other refs by the longest name git has, commit ids by their shape, and unknown names apart', () => {
    expect(shape('https://github.com/acme/handbook/blob/release/1.0/docs/a.md')).toMatchObject({
      ref: { kind: 'ref', name: 'release/1.0' },
      path: 'docs/a.md',
    });
    expect(shape('https://github.com/acme/handbook/tree/v2.0/docs')).toMatchObject({
      ref: { kind: 'ref', name: 'v2.0' },
      path: 'docs',
    });
    expect(shape('https://github.com/acme/handbook/blob/0123abc/docs/a.md')).toMatchObject({
      ref: { kind: 'ref', name: '0123abc' },
    });
    expect(shape('https://github.com/acme/handbook/blob/gone-branch/docs/a.md')).toMatchObject({
      ref: { kind: 'unknown', name: 'gone-branch' },
    });
  });

  it('reads GitLab, Bitbucket and site URLs', () => {
    expect(shape('https://gitlab.com/acme/sub/handbook/-/blob/main/a.md')).toMatchObject({
      view: 'blob',
      path: 'a.md',
    });
    expect(shape('https://gitlab.com/acme/sub/handbook/tree/main/docs')).toMatchObject({ view: 'tree', path: 'docs' });
    expect(shape('https://bitbucket.org/acme/handbook/src/main/a.md')).toMatchObject({ view: 'src', path: 'a.md' });
    expect(shape('https://docs.acme.dev/handbook/guide/setup.md#install')).toMatchObject({
      view: 'site',
      ref: { kind: 'default' },
      path: 'docs/guide/setup.md',
      fragment: 'install',
    });
  });

  it('leaves other repositories, the repository’s other pages and paths above the top alone', () => {
    expect(shape('https://github.com/acme/other/blob/main/a.md')).toBeUndefined();
    expect(shape('https://github.com/acme/handbook-extra/blob/main/a.md')).toBeUndefined();
    expect(shape('https://github.com/acme/handbook/issues/12')).toBeUndefined();
    expect(shape('https://github.com/acme/handbook/pulls')).toBeUndefined();
    expect(shape('https://github.com/acme/handbook/blob/main/../../x.md')).toBeUndefined();
    expect(shape('https://example.com/acme/handbook/blob/main/a.md')).toBeUndefined();
  });

  it('maps a path inside the lint root’s folder and leaves the rest of the repository alone', () => {
    const inDocs = { ...urls, rootPrefix: 'docs/' };
    expect(parseSelfUrl('https://github.com/acme/handbook/blob/main/docs/a.md', inDocs)?.path).toBe('a.md');
    expect(parseSelfUrl('https://github.com/acme/handbook/tree/main/docs', inDocs)?.path).toBe('');
    expect(parseSelfUrl('https://github.com/acme/handbook/blob/main/README.md', inDocs)).toBeUndefined();
  });
});
