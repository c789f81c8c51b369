import { readFileSync } from 'node:fs';
import rule from '../../rules/stripped-html.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const landing = readFileSync(new URL('../../fixtures/rules/stripped-html/landing.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    {
      name: 'HTML GitHub keeps',
      code: '<details>\n<summary>More</summary>\n\nText <kbd>Ctrl</kbd> <sup>1</sup>\n\n</details>\n\n<picture><source srcset="a.png"><img src="a.png" alt="a"></picture>\n',
    },
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
        {
          messageId: 'shownAsText',
          line: 14,
          column: 1,
          endColumn: 7,
          file: 'landing.md',
          message:
            '<style> is shown as text on GitHub: its tag filter escapes the tag, so the tag and what it holds appear on the page as written.',
        },
        {
          messageId: 'element',
          line: 18,
          column: 1,
          endColumn: 8,
          message: '<button> does not render on GitHub: its sanitiser removes the element.',
        },
        {
          messageId: 'eventHandler',
          line: 18,
          column: 18,
          endColumn: 24,
          message: 'Attribute "onclick" on <button> is removed by GitHub: event handlers never run.',
        },
        {
          messageId: 'javascriptUrl',
          line: 20,
          column: 10,
          message: 'The javascript: URL in "href" on <a> is removed by GitHub.',
        },
        { messageId: 'styleAttribute', line: 20, column: 56, endColumn: 66, message: 'Attribute "style" on <span>' },
        { messageId: 'shownAsText', line: 22, column: 1, message: '<iframe> is shown as text' },
      ],
    },
    {
      name: 'upper-case tag, inline script',
      code: 'Text <SCRIPT src="x.js"></SCRIPT> end.\n',
      errors: [{ messageId: 'shownAsText', line: 1, column: 6, endColumn: 13, message: '<script> is shown as text' }],
    },
    {
      // cmark-gfm -e tagfilter: `&lt;script>` ⏎ `const x = 1;` ⏎ `&lt;/script>` — the code is on the page.
      name: 'every element of the tag filter is shown as text; its attributes are text too',
      code: '<script>\nconst x = 1;\n</script>\n\n<iframe style="border: 0" onload="x()" src="https://example.com"></iframe> <textarea></textarea> <title>T</title>\n<xmp>x</xmp> <noembed></noembed> <noframes></noframes> <plaintext>\n',
      errors: [
        { messageId: 'shownAsText', line: 1, column: 1, message: '<script>' },
        { messageId: 'shownAsText', line: 5, column: 1, message: '<iframe>' },
        { messageId: 'shownAsText', line: 5, column: 76, message: '<textarea>' },
        { messageId: 'shownAsText', line: 5, column: 98, message: '<title>' },
        { messageId: 'shownAsText', line: 6, column: 1, message: '<xmp>' },
        { messageId: 'shownAsText', line: 6, column: 14, message: '<noembed>' },
        { messageId: 'shownAsText', line: 6, column: 34, message: '<noframes>' },
        { messageId: 'shownAsText', line: 6, column: 56, message: '<plaintext>' },
      ],
    },
    {
      name: 'forms and SVG are removed',
      code: '<form><input name="q"></form> <svg></svg>\n',
      errors: [
        { messageId: 'element', message: '<form>' },
        { messageId: 'element', message: '<input>' },
        { messageId: 'element', message: '<svg>' },
      ],
    },
    {
      name: '<!--> is an empty comment: what follows it is checked',
      code: '<!--> <script>x()</script> -->\n',
      errors: [{ messageId: 'shownAsText', line: 1, column: 7 }],
    },
    {
      name: 'in a blockquote, CRLF',
      code: '> <div onmouseover="x()">\r\n> hi\r\n> </div>\r\n',
      errors: [{ messageId: 'eventHandler', line: 1, column: 21 }],
    },
  ],
});
