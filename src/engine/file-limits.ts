/**
 * How much of a file is read. Parsing costs far more memory than the file itself (micromark keeps
 * a token for every piece of syntax: a 5 MB file of links takes over a gigabyte while it is
 * parsed), so a file over the size limit is reported (file-read, tooLarge) and not read at all,
 * instead of running the process out of memory. A binary file is recognised from its first bytes
 * and never read further.
 */
import { promises as fs } from 'node:fs';
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

/**
 * Reads a file of at most `limit` bytes. A larger one is not read (FileTooLargeError); a file whose
 * first BINARY_PROBE_BYTES bytes hold a NUL byte is returned as those bytes only: they are enough
 * to report it as binary (or UTF-16), and a sparse gigabyte of zeros costs 8 KB.
 */
export async function readFileWithinLimit(file: string, limit: number): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > limit) throw new FileTooLargeError(size, limit);
    const probe = new Uint8Array(Math.min(size, BINARY_PROBE_BYTES));
    // Read from the current position (not at an explicit offset), so that readFile goes on after it.
    const { bytesRead } = await handle.read(probe, 0, probe.length, null);
    if (probe.subarray(0, bytesRead).includes(0) || bytesRead < probe.length) return probe.subarray(0, bytesRead);
    const rest = await handle.readFile();
    // The file may have grown since stat: what was read must still be within the limit.
    if (bytesRead + rest.length > limit) throw new FileTooLargeError(bytesRead + rest.length, limit);
    if (rest.length === 0) return probe;
    const whole = new Uint8Array(bytesRead + rest.length);
    whole.set(probe, 0);
    whole.set(rest, bytesRead);
    return whole;
  } finally {
    await handle.close();
  }
}
