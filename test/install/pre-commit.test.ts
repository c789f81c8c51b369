/**
 * The pre-commit hooks as a user meets them: the real pre-commit framework installs them from a
 * git repository holding this checkout, pinned with `repo:` + `rev:` as the README shows, and
 * real `git commit`s run them. Nothing of this repository's node_modules/ or dist/ is visible.
 *
 * Needs the `pre-commit` command (.ci/run installs Debian's package); without it the test is
 * skipped, and says so.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagRelease } from '../../scripts/release-steps.js';
import {
  createPackageCheckout,
  isolatedGitEnv,
  PACKAGE_ROOT,
  temporaryFolder,
  type PackageCheckout,
} from '../helpers/package-checkout.js';

const run = promisify(execFile);

async function preCommitVersion(): Promise<string | undefined> {
  try {
    return (await run('pre-commit', ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

const preCommit = await preCommitVersion();
if (preCommit === undefined) {
  console.warn(
    'test/install/pre-commit.test.ts: skipped, `pre-commit` is not on the PATH (.ci/run installs it with apt-get; locally: apt-get install pre-commit or pipx install pre-commit).',
  );
}

interface CommandResult {
  exitCode: number;
  /** stdout and stderr together, as a terminal shows them. */
  output: string;
}

/** The stylish line of the broken anchor (its wording belongs to the anchors rule's tests). */
const ANCHOR_PROBLEM = /^README\.md:3:15 {2}error {2}No heading\b.*"#instal" in "docs\/guide\.md"\..* {2}anchors$/m;

