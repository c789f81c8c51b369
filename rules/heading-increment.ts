import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';

/**
 * Heading levels that skip (h2 → h4) break the document outline that GitHub's table of contents,
 * screen readers and the rendered page rely on.
 */
export default defineFileRule({
  id: 'heading-increment',
  description: 'Heading levels go down one at a time (## then ###, never ## then ####).',
  tags: ['rendering', 'structure'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  options: z.strictObject({}),
  messages: {
    skipped: 'Heading level {actual} follows level {previous}; expected level {expected} or higher.',
  },
  create({ report }) {
    let previous = 0;
    return {
      heading(heading) {
        if (previous > 0 && heading.depth > previous + 1) {
          report({
            messageId: 'skipped',
            data: { actual: heading.depth, previous, expected: previous + 1 },
            at: heading,
          });
        }
        previous = heading.depth;
      },
    };
  },
});
