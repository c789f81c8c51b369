import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRenames, parseRenameRecords } from '../../src/project/git-renames.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'agentops-lint-renames-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): void {
  execFileSync(
    'git',
    ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args],
    { cwd, stdio: 'pipe' },
  );
}

describe('parseRenameRecords', () => {
  it('reads NUL-separated rename records and ignores anything else', () => {
    expect(parseRenameRecords('R100\0docs/a.md\0docs/b.md\0R087\0x y.md\0z.md\0')).toEqual([
      ['docs/a.md', 'docs/b.md'],
      ['x y.md', 'z.md'],
    ]);
    expect(parseRenameRecords('')).toEqual([]);
  });
});

describe('gitRenames', () => {
  it('returns committed (chained, newest first) and staged renames', async () => {
    const root = path.join(scratch, 'repo');
    mkdirSync(path.join(root, 'docs'), { recursive: true });
    git(root, 'init', '-q');
    writeFileSync(path.join(root, 'docs/a.md'), '# A\n\nEnough text for git to see the same file.\n');
    writeFileSync(path.join(root, 'b.md'), '# B\n\nAnother file with enough text to be tracked.\n');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'one');
    git(root, 'mv', 'docs/a.md', 'docs/alpha.md');
    git(root, 'commit', '-qm', 'two');
    git(root, 'mv', 'docs/alpha.md', 'guide.md');
    git(root, 'commit', '-qm', 'three');
    git(root, 'mv', 'b.md', 'docs/b c.md');
    const renames = await gitRenames(root);
    expect(Object.fromEntries(renames)).toEqual({
      'docs/a.md': 'docs/alpha.md',
      'docs/alpha.md': 'guide.md',
      'b.md': 'docs/b c.md',
    });
  });

  it('is empty outside a git checkout', async () => {
    const plain = path.join(scratch, 'plain');
    mkdirSync(plain);
    expect((await gitRenames(plain)).size).toBe(0);
  });
});
