export type DecodeResult =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; reason: 'binary' | 'invalid-utf8' | 'utf16'; detail: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How much of a file is looked at to decide it is binary, as git does (it reads the first 8,000 bytes). */
export const BINARY_PROBE_BYTES = 8000;

/**
 * UTF-16 text, which is full of NUL bytes and would otherwise pass for binary: a byte-order mark,
 * or (without one) ASCII text whose every other byte is NUL. Undefined when it is neither.
 */
function utf16Kind(probe: Uint8Array): string | undefined {
  if (probe[0] === 0xff && probe[1] === 0xfe) return 'little-endian, with a byte-order mark';
  if (probe[0] === 0xfe && probe[1] === 0xff) return 'big-endian, with a byte-order mark';
  if (probe.length < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index + 1 < probe.length; index += 2) {
    if (probe[index] === 0) evenNul++;
    if (probe[index + 1] === 0) oddNul++;
  }
  const pairs = Math.floor(probe.length / 2);
  // ASCII in UTF-16: one byte of each pair is NUL, the other almost never is.
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'little-endian, without a byte-order mark';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'big-endian, without a byte-order mark';
  return undefined;
}

/**
 * Markdown files are UTF-8. A NUL byte in the first 8,000 bytes means a binary file (as git
 * decides), unless the file is UTF-16, which is named as such; bytes that are not valid UTF-8 are
 * reported with the offset of the first bad byte rather than replaced silently. A binary file may
 * be given as its first BINARY_PROBE_BYTES bytes only (see readFileWithinLimit).
 */
export function decodeMarkdown(bytes: Uint8Array): DecodeResult {
  const probe = bytes.subarray(0, BINARY_PROBE_BYTES);
  const utf16 = utf16Kind(probe);
  if (utf16 !== undefined) return { ok: false, reason: 'utf16', detail: utf16 };
  if (probe.includes(0)) return { ok: false, reason: 'binary', detail: 'contains NUL bytes' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, text: decoder.decode(bom ? bytes.subarray(3) : bytes), bom };
  } catch {
    return { ok: false, reason: 'invalid-utf8', detail: `invalid UTF-8 at byte ${firstInvalidByte(bytes)}` };
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}
