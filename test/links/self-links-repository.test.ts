/**
 * The fixture repository fixtures/rules/links-self, made a git repository at test time (a fixture
 * cannot hold a .git): an `origin` remote in ssh form, origin/HEAD on `main`, a rename git
 * recorded, a local branch `release-1.0` with a page `main` no longer has. Every URL shape of
 * docs/links.md#the-repositorys-own-urls is in its README, each planted problem listed here.
 */
import { cpSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problems, TempRepo } from '../helpers/temp-repo.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/rules/links-self/', import.meta.url));

let repo: TempRepo;

beforeAll(async () => {
  repo = await TempRepo.create();
  cpSync(FIXTURE, repo.dir, { recursive: true });
  // docs/installation.md was docs/setup.md: git records the rename.
  await rename(path.join(repo.dir, 'docs/installation.md'), path.join(repo.dir, 'docs/setup.md'));
  await repo.commit('first');
  await repo.git('mv', 'docs/setup.md', 'docs/installation.md');
  await repo.commit('rename setup to installation');
  await repo.git('checkout', '-q', '-b', 'release-1.0');
  await repo.write({ 'docs/legacy.md': '# Legacy\n' });
  await repo.commit('legacy page');
  await repo.git('checkout', '-q', 'main');
  await repo.git('remote', 'add', 'origin', 'git@github.com:acme/handbook.git');
  await repo.git('update-ref', 'refs/remotes/origin/main', 'main');
  await repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await repo.cleanup();
});

const PLANTED = [
  'README.md:7:25 error links/selfMissing',
  'README.md:9:98 error links/selfMissing',
  'README.md:11:116 error anchors/missing',
  'README.md:13:101 error anchors/lineOutOfRange',
  'README.md:15:102 error links/selfMissing',
  'README.md:19:130 error links/selfMissingAtRef',
  'README.md:25:21 error links/selfWrongCase',
  'README.md:27:13 error links/selfMissing',
  'README.md:29:210 error anchors/missing',
  'README.md:31:18 error links/selfMissing',
];

describe('links into the repository’s own URLs, in a git repository with an origin remote', () => {
  it('reports every planted problem with rule, line and column, and nothing else', async () => {
    const result = await repo.lint(['--format', 'json', '--no-external']);
    expect(problems(result.stdout)).toEqual(PLANTED);
    expect(result.exitCode).toBe(1);
  });

  it('says what is wrong and what it probably meant, in the URL as it should be written', async () => {
    const { diagnostics } = JSON.parse((await repo.lint(['--format', 'json'])).stdout) as {
      diagnostics: { line: number; message: string; suggestion?: string; fix?: unknown }[];
    };
    const at = (line: number) => diagnostics.filter((diagnostic) => diagnostic.line === line);
    expect(at(7)[0]).toMatchObject({
      message:
        'Link "https://github.com/acme/handbook/blob/main/docs/gide.md" is this repository\'s own URL, and "docs/gide.md" does not exist in it.',
      suggestion:
        'did you mean "https://github.com/acme/handbook/blob/main/docs/guide.md"? (the nearest existing path)',
    });
    expect(at(7)[0]!.fix).toBeUndefined();
    expect(at(19)[0]!.message).toBe(
      'Link "https://github.com/acme/handbook/blob/release-1.0/docs/nothing.md" is this repository\'s own URL, and "docs/nothing.md" does not exist at "release-1.0".',
    );
    expect(at(31)[0]).toMatchObject({
      suggestion:
        'did you mean "https://github.com/acme/handbook/blob/main/docs/installation.md"? (git recorded the rename)',
    });
    expect(at(11)[0]).toMatchObject({
      message: 'No heading or anchor "#instal" in "https://github.com/acme/handbook/blob/main/docs/guide.md".',
      suggestion: 'did you mean "#install"?',
    });
  });

  it('fixes what is certain (the rename git recorded, letter case) inside the URL, and nothing else', async () => {
    const before = await repo.read('README.md');
    await repo.lint(['--fix', '--no-external']);
    const after = await repo.read('README.md');
    await repo.write({ 'README.md': before });
    const changed = after.split('\n').filter((line, index) => line !== before.split('\n')[index]);
    expect(changed).toEqual([
      'Wrong case: [guide](https://github.com/acme/handbook/blob/main/docs/guide.md).',
      'Renamed: [setup](https://github.com/acme/handbook/blob/main/docs/installation.md).',
    ]);
  });

  it('rewrites default-branch URLs as relative links when relativeSelfLinks asks for it; other refs stay pinned', async () => {
    const config = await repo.read('.agentops-lint.json');
    await repo.write({
      '.agentops-lint.json': JSON.stringify({ rules: { links: ['error', { relativeSelfLinks: true }] } }),
      'docs/page.md':
        '# Page\n\n[guide](https://github.com/acme/handbook/blob/main/docs/guide.md#install) [docs](https://github.com/acme/handbook/tree/main/docs/) [legacy](https://github.com/acme/handbook/blob/release-1.0/docs/legacy.md)\n',
    });
    try {
      const result = await repo.lint(['--format', 'json', '--no-external', 'docs/page.md']);
      expect(problems(result.stdout)).toEqual([
        'docs/page.md:3:9 error links/selfCouldBeRelative',
        'docs/page.md:3:82 error links/selfCouldBeRelative',
      ]);
      await repo.lint(['--fix', '--no-external', 'docs/page.md']);
      expect(await repo.read('docs/page.md')).toBe(
        '# Page\n\n[guide](guide.md#install) [docs](./) [legacy](https://github.com/acme/handbook/blob/release-1.0/docs/legacy.md)\n',
      );
    } finally {
      await repo.write({ '.agentops-lint.json': config });
      await repo.remove('docs/page.md');
    }
  });

  it('is silent without a remote or config, and says so once under --debug', async () => {
    const bare = await TempRepo.create({
      'README.md': '# Top\n\n[gone](https://github.com/acme/handbook/blob/main/gone.md)\n',
    });
    try {
      await bare.commit('first');
      const quiet = await bare.lint(['--format', 'json', '--no-external']);
      expect(problems(quiet.stdout)).toEqual([]);
      const debug = await bare.lint(['--format', 'json', '--no-external', '--debug']);
      expect(debug.stderr.split('\n').filter((line) => line.includes('own URLs'))).toEqual([
        "agentops-lint: links to the repository's own URLs are not checked as local links: no git remote and no repositoryUrls in the config.",
      ]);
    } finally {
      await bare.cleanup();
    }
  });

  it('warns when a URL the config gives names no repository, instead of checking nothing in silence', async () => {
    const config = await repo.read('.agentops-lint.json');
    await repo.write({
      '.agentops-lint.json': JSON.stringify({
        rules: { links: 'error' },
        repositoryUrls: { urls: ['https://git.example.com/acme/handbook'] },
      }),
    });
    try {
      const result = await repo.lint(['--format', 'json', '--no-external', 'docs/guide.md']);
      expect(result.stderr).toBe(
        'agentops-lint: warning: repositoryUrls: "https://git.example.com/acme/handbook" names no repository of a known code host (github.com, gitlab.com, bitbucket.org, or one in repositoryUrls.hosts) and no site (give it a folder); its links are not checked as local links.\n',
      );
      expect(result.exitCode).toBe(0);
    } finally {
      await repo.write({ '.agentops-lint.json': config });
    }
  });
});
