/** Reading within the size limit: a file over it is never read, a binary file only in part. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, ftruncateSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BrokenSymlinkError,
  DEFAULT_MAX_FILE_SIZE_MB,
  FileTooLargeError,
  formatBytes,
  maxFileBytes,
  NotRegularFileError,
  OutsideRepositoryError,
  readFileWithinLimit,
} from '../../src/engine/file-limits.js';
import { unreadableFile } from '../../src/engine/analyze-file.js';

const folder = mkdtempSync(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'file-limits-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A sparse file of `size` zero bytes: it takes no disk space. */
function sparse(name: string, size: number): string {
  const file = path.join(folder, name);
  const handle = openSync(file, 'w');
  ftruncateSync(handle, size);
  closeSync(handle);
  return file;
}

describe('readFileWithinLimit', () => {
  it('refuses a 1 GB file without reading it', async () => {
    const file = sparse('huge.md', 1024 ** 3);
    const before = process.memoryUsage().rss;
    const error = await readFileWithinLimit(file, maxFileBytes(undefined)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).size).toBe(1024 ** 3);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(unreadableFile('huge.md', error).diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      `File is 1024 MB, over the size limit of ${DEFAULT_MAX_FILE_SIZE_MB} MB; not analysed (raise maxFileSizeMb in the config to lint it).`,
    ]);
  });

  it('reads only the first 8,000 bytes of a binary file within the limit', async () => {
    const file = sparse('zeros.md', 4 * 1024 * 1024);
    expect((await readFileWithinLimit(file, maxFileBytes(undefined))).length).toBe(8000);
  });

  it('reads a text file whole, small or larger than the probe', async () => {
    const small = path.join(folder, 'small.md');
    writeFileSync(small, '# Small\n');
    expect(Buffer.from(await readFileWithinLimit(small, 100)).toString()).toBe('# Small\n');
    const large = path.join(folder, 'large.md');
    const text = 'line of text\n'.repeat(10_000);
    writeFileSync(large, text);
    expect(Buffer.from(await readFileWithinLimit(large, maxFileBytes(undefined))).toString()).toBe(text);
    await expect(readFileWithinLimit(large, 1000)).rejects.toThrow('file is 127 KB, over the limit of 1000 bytes');
  });

  it('limits and sizes in the units people write them', () => {
    expect(maxFileBytes(undefined)).toBe(DEFAULT_MAX_FILE_SIZE_MB * 1024 * 1024);
    expect(maxFileBytes(0.5)).toBe(512 * 1024);
    expect([999, 2048, 5 * 1024 * 1024].map(formatBytes)).toEqual(['999 bytes', '2 KB', '5 MB']);
  });
});

describe('readFileWithinLimit reads only regular files inside the repository', () => {
  it('refuses a FIFO without opening it (opening one waits for a writer)', async () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(folder, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const error = await readFileWithinLimit(fifo, 1000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotRegularFileError);
    expect(unreadableFile('pipe.md', error).diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Not a regular file (a FIFO); not read.',
    ]);
  });

  it('refuses a symbolic link to a device when a repository is given, and a device itself', async () => {
    const link = path.join(folder, 'zero.md');
    symlinkSync('/dev/zero', link);
    await expect(readFileWithinLimit(link, 1000, folder)).rejects.toBeInstanceOf(OutsideRepositoryError);
    const error = await readFileWithinLimit(link, 1000).catch((caught: unknown) => caught);
    expect(unreadableFile('zero.md', error).diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      'Not a regular file (a character device); not read.',
    ]);
  });

  it('follows a symbolic link inside the repository, and reports one that leads nowhere', async () => {
    writeFileSync(path.join(folder, 'target.md'), '# Target\n');
    symlinkSync('target.md', path.join(folder, 'to-target.md'));
    expect(Buffer.from(await readFileWithinLimit(path.join(folder, 'to-target.md'), 1000, folder)).toString()).toBe(
      '# Target\n',
    );
    symlinkSync('nowhere.md', path.join(folder, 'dangling.md'));
    await expect(readFileWithinLimit(path.join(folder, 'dangling.md'), 1000, folder)).rejects.toBeInstanceOf(
      BrokenSymlinkError,
    );
  });

  it('never reads past the limit, whatever stat says (a /proc file stats as empty)', async () => {
    if (process.platform !== 'linux') return;
    await expect(readFileWithinLimit('/proc/self/status', 100)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(Buffer.from(await readFileWithinLimit('/proc/self/status', 1_000_000)).toString()).toMatch(/^Name:/);
  });
});
