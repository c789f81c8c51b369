import { describe, expect, it } from 'vitest';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import {
  destinationPathTo,
  encodeDestinationPath,
  folderReadme,
  parseLineAnchor,
  resolveLinkTarget,
  splitDestination,
} from '../../src/links/resolve.js';

describe('resolveLinkTarget', () => {
  it.each([
    ['docs/guide.md', 'other.md', { path: 'docs/other.md', escapesRoot: false }],
    ['docs/guide.md', './other.md', { path: 'docs/other.md', escapesRoot: false }],
    ['docs/guide.md', '../README.md', { path: 'README.md', escapesRoot: false }],
    ['docs/guide.md', '/README.md', { path: 'README.md', escapesRoot: false }],
    ['docs/guide.md', '/', { path: '', escapesRoot: false }],
    ['docs/guide.md', '../', { path: '', escapesRoot: false }],
    ['docs/guide.md', 'sub/', { path: 'docs/sub', escapesRoot: false }],
    ['docs/guide.md', 'my%20file.md', { path: 'docs/my file.md', escapesRoot: false }],
    ['docs/guide.md', 'a.md?plain=1#L3', { path: 'docs/a.md', fragment: 'L3', escapesRoot: false }],
    ['docs/guide.md', '#%E4%BD%A0%E5%A5%BD', { path: 'docs/guide.md', fragment: '你好', escapesRoot: false }],
    ['docs/guide.md', '?plain=1', { path: 'docs/guide.md', escapesRoot: false }],
    ['docs/guide.md', '../../outside.md', { path: '../outside.md', escapesRoot: true }],
    ['README.md', '100%.md', { path: '100%.md', escapesRoot: false }],
  ])('%s → %s', (from, url, expected) => {
    expect(resolveLinkTarget(from, url)).toEqual(expected);
  });

  it.each(['https://example.com/x.md', 'mailto:a@b.c', '//cdn.example.com/x.png', 'data:image/png;base64,AAAA'])(
    '%s is external',
    (url) => {
      expect(resolveLinkTarget('README.md', url)).toBeUndefined();
    },
  );
});

describe('splitDestination', () => {
  it('keeps the marks of query and fragment', () => {
    expect(splitDestination('a/b.md?x=1#frag?no')).toEqual({ path: 'a/b.md', query: '?x=1', fragment: '#frag?no' });
  });
});

describe('parseLineAnchor', () => {
  it.each([
    ['L10', { startLine: 10, endLine: 10 }],
    ['L10-L20', { startLine: 10, endLine: 20 }],
    ['L10C2-L12C5', { startLine: 10, endLine: 12 }],
    ['L3C4', { startLine: 3, endLine: 3 }],
  ])('%s', (fragment, expected) => expect(parseLineAnchor(fragment)).toEqual(expected));
  it.each(['l10', 'L', 'L10-', 'line-10', 'L10-20'])('%s is not a line anchor', (fragment) =>
    expect(parseLineAnchor(fragment)).toBeUndefined(),
  );
});

describe('folderReadme', () => {
  const paths = repositoryPathsFromFiles([
    'docs/readme.md',
    'guide/README.txt',
    'guide/Readme.markdown',
    'api/index.md',
    '.github/README.md',
    'README.md',
  ]);
  it('finds the README of a folder in any case, Markdown first', () => {
    expect(folderReadme(paths, 'docs')).toBe('docs/readme.md');
    expect(folderReadme(paths, 'guide')).toBe('guide/Readme.markdown');
    expect(folderReadme(paths, 'api')).toBeUndefined();
  });
  it('looks in .github/ first for the root, as GitHub does', () => {
    expect(folderReadme(paths, '')).toBe('.github/README.md');
    expect(folderReadme(repositoryPathsFromFiles(['docs/README.md']), '')).toBe('docs/README.md');
  });
});

describe('destinationPathTo and encodeDestinationPath', () => {
  it('keeps the style of the original path', () => {
    expect(destinationPathTo('docs/a.md', 'guides/b.md', '../old/b.md')).toBe('../guides/b.md');
    expect(destinationPathTo('docs/a.md', 'docs/b.md', './old.md')).toBe('./b.md');
    expect(destinationPathTo('docs/a.md', 'guides/b.md', '/old/b.md')).toBe('/guides/b.md');
  });
  it('encodes what a bare destination cannot hold', () => {
    expect(encodeDestinationPath('my file (v2).md')).toBe('my%20file%20%282%29.md'.replace('%282%29', '%28v2%29'));
    expect(encodeDestinationPath('my file.md', true)).toBe('my file.md');
  });
});
