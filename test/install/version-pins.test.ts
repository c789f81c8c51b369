/**
 * Every version of agentops-lint that the README, CONTRIBUTING.md, docs/ and examples/ pin is one
 * a user can install: the tag of a version CHANGELOG.md lists as released (`vX.Y.Z`, or the major
 * `vX` the release script moves), or a placeholder the docs explain (`<commit-sha>`); each file
 * that pins a tag also shows the commit form, for clones the tags have not reached; and when
 * this clone has tags, each pinned tag is one of them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findVersionPins,
  pinProblem,
  pinsWithoutCommitAlternative,
  releaseTags,
  type VersionPin,
} from '../../scripts/version-pins.js';
import { PACKAGE_ROOT } from '../helpers/package-checkout.js';

const CHANGELOG = readFileSync(path.join(PACKAGE_ROOT, 'CHANGELOG.md'), 'utf8');

/** The documentation a user copies pins from. */
function documentationFiles(): string[] {
  const files = ['README.md', 'CONTRIBUTING.md'];
  for (const folder of ['docs', 'examples']) {
    for (const entry of readdirSync(path.join(PACKAGE_ROOT, folder), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(md|ya?ml)$/.test(entry.name)) {
        files.push(path.relative(PACKAGE_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
      }
    }
  }
  return files.sort();
}

/** This clone's tags; CI's fresh clone may have none, and then only the changelog is checked. */
function cloneTags(): Set<string> {
  const listed = execFileSync('git', ['tag', '--list'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  return new Set(listed.split('\n').filter(Boolean));
}

const pins: VersionPin[] = documentationFiles().flatMap((file) =>
  findVersionPins(file, readFileSync(path.join(PACKAGE_ROOT, file), 'utf8')),
);

describe('the pins of the documentation', () => {
  it('finds the pins users copy: pre-commit rev, git installs, the Action, the schema URL', () => {
    const shown = new Set(pins.map((pin) => `${pin.file} ${pin.kind} ${pin.ref}`));
    for (const expected of [
      'README.md pre-commit v0.1.0',
      'README.md pre-commit <commit-sha>',
      'README.md git-install v0.1.0',
      'README.md git-install <commit-sha>',
      'README.md action v0',
      'README.md action <commit-sha>',
      'README.md schema-url v0.1.0',
      'docs/ci-and-hooks.md pre-commit v0.1.0',
      'docs/ci-and-hooks.md pre-commit <commit-sha>',
      'docs/ci-and-hooks.md action v0',
      'examples/github-workflow.yml action v0',
    ]) {
      expect(shown, expected).toContain(expected);
    }
  });

  it('pins only versions released in CHANGELOG.md (their tags, when this clone has tags) or a placeholder', () => {
    const tags = cloneTags();
    const problems = pins.map((pin) => pinProblem(pin, { changelog: CHANGELOG, tags })).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('shows the commit-SHA form next to every tag pin', () => {
    expect(pinsWithoutCommitAlternative(pins)).toEqual([]);
  });
});

describe('findVersionPins and pinProblem', () => {
  const changelog = [
    '## [Unreleased]',
    '',
    '## [0.2.0] - 2027-01-10',
    '',
    '## [0.1.0] - 2026-12-07',
    '',
    '## [0.3.0]', // written ahead, not released
  ].join('\n');

  it('knows the tags the release script creates for each dated release', () => {
    expect([...releaseTags(changelog)]).toEqual(['v0.2.0', 'v0', 'v0.1.0']);
  });

  it('reads each kind of pin with its position, and only this repository', () => {
    const text = [
      'repos:',
      '  - repo: https://github.com/agentops-lint/agentops-lint',
      '    rev: v0.2.0 # without the tag: rev: <commit-sha>',
      '  - repo: https://github.com/pre-commit/pre-commit-hooks',
      '    rev: v4.6.0',
      '- uses: actions/checkout@v4',
      '- uses: agentops-lint/agentops-lint@v0',
      'npm i -g git+https://github.com/agentops-lint/agentops-lint.git#main',
      'npx github:agentops-lint/agentops-lint#v0.1.0',
      '$schema: https://raw.githubusercontent.com/agentops-lint/agentops-lint/v0.3.0/schema.json',
    ].join('\n');
    expect(findVersionPins('x.md', text).map((pin) => `${pin.line}:${pin.column} ${pin.kind} ${pin.ref}`)).toEqual([
      '3:10 pre-commit v0.2.0',
      '3:41 pre-commit <commit-sha>',
      '7:37 action v0',
      '8:65 git-install main',
      '9:40 git-install v0.1.0',
      '10:72 schema-url v0.3.0',
    ]);
  });

  it('fails a doc that pins a version that is not released, a branch, or a major with no release', () => {
    const problems = findVersionPins(
      'docs/bad.md',
      [
        'uses: agentops-lint/agentops-lint@v1',
        'npm i git+https://github.com/agentops-lint/agentops-lint.git#main',
        'https://raw.githubusercontent.com/agentops-lint/agentops-lint/v0.3.0/schema.json',
        'https://raw.githubusercontent.com/agentops-lint/agentops-lint/v0/schema.json',
        'uses: agentops-lint/agentops-lint@<commit-sha>',
      ].join('\n'),
    ).map((pin) => pinProblem(pin, { changelog }));
    expect(problems).toEqual([
      'docs/bad.md:1: action pin "v1" is not a tag of a version released in CHANGELOG.md (v0.2.0, v0, v0.1.0) nor a placeholder (<commit-sha>, v<version>)',
      'docs/bad.md:2: git-install pin "main" is not a tag of a version released in CHANGELOG.md (v0.2.0, v0, v0.1.0) nor a placeholder (<commit-sha>, v<version>)',
      'docs/bad.md:3: schema-url pin "v0.3.0" is not a tag of a version released in CHANGELOG.md (v0.2.0, v0, v0.1.0) nor a placeholder (<commit-sha>, v<version>)',
      'docs/bad.md:4: schema-url pin "v0": a schema URL names one release (vX.Y.Z), not the moving major tag',
      undefined,
    ]);
  });

  it('fails a released version whose tag this clone lacks, when the clone has tags', () => {
    const [pin] = findVersionPins('README.md', 'npx github:agentops-lint/agentops-lint#v0.2.0');
    expect(pinProblem(pin as VersionPin, { changelog, tags: new Set(['v0.1.0', 'v0']) })).toBe(
      'README.md:1: git-install pin "v0.2.0" is released in CHANGELOG.md, but this clone has no tag v0.2.0 (run the release script\'s tagging step)',
    );
    expect(pinProblem(pin as VersionPin, { changelog, tags: new Set(['v0.2.0', 'v0']) })).toBeUndefined();
    expect(pinProblem(pin as VersionPin, { changelog, tags: new Set() })).toBeUndefined();
  });

  it('fails a file that pins a tag without showing the commit form', () => {
    const found = findVersionPins(
      'docs/hooks.md',
      '- repo: https://github.com/agentops-lint/agentops-lint\n  rev: v0.1.0\n',
    );
    expect(pinsWithoutCommitAlternative(found)).toEqual([
      'docs/hooks.md:2: pins v0.1.0 (pre-commit) but shows no <commit-sha> form for when the tag is not there',
    ]);
  });
});
