import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confinePath, confinePaths } from '../../src/mcp/repository-paths.js';
import { tempProject } from '../helpers/cli-harness.js';

describe('confinePath', () => {
  const root = tempProject({ 'docs/guide.md': '# Guide\n' });

  it('gives root-relative paths and globs, with forward slashes', () => {
    expect(confinePath(root, 'docs/guide.md')).toBe('docs/guide.md');
    expect(confinePath(root, './docs/../docs/guide.md')).toBe('docs/guide.md');
    expect(confinePath(root, path.join(root, 'docs'))).toBe('docs');
    expect(confinePath(root, '.')).toBe('');
    expect(confinePath(root, 'docs/**/*.md')).toBe('docs/**/*.md');
    expect(confinePath(root, 'not-yet-written.md')).toBe('not-yet-written.md');
  });

  it('takes ".", "./" and "" for the root, and names beginning with ".." inside it', () => {
    expect(confinePath(root, './')).toBe('');
    expect(confinePath(root, '')).toBe('');
    expect(confinePath(root, '..notes.md')).toBe('..notes.md');
    expect(confinePath(root, 'docs/..draft.md')).toBe('docs/..draft.md');
    expect(confinePath(root, '..drafts/**/*.md')).toBe('..drafts/**/*.md');
    expect(confinePaths(root, ['docs', '.'])).toEqual([]);
    expect(confinePaths(root, ['docs', '..notes.md'])).toEqual(['docs', '..notes.md']);
  });

  it('refuses what leads outside the root', () => {
    expect(() => confinePath(root, '../x.md')).toThrow(
      `"../x.md" is outside the repository root ${root}: give a path inside it, relative to it.`,
    );
    expect(() => confinePath(root, '/etc/hosts')).toThrow(`"/etc/hosts" is outside the repository root ${root}`);
    expect(() => confinePath(root, 'docs/../../x.md')).toThrow('is outside the repository root');
    expect(() => confinePath(root, '../..notes.md')).toThrow('is outside the repository root');
    expect(() => confinePath(root, '..')).toThrow('".." is outside the repository root');
    expect(() => confinePath(root, 'docs/guide.md\0')).toThrow('"docs/guide.md\0" contains a NUL character.');
  });

  it('refuses a symbolic link inside the root whose target is outside', () => {
    const outside = mkdtempSync(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'agentops-lint-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), '# Secret\n');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'linked.md'));
    expect(() => confinePath(root, 'linked.md')).toThrow(
      `"linked.md" leads outside the repository root ${root} (through a symbolic link).`,
    );
  });
});
