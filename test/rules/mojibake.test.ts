import { readFileSync } from 'node:fs';
import rule from '../../rules/mojibake.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** What a Windows-1252 decoder makes of UTF-8 bytes (undefined bytes become C1 controls, as in Node and browsers). */
const asWindows1252 = (text: string): string => new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/mojibake/${name}`, import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    {
      name: 'real French, German, Portuguese, Polish, Japanese, Greek, Russian text and emoji',
      code: { 'real-text.md': fixture('real-text.md') },
    },
    {
      name: 'mojibake shown as an example in inline code and a code block',
      code: 'Write `â†’` as `→`.\n\n```text\ncafÃ©\n```\n',
    },
    { name: 'tabs and CRLF line endings are not control characters', code: '# Title\r\n\r\n\tIndented\tcode\r\n' },
    { name: 'French guillemets with no-break spaces', code: 'Le mot «\u00a0café\u00a0» et «\u00a0à\u00a0» ici.\n' },
    { name: 'German quotes around a capital', code: 'Der Buchstabe „Ä“ und „Å“.\n' },
    { name: 'upper-case Portuguese words ending in Ã', code: 'IRMÃ, NÃO, MAÇÃ.\n' },
  ],
  invalid: [
    {
      name: 'fixture: every kind of damage, code left alone',
      code: { 'damaged.md': fixture('damaged.md') },
      errors: [
        { messageId: 'mojibake', line: 1, column: 17, endColumn: 21, message: 'it should read "🚀"' },
        {
          messageId: 'mojibake',
          line: 3,
          column: 18,
          endColumn: 21,
          message: 'Mojibake "â†’" (UTF-8 read as Windows-1252); it should read "→".',
        },
        { messageId: 'mojibake', line: 3, column: 34, message: 'it should read "✅"' },
        {
          messageId: 'mojibake',
          line: 5,
          column: 8,
          message: 'Mojibake "Ã©" (UTF-8 read as Windows-1252); it should read "é".',
        },
        { messageId: 'mojibake', line: 5, column: 26, message: 'it should read "“"' },
        {
          messageId: 'mojibake',
          line: 5,
          column: 36,
          message: 'Mojibake "â€<U+009D>" (UTF-8 read as Windows-1252); it should read "”".',
        },
        { messageId: 'mojibake', line: 5, column: 40, message: 'it should read "—"' },
        { messageId: 'incomplete', line: 7, column: 14, endColumn: 17 },
        { messageId: 'incomplete', line: 7, column: 22, endColumn: 24 },
        { messageId: 'replacement', line: 9, column: 17 },
        { messageId: 'control', line: 9, column: 26, message: 'U+0007' },
      ],
      output: {
        'damaged.md': fixture('damaged.md')
          .replace('ðŸš€', '🚀')
          .replace('â†’', '→')
          .replace('âœ…', '✅')
          .replace('cafÃ©', 'café')
          .replace('â€œrunbookâ€\u009d', '“runbook”')
          .replace('â€”', '—'),
      },
    },
    {
      name: 'Cyrillic and Japanese text read as Windows-1252 is repaired word by word',
      code: `${asWindows1252('Привет')} and ${asWindows1252('こんにちは')}\n`,
      errors: [
        { messageId: 'mojibake', line: 1, column: 1, endColumn: 13, message: 'it should read "Привет"' },
        { messageId: 'mojibake', line: 1, column: 18, message: 'it should read "こんにちは"' },
      ],
      output: 'Привет and こんにちは\n',
    },
    {
      name: 'text converted twice is repaired in one step',
      code: 'It doesnÃ¢â‚¬â„¢t matter.\n',
      errors: [{ messageId: 'mojibake', line: 1, column: 9, endColumn: 17, message: 'it should read "’"' }],
      output: 'It doesn’t matter.\n',
    },
    {
      name: 'Latin-1 decoding (C1 controls instead of Windows-1252 punctuation)',
      code: 'Next \u00e2\u0086\u0092 step\n',
      errors: [{ messageId: 'mojibake', line: 1, column: 6, endColumn: 9, message: 'it should read "→"' }],
      output: 'Next → step\n',
    },
    {
      name: 'Polish and Romanian letters inside words',
      code: 'ZaÅ¼Ã³Å‚Ä‡ gÄ™Å›lÄ… and È™ase\n',
      errors: [
        { messageId: 'mojibake', line: 1, column: 3, message: 'it should read "żółć"' },
        { messageId: 'mojibake', line: 1, column: 13, message: 'it should read "ęś"' },
        { messageId: 'mojibake', line: 1, column: 18, message: 'it should read "ą"' },
        { messageId: 'mojibake', line: 1, column: 25, message: 'it should read "ș"' },
      ],
      output: 'Zażółć gęślą and șase\n',
    },
    {
      name: 'in headings, links, tables and front matter; CRLF',
      code: '---\r\ntitle: CafÃ©\r\n---\r\n\r\n## Ã‰tape\r\n\r\n| a | b |\r\n| - | - |\r\n| âœ“ | [Ã¼ber](x.md) |\r\n',
      errors: [
        { messageId: 'mojibake', line: 2, column: 11 },
        { messageId: 'mojibake', line: 5, column: 4, message: 'it should read "É"' },
        { messageId: 'mojibake', line: 9, column: 3, message: 'it should read "✓"' },
        { messageId: 'mojibake', line: 9, column: 10, message: 'it should read "ü"' },
      ],
      output: '---\r\ntitle: Café\r\n---\r\n\r\n## Étape\r\n\r\n| a | b |\r\n| - | - |\r\n| ✓ | [über](x.md) |\r\n',
    },
    {
      name: 'code: true also checks code',
      code: 'Write `â†’`.\n\n```text\n\u0001x\ufeff\n```\n',
      options: { code: true },
      errors: [
        { messageId: 'mojibake', line: 1, column: 8 },
        { messageId: 'control', line: 4, column: 1, message: 'U+0001' },
        { messageId: 'control', line: 4, column: 3, message: 'U+FEFF' },
      ],
      output: 'Write `→`.\n\n```text\n\u0001x\ufeff\n```\n',
    },
  ],
});
