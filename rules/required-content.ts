import { z } from 'zod';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { compileTextPattern, describePattern, textPatternSchema } from '../src/contracts/text-pattern.js';
import { proseText } from '../src/markdown/words.js';
import { defineFileRule } from '../src/core/rule.js';

const requirement = z
  .strictObject({
    allOf: z.array(textPatternSchema).min(1).optional().describe('Phrases or /regex/flags that must all appear; one diagnostic per missing one. Give exactly one of allOf and anyOf.'),
    anyOf: z.array(textPatternSchema).min(1).optional().describe('Phrases or /regex/flags of which at least one must appear. Give exactly one of allOf and anyOf.'),
    message: z.string().optional().describe('Why the content is required; shown in the diagnostic.'),
    caseSensitive: z.boolean().default(false).describe('Match phrases case-sensitively (regular expressions use their own flags).'),
  })
  .refine((value) => (value.allOf === undefined) !== (value.anyOf === undefined), { message: 'give exactly one of allOf or anyOf' });

function note(message: string | undefined): string {
  return message ? `: ${message.trim().replace(/[.\s]+$/, '')}` : '';
}

/**
 * Phrases a document must contain, per glob ("Operational Discipline" in the README; "optional"
 * or "advanced" in the last factors). Matched against the text a reader sees: prose and the text
 * inside raw HTML, but not code, front matter or HTML comments; a phrase may wrap across lines.
 */
export default defineFileRule({
  id: 'required-content',
  description: 'Documents matching a glob contain required phrases or patterns (all of a list, or any of one).',
  tags: ['contracts'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: perGlobSchema(z.array(requirement).min(1), 'Glob (matched against the root-relative path) → the requirements files matching it must meet.'),
  messages: {
    missingAll: 'Missing required text {pattern}{note}.',
    missingAny: 'Missing required text: none of {patterns} appears{note}.',
  },
  check({ file, options, report }) {
    const matching = contractsFor(options, file.path);
    if (matching.length === 0) return;
    const prose = proseText(file.tree, { code: false, frontMatter: false, html: true });
    for (const { contract: requirements } of matching) {
      for (const { allOf, anyOf, message, caseSensitive } of requirements) {
        for (const source of allOf ?? []) {
          if (compileTextPattern(source, caseSensitive).search.test(prose)) continue;
          report({ messageId: 'missingAll', data: { pattern: describePattern(source), note: note(message) }, at: { start: 0, end: 0 } });
        }
        if (anyOf && !anyOf.some((source) => compileTextPattern(source, caseSensitive).search.test(prose))) {
          report({ messageId: 'missingAny', data: { patterns: anyOf.map(describePattern).join(', '), note: note(message) }, at: { start: 0, end: 0 } });
        }
      }
    }
  },
});
