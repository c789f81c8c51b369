/**
 * --staged says what it did not check: a link target on disk but not staged is "not staged", not
 * "does not exist"; the untouched files compared count as checked; nothing staged (with or without
 * a path argument) exits 0 and says so on stderr; a path argument that names nothing exits 2.
 * The real rules run here (test/project/staged.test.ts uses stand-ins).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/temp-repo.js';

const CONFIG = 'extends: [recommended]\n';
const NO_CACHE = { env: { AGENTOPS_LINT_NO_CACHE: '1' } };

describe('--staged says what it did not check', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': CONFIG,
      'README.md': '# Home\n\nSee [the guide](docs/guide.md).\n',
      'docs/guide.md': '# Guide\n\nSee [home](../README.md).\n',
      'docs/setup.md': '# Setup\n\nRun it.\n',
      'other/notes.md': '# Notes\n',
    });
    await repo.commit('docs');
  });
  afterEach(() => repo.cleanup());

  it('a link to a file on disk that was never staged says "not staged", a link to nothing "does not exist"', async () => {
    await repo.write({
      'notes.md': '# Notes\n\nSee [draft](./draft.md), [plans](plans/) and [gone](./gone.md).\n',
      'draft.md': '# Draft\n',
      'plans/a.md': '# A\n',
    });
    await repo.git('add', 'notes.md');
    const result = await repo.lint(['--staged'], NO_CACHE);
    expect(result.stdout).toBe(
      [
        'notes.md:3:13  error  Link target "./draft.md" exists in the working tree but is not staged: the commit would link to nothing. Stage it with `git add`.  links',
        'notes.md:3:34  error  Link target "plans/" exists in the working tree but is not staged: the commit would link to nothing. Stage it with `git add`.  links',
        'notes.md:3:53  error  Link target "./gone.md" does not exist.  links',
        '',
        '✖ 3 problems (3 errors, 0 warnings) in 1 file checked',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
  });

  it('counts the untouched files compared as checked: no "problems in 0 files"', async () => {
    await repo.git('rm', '-q', 'docs/guide.md');
    const result = await repo.lint(['--staged', '--format', 'json'], NO_CACHE);
    const report = JSON.parse(result.stdout) as {
      filesChecked: number;
      diagnostics: { file: string; messageId: string }[];
    };
    expect(report.diagnostics.map((d) => `${d.file} ${d.messageId}`)).toEqual(['README.md missing']);
    expect(report.filesChecked).toBe(1);
    expect(result.stderr).toBe(
      'agentops-lint: no staged Markdown file: only what the staged changes break in other files is checked.\n',
    );
    expect(result.exitCode).toBe(1);
  });

  it('nothing staged exits 0 and says so, with and without a path argument', async () => {
    const nothing = {
      exitCode: 0,
      stdout: '✔ 0 files checked, no problems.\n',
      stderr: 'agentops-lint: nothing to lint: nothing is staged.\n',
    };
    expect(await repo.lint(['--staged'], NO_CACHE)).toEqual(nothing);
    expect(await repo.lint(['--staged', 'docs/'], NO_CACHE)).toEqual(nothing);
    expect(await repo.lint(['--staged', 'docs/setup.md'], NO_CACHE)).toEqual(nothing);
    // Something staged elsewhere: the folder named has nothing staged, which is not an error either.
    await repo.write({ 'other/notes.md': '# Notes\n\nMore.\n' });
    await repo.git('add', 'other/notes.md');
    expect(await repo.lint(['--staged', 'docs/'], NO_CACHE)).toEqual({
      exitCode: 0,
      stdout: '✔ 0 files checked, no problems.\n',
      stderr:
        'agentops-lint: no staged Markdown file matches "docs/": only what the staged changes break in other files is checked.\n',
    });
    expect(await repo.lint(['--staged'], NO_CACHE)).toEqual({
      exitCode: 0,
      stdout: '✔ 1 file checked, no problems.\n',
      stderr: '',
    });
  });

  it('a path argument that names nothing, on disk or in the index, is a mistake: exit 2', async () => {
    expect(await repo.lint(['--staged', 'dcos/'], NO_CACHE)).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'agentops-lint: No files matched "dcos/": no such file or folder, in the working tree or the index.\n',
    });
  });
});
