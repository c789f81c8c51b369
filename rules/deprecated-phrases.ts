import { z } from 'zod';
import { exactSourceRange, isSentenceStart, proseBlocks, sourceRange } from '../src/markdown/prose.js';
import { defineFileRule } from '../src/core/rule.js';
import { TermMatcher } from '../src/terms/find-terms.js';
import { termVariantSchema, type Term } from '../src/terms/term-list.js';

const phraseSchema = z.union([
  z.string().min(1).describe('A retired phrase, matched in any letter case.'),
  z
    .strictObject({
      phrase: termVariantSchema.describe('The retired phrase, matched as whole words (a space matches any whitespace), or { regex } for a JavaScript regular expression.'),
      use: z.string().min(1).optional().describe('What to write instead; --fix applies it.'),
      message: z.string().min(1).optional().describe('Why the phrase was retired, or what to do instead; added to the message.'),
      link: z.string().min(1).optional().describe('A URL where readers learn more; added to the message.'),
      'case-sensitive': z.boolean().default(false).describe('Match the phrase only in the letter case written.'),
    })
    .describe('A retired phrase with its replacement or explanation.'),
]);

const optionsSchema = z.strictObject({
  phrases: z
    .array(phraseSchema)
    .default([])
    .describe('Phrases the project has retired: a string (matched in any letter case, reported without a fix), or an object with a replacement or a reason. Allow them in some files with `overrides`.'),
});

type Options = z.output<typeof optionsSchema>;

/** Retired phrases are terms whose wrong form is the phrase: the same matcher, the same precision. */
function phraseTerms(options: Options): Term[] {
  return options.phrases.map((entry): Term => {
    const phrase = typeof entry === 'string' ? { phrase: entry, 'case-sensitive': false } : entry;
    return {
      ...(phrase.use === undefined ? {} : { use: phrase.use }),
      'instead-of': [phrase.phrase],
      accept: [],
      except: [],
      'case-sensitive': phrase['case-sensitive'],
      plural: false,
      headings: true,
      deprecated: true,
      fix: phrase.use !== undefined,
      ...(phrase.message === undefined ? {} : { message: phrase.message }),
      ...(phrase.link === undefined ? {} : { link: phrase.link }),
    };
  });
}

const matchers = new WeakMap<object, TermMatcher>();

/**
 * Phrases a project has retired ("Shift-Left Validation", "coding agents only") stay out of its
 * prose; archived and planning documents are let off through `overrides`.
 */
export default defineFileRule({
  id: 'deprecated-phrases',
  description: 'Phrases the project has retired do not appear in prose (with a replacement or a reason each).',
  tags: ['terminology'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: true,
  options: optionsSchema,
  messages: {
    replaced: '"{found}" is a retired phrase: use "{expected}".{note}',
    retired: '"{found}" is a retired phrase.{note}',
  },
  check({ file, options, report }) {
    if (options.phrases.length === 0) return;
    let matcher = matchers.get(options);
    if (!matcher) matchers.set(options, (matcher = new TermMatcher(phraseTerms(options))));
    for (const block of proseBlocks(file.tree, file.text)) {
      for (const match of matcher.find(block)) {
        if (match.status !== 'wrong') continue;
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        const { term } = match;
        const found = match.found.replace(/\s+/g, ' ');
        const note = `${term.message ? ` ${term.message}` : ''}${term.link ? ` See ${term.link}` : ''}`;
        if (term.use === undefined) {
          report({ messageId: 'retired', data: { found, note }, at });
          continue;
        }
        const capitalized = /^\p{Lu}/u.test(found) && isSentenceStart(block, match.from);
        const expected = capitalized ? term.use.charAt(0).toUpperCase() + term.use.slice(1) : term.use;
        const exact = exactSourceRange(block, file.text, match.from, match.to);
        report({ messageId: 'replaced', data: { found, expected, note }, at, ...(exact ? { fix: { ...exact, text: expected } } : {}) });
      }
    }
  },
});
