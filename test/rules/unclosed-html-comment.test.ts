import { readFileSync } from 'node:fs';
import rule from '../../rules/unclosed-html-comment.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const draft = readFileSync(new URL('../../fixtures/rules/unclosed-html-comment/draft.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '<!-- note -->\n\n# Title\n',
    { name: 'multi-line comment', code: '<!--\nhidden\n\nstill hidden\n-->\n\nText.\n' },
    { name: 'comment inside a code block', code: '```html\n<!-- open\n```\n' },
    { name: 'comment in inline code', code: 'Write `<!--` to start a comment.\n' },
    { name: 'inline comment closed in a paragraph', code: 'Text <!-- aside --> more.\n' },
    { name: 'control comments', code: '<!-- agentops-lint-disable-next-line mojibake -->\nText.\n' },
    { name: 'an unclosed opener in prose is escaped text, not a comment', code: 'Type <!-- to begin a comment.\n' },
  ],
  invalid: [
    {
      name: 'fixture: a TODO comment that hides the last sections',
      code: { 'draft.md': draft },
      errors: [{ messageId: 'unclosed', line: 5, column: 1, endColumn: 5, file: 'draft.md', message: 'HTML comment is never closed ("-->" is missing): GitHub hides everything after it.' }],
    },
    { name: 'after a closed comment in the same block', code: '<!-- a -->\n<!-- b\n\nText.\n', errors: [{ messageId: 'unclosed', line: 2, column: 1 }] },
    { name: 'inside an HTML block', code: '<div>\n<!-- x\n</div>\n\nText.\n', errors: [{ messageId: 'unclosed', line: 2, column: 1 }] },
    { name: 'in a blockquote, CRLF', code: '> Quote.\r\n>\r\n> <!-- hidden\r\n> still\r\n', errors: [{ messageId: 'unclosed', line: 3, column: 3 }] },
  ],
});
