import { readFileSync } from 'node:fs';
import rule from '../../rules/unclosed-code-fence.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const install = readFileSync(new URL('../../fixtures/rules/unclosed-code-fence/install.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '# A\n\n```sh\nls\n```\n\nText.\n',
    { name: 'tildes and a longer closing fence', code: '~~~\ncode\n~~~~\n\n```\nx\n`````\n' },
    { name: 'empty block', code: '```\n```\n' },
    { name: 'indented code is not fenced', code: 'Text.\n\n    ```\n    not a fence\n' },
    { name: 'a four-backtick block showing a three-backtick one', code: '````markdown\n```sh\nls\n```\n````\n' },
    { name: 'closed in a list item and a blockquote', code: '- step\n\n  ```sh\n  ls\n  ```\n\n> ```js\n> x\n> ```\n' },
    { name: 'CRLF', code: '```sh\r\nls\r\n```\r\n' },
    { name: 'backticks in inline code', code: 'Use ``` ``` ``` to open a block.\n' },
  ],
  invalid: [
    {
      name: 'fixture: the YAML block swallows the last section',
      code: { 'install.md': install },
      errors: [
        {
          messageId: 'unclosed',
          line: 14,
          column: 1,
          endColumn: 8,
          file: 'install.md',
          message:
            'Code fence "```yaml" is never closed: everything after it, to the end of the file, renders as code.',
        },
      ],
    },
    {
      name: 'a lone fence at the end',
      code: 'Text.\n\n```',
      errors: [{ messageId: 'unclosed', line: 3, column: 1, endColumn: 4 }],
    },
    {
      name: 'closing fence shorter than the opening one',
      code: '````md\ncode\n```\n',
      errors: [{ messageId: 'unclosed', line: 1, column: 1 }],
    },
    {
      name: 'closing fence with an info string',
      code: '```\ncode\n``` end\n',
      errors: [{ messageId: 'unclosed', line: 1, column: 1 }],
    },
    {
      name: 'tilde block closed with backticks',
      code: '~~~\ncode\n```\n',
      errors: [{ messageId: 'unclosed', line: 1, column: 1 }],
    },
    {
      name: 'in a blockquote',
      code: '> ```js\n> x\n\nAfter.\n',
      errors: [{ messageId: 'unclosed', line: 1, column: 3, message: 'to the end of the blockquote' }],
    },
    {
      name: 'in a list item',
      code: '- item\n\n  ```sh\n  x\n\n- next\n',
      errors: [{ messageId: 'unclosed', line: 3, column: 3, message: 'to the end of the list item' }],
    },
    {
      name: 'CRLF',
      code: '# A\r\n\r\n```sh\r\nls\r\n',
      errors: [{ messageId: 'unclosed', line: 3, column: 1, endColumn: 6 }],
    },
  ],
});
