import { readFileSync } from 'node:fs';
import rule from '../../rules/table-column-count.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const mappings = readFileSync(new URL('../../fixtures/rules/table-column-count/mappings.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '| a | b |\n| - | - |\n| 1 | 2 |\n',
    { name: 'no outer pipes', code: 'a | b\n--|--\n1 | 2\n' },
    { name: 'escaped pipe and pipe in code with escape', code: '| a | b |\n| :-: | --: |\n| x \\| y | `a \\| b` |\n' },
    { name: 'pipes in prose are not a table', code: 'Use a | b in shell.\nThen c | d.\n' },
    { name: 'a setext heading underline is not a delimiter row', code: 'Title | subtitle\n---\n' },
    { name: 'table in a blockquote', code: '> | a | b |\n> | - | - |\n> | 1 | 2 |\n' },
    { name: 'emoji and non-ASCII cells', code: '| État | ✅ |\n| --- | --- |\n| 日本 | 🚀 |\n' },
  ],
  invalid: [
    {
      name: 'fixture: extra cells, a short row, and a delimiter row that does not match',
      code: { 'mappings.md': mappings },
      errors: [
        {
          messageId: 'tooMany',
          line: 7,
          column: 1,
          endColumn: 55,
          file: 'mappings.md',
          message: 'Table row has 4 cells; the header has 3 cells. GitHub drops the extra cells.',
        },
        {
          messageId: 'tooFew',
          line: 8,
          column: 1,
          message: 'Table row has 2 cells; the header has 3 cells. GitHub pads the row with empty cells.',
        },
        {
          messageId: 'delimiter',
          line: 13,
          column: 1,
          endColumn: 20,
          message:
            'Delimiter row has 3 cells but the header row has 2 cells, so GitHub renders this as text, not a table.',
        },
      ],
    },
    {
      name: 'delimiter row shorter than the header, no outer pipes',
      code: 'a | b | c\n--|--\n1 | 2 | 3\n',
      errors: [{ messageId: 'delimiter', line: 2, column: 1, endColumn: 6 }],
    },
    {
      name: 'after a line of prose in the same paragraph',
      code: 'Intro line\n| a | b |\n| - |\n',
      errors: [{ messageId: 'delimiter', line: 3, column: 1 }],
    },
    {
      name: 'in a blockquote',
      code: '> | a | b |\n> | - |\n',
      errors: [{ messageId: 'delimiter', line: 2, column: 3 }],
    },
    {
      name: 'CRLF',
      code: '| a | b |\r\n| - | - |\r\n| 1 |\r\n',
      errors: [{ messageId: 'tooFew', line: 3, column: 1, endColumn: 6 }],
    },
  ],
});
