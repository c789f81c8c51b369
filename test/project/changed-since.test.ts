import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

describe('--changed-since: the pull-request gate', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': STAND_IN_CONFIG,
      'README.md':
        '# Handbook\n\n- [Setup](setup.md#install)\n- [Guide](guide.md)\n- [FAQ](faq.md#questions)\n\nAn old mistake: [x](never.md).\n',
      'setup.md': '# Setup\n\n## Install\n\nRun it.\n',
      'guide.md': '# Guide\n\nText.\n',
      'faq.md': '# FAQ\n\n## Questions\n',
      'docs/other.md': '# Other\n\nSee [the guide](../guide.md).\n',
    });
    await repo.commit('docs');
    await repo.git('checkout', '-q', '-b', 'feature');
  });
  afterEach(() => repo.cleanup());

  it('fails on what a branch breaks in files it never touched, at the linking lines, and not on old problems', async () => {
    await repo.remove('guide.md');
    await repo.write({
      'setup.md': '# Setup\n\n## Installation\n\nRun it.\n',
      'new.md': '# New\n\n[broken](nowhere.md)\n',
    });
    await repo.commit('delete the guide, rename a heading, add a page');
    await repo.git('mv', 'faq.md', 'questions.md');
    await repo.commit('rename the FAQ');
    // main moves on after the branch point: the merge base, not main's tip, is the reference.
    await repo.git('checkout', '-q', 'main');
    await repo.write({ 'late.md': '# Late\n\n[x](also-missing.md)\n' });
    await repo.commit('unrelated work on main');
    await repo.git('checkout', '-q', 'feature');

    const result = await repo.lint(['--changed-since', 'main', '--format', 'json']);
    expect(problems(result.stdout)).toEqual([
      'README.md:3:3 error test-link-targets/missingAnchor',
      'README.md:4:3 error test-link-targets/missingFile',
      'README.md:5:3 error test-link-targets/missingFile',
      'docs/other.md:3:5 error test-link-targets/missingFile',
      'new.md:3:1 error test-link-targets/missingFile',
    ]);
    // The 3 changed files, and the 2 untouched ones compared with the merge base.
    expect(JSON.parse(result.stdout).filesChecked).toBe(5);
    expect(result.exitCode).toBe(1);
  });

  it('passes a change that breaks nothing, whatever old problems there are', async () => {
    await repo.write({ 'setup.md': '# Setup\n\n## Install\n\nRun it twice.\n' });
    await repo.commit('reword');
    const result = await repo.lint(['--changed-since', 'main']);
    // setup.md, and the 4 untouched files that can link to it, compared with the merge base.
    expect(result.stdout).toBe('✔ 5 files checked, no problems.\n');
    expect(result.exitCode).toBe(0);
  });

  it('reports every problem of a changed file, old ones included', async () => {
    await repo.write({
      'README.md':
        '# Handbook\n\n- [Setup](setup.md#install)\n- [Guide](guide.md)\n- [FAQ](faq.md#questions)\n\nAn old mistake: [x](never.md).\n\nNew line.\n',
    });
    await repo.commit('touch the README');
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['README.md:7:17 error test-link-targets/missingFile']);
    expect(result.exitCode).toBe(1);
  });

  it('counts uncommitted and untracked changes', async () => {
    await repo.write({ 'faq.md': '# FAQ\n\n## Answers\n', 'draft.md': '# Draft\n\n[x](missing.md)\n' });
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json']);
    expect(problems(result.stdout)).toEqual([
      'README.md:5:3 error test-link-targets/missingAnchor',
      'draft.md:3:1 error test-link-targets/missingFile',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('treats every file as changed when the config changes', async () => {
    await repo.write({ 'agentops-lint.config.yaml': `${STAND_IN_CONFIG}# tightened\n` });
    await repo.commit('config');
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['README.md:7:17 error test-link-targets/missingFile']);
    expect(JSON.parse(result.stdout).filesChecked).toBe(5);
  });

  it('treats every file as changed when the config file is deleted', async () => {
    await repo.remove('agentops-lint.config.yaml');
    await repo.commit('back to the defaults');
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json']);
    expect(JSON.parse(result.stdout).filesChecked).toBe(5);
  });

  it('limits the report to the path arguments', async () => {
    await repo.remove('guide.md');
    await repo.commit('delete the guide');
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json', 'docs']);
    expect(problems(result.stdout)).toEqual(['docs/other.md:3:5 error test-link-targets/missingFile']);
  });

  it('explains an unknown reference', async () => {
    const result = await repo.lint(['--changed-since', 'origin/main']);
    expect(result.stderr).toBe(
      'agentops-lint: --changed-since: git does not know the commit "origin/main". Fetch it first (for example `git fetch origin main`; in GitHub Actions check out with `fetch-depth: 0`).\n',
    );
    expect(result.exitCode).toBe(2);
  });

  it('refuses to be combined with --staged', async () => {
    const result = await repo.lint(['--changed-since', 'main', '--staged']);
    expect(result.stderr).toBe(
      'agentops-lint: --staged and --changed-since cannot be combined: one lints the next commit, the other a branch.\n',
    );
    expect(result.exitCode).toBe(2);
  });
});
