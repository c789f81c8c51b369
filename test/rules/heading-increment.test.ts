import rule from '../../rules/heading-increment.js';
import { runRuleTests } from '../helpers/rule-tester.js';
import { readFileSync } from 'node:fs';

runRuleTests(rule, {
  valid: [
    '# A\n\n## B\n\n### C\n\n## D\n\n# E\n',
    '## Starts at two\n\n### Then three\n',
    { name: 'front matter is not a heading', code: '---\ntitle: x\n---\n\n# A\n\n## B\n' },
    { name: 'hash in a code block is not a heading', code: '# A\n\n```sh\n#### comment\n```\n' },
    { name: 'setext headings count', code: 'A\n===\n\nB\n---\n\n### C\n' },
  ],
  invalid: [
    { code: '# A\n\n### C\n', errors: [{ messageId: 'skipped', line: 3, column: 1, endLine: 3, endColumn: 6 }] },
    {
      name: 'CRLF',
      code: '# A\r\n\r\n#### D\r\n\r\n## B\r\n\r\n#### E\r\n',
      errors: [
        { messageId: 'skipped', line: 3, column: 1 },
        { messageId: 'skipped', line: 7, column: 1 },
      ],
    },
    {
      name: 'in a list item',
      code: '# A\n\n- item\n\n  ### nested\n',
      errors: [{ messageId: 'skipped', line: 5, column: 3 }],
    },
    {
      name: 'fixture file',
      code: {
        'skips.md': readFileSync(new URL('../../fixtures/rules/heading-increment/skips.md', import.meta.url), 'utf8'),
      },
      errors: [
        { messageId: 'skipped', line: 5, column: 1, file: 'skips.md', message: 'Heading level 4 follows level 2' },
      ],
    },
  ],
});
