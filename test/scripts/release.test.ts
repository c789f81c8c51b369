/**
 * The release script's steps (scripts/release-steps.ts) on a temporary git repository holding a
 * copy of this checkout: what a release writes, commits and tags, and what it refuses. The rebuild
 * commands (npm run bundle, npm run docs) are recorded instead of run: the copy has no
 * node_modules, and their output has tests of its own.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changelogReleases, releaseChangelog, releaseNotes } from '../../scripts/changelog.js';
import {
  carryOutRelease,
  describePlan,
  planRelease,
  REBUILD_COMMANDS,
  rewritePins,
  tagRelease,
} from '../../scripts/release-steps.js';
import { findVersionPins, pinProblem } from '../../scripts/version-pins.js';
import { createPackageCheckout, isolatedGitEnv, temporaryFolder } from '../helpers/package-checkout.js';

const run = promisify(execFile);
const REPOSITORY_URL = 'https://github.com/agentops-lint/agentops-lint';

describe('releaseChangelog', () => {
  const changelog = [
    '# Changelog',
    '',
    'Intro.',
    '',
    '## [Unreleased]',
    '',
    '### Fixed',
    '',
    '- A fix.',
    '',
    '### Added',
    '',
    '- A feature.',
    '',
    '## [0.1.0] - 2026-12-07',
    '',
    '### Added',
    '',
    '- The first things.',
    '',
    '[Unreleased]: https://github.com/agentops-lint/agentops-lint/compare/v0.1.0...HEAD',
    '[0.1.0]: https://github.com/agentops-lint/agentops-lint/releases/tag/v0.1.0',
    '',
  ].join('\n');

  it('moves [Unreleased] into a dated section, in Keep a Changelog order, and rewrites the links', () => {
    const released = releaseChangelog(changelog, '0.2.0', '2027-01-10', REPOSITORY_URL);
    expect(released.movedUnreleased).toBe(true);
    expect(released.text).toBe(
      [
        '# Changelog',
        '',
        'Intro.',
        '',
        '## [Unreleased]',
        '',
        '## [0.2.0] - 2027-01-10',
        '',
        '### Added',
        '',
        '- A feature.',
        '',
        '### Fixed',
        '',
        '- A fix.',
        '',
        '## [0.1.0] - 2026-12-07',
        '',
        '### Added',
        '',
        '- The first things.',
        '',
        '[Unreleased]: https://github.com/agentops-lint/agentops-lint/compare/v0.2.0...HEAD',
        '[0.2.0]: https://github.com/agentops-lint/agentops-lint/compare/v0.1.0...v0.2.0',
        '[0.1.0]: https://github.com/agentops-lint/agentops-lint/releases/tag/v0.1.0',
        '',
      ].join('\n'),
    );
    expect(changelogReleases(released.text)).toEqual([
      { version: '0.2.0', date: '2027-01-10' },
      { version: '0.1.0', date: '2026-12-07' },
    ]);
  });

  it('joins the entries to a section written ahead (the first release) and dates it', () => {
    const ahead = changelog.replace('## [0.1.0] - 2026-12-07', '## [0.1.0]');
    const released = releaseChangelog(ahead, '0.1.0', '2026-12-08', REPOSITORY_URL);
    expect(releaseNotes(released.text, '0.1.0')).toBe(
      ['### Added', '', '- The first things.', '- A feature.', '', '### Fixed', '', '- A fix.'].join('\n'),
    );
    expect(released.text).toContain('## [Unreleased]\n\n## [0.1.0] - 2026-12-08\n');
    expect(released.text).toContain(
      '[Unreleased]: https://github.com/agentops-lint/agentops-lint/compare/v0.1.0...HEAD\n',
    );
  });

  it('refuses an empty [Unreleased] for a new version', () => {
    const empty = releaseChangelog(changelog, '0.2.0', '2027-01-10', REPOSITORY_URL).text;
    expect(() => releaseChangelog(empty, '0.3.0', '2027-02-01', REPOSITORY_URL)).toThrow(
      'CHANGELOG.md: [Unreleased] is empty. Write what 0.3.0 changes there (### Added, ### Changed, ### Fixed) before releasing it.',
    );
  });

  it('re-dates a section dated ahead of its release (its tag, checked by the release, is what makes it released)', () => {
    const released = releaseChangelog(changelog, '0.1.0', '2026-12-08', REPOSITORY_URL).text;
    expect(changelogReleases(released)).toEqual([{ version: '0.1.0', date: '2026-12-08' }]);
    expect(releaseNotes(released, '0.1.0')).toContain('- The first things.\n- A feature.');
  });
});

describe('rewritePins', () => {
  it('moves the pins of the old version and, on a new major, the major tag; nothing else', () => {
    const text = [
      '- repo: https://github.com/agentops-lint/agentops-lint',
      '  rev: v0.1.0 # without the tag: rev: <commit-sha>',
      'uses: agentops-lint/agentops-lint@v0 and actions/checkout@v4',
      'npx github:agentops-lint/agentops-lint#v0.1.0 --help; see v0.1.0 in the changelog',
    ].join('\n');
    expect(rewritePins('README.md', text, '0.1.0', '0.2.0')).toEqual({
      text: text.replaceAll('rev: v0.1.0', 'rev: v0.2.0').replace('#v0.1.0', '#v0.2.0'),
      count: 2,
    });
    expect(rewritePins('README.md', text, '0.1.0', '1.0.0').text.split('\n').slice(1)).toEqual([
      '  rev: v1.0.0 # without the tag: rev: <commit-sha>',
      'uses: agentops-lint/agentops-lint@v1 and actions/checkout@v4',
      'npx github:agentops-lint/agentops-lint#v1.0.0 --help; see v0.1.0 in the changelog',
    ]);
  });
});

describe('a release on a copy of this repository', () => {
  let base: string;
  let dir: string;
  let env: Record<string, string>;
  let startVersion: string;
  const commands: string[] = [];
  const runCommand = async (command: readonly string[]) => {
    commands.push(command.join(' '));
  };

  const git = async (...args: string[]) => (await run('git', args, { cwd: dir, env })).stdout.trim();
  const read = (file: string) => fs.readFile(path.join(dir, file), 'utf8');
  const bump = (version: string, part: 'minor' | 'major') => {
    const [major, minor] = version.split('.').map(Number) as [number, number];
    return part === 'major' ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
  };

  /** A change to release, committed: the entry [Unreleased] needs. */
  async function commitUnreleasedEntry(entry: string): Promise<void> {
    const changelog = await read('CHANGELOG.md');
    await fs.writeFile(
      path.join(dir, 'CHANGELOG.md'),
      changelog.replace('## [Unreleased]\n', `## [Unreleased]\n\n### Fixed\n\n- ${entry}\n`),
    );
    await git('commit', '-qam', `changelog: ${entry}`);
  }

  beforeAll(async () => {
    base = await temporaryFolder('agentops-lint-release-');
    ({ dir } = await createPackageCheckout(base));
    env = isolatedGitEnv(base);
    startVersion = (JSON.parse(await read('package.json')) as { version: string }).version;
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('--tag-only tags HEAD with the version package.json and CHANGELOG.md already release, and moves the major', async () => {
    const head = await git('rev-parse', 'HEAD');
    const major = `v${startVersion.split('.')[0]}`;
    expect(await tagRelease({ root: dir, env })).toEqual({ tags: [`v${startVersion}`, major] });
    expect(await git('rev-parse', 'HEAD')).toBe(head);
    expect(await git('rev-list', '-n', '1', `v${startVersion}`)).toBe(head);
    expect(await git('rev-list', '-n', '1', major)).toBe(head);
    expect(await git('cat-file', '-t', `v${startVersion}`)).toBe('tag');
    // The notes keep their "### Added" lines (git's default clean-up drops lines starting with #).
    expect(await git('tag', '-l', '--format=%(contents)', `v${startVersion}`)).toContain('### Added\n');
    await expect(tagRelease({ root: dir, env })).rejects.toThrow(
      `the tag v${startVersion} exists already (at ${head.slice(0, 12)}): ${startVersion} is released.`,
    );
  });

  it('refuses a dirty tree, naming the files', async () => {
    await commitUnreleasedEntry('Something mended.');
    await fs.writeFile(path.join(dir, 'stray.md'), '# Stray\n');
    await expect(
      planRelease({ root: dir, env, version: bump(startVersion, 'minor'), date: '2027-01-10' }),
    ).rejects.toThrow(
      'the working tree has uncommitted changes (stray.md): commit or stash them first, so the release commit holds only the release.',
    );
    await fs.rm(path.join(dir, 'stray.md'));
  });

  it('a dry run plans every version site and changes nothing', async () => {
    const version = bump(startVersion, 'minor');
    const plan = await planRelease({ root: dir, env, version, date: '2027-01-10' });
    const described = describePlan(plan);
    expect(described[0]).toBe(`Release ${version} (package.json has ${startVersion}):`);
    for (const line of [
      `  edit package.json: version ${startVersion} → ${version}`,
      `  edit package-lock.json: version ${startVersion} → ${version}`,
      `  edit editors/vscode/package.json: version ${startVersion} → ${version}`,
      `  edit CHANGELOG.md: [Unreleased] moved into [${version}] - 2027-01-10`,
      '  run npm run bundle',
      '  run npm run docs',
      `  commit "Release ${version}" (when anything changed)`,
      `  tag v${version} (annotated)`,
      `  tag v${startVersion.split('.')[0]} (annotated, moved to this commit if it exists)`,
    ]) {
      expect(described).toContain(line);
    }
    expect(
      described.filter((line) => /^ {2}edit (README\.md|docs\/ci-and-hooks\.md): \d+ pins?$/.test(line)),
    ).toHaveLength(2);
    expect(plan.missingMentions).toEqual([]);
    expect(await git('status', '--porcelain')).toBe('');
  });

  it('releases a new version: every site, the changelog, one commit, the annotated tag and the moved major', async () => {
    const version = bump(startVersion, 'minor');
    const major = `v${version.split('.')[0]}`;
    const before = await git('rev-parse', 'HEAD');
    const plan = await planRelease({ root: dir, env, version, date: '2027-01-10' });
    const commit = await carryOutRelease(plan, { root: dir, env, runCommand });

    expect(commands).toEqual(REBUILD_COMMANDS.map((command) => command.join(' ')));
    expect(await git('rev-parse', 'HEAD^')).toBe(before);
    expect(commit).toBe(await git('rev-parse', 'HEAD'));
    expect(await git('log', '-1', '--format=%s')).toBe(`Release ${version}`);
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('rev-list', '-n', '1', `v${version}`)).toBe(commit);
    expect(await git('rev-list', '-n', '1', major)).toBe(commit);
    expect(await git('rev-list', '-n', '1', `v${startVersion}`)).toBe(await git('rev-parse', 'HEAD~2'));
    const notes = await git('tag', '-l', '--format=%(contents)', `v${version}`);
    expect(notes.startsWith(`agentops-lint ${version}\n\n### `)).toBe(true);
    expect(notes).toContain('\n### Fixed\n\n- Something mended.');

    const packageJson = JSON.parse(await read('package.json')) as { version: string };
    const lock = JSON.parse(await read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version: string }>;
    };
    const extension = JSON.parse(await read('editors/vscode/package.json')) as { version: string };
    expect([packageJson.version, lock.version, lock.packages['']?.version, extension.version]).toEqual([
      version,
      version,
      version,
      version,
    ]);
    const changelog = await read('CHANGELOG.md');
    expect(changelog).toContain(`## [Unreleased]\n\n## [${version}] - 2027-01-10\n`);
    expect(releaseNotes(changelog, version)).toContain('### Fixed\n\n- Something mended.');
    expect(changelog).toContain(`[Unreleased]: ${REPOSITORY_URL}/compare/v${version}...HEAD\n`);
    expect(changelog).toContain(`[${version}]: ${REPOSITORY_URL}/compare/v${startVersion}...v${version}\n`);
    expect(await read('docs/editors.md')).toContain(`agentops-lint-vscode-${version}.vsix`);
    expect(await read('docs/output-formats.md')).toContain(`{ "name": "agentops-lint", "version": "${version}" }`);
    // A sentence about an earlier version is history, not a pin.
    expect(await read('docs/configuration.md')).toContain('Before 0.1.0 (in development commits)');

    // Every pin of the docs now names the new release or its major, and each tag exists.
    const tags = new Set((await git('tag', '--list')).split('\n'));
    for (const file of ['README.md', 'docs/ci-and-hooks.md', 'docs/configuration.md', 'examples/github-workflow.yml']) {
      const pins = findVersionPins(file, await read(file));
      expect(pins.length, file).toBeGreaterThan(0);
      for (const pin of pins) {
        expect(['<commit-sha>', 'v<version>', `v${version}`, major], `${file}:${pin.line}`).toContain(pin.ref);
        expect(pinProblem(pin, { changelog, tags })).toBeUndefined();
      }
    }
  });

  it('refuses a version that is tagged already, or older than package.json', async () => {
    const version = bump(startVersion, 'minor');
    await expect(planRelease({ root: dir, env, version, date: '2027-01-11' })).rejects.toThrow(
      `the tag v${version} exists already`,
    );
    await expect(planRelease({ root: dir, env, version: '0.0.1', date: '2027-01-11' })).rejects.toThrow(
      `0.0.1 is older than the version in package.json (${version}).`,
    );
    await expect(planRelease({ root: dir, env, version: 'v2', date: '2027-01-11' })).rejects.toThrow(
      '"v2" is not a version: give X.Y.Z (pre-release versions are not supported).',
    );
  });

  it('a new major moves the Action pins to the new major tag and leaves the old one where it was', async () => {
    const previous = bump(startVersion, 'minor');
    const version = bump(previous, 'major');
    const oldMajor = `v${previous.split('.')[0]}`;
    const newMajor = `v${version.split('.')[0]}`;
    const oldMajorCommit = await git('rev-list', '-n', '1', oldMajor);
    await commitUnreleasedEntry('Options renamed.');
    const commit = await carryOutRelease(await planRelease({ root: dir, env, version, date: '2027-03-01' }), {
      root: dir,
      env,
      runCommand,
    });
    expect(await git('rev-list', '-n', '1', newMajor)).toBe(commit);
    expect(await git('rev-list', '-n', '1', oldMajor)).toBe(oldMajorCommit);
    expect(await read('README.md')).toContain(`uses: agentops-lint/agentops-lint@${newMajor}\``);
    expect(await read('examples/github-workflow.yml')).toContain(`- uses: agentops-lint/agentops-lint@${newMajor}\n`);
  });
});
