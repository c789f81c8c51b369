/**
 * How much of a file is read. Parsing costs far more memory than the file itself (micromark keeps
 * a token for every piece of syntax: a 5 MB file of links takes over a gigabyte while it is
 * parsed), so a file over the size limit is reported (file-read, tooLarge) and not read at all,
 * instead of running the process out of memory. A binary file is recognised from its first bytes
 * and never read further.
 */
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { BINARY_PROBE_BYTES } from '../markdown/decode.js';

/** The default of the config's `maxFileSizeMb`. */
export const DEFAULT_MAX_FILE_SIZE_MB = 5;

const BYTES_PER_MB = 1024 * 1024;

/** The size limit in bytes for a `maxFileSizeMb` setting (undefined: the default). */
export function maxFileBytes(maxFileSizeMb: number | undefined): number {
  return Math.floor((maxFileSizeMb ?? DEFAULT_MAX_FILE_SIZE_MB) * BYTES_PER_MB);
}

/** A size as people read it: bytes, KB or MB (powers of 1024), as the limit is written. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < BYTES_PER_MB) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${Number((bytes / BYTES_PER_MB).toFixed(1))} MB`;
}

/** A file was not read because it is larger than the limit. */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file is ${formatBytes(size)}, over the limit of ${formatBytes(limit)}`);
    this.name = 'FileTooLargeError';
  }
}

/** A path that is not a regular file (a FIFO, socket, device or folder): never opened, since opening a FIFO blocks and a device never ends. */
export class NotRegularFileError extends Error {
  constructor(readonly kind: string) {
    super(`not a regular file (${kind})`);
    this.name = 'NotRegularFileError';
  }
}

/** A symbolic link that leads outside the repository: not followed, so that a pull request cannot make the gate read the runner's files. */
export class OutsideRepositoryError extends Error {
  constructor() {
    super('symbolic link leads outside the repository');
    this.name = 'OutsideRepositoryError';
  }
}

/** A symbolic link that cannot be followed: its target does not exist, or links loop. */
export class BrokenSymlinkError extends Error {
  constructor(readonly detail: string) {
    super(`symbolic link cannot be followed (${detail})`);
    this.name = 'BrokenSymlinkError';
  }
}

/** What a file-system entry is, in the words of a diagnostic. */
function entryKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isDirectory()) return 'a folder';
  return 'not a file';
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The path to open for `file`: itself, or where its symbolic links lead, checked to be a regular
 * file (by stat, before anything is opened) and, when `repositoryRoot` is given, inside it.
 */
async function regularFileToOpen(file: string, repositoryRoot: string | undefined): Promise<string> {
  const own = await fs.lstat(file);
  let target = file;
  if (own.isSymbolicLink()) {
    try {
      target = await fs.realpath(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR')
        throw new BrokenSymlinkError(code === 'ELOOP' ? 'the links loop' : 'its target does not exist');
      throw error;
    }
    if (repositoryRoot !== undefined && !isInside(await fs.realpath(repositoryRoot), target))
      throw new OutsideRepositoryError();
  }
  const stats = own.isSymbolicLink() ? await fs.stat(target) : own;
  if (!stats.isFile()) throw new NotRegularFileError(entryKind(stats));
  return target;
}

// O_NONBLOCK: should a FIFO take the file's place between the stat and the open, opening it does
// not wait for a writer (the handle's fstat then refuses it). O_NOFOLLOW: nor can a symbolic link.
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOFOLLOW ?? 0);

/**
 * Reads a regular file of at most `limit` bytes. FIFOs, sockets and devices, also behind a
 * symbolic link, are refused without being opened (NotRegularFileError); with `repositoryRoot`, so
 * is a symbolic link that leads outside it (OutsideRepositoryError). A larger file is not read
 * (FileTooLargeError), and no read goes past `limit` + 1 bytes whatever stat said (a file that
 * grows, a /proc file that stats as empty). A file whose first BINARY_PROBE_BYTES bytes hold a NUL
 * byte is returned as those bytes only: they are enough to report it as binary (or UTF-16), and a
 * sparse gigabyte of zeros costs 8 KB.
 */
export async function readFileWithinLimit(file: string, limit: number, repositoryRoot?: string): Promise<Uint8Array> {
  const target = await regularFileToOpen(file, repositoryRoot);
  const handle = await fs.open(target, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFileError(entryKind(stats));
    if (stats.size > limit) throw new FileTooLargeError(stats.size, limit);
    const probe = new Uint8Array(Math.min(Math.max(stats.size, 1), BINARY_PROBE_BYTES));
    const probed = await readFully(handle, probe, 0);
    if (probe.subarray(0, probed).includes(0) || probed < probe.length) return probe.subarray(0, probed);
    // One byte more than stat promised shows whether the file goes on; it is then read up to the limit and one byte past it.
    let buffer = new Uint8Array(Math.min(stats.size, limit) + 1);
    buffer.set(probe, 0);
    let length = await readFully(handle, buffer, probed);
    while (length === buffer.length && buffer.length <= limit) {
      const grown = new Uint8Array(Math.min(buffer.length * 2, limit + 1));
      grown.set(buffer, 0);
      buffer = grown;
      length = await readFully(handle, buffer, length);
    }
    if (length > limit) throw new FileTooLargeError(Math.max(length, stats.size), limit);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Reads into `buffer` from `offset` until it is full or the file ends; returns the bytes it holds. */
async function readFully(handle: fs.FileHandle, buffer: Uint8Array, offset: number): Promise<number> {
  let length = offset;
  while (length < buffer.length) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
  }
  return length;
}
