import { z } from 'zod';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { countWords, proseText } from '../src/markdown/words.js';
import { defineFileRule, GLOB_KEYS } from '../src/core/rule.js';

const contract = z
  .strictObject({
    min: z.number().int().min(0).optional().describe('At least this many prose words.'),
    max: z.number().int().min(1).optional().describe('At most this many prose words (give min, max or both).'),
    countCode: z.boolean().default(false).describe('Count words in code blocks and inline code.'),
    countFrontMatter: z.boolean().default(false).describe('Count words in YAML/TOML front matter.'),
    countHtml: z.boolean().default(false).describe('Count the text inside raw HTML (tags and comments never count).'),
    countUrls: z.boolean().default(false).describe('Count URLs (https://…, www.…) as words.'),
  })
  .refine((value) => value.min !== undefined || value.max !== undefined, { message: 'give min, max or both' })
  .refine((value) => value.min === undefined || value.max === undefined || value.min <= value.max, {
    message: 'min is greater than max',
  });

const plural = (count: number): string => `${count} ${count === 1 ? 'word' : 'words'}`;

/**
 * Depth of a document: a factor with fewer than 500 words of prose is a stub, whatever its code
 * samples add. Words are counted as a reader would (see src/markdown/words.ts).
 */
export default defineFileRule({
  id: 'word-count',
  description: 'Documents matching a glob have at least (or at most) a number of prose words.',
  tags: ['contracts'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: perGlobSchema(
    contract,
    'Glob (matched against the root-relative path) → { min, max } prose words for files matching it.',
  ),
  // The keys are globs relative to the config's folder: the config layer checks them (src/config/option-globs.ts).
  globOptions: [{ path: [GLOB_KEYS], lintedOnly: true }],
  messages: {
    tooShort: 'Has {count} of prose; at least {min} are required.',
    tooLong: 'Has {count} of prose; at most {max} are allowed.',
  },
  check({ file, options, report }) {
    for (const { contract: settings } of contractsFor(options, file.path)) {
      const text = proseText(file.tree, {
        code: settings.countCode,
        frontMatter: settings.countFrontMatter,
        html: settings.countHtml,
      });
      const count = countWords(text, { urls: settings.countUrls });
      if (settings.min !== undefined && count < settings.min) {
        report({
          messageId: 'tooShort',
          data: { count: plural(count), min: plural(settings.min) },
          at: { start: 0, end: 0 },
        });
      }
      if (settings.max !== undefined && count > settings.max) {
        report({
          messageId: 'tooLong',
          data: { count: plural(count), max: plural(settings.max) },
          at: { start: 0, end: 0 },
        });
      }
    }
  },
});
