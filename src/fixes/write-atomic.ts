import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Replaces a file's content without ever leaving it half-written: the new content goes to a
 * temporary file in the same folder (same file system, so the rename is atomic), gets the
 * original's mode, and is renamed over the original. On failure the original is untouched.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array): Promise<void> {
  const stats = await fs.stat(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, content, { mode: stats.mode & 0o7777, flag: 'wx' });
    await fs.chmod(temporary, stats.mode & 0o7777);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
