import { readFileSync } from 'node:fs';
import rule from '../../rules/single-h1.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const twoTitles = readFileSync(new URL('../../fixtures/rules/single-h1/two-titles.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '# Title\n\n## A\n\n## B\n',
    { name: 'no h1 at all', code: '## A\n\n### B\n' },
    { name: 'front matter title does not count as an h1', code: '---\ntitle: X\n---\n\n# X\n' },
    { name: 'hash lines in code', code: '# Title\n\n```sh\n# comment\n```\n' },
    { name: 'one title per file in a project', code: { 'a.md': '# A\n', 'b.md': '# B\n' } },
  ],
  invalid: [
    {
      name: 'fixture: a section written as h1, and a setext h1',
      code: { 'two-titles.md': twoTitles },
      errors: [
        {
          messageId: 'extraH1',
          line: 9,
          column: 1,
          endColumn: 11,
          file: 'two-titles.md',
          message:
            'Another level-1 heading "The Rule"; the title is already "Context is Code" (line 5). Use "##" for sections.',
        },
        { messageId: 'extraH1', line: 13, column: 1, endLine: 14, message: '"Checklist"' },
      ],
    },
    {
      name: 'h1 in a blockquote, CRLF, emoji',
      code: '# Guide 🚀\r\n\r\n> # Note ✅\r\n',
      errors: [
        { messageId: 'extraH1', line: 3, column: 3, message: '"Note ✅"; the title is already "Guide 🚀" (line 1)' },
      ],
    },
  ],
});
