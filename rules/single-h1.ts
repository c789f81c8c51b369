import type { Heading } from 'mdast';
import { z } from 'zod';
import { headingText } from '../src/markdown/headings.js';
import { defineFileRule } from '../src/core/rule.js';

/**
 * One title per document: a second level-1 heading is usually a section written with the wrong
 * level, and it splits the outline GitHub shows for the file.
 */
export default defineFileRule({
  id: 'single-h1',
  description: 'A document has at most one level-1 heading (its title).',
  tags: ['rendering', 'structure'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: false,
  fixable: false,
  options: z.strictObject({}),
  messages: {
    extraH1:
      'Another level-1 heading "{text}"; the title is already "{title}" (line {titleLine}). Use "##" for sections.',
  },
  create({ report }) {
    let title: Heading | undefined;
    return {
      heading(heading) {
        if (heading.depth !== 1) return;
        if (!title) {
          title = heading;
          return;
        }
        report({
          messageId: 'extraH1',
          data: {
            text: headingText(heading).trim(),
            title: headingText(title).trim(),
            titleLine: title.position!.start.line,
          },
          at: heading,
        });
      },
    };
  },
});
