import rule from '../../rules/reference-links.js';
import { readFileSync } from 'node:fs';
import { runRuleTests } from '../helpers/rule-tester.js';

const REFERENCES = readFileSync(new URL('../../fixtures/rules/reference-links/references.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '[Full][ref], [collapsed][], [shortcut], ![image][logo] and [Case Insensitive][REF].\n\n[ref]: a.md\n[collapsed]: b.md\n[shortcut]: c.md\n[logo]: logo.png\n',
    {
      name: 'brackets that are other syntax: footnotes, alerts, task boxes',
      code: '> [!NOTE]\n> Read this.\n\n- [ ] todo\n- [x] done\n\nText[^1] and [^2][^1].\n\n[^1]: Footnote.\n',
    },
    { name: 'undefined shortcuts are allowed by default', code: 'Press [Enter] or see [RFC 2119].\n' },
    {
      name: 'escaped brackets and code are not references',
      code: '\\[not\\]\\[ref\\] and `[a][b]` and\n\n```\n[c][d]\n```\n\n<div>\n[e][f]\n</div>\n',
    },
    {
      name: 'comment idioms are not unused definitions',
      code: '[//]: # (This is a comment)\n[comment]: <> (Another one)\n[note]: # "And a third"\n\nText.\n',
    },
    {
      name: 'definitions used from a table and a footnote',
      code: '| a | b |\n| - | - |\n| [x][] | y |\n\nNote.[^n]\n\n[^n]: See [z].\n\n[x]: x.md\n[z]: z.md\n',
    },
    {
      name: 'ignoredLabels',
      code: '[a][Generated]\n\n[unused-on-purpose]: x.md\n',
      options: { ignoredLabels: ['generated', 'UNUSED-ON-PURPOSE'] },
    },
  ],
  invalid: [
    {
      name: 'fixture: an operator guide with a missing, a duplicate and an unused definition',
      code: { 'references.md': REFERENCES },
      errors: [
        {
          messageId: 'undefinedReference',
          file: 'references.md',
          line: 4,
          column: 29,
          message: 'Reference "[upgrade]"',
        },
        { messageId: 'undefinedReference', file: 'references.md', line: 8, column: 16, message: 'Reference "[ctrl]"' },
        {
          messageId: 'duplicateDefinition',
          file: 'references.md',
          line: 22,
          column: 1,
          message: 'repeats the one on line 20',
        },
        {
          messageId: 'unusedDefinition',
          file: 'references.md',
          line: 23,
          column: 1,
          message: 'Definition "[legacy]" is never used.',
        },
      ],
    },
    {
      name: 'full and collapsed references without a definition',
      code: 'See [the guide][guide] and [setup][].\n\n[gide]: guide.md\n',
      errors: [
        {
          messageId: 'undefinedReference',
          line: 1,
          column: 5,
          endColumn: 23,
          message: 'Reference "[guide]" has no definition in this file',
          suggestion: 'did you mean "[gide]"?',
        },
        { messageId: 'undefinedReference', line: 1, column: 28, endColumn: 37 },
        { messageId: 'unusedDefinition', line: 3, column: 1, message: 'Definition "[gide]" is never used.' },
      ],
    },
    {
      name: 'references with markup in the text, in a heading and a table cell, CRLF',
      code: '# About [**this** `tool`][about]\r\n\r\n| a |\r\n| - |\r\n| [x][missing] |\r\n',
      errors: [
        { messageId: 'undefinedReference', line: 1, column: 9 },
        { messageId: 'undefinedReference', line: 5, column: 3 },
      ],
    },
    {
      name: 'shortcut references when asked',
      code: 'Use [kubectl] and [Helm].\n\n[helm]: https://helm.sh\n',
      options: { shortcut: true },
      errors: [{ messageId: 'undefinedReference', line: 1, column: 5, endColumn: 14 }],
    },
    {
      name: 'duplicate definitions: the first wins',
      code: '[a][x]\n\n[x]: first.md\n[X]: second.md\n',
      errors: [
        {
          messageId: 'duplicateDefinition',
          line: 4,
          column: 1,
          message: 'Definition "[X]" repeats the one on line 3; the first one wins.',
        },
      ],
    },
    {
      name: 'a definition used in another file is still unused here (definitions are per document)',
      code: { 'a.md': '[x][shared]\n', 'b.md': '[shared]: x.md\n' },
      errors: [
        { messageId: 'undefinedReference', file: 'a.md', line: 1, column: 1 },
        { messageId: 'unusedDefinition', file: 'b.md', line: 1, column: 1 },
      ],
    },
  ],
});
