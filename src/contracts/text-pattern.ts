/**
 * What contract rules look for: a phrase (plain text, case-insensitive unless asked otherwise,
 * any run of whitespace matching any other) or a regular expression written `/source/flags`.
 */
import { z } from 'zod';

export interface TextPattern {
  /** As written in the config, for messages. */
  source: string;
  kind: 'phrase' | 'regex';
  /** Finds the pattern anywhere in a text. */
  search: RegExp;
  /** For phrases: the whole text equals the phrase (headings compare exactly); regexes search. */
  whole: RegExp;
}

const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

function regexParts(source: string): { body: string; flags: string } | undefined {
  const match = REGEX_LITERAL.exec(source);
  return match ? { body: match[1]!, flags: match[2]! } : undefined;
}

/** Why a `/…/flags` pattern cannot compile, or undefined when it is a phrase or compiles. */
export function regexProblem(source: string): string | undefined {
  const parts = regexParts(source);
  if (!parts) return undefined;
  try {
    new RegExp(parts.body, parts.flags);
    return undefined;
  } catch (error) {
    return `invalid regular expression ${source}: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`;
  }
}

export const textPatternSchema = z
  .string()
  .min(1, 'a phrase or /regex/ cannot be empty')
  .superRefine((value, context) => {
    const problem = regexProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .describe('A phrase (case-insensitive by default) or a regular expression written /source/flags.');

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cache = new Map<string, TextPattern>();

export function compileTextPattern(source: string, caseSensitive = false): TextPattern {
  const key = `${caseSensitive ? 's' : 'i'}${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const parts = regexParts(source);
  let pattern: TextPattern;
  if (parts) {
    // `g` and `y` make RegExp#test stateful; a contract only asks whether the text matches.
    const regex = new RegExp(parts.body, parts.flags.replace(/[gy]/g, ''));
    pattern = { source, kind: 'regex', search: regex, whole: regex };
  } else {
    const flags = caseSensitive ? 'u' : 'iu';
    const body = source.trim().split(/\s+/).map(escapeRegex).join('\\s+');
    pattern = {
      source,
      kind: 'phrase',
      search: new RegExp(body, flags),
      whole: new RegExp(`^\\s*${body}\\s*$`, flags),
    };
  }
  cache.set(key, pattern);
  return pattern;
}

/** A regular expression that is only literal text: alternatives, anchors and word boundaries. */
interface LiteralRegex {
  alternatives: string[];
  start: boolean;
  end: boolean;
  /** Every alternative is wrapped in `\b…\b`: whole words. */
  words: boolean;
}

/** The text a regex fragment stands for when it is literal (`Rule`, `5\-minute`, `a\sb`), else undefined. */
function unescapeLiteral(source: string): string | undefined {
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const character = source[i]!;
    if (character === '\\') {
      const next = source[i + 1];
      if (next === 's' && !/[*+?{]/.test(source[i + 2] ?? '')) text += ' ';
      else if (next === undefined || /[\p{L}\p{N}]/u.test(next)) return undefined;
      else text += next;
      i++;
      continue;
    }
    if ('.*+?()[]{}|^$'.includes(character)) return undefined;
    text += character;
  }
  return text;
}

/** Splits at the `|` that are not escaped. */
function topLevelBranches(source: string): string[] {
  const branches: string[] = [];
  let current = '';
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      current += source.slice(i, i + 2);
      i++;
    } else if (source[i] === '|') {
      branches.push(current);
      current = '';
    } else current += source[i];
  }
  return [...branches, current];
}

/** Whether a branch is wrapped in word boundaries (`\bword\b`). */
const wordBounded = (branch: string): boolean =>
  branch.length > 4 && branch.startsWith('\\b') && branch.endsWith('\\b');

function literalRegex(body: string): LiteralRegex | undefined {
  let rest = body;
  const start = rest.startsWith('^');
  if (start) rest = rest.slice(1);
  const end = rest.endsWith('$') && !rest.endsWith('\\$');
  if (end) rest = rest.slice(0, -1);
  // `\b(a|b)\b`: whole words around a group of alternatives.
  const boundedGroup = /^\\b(\(.*\))\\b$/s.exec(rest);
  if (boundedGroup) rest = boundedGroup[1]!;
  const group = /^\((?:\?:)?(.*)\)$/s.exec(rest);
  if (group) rest = group[1]!;
  const branches = topLevelBranches(rest);
  const bounded = branches.map(wordBounded);
  // Either the group is bounded, or every branch is, or none: anything else is not plain words.
  if (boundedGroup ? bounded.some(Boolean) : bounded.some(Boolean) !== bounded.every(Boolean)) return undefined;
  const alternatives: string[] = [];
  for (const [index, branch] of branches.entries()) {
    const literal = unescapeLiteral(bounded[index] ? branch.slice(2, -2) : branch);
    if (literal === undefined || literal.trim() === '') return undefined;
    alternatives.push(literal);
  }
  return { alternatives, start, end, words: boundedGroup !== null || bounded.every(Boolean) };
}

const quoted = (texts: readonly string[]): string => texts.map((text) => `"${text}"`).join(' or ');

/**
 * A pattern in the words of the contributor who must satisfy it, never in config notation: a
 * phrase in quotes; a regex that is only literal text as its words (`/quick ?start/` is not, and
 * `/5-minute/i` is `"5-minute"`), and for headings as what the heading must read, start with, end
 * with or contain (`/\bRule\b/` → `a heading containing the word "Rule"`); any other regex as
 * "the pattern" with its source, without slashes and flags.
 */
export function describeTextPattern(source: string, subject: 'heading' | 'text'): string {
  const parts = regexParts(source);
  if (!parts) return `"${source.trim().replace(/\s+/g, ' ')}"`;
  const literal = literalRegex(parts.body);
  const subjectName = subject === 'heading' ? 'a heading' : 'text';
  if (!literal || (subject === 'text' && (literal.start || literal.end)))
    return `${subjectName} that matches the pattern ${parts.body}`;
  // In running text the phrase itself says it; a heading is described by what it must contain.
  if (subject === 'text') return quoted(literal.alternatives);
  const what = `${literal.words ? `the word${literal.alternatives.length > 1 ? 's' : ''} ` : ''}${quoted(literal.alternatives)}`;
  if (literal.start && literal.end) return `a heading that reads ${what}`;
  if (literal.start) return `a heading that starts with ${what}`;
  if (literal.end) return `a heading that ends with ${what}`;
  return `a heading containing ${what}`;
}
