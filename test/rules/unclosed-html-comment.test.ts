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
    // cmark-gfm 0.29 (GitHub) renders these inline as text: `<p>Text &lt;!--&gt; more</p>`.
    { name: '<!--> in a paragraph is text (GFM spec, raw HTML)', code: 'Text <!--> more.\n\n## Next\n' },
    { name: '<!---> in a paragraph is text', code: 'Text <!---> more.\n\n## Next\n' },
    // As a block, cmark-gfm passes them through and a browser reads an empty comment that ends at `>`.
    { name: '<!--> and <!---> as HTML blocks close themselves', code: '<!-->\n\nText.\n\n<!--->\n\n## Next\n' },
    { name: '<!----> and <!-- -- --> are closed comments', code: '<!---->\n\n<!-- -- -->\n\nText <!----> more.\n' },
  ],
  invalid: [
    {
      name: 'fixture: a TODO comment that hides the last sections',
      code: { 'draft.md': draft },
      errors: [
        {
          messageId: 'unclosed',
          line: 5,
          column: 1,
          endColumn: 5,
          file: 'draft.md',
          message: 'HTML comment is never closed ("-->" is missing): GitHub hides everything after it.',
        },
      ],
    },
    {
      name: 'after a closed comment in the same block',
      code: '<!-- a -->\n<!-- b\n\nText.\n',
      errors: [{ messageId: 'unclosed', line: 2, column: 1 }],
    },
    {
      name: 'inside an HTML block',
      code: '<div>\n<!-- x\n</div>\n\nText.\n',
      errors: [{ messageId: 'unclosed', line: 2, column: 1 }],
    },
    {
      name: 'an unclosed comment after <!--> in the same block',
      code: '<!--> <!-- draft\n\n## Hidden\n',
      errors: [{ messageId: 'unclosed', line: 1, column: 7, endColumn: 11 }],
    },
    {
      name: "'<!--' repeated 100 000 times (400 KB): found in one pass, not one scan per opener",
      code: `<div>${'<!--'.repeat(100_000)}\n\nText.\n`,
      errors: [{ messageId: 'unclosed', line: 1, column: 6 }],
    },
    {
      name: 'in a blockquote, CRLF',
      code: '> Quote.\r\n>\r\n> <!-- hidden\r\n> still\r\n',
      errors: [{ messageId: 'unclosed', line: 3, column: 3 }],
    },
  ],
});
