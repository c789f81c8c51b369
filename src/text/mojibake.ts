/**
 * Text damaged by a wrong decoding: UTF-8 bytes read as Windows-1252 (or Latin-1) and saved again,
 * so that "→" became "â†’", "é" became "Ã©" and "🚀" became "ðŸš€". The damage is reversible:
 * map each character back to its Windows-1252 byte and decode the bytes as UTF-8.
 *
 * Precision matters more than recall here, because real French, German, Portuguese or Polish text
 * is full of the same characters. A run is reported only when (1) its bytes form complete, valid
 * UTF-8 sequences, and (2) what they decode to is plausible: Latin letters, punctuation, symbols,
 * arrows, emoji; or, for scripts where one stray character could be chance (Greek, Cyrillic, CJK…),
 * a run of at least two such characters.
 */

/** Windows-1252 characters of bytes 0x80–0x9F; the five undefined bytes decode as C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const BYTE_OF = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) BYTE_OF.set(String.fromCharCode(byte), byte);
for (let i = 0; i < CP1252_HIGH.length; i++) BYTE_OF.set(CP1252_HIGH[i]!, 0x80 + i);

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Characters that can be the result of a repair on their own. */
const PLAUSIBLE_ALONE: readonly [number, number][] = [
  [0x00a0, 0x017f], // Latin-1 Supplement, Latin Extended-A (é, ü, ą, ł, œ …)
  [0x0218, 0x021b], // Romanian ș ț
  [0x2000, 0x2bff], // punctuation, currency, letterlike, arrows, maths, box drawing, symbols, dingbats
  [0xfe00, 0xfe0f], // variation selectors (emoji presentation)
  [0x1f000, 0x1faff], // emoji
];

/** Characters plausible only as part of a run of two or more repaired characters. */
const PLAUSIBLE_IN_RUNS: readonly [number, number][] = [
  [0x0370, 0x06ff], // Greek, Cyrillic, Armenian, Hebrew, Arabic
  [0x3000, 0x30ff], // CJK punctuation, Hiragana, Katakana
  [0x4e00, 0x9fff], // CJK ideographs
  [0xac00, 0xd7af], // Hangul
  [0xff00, 0xffef], // full-width forms
];

const inRanges = (code: number, ranges: readonly [number, number][]): boolean =>
  ranges.some(([low, high]) => code >= low && code <= high);

export type DamageKind = 'mojibake' | 'incomplete' | 'replacement' | 'control';

export interface Damage {
  kind: DamageKind;
  start: number;
  end: number;
  /** The repaired text, for `mojibake`. */
  repaired?: string;
}

interface Sequence {
  start: number;
  end: number;
  decoded: string;
}

/**
 * The characters that stand for a UTF-8 lead byte (0xC2–0xF4) are U+00C2–U+00F4 themselves: the
 * Windows-1252 characters of BYTE_OF stand for 0x80–0x9F, which lead no sequence. Checking the
 * code first spares a map look-up for nearly every character of a file.
 */
const canLead = (code: number): boolean => code >= 0xc2 && code <= 0xf4;

/** A complete UTF-8 sequence spelled in Windows-1252 characters starting at `at`, if there is one. */
function sequenceAt(text: string, at: number): Sequence | undefined {
  if (!canLead(text.charCodeAt(at))) return undefined;
  const lead = BYTE_OF.get(text[at]!);
  const length = lead === undefined ? 0 : sequenceLength(lead);
  if (length === 0) return undefined;
  const bytes = [lead!];
  for (let i = 1; i < length; i++) {
    const byte = BYTE_OF.get(text[at + i] ?? '');
    if (!isContinuation(byte)) return undefined;
    bytes.push(byte!);
  }
  try {
    return { start: at, end: at + length, decoded: strictUtf8.decode(new Uint8Array(bytes)) };
  } catch {
    return undefined;
  }
}

function plausible(decoded: string): boolean {
  const codes = [...decoded].map((character) => character.codePointAt(0)!);
  const run = codes.length >= 2;
  return codes.every((code) => inRanges(code, PLAUSIBLE_ALONE) || (run && inRanges(code, PLAUSIBLE_IN_RUNS)));
}

