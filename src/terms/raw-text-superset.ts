/**
 * Cheap tests on a file's raw text for ProjectRule.mayContribute: true for every file whose prose
 * can hold a form of a term or a mapping statement (a superset, never a miss), so that a run on a
 * few named files parses only the files a comparison across the repository depends on.
 *
 * The prose rules read (markdown/prose.ts) is the text of inline nodes in source order: markup
 * (`*`, `_`, `~`, backticks, brackets) and link destinations are dropped, character references
 * (`&gt;`, `&#75;`) and backslash escapes decoded, words joined across line breaks. So the tests
 * compare letters and digits only (a "skeleton"), where dropped markup cannot split a word, on the
 * text as written and with references decoded, each with and without link destinations: whatever
 * the prose holds, one of these holds it too. Looser is always safe: a file that passes wrongly
 * is only parsed for nothing.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';

const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/g;
/** `](destination "title")` and `][label]`: link text goes on in prose after them. */
const LINK_TAIL = /\]\([^)]*\)|\]\[[^\]]*\]/g;

/** Letters, digits and marks only, lowercased: markup and spacing cannot split a word here. */
export function skeleton(text: string): string {
  return text.toLowerCase().replace(NOT_WORD, '');
}

function decodeCharacterReferences(text: string): string {
  return text.replace(
    CHARACTER_REFERENCE,
    (reference, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        const decoded = decodeNamedCharacterReference(name);
        return decoded === false ? reference : decoded;
      }
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\uFFFD';
    },
  );
}

/** The text as written and decoded, each as is and without link destinations. */
function readings(rawText: string): string[] {
  const decoded = rawText.includes('&') ? decodeCharacterReferences(rawText) : rawText;
  const texts = decoded === rawText ? [rawText] : [rawText, decoded];
  return texts.flatMap((text) =>
    text.includes('](') || text.includes('][') ? [text, text.replace(LINK_TAIL, ']')] : [text],
  );
}

/**
 * Words joined by `.`, `:`, `/`, `@` or `-` (k8s.io, git.k8s.io/community): prose holds them as
 * written (none of these is markup), and a term inside one is glued to it (find-terms.ts), never a
 * use. Leaving them out keeps the many `k8s.io` links from passing every file for "k8s".
 */
const JOINED_WORDS = /[\p{L}\p{N}\p{M}]+(?:[.:/@-][\p{L}\p{N}\p{M}]+)+/gu;

/** A text's readings, and their skeletons computed when a test first needs them. */
class Analysed {
  readonly readings: string[];
  private skeletonsOfReadings: string[] | undefined;
  private standalone: string[] | undefined;

  constructor(readonly rawText: string) {
    this.readings = readings(rawText);
  }

  get skeletons(): string[] {
    this.skeletonsOfReadings ??= this.readings.map(skeleton);
    return this.skeletonsOfReadings;
  }

  /** The skeletons without joined words: for forms that hold no joining character themselves. */
  get standaloneSkeletons(): string[] {
    this.standalone ??= this.readings.map((text) => skeleton(text.replace(JOINED_WORDS, ' ')));
    return this.standalone;
  }
}

/** The last text asked about, as the rules of a run ask about the same file in turn. */
let remembered: Analysed | undefined;

function analysed(rawText: string): Analysed {
  if (remembered?.rawText !== rawText) remembered = new Analysed(rawText);
  return remembered;
}

/**
 * The skeleton a form is searched by: a plural "Policies" does not contain "policy", so a final
 * `y` is left out; a form with no letter or digit gives '' (found everywhere: never a miss).
 */
export function formSkeleton(form: string): FormKey {
  const letters = skeleton(form);
  return { letters: letters.endsWith('y') ? letters.slice(0, -1) : letters, joined: /[.:/@-]/.test(form) };
}

export interface FormKey {
  letters: string;
  /** The form itself joins words with `.`, `:`, `/`, `@` or `-` (Node.js): searched in joined words too. */
  joined: boolean;
}

/** Whether any of the forms (as formSkeleton gives them) can occur in the prose of this text. */
export function mayHoldAnyForm(rawText: string, forms: readonly FormKey[]): boolean {
  const { skeletons, standaloneSkeletons } = analysed(rawText);
  return forms.some((form) =>
    (form.joined ? skeletons : standaloneSkeletons).some((text) => text.includes(form.letters)),
  );
}

/** Lowercase letters and digits only, as concepts.ts's conceptKey reads a phrase (marks dropped too). */
const NOT_KEY = /[^\p{L}\p{N}]+/gu;
/** The last text mayMentionAnyKey read, as each file is asked about in turn. */
let rememberedKeySkeletons: { rawText: string; skeletons: string[] } | undefined;

/**
 * Whether the prose of this text can name something whose conceptKey contains one of `keys`
 * (each already lowercase letters and digits; give a key without a final `y`, so that a plural in
 * `-ies` still holds it). Used for the names a mapping statement sides with.
 */
export function mayMentionAnyKey(rawText: string, keys: readonly string[]): boolean {
  if (rememberedKeySkeletons?.rawText !== rawText)
    rememberedKeySkeletons = { rawText, skeletons: keySkeletons(rawText) };
  const { skeletons } = rememberedKeySkeletons;
  return keys.some((key) => skeletons.some((text) => text.includes(key)));
}

const PERCENT_ESCAPES = /(?:%[0-9a-fA-F]{2})+/g;

/** Percent-escapes decoded where they spell UTF-8, as a link's path is read (`my%20file.md`). */
function decodePercentEscapes(text: string): string {
  return text.replace(PERCENT_ESCAPES, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

/**
 * The readings of a text that mayMentionAnyKey searches, as lowercase letters and digits: as
 * written and with character references decoded, each with and without link destinations, and
 * with percent-escapes decoded (a name in a link's path).
 */
export function keySkeletons(rawText: string): string[] {
  const texts = analysed(rawText).readings;
  const all = rawText.includes('%') ? [...texts, ...texts.map(decodePercentEscapes)] : texts;
  return all.map((text) => text.toLowerCase().replace(NOT_KEY, ''));
}

/** Markup dropped from prose that may stand between the two characters of an arrow (`-*>*`, `-\>`). */
const DROPPED_MARKUP = /[*_~`\\[\]]/g;
/** An arrow of mapping-statements.ts (ARROW_TEST) as prose can hold it. */
const ARROW = /[-=]>|<[-=]|[→⟶⇒⟹←⟵⇐⟸↔⟷⇔⟺]/u;
/** The words of mapping-statements.ts's PHRASE ("maps to", "is like", "counterpart of"), in a skeleton. */
const PHRASE_WORDS =
  /map(?:s|ped)?(?:on)?to|corresponds?(?:on)?to|(?:is|are)(?:just|much)?like|(?:equivalent|counterpart|analogue|analog)(?:of|to)|analogousto/;

/**
 * Whether the prose of this text can state a mapping (mapping-statements.ts): a table (GFM
 * tables need a `|` in their delimiter row), an arrow, or a mapping phrase.
 */
export function mayStateMapping(rawText: string): boolean {
  if (rawText.includes('|')) return true;
  const { readings: texts, skeletons } = analysed(rawText);
  if (texts.some((text) => ARROW.test(text.replace(DROPPED_MARKUP, '')))) return true;
  return skeletons.some((text) => PHRASE_WORDS.test(text));
}
