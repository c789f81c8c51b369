/**
 * Links into the repository's own URLs are local links for every kind of run: a rename breaks them
 * in the same commit (--staged, --changed-since), and a run on one named file reads the files its
 * self-links point into, as it does for relative links.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { problems, TempRepo } from '../helpers/temp-repo.js';

let repo: TempRepo;

beforeEach(async () => {
  repo = await TempRepo.create({
    '.agentops-lint.json': JSON.stringify({ rules: { links: 'error', anchors: 'error' } }),
    'README.md': '# Top\n\nRead the [guide](https://github.com/acme/handbook/blob/main/docs/guide.md#install).\n',
    'docs/guide.md': '# Guide\n\n## Install\n\nThe steps, long enough for git to see the same file after a move.\n',
    'docs/other.md': '# Other\n',
  });
  await repo.commit('first');
  // As `git clone` leaves it: origin/HEAD names the default branch, whatever branch is checked out.
  await repo.git('remote', 'add', 'origin', 'https://github.com/acme/handbook.git');
  await repo.git('update-ref', 'refs/remotes/origin/main', 'main');
  await repo.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterEach(async () => {
  await repo.cleanup();
});

describe('self-links in scoped runs', () => {
  it('--staged: a staged move breaks the untouched file’s self-link, fixed with certainty from the staged rename', async () => {
    await repo.git('mv', 'docs/guide.md', 'docs/manual.md');
    const result = await repo.lint(['--staged', '--format', 'json', '--no-external']);
    expect(problems(result.stdout)).toEqual(['README.md:3:18 error links/selfMissing']);
    const [diagnostic] = (JSON.parse(result.stdout) as { diagnostics: { suggestion: string; fix?: unknown }[] })
      .diagnostics;
    expect(diagnostic!.suggestion).toBe(
      'did you mean "https://github.com/acme/handbook/blob/main/docs/manual.md"? (git recorded the rename)',
    );
    expect(diagnostic!.fix).toBeDefined();
  });

  it('--changed-since: a branch that renames a heading breaks the self-link’s anchor in a file it did not touch', async () => {
    await repo.git('checkout', '-q', '-b', 'topic');
    await repo.write({
      'docs/guide.md':
        '# Guide\n\n## Installing\n\nThe steps, long enough for git to see the same file after a move.\n',
    });
    await repo.commit('rename the heading');
    const result = await repo.lint(['--changed-since', 'main', '--format', 'json', '--no-external']);
    expect(problems(result.stdout)).toEqual(['README.md:3:18 error anchors/missing']);
  });

  it('a run on one named file reads the file its self-link points into', async () => {
    await repo.write({
      'README.md': '# Top\n\nRead the [guide](https://github.com/acme/handbook/blob/main/docs/guide.md#gone).\n',
    });
    const result = await repo.lint(['README.md', '--format', 'json', '--no-external']);
    expect(problems(result.stdout)).toEqual(['README.md:3:18 error anchors/missing']);
  });
});