const LETTER = /\p{L}/u;

/**
 * A single two-byte sequence led by a capital other than Â or Ã ("Ä“", "Å“") also occurs in real
 * text: a capital letter quoted on its own, as in „Ä“. Mojibake sits inside words ("gÄ™Å›lÄ…"),
 * so such a sequence counts only with a letter right before or after it.
 */
function lonelyCapital(text: string, start: number, end: number): boolean {
  if (end - start !== 2 || text[start] === 'Â' || text[start] === 'Ã') return false;
  return !LETTER.test(text[start - 1] ?? '') && !LETTER.test(text[end] ?? '');
}

/** Decodes again while the result is itself entirely mojibake (text converted twice). */
function repairFully(decoded: string): string {
  let current = decoded;
  for (let round = 0; round < 3; round++) {
    const inner = mojibakeRuns(current, 0, current.length);
    if (inner.length !== 1 || inner[0]!.start !== 0 || inner[0]!.end !== current.length) break;
    current = inner[0]!.repaired!;
  }
  return current;
}

function mojibakeRuns(text: string, from: number, to: number): Damage[] {
  const result: Damage[] = [];
  let i = from;
  while (i < to) {
    const first = sequenceAt(text, i);
    if (!first || first.end > to) {
      i++;
      continue;
    }
    let end = first.end;
    let decoded = first.decoded;
    for (let next = sequenceAt(text, end); next && next.end <= to; next = sequenceAt(text, end)) {
      decoded += next.decoded;
      end = next.end;
    }
    if (plausible(decoded) && !lonelyCapital(text, i, end)) {
      result.push({ kind: 'mojibake', start: i, end, repaired: decoded });
      i = end;
    } else {
      i++;
    }
  }
  return result;
}

/**
 * The two prefixes that survive when the last byte of a sequence was one Windows-1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) and a converter dropped it: "â€" (E2 80, the start of
 * ’ “ ” – — …) and "ðŸ" (F0 9F, the start of every emoji). Neither occurs in real text.
 */
const INCOMPLETE = /â€|ðŸ[\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]?/g;

/** C0 controls other than tab, line feed and carriage return; DEL; C1 controls; a BOM inside the text. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff]/g;

/**
 * Whether spans, asked about in ascending order, overlap one of `spans` (sorted, disjoint): a
 * cursor that only moves forward, so that a text of 100,000 control characters is scanned in
 * linear time (asking every span each time took a minute).
 */
function overlapTest(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  let index = 0;
  return (start, end) => {
    while (index < spans.length && spans[index]!.end <= start) index++;
    return index < spans.length && spans[index]!.start < end;
  };
}

/** Every damaged span in text[from, to), sorted, without overlaps. */
export function findEncodingDamage(text: string, from = 0, to = text.length): Damage[] {
  const found = mojibakeRuns(text, from, to).map((damage) => ({ ...damage, repaired: repairFully(damage.repaired!) }));
  const slice = text.slice(from, to);
  const incomplete: Damage[] = [];
  const coveredByMojibake = overlapTest(found);
  for (const match of slice.matchAll(INCOMPLETE)) {
    const start = from + match.index;
    if (!coveredByMojibake(start, start + match[0].length))
      incomplete.push({ kind: 'incomplete', start, end: start + match[0].length });
  }
  const replacements: Damage[] = [];
  for (const match of slice.matchAll(/\ufffd+/g))
    replacements.push({ kind: 'replacement', start: from + match.index, end: from + match.index + match[0].length });
  const controls: Damage[] = [];
  const controlInMojibake = overlapTest(found);
  const controlInIncomplete = overlapTest(incomplete);
  for (const match of slice.matchAll(CONTROL)) {
    const start = from + match.index;
    if (!controlInMojibake(start, start + 1) && !controlInIncomplete(start, start + 1))
      controls.push({ kind: 'control', start, end: start + 1 });
  }
  return [...found, ...incomplete, ...replacements, ...controls].sort((a, b) => a.start - b.start);
}
