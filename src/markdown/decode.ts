export type DecodeResult =
  | { ok: true; text: string; bom: boolean }
  | { ok: false; reason: 'binary' | 'invalid-utf8'; detail: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Markdown files are UTF-8. A NUL byte means a binary file (as git decides); bytes that are not
 * valid UTF-8 are reported with the offset of the first bad byte rather than replaced silently.
 */
export function decodeMarkdown(bytes: Uint8Array): DecodeResult {
  const probe = bytes.subarray(0, 8000);
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
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
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
