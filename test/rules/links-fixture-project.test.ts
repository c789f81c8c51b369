/**
 * The multi-file fixture project: nested folders, a renamed and a moved file, duplicate headings,
 * emoji, CJK and punctuation headings, a CRLF file, HTML anchors, links in tables and footnotes,
 * and links inside code that must not be checked. Every planted broken link is listed here with
 * its rule, line and column; everything else in the project is valid and must stay unreported.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixInMemory, lintInMemory, type LintInMemoryOptions, type Project } from '../helpers/rule-tester.js';

const ROOT = fileURLToPath(new URL('../../fixtures/rules/links/', import.meta.url));

function readProject(directory: string, prefix = ''): Project {
  const project: Project = {};
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(project, readProject(path.join(directory, entry.name), `${relative}/`));
    else
      project[relative] = entry.name.endsWith('.md')
        ? readFileSync(path.join(directory, entry.name), 'utf8')
        : new Uint8Array(readFileSync(path.join(directory, entry.name)));
  }
  return project;
}

const OPTIONS: LintInMemoryOptions = {
  rules: { links: 'error', anchors: 'error', 'reference-links': 'warn' },
  // What git would record after `git mv docs/guides/setup.md docs/guides/installation.md`.
  renames: { 'docs/guides/setup.md': 'docs/guides/installation.md' },
};

const PLANTED = [
  { file: 'CONTRIBUTING.md', line: 8, column: 26, ruleId: 'anchors', messageId: 'missing' },
  { file: 'CONTRIBUTING.md', line: 12, column: 62, ruleId: 'anchors', messageId: 'lineOutOfRange' },
  { file: 'CONTRIBUTING.md', line: 16, column: 1, ruleId: 'reference-links', messageId: 'unusedDefinition' },
  { file: 'README.md', line: 12, column: 30, ruleId: 'links', messageId: 'missing' },
  { file: 'README.md', line: 14, column: 21, ruleId: 'links', messageId: 'wrongCase' },
  { file: 'README.md', line: 39, column: 29, ruleId: 'links', messageId: 'missing' },
  { file: 'docs/README.md', line: 16, column: 27, ruleId: 'anchors', messageId: 'missing' },
  { file: 'docs/README.md', line: 23, column: 27, ruleId: 'links', messageId: 'missing' },
  { file: 'docs/guides/configuration.md', line: 8, column: 30, ruleId: 'anchors', messageId: 'missing' },
  { file: 'docs/guides/configuration.md', line: 12, column: 49, ruleId: 'links', messageId: 'missing' },
  { file: 'docs/guides/installation.md', line: 15, column: 25, ruleId: 'anchors', messageId: 'missing' },
  { file: 'docs/guides/installation.md', line: 21, column: 57, ruleId: 'anchors', messageId: 'missing' },
  { file: 'docs/reference/api.md', line: 12, column: 71, ruleId: 'anchors', messageId: 'missing' },
  { file: 'docs/reference/api.md', line: 16, column: 22, ruleId: 'links', messageId: 'missing' },
];

describe('fixture project fixtures/rules/links', () => {
  const project = readProject(ROOT);

  it('finds every planted broken link, with rule, line and column, and nothing else', async () => {
    const { diagnostics, crashed } = await lintInMemory(project, OPTIONS);
    expect(crashed).toBe(false);
    expect(
      diagnostics.map(({ file, line, column, ruleId, messageId }) => ({ file, line, column, ruleId, messageId })),
    ).toEqual(PLANTED);
  });

  it('fixes only what is certain (a git rename, letter case, the same words), and the fixed project converges', async () => {
    const fixed = await fixInMemory(project, OPTIONS);
    const changed = Object.keys(fixed)
      .filter((file) => fixed[file] !== project[file])
      .sort();
    expect(changed).toEqual(['README.md', 'docs/reference/api.md']);
    expect(fixed['README.md']).toContain('[Setup (old page)](docs/guides/installation.md)');
    expect(fixed['README.md']).toContain('[Questions](docs/guides/configuration.md#files)');
    expect(fixed['docs/reference/api.md']).toContain('[the old anchor](#rate-limits)');
    const { diagnostics } = await lintInMemory(fixed, OPTIONS);
    expect(diagnostics.map(({ file, line, ruleId }) => `${file}:${line} ${ruleId}`)).toEqual([
      'CONTRIBUTING.md:8 anchors',
      'CONTRIBUTING.md:12 anchors',
      'CONTRIBUTING.md:16 reference-links',
      'README.md:39 links',
      'docs/README.md:16 anchors',
      'docs/README.md:23 links',
      'docs/guides/configuration.md:8 anchors',
      'docs/guides/configuration.md:12 links',
      'docs/guides/installation.md:15 anchors',
      'docs/guides/installation.md:21 anchors',
      'docs/reference/api.md:16 links',
    ]);
  });

  it('with --fix-type suggestion also applies the likely repairs: the moved file and the near anchors', async () => {
    const fixed = await fixInMemory(project, OPTIONS, 'suggestion');
    const changed = Object.keys(fixed)
      .filter((file) => fixed[file] !== project[file])
      .sort();
    expect(changed).toEqual([
      'CONTRIBUTING.md',
      'README.md',
      'docs/README.md',
      'docs/guides/installation.md',
      'docs/reference/api.md',
    ]);
    expect(fixed['docs/README.md']).toContain('[moved](reference/api.md "API")');
    expect(fixed['CONTRIBUTING.md']).toContain('see [pull requests](#pull-requests) and');
    expect(fixed['CONTRIBUTING.md']).toContain('\r\n');
    expect(fixed['docs/guides/installation.md']).toContain('<a href="../reference/api.md#endpoints">endpoint</a>');
    const { diagnostics } = await lintInMemory(fixed, OPTIONS);
    expect(diagnostics.map(({ file, line, ruleId }) => `${file}:${line} ${ruleId}`)).toEqual([
      'CONTRIBUTING.md:12 anchors',
      'CONTRIBUTING.md:16 reference-links',
      'README.md:39 links',
      'docs/README.md:16 anchors',
      'docs/guides/configuration.md:8 anchors',
      'docs/guides/configuration.md:12 links',
      'docs/guides/installation.md:15 anchors',
      'docs/reference/api.md:16 links',
    ]);
  });
});
