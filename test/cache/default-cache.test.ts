/**
 * Issue 15: the cache is on by default (as ruff's and rumdl's are), --no-cache and
 * AGENTOPS_LINT_NO_CACHE turn it off, and its key includes a fingerprint of the code, so that an
 * entry written by other code (another commit of a git install, a local edit) is never answered.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFolders, fingerprintFolders, runningCodeFingerprint } from '../../src/cache/code-fingerprint.js';
import { CACHE_FILE_NAME, CACHE_FOLDER_GITIGNORE, DEFAULT_CACHE_LOCATION } from '../../src/cache/phase1-cache.js';
import { PACKAGE_ROOT } from '../../src/core/tool.js';
import { runCli, tempProject } from '../helpers/cli-harness.js';

/** The harness turns the cache off for the rest of the suite; these tests run as a user does. */
const AS_A_USER = { AGENTOPS_LINT_NO_CACHE: '' };

const PROJECT = {
  'README.md': '# Home\n\nSee [setup](docs/setup.md#install).\n',
  'docs/setup.md': '# Setup\n\n## Install\n',
};

const cacheFile = (root: string): string => path.join(root, DEFAULT_CACHE_LOCATION, CACHE_FILE_NAME);

describe('the cache by default', () => {
  it('is written under the root without any flag, in a folder git ignores, and answers the second run unchanged', async () => {
    const root = tempProject(PROJECT);
    const first = await runCli(['--format', 'json', '--no-threads'], { cwd: root, env: AS_A_USER });
    expect(first.exitCode).toBe(0);
    expect(await readFile(path.join(root, DEFAULT_CACHE_LOCATION, '.gitignore'), 'utf8')).toBe(CACHE_FOLDER_GITIGNORE);
    const written = await stat(cacheFile(root));

    const second = await runCli(['--format', 'json', '--no-threads'], { cwd: root, env: AS_A_USER });
    expect(second).toEqual(first);
    // The cache file is rewritten only when an entry was missing: every file was a hit.
    expect((await stat(cacheFile(root))).mtimeMs).toBe(written.mtimeMs);
  });

  it('never answers from an entry of content that changed', async () => {
    const root = tempProject(PROJECT);
    await runCli(['--no-threads'], { cwd: root, env: AS_A_USER });
    writeFileSync(path.join(root, 'docs/setup.md'), '# Setup\n\n## Installing\n');
    const cached = await runCli(['--format', 'json', '--no-threads'], { cwd: root, env: AS_A_USER });
    const uncached = await runCli(['--format', 'json', '--no-threads', '--no-cache'], { cwd: root, env: AS_A_USER });
    expect(cached.exitCode).toBe(1);
    expect(cached.stdout).toBe(uncached.stdout);
    expect(
      JSON.parse(cached.stdout).diagnostics.map(
        (d: { file: string; line: number; column: number; ruleId: string }) =>
          `${d.file}:${d.line}:${d.column} ${d.ruleId}`,
      ),
    ).toEqual(['README.md:3:13 anchors']);
  });

  it('is neither read nor written with --no-cache or AGENTOPS_LINT_NO_CACHE', async () => {
    const root = tempProject(PROJECT);
    expect((await runCli(['--no-cache', '--no-threads'], { cwd: root, env: AS_A_USER })).exitCode).toBe(0);
    await expect(stat(path.join(root, DEFAULT_CACHE_LOCATION))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await runCli(['--no-threads'], { cwd: root, env: { AGENTOPS_LINT_NO_CACHE: '1' } })).exitCode).toBe(0);
    await expect(stat(path.join(root, DEFAULT_CACHE_LOCATION))).rejects.toMatchObject({ code: 'ENOENT' });
    // An explicit --cache wins over the variable, as a flag on the command line should.
    expect(
      (await runCli(['--cache', '--no-threads'], { cwd: root, env: { AGENTOPS_LINT_NO_CACHE: '1' } })).exitCode,
    ).toBe(0);
    await expect(stat(cacheFile(root))).resolves.toBeDefined();
  });

  it('discards a cache written by other code: the key holds the fingerprint of the build', async () => {
    const root = tempProject(PROJECT);
    await runCli(['--no-threads'], { cwd: root, env: AS_A_USER });
    const original = await readFile(cacheFile(root));
    const fingerprint = await runningCodeFingerprint();
    expect(original.includes(Buffer.from(fingerprint))).toBe(true);
    // The same file with one hex digit of the fingerprint changed: what an older build wrote.
    const forged = Buffer.from(original);
    const at = forged.indexOf(Buffer.from(fingerprint));
    forged[at] = forged[at] === 0x30 ? 0x31 : 0x30;
    await writeFile(cacheFile(root), forged);
    const before = await stat(cacheFile(root));
    await runCli(['--no-threads'], { cwd: root, env: AS_A_USER });
    // Every entry missed, so the file was written again, with this build's fingerprint.
    expect((await stat(cacheFile(root))).mtimeMs).not.toBe(before.mtimeMs);
    const rewritten = await readFile(cacheFile(root));
    expect(rewritten.includes(Buffer.from(fingerprint))).toBe(true);
    expect(rewritten.length).toBe(original.length);
  });
});

describe('the code fingerprint', () => {
  it('hashes the build the running module belongs to', () => {
    const root = '/pkg';
    expect(buildFolders('/pkg/bundle/cli.js', root)).toEqual(['bundle']);
    expect(buildFolders('/pkg/dist/src/cache/code-fingerprint.js', root)).toEqual(['dist/src', 'dist/rules']);
    expect(buildFolders('/pkg/src/cache/code-fingerprint.ts', root)).toEqual(['src', 'rules']);
    expect(buildFolders(path.join(PACKAGE_ROOT, 'src/cache/code-fingerprint.ts'), PACKAGE_ROOT)).toEqual([
      'src',
      'rules',
    ]);
  });

  it('changes with any module content or name, and ignores other files', async () => {
    const root = mkdtempSync(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'fingerprint-'));
    mkdirSync(path.join(root, 'src/engine'), { recursive: true });
    mkdirSync(path.join(root, 'rules'));
    writeFileSync(path.join(root, 'src/engine/a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'rules/r.ts'), 'export const r = 1;\n');
    const folders = ['src', 'rules'];
    const base = await fingerprintFolders(root, folders);
    expect(base).toMatch(/^[0-9a-f]{64}$/);

    writeFileSync(path.join(root, 'rules/r.md'), '# Not code\n');
    writeFileSync(path.join(root, 'src/engine/a.d.ts'), 'export declare const a: number;\n');
    expect(await fingerprintFolders(root, folders)).toBe(base);

    writeFileSync(path.join(root, 'src/engine/a.ts'), 'export const a = 2;\n');
    const edited = await fingerprintFolders(root, folders);
    expect(edited).not.toBe(base);

    writeFileSync(path.join(root, 'src/engine/a.ts'), 'export const a = 1;\n');
    expect(await fingerprintFolders(root, folders)).toBe(base);
    writeFileSync(path.join(root, 'src/engine/b.ts'), '');
    expect(await fingerprintFolders(root, folders)).not.toBe(base);
  });
});
