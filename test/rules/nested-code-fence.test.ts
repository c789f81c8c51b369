import { readFileSync } from 'node:fs';
import rule from '../../rules/nested-code-fence.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const guide = readFileSync(
  new URL('../../fixtures/rules/nested-code-fence/authoring-guide.md', import.meta.url),
  'utf8',
);

runRuleTests(rule, {
  valid: [
    { name: 'outer fence longer than the inner one', code: '````markdown\n```go\nx\n```\n````\n' },
    { name: 'tildes outside, backticks inside', code: '~~~markdown\n```go\nx\n```\n~~~\n' },
    { name: 'a bare fence inside closes the block: that is ordinary', code: '```\na\n```\n\n```\nb\n```\n' },
    {
      name: 'info-string fence indented four spaces is content of the example',
      code: '```markdown\n    ```go\n    x\n    ```\n```\n',
    },
    { name: 'indented code block', code: 'Text.\n\n    ```go\n    x\n' },
  ],
  invalid: [
    {
      name: 'fixture: a Go sample inside a Markdown sample',
      code: { 'authoring-guide.md': guide },
      errors: [
        {
          messageId: 'nested',
          line: 10,
          column: 1,
          endColumn: 6,
          file: 'authoring-guide.md',
          message:
            'Fence "```go" is inside the code block opened at line 5, so it is content, not a nested block; the block really closes at line 12. Open the outer block with a longer fence ("````").',
        },
      ],
    },
    {
      name: 'same length with an info string and attributes',
      code: '````md\n````js title="x"\ncode\n````\n````\n',
      errors: [
        {
          messageId: 'nested',
          line: 2,
          column: 1,
          endColumn: 17,
          message: 'Fence "````js title="x"" is inside the code block opened at line 1',
        },
      ],
    },
    {
      name: 'in a blockquote, CRLF',
      code: '> ```md\r\n> ```go\r\n> x\r\n> ```\r\n> ```\r\n',
      errors: [{ messageId: 'nested', line: 2, column: 3, endColumn: 8, message: 'really closes at line 4' }],
    },
    {
      name: 'outer block never closed',
      code: '```md\n```go\nx\n',
      errors: [{ messageId: 'nested', line: 2, column: 1, message: 'really closes at the end of the file' }],
    },
    {
      name: 'two inner fences before the block closes',
      code: '```md\n```go\n```sh\n```\n',
      errors: [
        { messageId: 'nested', line: 2, column: 1 },
        { messageId: 'nested', line: 3, column: 1 },
      ],
    },
  ],
});
