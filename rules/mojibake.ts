import type { Code, InlineCode } from 'mdast';
import { z } from 'zod';
import { defineFileRule, type NodeHandlers } from '../src/core/rule.js';
import { findEncodingDamage } from '../src/text/mojibake.js';

const codePoint = (character: string): string =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The damaged text as a message can show it: invisible control characters spelled out. */
const visible = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `<${codePoint(character)}>`);

interface TextRange {
  start: number;
  end: number;
}

/** Collects the ranges of code blocks and code spans: text there is shown as typed, examples included. */
function codeRangeHandlers(ranges: TextRange[]): NodeHandlers {
  const add = (node: Code | InlineCode): void => {
    if (node.position) ranges.push({ start: node.position.start.offset!, end: node.position.end.offset! });
  };
  return { code: add, inlineCode: add };
}

/**
 * Text damaged by encoding: UTF-8 read as Windows-1252 or Latin-1 ("â†’" for "→", "Ã©" for "é",
 * "ðŸš€" for "🚀"), U+FFFD replacement characters, and invisible control characters. GitHub shows
 * all of them as they are. The repair is offered as a fix only when it is certain: complete byte
 * sequences that decode to plausible text.
 */
export default defineFileRule({
  id: 'mojibake',
  description: 'No mojibake (UTF-8 read as Windows-1252), U+FFFD replacement characters or stray control characters.',
  tags: ['rendering', 'encoding'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: true,
  fixable: true,
  options: z.strictObject({
    code: z
      .boolean()
      .default(false)
      .describe('Also check code blocks and inline code (where examples of mojibake usually live).'),
  }),
  messages: {
    mojibake: 'Mojibake "{text}" (UTF-8 read as Windows-1252); it should read "{repaired}".',
    incomplete: 'Mojibake "{text}" (UTF-8 read as Windows-1252) with a byte lost; retype the character it stood for.',
    replacement: 'Replacement character U+FFFD: a character was lost in a conversion; retype it.',
    control: 'Invisible control character {codePoint}; remove it or retype what it replaced.',
  },
  create({ file, options, report }) {
    // The walk only gathers where code is; the scan of the text between runs at the end.
    const skipped: TextRange[] = [];
    return {
      ...(options.code ? {} : codeRangeHandlers(skipped)),
      'root:exit'() {
        skipped.sort((a, b) => a.start - b.start);
        let from = 0;
        for (const range of [...skipped, { start: file.text.length, end: file.text.length }]) {
          if (range.start > from) {
            for (const damage of findEncodingDamage(file.text, from, range.start)) {
              const text = visible(file.text.slice(damage.start, damage.end));
              const at = { start: damage.start, end: damage.end };
              if (damage.kind === 'mojibake')
                report({
                  messageId: 'mojibake',
                  data: { text, repaired: damage.repaired! },
                  at,
                  fix: { ...at, text: damage.repaired! },
                });
              else if (damage.kind === 'incomplete') report({ messageId: 'incomplete', data: { text }, at });
              else if (damage.kind === 'replacement') report({ messageId: 'replacement', at });
              else report({ messageId: 'control', data: { codePoint: codePoint(file.text[damage.start]!) }, at });
            }
          }
          from = Math.max(from, range.end);
        }
      },
    };
  },
});
