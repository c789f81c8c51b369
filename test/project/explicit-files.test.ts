import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

describe('explicit files: problems of those files only, checked against the whole repository', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': `${STAND_IN_CONFIG}ignore: ["_archived/**"]\n`,
      'README.md':
        '# Handbook\n\nSee [setup](docs/setup.md#install) and [the guide](docs/guide.md).\n\nOld notes: [kept](_archived/old.md#kept).\n',
      'docs/setup.md': '# Setup\n\n## Install\n\nRun it.\n',
      'docs/guide.md': '# Guide\n\nBack to [the handbook](../README.md).\n\n[missing](nowhere.md)\n',
      'notes/guide-copy.md': '# Guide\n\nLinked from nowhere, but it shares a title.\n',
      '_archived/old.md': '# Old\n\n## Kept\n\n[broken](gone.md)\n',
    });
    await repo.commit('docs');
  });
  afterAll(() => repo.cleanup());

  it('reports only the named file, with a cross-file problem found in a file nothing links to', async () => {
    const result = await repo.lint(['--format', 'json', 'docs/guide.md']);
    expect(problems(result.stdout)).toEqual([
      'docs/guide.md:1:1 error test-unique-titles/duplicate',
      'docs/guide.md:5:1 error test-link-targets/missingFile',
    ]);
    expect(JSON.parse(result.stdout).filesChecked).toBe(1);
    expect(result.exitCode).toBe(1);
  });

  it('gives each file exactly the problems a whole-repository run gives it', async () => {
    const whole = problems((await repo.lint(['--format', 'json'])).stdout);
    expect(whole).toEqual([
      'docs/guide.md:1:1 error test-unique-titles/duplicate',
      'docs/guide.md:5:1 error test-link-targets/missingFile',
      'notes/guide-copy.md:1:1 error test-unique-titles/duplicate',
    ]);
    for (const file of ['README.md', 'docs/setup.md', 'docs/guide.md', 'notes/guide-copy.md']) {
      const alone = problems((await repo.lint(['--format', 'json', file])).stdout);
      expect(alone, file).toEqual(whole.filter((line) => line.startsWith(`${file}:`)));
    }
  });

  it('checks a link into a file that is not named against that file as it is on disk', async () => {
    await repo.write({ 'docs/setup.md': '# Setup\n\n## Installation\n\nRun it.\n' });
    try {
      const result = await repo.lint(['--format', 'json', 'README.md']);
      expect(problems(result.stdout)).toEqual(['README.md:3:5 error test-link-targets/missingAnchor']);
      expect(JSON.parse(result.stdout).diagnostics[0].message).toBe('No heading "#install" in "docs/setup.md".');
      expect(result.exitCode).toBe(1);
    } finally {
      await repo.write({ 'docs/setup.md': '# Setup\n\n## Install\n\nRun it.\n' });
    }
  });

  it('resolves links into ignored files without linting them', async () => {
    const result = await repo.lint(['--format', 'json', 'README.md', '_archived/old.md']);
    expect(problems(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('takes paths relative to the working folder', async () => {
    const result = await repo.lint(['--format', 'json', 'guide.md'], { subfolder: 'docs' });
    expect(problems(result.stdout)).toEqual([
      'docs/guide.md:1:1 error test-unique-titles/duplicate',
      'docs/guide.md:5:1 error test-link-targets/missingFile',
    ]);
  });
});
