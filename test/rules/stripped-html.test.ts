import { readFileSync } from 'node:fs';
import rule from '../../rules/stripped-html.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const landing = readFileSync(new URL('../../fixtures/rules/stripped-html/landing.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    { name: 'HTML GitHub keeps', code: '<details>\n<summary>More</summary>\n\nText <kbd>Ctrl</kbd> <sup>1</sup>\n\n</details>\n\n<picture><source srcset="a.png"><img src="a.png" alt="a"></picture>\n' },
    { name: 'HTML in code', code: '```html\n<script>alert(1)</script>\n```\n\nUse `<iframe>` to embed.\n' },
    { name: 'HTML in a comment', code: '<!-- <style>x</style> -->\n' },
    { name: 'allowElements', code: '<svg width="10"></svg>\n', options: { allowElements: ['svg'] } },
    { name: 'an attribute merely named like a handler word', code: '<img src="a.png" alt="onclick handler">\n' },
  ],
  invalid: [
    {
      name: 'fixture: style block, button with a handler, javascript URL, style attribute, iframe',
      code: { 'landing.md': landing },
      errors: [
        { messageId: 'element', line: 14, column: 1, endColumn: 7, file: 'landing.md', message: '<style> does not render on GitHub: its sanitiser removes the element.' },
        { messageId: 'element', line: 18, column: 1, endColumn: 8, message: '<button>' },
        { messageId: 'eventHandler', line: 18, column: 18, endColumn: 24, message: 'Attribute "onclick" on <button> is removed by GitHub: event handlers never run.' },
        { messageId: 'javascriptUrl', line: 20, column: 10, message: 'The javascript: URL in "href" on <a> is removed by GitHub.' },
        { messageId: 'styleAttribute', line: 20, column: 56, endColumn: 66, message: 'Attribute "style" on <span>' },
        { messageId: 'element', line: 22, column: 1, message: '<iframe>' },
      ],
    },
    { name: 'upper-case tag, inline script', code: 'Text <SCRIPT src="x.js"></SCRIPT> end.\n', errors: [{ messageId: 'element', line: 1, column: 6, endColumn: 13, message: '<script>' }] },
    { name: 'in a blockquote, CRLF', code: '> <div onmouseover="x()">\r\n> hi\r\n> </div>\r\n', errors: [{ messageId: 'eventHandler', line: 1, column: 21 }] },
  ],
});
