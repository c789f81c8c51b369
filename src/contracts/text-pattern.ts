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
    pattern = { source, kind: 'phrase', search: new RegExp(body, flags), whole: new RegExp(`^\\s*${body}\\s*$`, flags) };
  }
  cache.set(key, pattern);
  return pattern;
}

/** How a pattern is named in messages: phrases in quotes, regexes as written. */
export function describePattern(source: string): string {
  return regexParts(source) ? source : `"${source}"`;
}
