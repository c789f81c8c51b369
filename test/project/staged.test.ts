import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

describe('--staged: the commit about to be made', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': STAND_IN_CONFIG,
      'README.md': '# Home\n\nSee [the guide](guide.md#usage).\n\nAn old mistake: [x](never-existed.md).\n',
      'guide.md': '# Guide\n\n## Usage\n\nRun it.\n',
    });
    await repo.commit('docs');
  });
  afterEach(() => repo.cleanup());

  it('lints the staged version of a file, not the one saved after staging', async () => {
    await repo.write({ 'notes.md': '# Notes\n\n[x](missing.md)\n' });
    await repo.git('add', 'notes.md');
    await repo.write({ 'notes.md': '# Notes\n\nFixed on disk, not staged.\n\n[x](guide.md)\n' });

    const staged = await repo.lint(['--staged', '--format', 'json']);
    expect(problems(staged.stdout)).toEqual(['notes.md:3:1 error test-link-targets/missingFile']);
    expect(staged.exitCode).toBe(1);

    const onDisk = await repo.lint(['--format', 'json', 'notes.md']);
    expect(problems(onDisk.stdout)).toEqual([]);
    expect(onDisk.exitCode).toBe(0);
  });

  it('passes a clean staged version even when the working tree is broken', async () => {
    await repo.write({ 'guide.md': '# Guide\n\n## Usage\n\nRun it. See [setup](setup.md).\n' });
    await repo.git('add', 'guide.md');
    await repo.write({ 'guide.md': '# Guide\n\n## Usage\n\n[broken](nowhere.md)\n', 'setup.md': '# Setup\n' });
    await repo.git('add', 'setup.md');
    const result = await repo.lint(['--staged', '--format', 'json']);
    expect(problems(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('resolves links against the index: a file on disk that was never added does not exist', async () => {
    await repo.write({ 'notes.md': '# Notes\n\nSee [draft](draft.md).\n', 'draft.md': '# Draft\n' });
    await repo.git('add', 'notes.md');
    const result = await repo.lint(['--staged', '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['notes.md:3:5 error test-link-targets/missingFile']);
    expect(result.exitCode).toBe(1);
  });

  it('sees headings as staged, not as saved afterwards', async () => {
    await repo.write({ 'guide.md': '# Guide\n\n## How to use it\n\nRun it.\n' });
    await repo.git('add', 'guide.md');
    await repo.write({ 'guide.md': '# Guide\n\n## Usage\n\nRun it.\n' });
    const result = await repo.lint(['--staged', '--format', 'json']);
    // README.md is not staged, but the staged heading rename breaks its link.
    expect(problems(result.stdout)).toEqual(['README.md:3:5 error test-link-targets/missingAnchor']);
    expect(result.exitCode).toBe(1);
  });

  it('fails a staged deletion at the line of the untouched file that links to it, not on old problems', async () => {
    await repo.git('rm', '-q', 'guide.md');
    const result = await repo.lint(['--staged', '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['README.md:3:5 error test-link-targets/missingFile']);
    // No staged file is left to lint; README.md, compared with HEAD, was checked.
    expect(JSON.parse(result.stdout).filesChecked).toBe(1);
    expect(result.exitCode).toBe(1);
  });

  it('fails a staged rename of a linked file', async () => {
    await repo.git('mv', 'guide.md', 'manual.md');
    const result = await repo.lint(['--staged', '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['README.md:3:5 error test-link-targets/missingFile']);
    expect(result.exitCode).toBe(1);
  });

  it('checks only the staged files among the path arguments', async () => {
    await repo.write({ 'a.md': '# A\n\n[x](gone.md)\n', 'b.md': '# B\n\n[y](gone.md)\n' });
    await repo.git('add', 'a.md', 'b.md');
    const result = await repo.lint(['--staged', '--format', 'json', 'b.md', 'guide.md']);
    expect(problems(result.stdout)).toEqual(['b.md:3:1 error test-link-targets/missingFile']);
    expect(result.exitCode).toBe(1);
    const globbed = await repo.lint(['--staged', '--format', 'json', 'a*.md']);
    expect(problems(globbed.stdout)).toEqual(['a.md:3:1 error test-link-targets/missingFile']);
    const unmatched = await repo.lint(['--staged', 'guide.md']);
    // guide.md is not staged: nothing to check there is not an error (docs/ci-and-hooks.md), but it is said.
    expect(unmatched).toEqual({
      exitCode: 0,
      stdout: '✔ 1 file checked, no problems.\n',
      stderr:
        'agentops-lint: no staged Markdown file matches "guide.md": only what the staged changes break in other files is checked.\n',
    });
  });

  it('passes with nothing staged', async () => {
    const result = await repo.lint(['--staged']);
    expect(result).toEqual({
      exitCode: 0,
      stdout: '✔ 0 files checked, no problems.\n',
      stderr: 'agentops-lint: nothing to lint: nothing is staged.\n',
    });
  });

  it('works before the first commit', async () => {
    const fresh = await TempRepo.create({ 'agentops-lint.config.yaml': STAND_IN_CONFIG, 'a.md': '# A\n\n[b](b.md)\n' });
    try {
      await fresh.git('add', '-A');
      const result = await fresh.lint(['--staged', '--format', 'json']);
      expect(problems(result.stdout)).toEqual(['a.md:3:1 error test-link-targets/missingFile']);
      expect(result.exitCode).toBe(1);
    } finally {
      await fresh.cleanup();
    }
  });

  it('refuses --fix, and a folder that is not a git repository', async () => {
    const fix = await repo.lint(['--staged', '--fix']);
    expect(fix.stderr).toBe(
      'agentops-lint: --fix cannot be combined with --staged: fixes go to the working tree, not the index. Run `agentops-lint --fix` on the files, then stage them.\n',
    );
    expect(fix.exitCode).toBe(2);
    await repo.write({ '../plain/a.md': '# A\n' });
    const outside = await repo.lint(['--staged'], { subfolder: '../plain' });
    expect(outside.stderr).toMatch(
      /^agentops-lint: --staged needs a git working tree, and \/.*\/plain is not inside one\.\n$/,
    );
    expect(outside.exitCode).toBe(2);
  });
});
