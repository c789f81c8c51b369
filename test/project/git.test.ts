import path from 'node:path';
import { symlink } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { GitRepository } from '../../src/project/git.js';
import { TempRepo } from '../helpers/temp-repo.js';

describe('GitRepository', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await TempRepo.create({
      'docs/guide.md': '# Guide\n',
      'docs/día uno.md': '# Día\n',
      'docs/old.md': '# Old\n',
      'other/moved.md': '# Moved\n',
      'top.md': '# Top\n',
    });
    await repo.commit('start');
  });
  afterEach(() => repo.cleanup());

  it('reports changes since a commit in root-relative paths, leaving out what is outside the root', async () => {
    const base = (await repo.git('rev-parse', 'HEAD')).trim();
    await repo.write({ 'docs/guide.md': '# Guide\n\nMore.\n', 'top.md': '# Top\n\nChanged outside the root.\n' });
    await repo.git('mv', 'docs/old.md', 'docs/renamed.md');
    await repo.git('mv', 'other/moved.md', 'docs/moved-in.md');
    await repo.git('mv', 'docs/día uno.md', 'moved-out.md');
    await repo.write({ 'docs/new file.md': '# New\n' });
    const git = await GitRepository.open(path.join(repo.dir, 'docs'), repo.env, '--test');
    const changes = await git.changesSince(base);
    expect(
      changes.map(({ status, path: file, oldPath }) => ({ status, path: file, ...(oldPath ? { oldPath } : {}) })),
    ).toEqual([
      { status: 'modified', path: 'guide.md' },
      { status: 'added', path: 'moved-in.md' },
      { status: 'renamed', path: 'renamed.md', oldPath: 'old.md' },
      // Git sorts by bytes: "í" (0xC3 0xAD) after "r". Moved out of the root, so deleted from its view.
      { status: 'deleted', path: 'día uno.md' },
    ]);
    for (const change of changes) if (change.status !== 'added') expect(change.oldObject).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.untrackedFiles()).toEqual(['new file.md']);
  });

  it('lists the index with modes and reads blobs byte for byte', async () => {
    await repo.write({ 'docs/guide.md': '# Guide\n\nstaged\r\nwith CRLF and \u0000 a NUL\n' });
    await repo.git('add', 'docs/guide.md');
    await symlink('guide.md', path.join(repo.dir, 'docs/link.md'));
    await repo.write({ 'docs/empty.md': '' });
    await repo.git('add', 'docs/link.md', 'docs/empty.md');
    const git = await GitRepository.open(path.join(repo.dir, 'docs'), repo.env, '--test');
    const entries = await git.indexEntries();
    expect(entries.map((entry) => `${entry.mode} ${entry.path}`)).toEqual([
      '100644 día uno.md',
      '100644 empty.md',
      '100644 guide.md',
      '120000 link.md',
      '100644 old.md',
    ]);
    const blobs = await git.readBlobs(entries.map((entry) => entry.object));
    const text = (file: string) => blobs.get(entries.find((entry) => entry.path === file)!.object)!.toString('utf8');
    expect(text('guide.md')).toBe('# Guide\n\nstaged\r\nwith CRLF and \u0000 a NUL\n');
    expect(text('empty.md')).toBe('');
    expect(text('link.md')).toBe('guide.md');
    expect(text('día uno.md')).toBe('# Día\n');
    const staged = await git.stagedChanges();
    expect(staged.map((change) => `${change.status} ${change.path}`)).toEqual([
      'added empty.md',
      'modified guide.md',
      'added link.md',
    ]);
  });

  it('finds the merge base of a branch, and explains a missing one', async () => {
    const base = (await repo.git('rev-parse', 'HEAD')).trim();
    await repo.git('checkout', '-q', '-b', 'feature');
    await repo.write({ 'top.md': '# Top v2\n' });
    await repo.commit('feature work');
    await repo.git('checkout', '-q', '--orphan', 'unrelated');
    await repo.commit('unrelated history');
    await repo.git('checkout', '-q', 'feature');
    const git = await GitRepository.open(repo.dir, repo.env, '--changed-since');
    expect(await git.mergeBase('main', '--changed-since')).toBe(base);
    await expect(git.mergeBase('unrelated', '--changed-since')).rejects.toThrow(
      new UsageError(
        '--changed-since: "unrelated" and HEAD have no common ancestor in this clone. A shallow clone hides it: fetch more history (in GitHub Actions, check out with `fetch-depth: 0`).',
      ),
    );
    await expect(git.mergeBase('--output=x', '--changed-since')).rejects.toThrow(
      /git does not know the commit "--output=x"/,
    );
  });
});
