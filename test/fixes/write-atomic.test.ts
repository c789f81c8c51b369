import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/fixes/write-atomic.js';
import { tempProject } from '../helpers/cli-harness.js';

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', async () => {
    const root = tempProject({ 'a.md': 'old\r\n' }, { git: false });
    const file = path.join(root, 'a.md');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, 'new\r\n');
    expect(readFileSync(file, 'utf8')).toBe('new\r\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(root)).toEqual(['a.md']);
  });

  it('leaves the original untouched when the file cannot be replaced', async () => {
    const root = tempProject({ 'a.md': 'old\n' }, { git: false });
    await expect(writeFileAtomic(path.join(root, 'missing.md'), 'x')).rejects.toThrow(/ENOENT/);
    writeFileSync(path.join(root, 'b.md'), 'keep\n');
    chmodSync(root, 0o500);
    try {
      if (process.getuid?.() === 0) return; // root ignores folder permissions; the failure path cannot be provoked
      await expect(writeFileAtomic(path.join(root, 'b.md'), 'x')).rejects.toThrow();
      expect(readFileSync(path.join(root, 'b.md'), 'utf8')).toBe('keep\n');
    } finally {
      chmodSync(root, 0o700);
    }
  });
});
