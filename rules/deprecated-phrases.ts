import { z } from 'zod';
import { codeBlocks, rawTextBlock } from '../src/contracts/raw-text-blocks.js';
import { exactSourceRange, isSentenceStart, proseBlocks, sourceRange, type ProseBlock } from '../src/markdown/prose.js';
import { defineProjectRule, type TextEdit, EACH_ITEM } from '../src/core/rule.js';
import { TermMatcher } from '../src/terms/find-terms.js';
import { termVariantSchema, type Term } from '../src/terms/term-list.js';

const phraseSchema = z.union([
  z.string().min(1).describe('A retired phrase, matched in any letter case.'),
  z
    .strictObject({
      phrase: termVariantSchema.describe(
        'The retired phrase, matched as whole words (a space matches any whitespace), or { regex } for a JavaScript regular expression.',
      ),
      use: z.string().min(1).optional().describe('What to write instead; --fix applies it.'),
      message: z
        .string()
        .min(1)
        .optional()
        .describe('Why the phrase was retired, or what to do instead; added to the message.'),
      link: z.string().min(1).optional().describe('A URL where readers learn more; added to the message.'),
      caseSensitive: z.boolean().default(false).describe('Match the phrase only in the letter case written.'),
    })
    .describe('A retired phrase with its replacement or explanation.'),
]);

const optionsSchema = z.strictObject({
  phrases: z
    .array(phraseSchema)
    .default([])
    .describe(
      'Phrases the project has retired: a string (matched in any letter case, reported without a fix), or an object with a replacement or a reason. Allow them in some files with `overrides`.',
    ),
  code: z
    .boolean()
    .default(false)
    .describe('Also search code blocks and inline code (a retired command or flag name in an example).'),
  plainTextFiles: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Globs (root-relative) of files that are not Markdown to search too, as plain text: the labels of SVG diagrams, text files. Reported, never rewritten.',
    ),
});

type Options = z.output<typeof optionsSchema>;

/** Retired phrases are terms whose wrong form is the phrase: the same matcher, the same precision. */
function phraseTerms(options: Options): Term[] {
  return options.phrases.map((entry): Term => {
    const phrase = typeof entry === 'string' ? { phrase: entry, caseSensitive: false } : entry;
    return {
      ...(phrase.use === undefined ? {} : { use: phrase.use }),
      insteadOf: [phrase.phrase],
      accept: [],
      except: [],
      caseSensitive: phrase.caseSensitive,
      plural: false,
      headings: true,
      deprecated: true,
      fix: phrase.use !== undefined,
      subcommands: [],
      prefer: 'use',
      ...(phrase.message === undefined ? {} : { message: phrase.message }),
      ...(phrase.link === undefined ? {} : { link: phrase.link }),
    };
  });
}

const matchers = new WeakMap<object, TermMatcher>();

function matcherFor(options: Options): TermMatcher {
  let matcher = matchers.get(options);
  if (!matcher) {
    matcher = new TermMatcher(phraseTerms(options));
    matchers.set(options, matcher);
  }
  return matcher;
}

/** A retired phrase found, as plain data (it crosses threads and the cache). */
interface Finding {
  start: number;
  end: number;
  messageId: 'replaced' | 'retired';
  data: Record<string, string>;
  /** The replacement, where the source reads exactly like the text searched. */
  fix?: TextEdit;
}

/** The retired phrases in some blocks of text; `fixable` says whether replacements may be rewritten there. */
function findPhrases(blocks: readonly ProseBlock[], source: string, matcher: TermMatcher, fixable: boolean): Finding[] {
  const findings: Finding[] = [];
  for (const block of blocks) {
    for (const match of matcher.find(block)) {
      if (match.status !== 'wrong') continue;
      const at = sourceRange(block, match.from, match.to);
      if (!at) continue;
      const { term } = match;
      const found = match.found.replace(/\s+/g, ' ');
      const note = `${term.message ? ` ${term.message}` : ''}${term.link ? ` See ${term.link}` : ''}`;
      if (term.use === undefined) {
        findings.push({ ...at, messageId: 'retired', data: { found, note } });
        continue;
      }
      const capitalized = /^\p{Lu}/u.test(found) && isSentenceStart(block, match.from);
      const expected = capitalized ? term.use.charAt(0).toUpperCase() + term.use.slice(1) : term.use;
      const exact = fixable ? exactSourceRange(block, source, match.from, match.to) : undefined;
      findings.push({
        ...at,
        messageId: 'replaced',
        data: { found, expected, note },
        ...(exact ? { fix: { ...exact, text: expected } } : {}),
      });
    }
  }
  return findings;
}

/**
 * Phrases a project has retired ("Shift-Left Validation", "coding agents only") stay out of its
 * prose — and, when asked, out of its code and of plain-text files such as SVG diagrams; archived
 * and planning documents are let off through `overrides`. A project rule only so that the engine
 * can hand it the text of files that are not Markdown: each Markdown file is still searched on
 * its own, with its own options.
 */
export default defineProjectRule<Options, Finding[]>({
  id: 'deprecated-phrases',
  description: 'Phrases the project has retired do not appear in prose (with a replacement or a reason each).',
  tags: ['terminology'],
  scope: 'project',
  dependsOn: [],
  defaultSeverity: 'error',
  recommended: false,
  fixable: true,
  options: optionsSchema,
  globOptions: [{ path: ['plainTextFiles', EACH_ITEM], relativeTo: 'root' }],
  // What replaces a retired phrase is a name the user chose: right as written.
  shares: {
    acceptedNames: (options) =>
      options.phrases.flatMap((phrase) => (typeof phrase === 'string' || phrase.use === undefined ? [] : [phrase.use])),
  },
  messages: {
    replaced: '"{found}" is a retired phrase: use "{expected}".{note}',
    retired: '"{found}" is a retired phrase.{note}',
  },
  extract(file, options) {
    if (options.phrases.length === 0) return [];
    const prose = proseBlocks(file.tree, file.text, options.code ? { inlineCode: 'text' } : {});
    const blocks = options.code ? [...prose, ...codeBlocks(file.tree, file.text)] : prose;
    return findPhrases(blocks, file.text, matcherFor(options), true);
  },
  plainTextFiles: (options) => (options.phrases.length === 0 ? [] : options.plainTextFiles),
  check({ index, options, extracted, plainTexts, report }) {
    const reportAll = (file: string, findings: readonly Finding[]): void => {
      for (const { start, end, messageId, data, fix } of findings)
        report({ file, messageId, data, at: { start, end }, ...(fix ? { fix } : {}) });
    };
    for (const file of index.targets) {
      const facts = index.files.get(file);
      if (facts) reportAll(file, extracted<Finding[]>(facts) ?? []);
    }
    // Plain-text files are searched with the phrases in force for each of them (the engine runs check once per set of options), and never rewritten.
    for (const [file, text] of plainTexts)
      reportAll(file, findPhrases([rawTextBlock(text)], text, matcherFor(options), false));
  },
});