/** The `.pre-commit-config.yaml` that docs/ci-and-hooks.md shows, with its `rev:` as written there. */
async function documentedPreCommitConfig(): Promise<string> {
  const doc = await fs.readFile(path.join(PACKAGE_ROOT, 'docs/ci-and-hooks.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
  const config = blocks.find((block) =>
    /^\s*- repo: https:\/\/github\.com\/agentops-lint\/agentops-lint\n\s*rev: /m.test(block),
  );
  if (config === undefined)
    throw new Error('docs/ci-and-hooks.md shows no .pre-commit-config.yaml with repo: and rev:');
  return config;
}

/** What pre-commit prints for a hook that failed, up to the hook's own output. */
function failedHook(id: string): string {
  return `- hook id: ${id}\n- exit code: 1\n\n`;
}

/** The part of the output that hook `id` printed (pre-commit shows it under the hook's id). */
function hookOutput(output: string, id: string): string {
  const start = output.indexOf(failedHook(id));
  if (start < 0) return '';
  const rest = output.slice(start + failedHook(id).length);
  const next = rest.search(/^\S.*\.{3,}/m);
  return next < 0 ? rest : rest.slice(0, next);
}

describe.skipIf(preCommit === undefined)(`pre-commit (${preCommit}) with repo: + rev:`, () => {
  let base: string;
  let docs: string;
  let env: Record<string, string>;
  let checkout: PackageCheckout;

  async function inDocs(command: string, ...args: string[]): Promise<CommandResult> {
    try {
      const { stdout, stderr } = await run(command, args, { cwd: docs, env });
      return { exitCode: 0, output: stdout + stderr };
    } catch (error) {
      const failure = error as { code: number; stdout: string; stderr: string };
      return { exitCode: failure.code, output: failure.stdout + failure.stderr };
    }
  }

  async function write(files: Record<string, string>): Promise<void> {
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(docs, file)), { recursive: true });
      await fs.writeFile(path.join(docs, file), text);
    }
  }

  /** `git add -A` then a real `git commit`: the installed hook runs. */
  async function commit(message: string): Promise<CommandResult> {
    await inDocs('git', 'add', '-A');
    return inDocs('git', 'commit', '-q', '-m', message);
  }

  const head = async (): Promise<string> => (await inDocs('git', 'rev-parse', 'HEAD')).output.trim();

  beforeAll(async () => {
    base = await temporaryFolder('agentops-lint-pre-commit-');
    checkout = await createPackageCheckout(base);
    docs = path.join(base, 'docs-repo');
    await fs.mkdir(docs);
    env = { ...isolatedGitEnv(base), PRE_COMMIT_HOME: path.join(base, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' };
    await write({
      'README.md': '# Handbook\n\nSee [install](docs/guide.md#install).\n',
      'docs/guide.md': '# Guide\n\n## Install\n\nRun it.\n',
      '_archived/old.md': '# Old\n\n[gone](gone.md)\n',
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["_archived/**"]\n',
      '.pre-commit-config.yaml': [
        'repos:',
        `  - repo: ${checkout.dir}`,
        `    rev: ${checkout.commit}`,
        '    hooks:',
        '      - id: agentops-lint',
        '      - id: agentops-lint-staged',
        '',
      ].join('\n'),
    });
    expect((await inDocs('git', 'init', '-q', '-b', 'main')).exitCode).toBe(0);
    const installed = await inDocs('pre-commit', 'install', '--install-hooks');
    expect(installed.output).toContain('pre-commit installed at .git/hooks/pre-commit');
    expect(installed.exitCode).toBe(0);
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('passes the first commit of clean docs (the ignored file has a broken link, and is ignored)', async () => {
    const result = await commit('docs');
    expect(result.output).toMatch(/^agentops-lint\.+Passed$/m);
    expect(result.output).toMatch(/^agentops-lint \(whole commit\)\.+Passed$/m);
    expect(result.exitCode).toBe(0);
  });

  it('blocks a commit with a broken anchor, showing the diagnostic', async () => {
    const before = await head();
    await write({ 'README.md': '# Handbook\n\nSee [install](docs/guide.md#instal).\n' });
    const result = await commit('broken anchor');
    expect(result.exitCode).toBe(1);
    // The file hook lints the staged file it is given; the whole-commit hook also compares the
    // untouched docs/guide.md with HEAD, and counts it as checked.
    for (const [hook, checked] of [
      ['agentops-lint', '1 file'],
      ['agentops-lint-staged', '2 files'],
    ] as const) {
      const shown = hookOutput(result.output, hook);
      expect(shown, hook).toMatch(ANCHOR_PROBLEM);
      expect(shown, hook).toContain(`\n✖ 1 problem (1 error, 0 warnings) in ${checked} checked\n`);
    }
    expect(await head()).toBe(before);
  });

  it('passes the fixed commit', async () => {
    await write({
      'README.md': '# Handbook\n\nSee [install](docs/guide.md#install), then [the guide](docs/guide.md).\n',
    });
    const result = await commit('fixed anchor');
    expect(result.output).not.toContain('Failed');
    expect(result.exitCode).toBe(0);
  });

  it('passes a commit that touches only files the config ignores', async () => {
    await write({ '_archived/old.md': '# Old\n\n[still gone](gone-too.md)\n\n#### Skipped levels\n' });
    const result = await commit('archive notes');
    expect(result.output).toMatch(/^agentops-lint\.+Passed$/m);
    expect(result.exitCode).toBe(0);
  });

  it('the whole-commit hook blocks a commit that deletes a file another file links to', async () => {
    const before = await head();
    await fs.rm(path.join(docs, 'docs/guide.md'));
    const result = await commit('delete the guide');
    expect(result.exitCode).toBe(1);
    // pre-commit passes no file to the first hook: the deletion is all the commit holds.
    expect(result.output).toMatch(/^agentops-lint\.+\(no files to check\)Skipped$/m);
    const problems = hookOutput(result.output, 'agentops-lint-staged')
      .split('\n')
      .filter((line) => line.startsWith('README.md:'));
    expect(problems).toEqual([
      'README.md:3:15  error  Link target "docs/guide.md" does not exist.  links',
      'README.md:3:56  error  Link target "docs/guide.md" does not exist.  links',
    ]);
    expect(await head()).toBe(before);
  });

  it('installs with rev: exactly as docs/ci-and-hooks.md pins it, once the release script has tagged the repository', async () => {
    const documented = await documentedPreCommitConfig();
    const rev = /^\s*rev: (\S+)/m.exec(documented)?.[1];
    const { version } = JSON.parse(await fs.readFile(path.join(checkout.dir, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(rev).toBe(`v${version}`);
    const pinned = path.join(base, 'pinned-repo');
    await fs.mkdir(pinned);
    await fs.writeFile(
      path.join(pinned, '.pre-commit-config.yaml'),
      documented.replace('https://github.com/agentops-lint/agentops-lint', checkout.dir),
    );
    await fs.writeFile(path.join(pinned, 'README.md'), '# Pinned\n\nSee [the guide](guide.md).\n');
    await fs.writeFile(path.join(pinned, 'guide.md'), '# Guide\n');
    const pinnedEnv = { ...env, PRE_COMMIT_HOME: path.join(base, 'pre-commit-home-pinned') };
    const inPinned = async (...args: string[]): Promise<CommandResult> => {
      try {
        const { stdout, stderr } = await run(args[0] as string, args.slice(1), { cwd: pinned, env: pinnedEnv });
        return { exitCode: 0, output: stdout + stderr };
      } catch (error) {
        const failure = error as { code: number; stdout: string; stderr: string };
        return { exitCode: failure.code, output: failure.stdout + failure.stderr };
      }
    };
    expect((await inPinned('git', 'init', '-q', '-b', 'main')).exitCode).toBe(0);
    expect((await inPinned('git', 'add', '-A')).exitCode).toBe(0);

    // Untagged, the documented rev does not exist: the failure the issue reported.
    const untagged = await inPinned('pre-commit', 'install-hooks');
    expect(untagged.output).toContain(`pathspec '${rev}' did not match`);
    expect(untagged.exitCode).not.toBe(0);

    expect(await tagRelease({ root: checkout.dir, env: isolatedGitEnv(base) })).toEqual({
      tags: [`v${version}`, `v${version.split('.')[0]}`],
    });
    const installed = await inPinned('pre-commit', 'install-hooks');
    expect(installed.exitCode, installed.output).toBe(0);
    const result = await inPinned('pre-commit', 'run', '--all-files');
    expect(result.output).toMatch(/^agentops-lint\.+Passed$/m);
    expect(result.exitCode).toBe(0);
  });

  it('leaves nothing for git to see: the cache folder ignores itself', async () => {
    await expect(fs.readFile(path.join(docs, '.agentops-lint-cache/phase1-cache.bin'))).resolves.toBeInstanceOf(Buffer);
    expect((await inDocs('git', 'status', '--porcelain', '--untracked-files=all')).output).toBe('D  docs/guide.md\n');
  });
});
