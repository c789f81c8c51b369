/**
 * This repository as an install from git gets it: the files of a clone of the committed HEAD plus
 * the uncommitted work (tracked files as they are in the working tree, untracked files that are
 * not ignored), committed into a new repository of their own. The install tests point pre-commit
 * (`repo:` + `rev:`), npm (`git+file://`) and the GitHub Action at it, so they test the change
 * under test the same way in CI's fresh clone and locally, and never see node_modules/ or dist/.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface PackageCheckout {
  /** The repository's folder. */
  dir: string;
  /** Its one commit (what a `rev:` pins). */
  commit: string;
}

/** git with no user or system config, and an identity for commits. */
export function isolatedGitEnv(home: string): Record<string, string> {
  return {
    PATH: pathWithoutPackageTools(),
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_CEILING_DIRECTORIES: path.dirname(home),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
}

/**
 * PATH without any node_modules/.bin (npm puts this repository's on it for `npm test`): what a
 * user's machine has, where tsc, esbuild and the other development tools are not installed.
 */
export function pathWithoutPackageTools(): string {
  return (process.env.PATH ?? '/usr/bin:/bin')
    .split(path.delimiter)
    .filter((entry) => !entry.split(path.sep).includes('node_modules'))
    .join(path.delimiter);
}

/** A new temporary folder under the test run's folder. */
export function temporaryFolder(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), prefix));
}

/** Writes the checkout into `<parent>/agentops-lint` and commits it. */
export async function createPackageCheckout(parent: string): Promise<PackageCheckout> {
  const dir = path.join(parent, 'agentops-lint');
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: PACKAGE_ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: Error) => {
    throw new Error(
      `the install tests copy this repository's files as git lists them, and git ls-files failed in ${PACKAGE_ROOT}: ${error.message}`,
    );
  });
  for (const file of new Set(stdout.split('\0').filter(Boolean))) {
    const source = path.join(PACKAGE_ROOT, file);
    if (!existsSync(source)) continue; // deleted in the working tree, not yet committed
    const target = path.join(dir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // copyFile keeps the mode: bin/agentops-lint.js must stay executable, as git checks it out.
    await fs.copyFile(source, target);
  }
  const env = isolatedGitEnv(parent);
  await fs.writeFile(path.join(parent, '.gitconfig'), '');
  const git = (...args: string[]) => run('git', args, { cwd: dir, env });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '--no-verify', '-m', 'agentops-lint under test');
  const commit = (await git('rev-parse', 'HEAD')).stdout.trim();
  return { dir, commit };
}
