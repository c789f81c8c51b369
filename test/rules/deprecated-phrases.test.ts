import { readFileSync } from 'node:fs';
import rule from '../../rules/deprecated-phrases.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/deprecated-phrases/${name}`, import.meta.url), 'utf8');
const project = {
  'README.md': fixture('README.md'),
  '_archived/v1.md': fixture('_archived/v1.md'),
  'docs/plans/roadmap.md': fixture('docs/plans/roadmap.md'),
};
const phrases = [
  { phrase: 'Shift-Left Validation', use: 'validation gates' },
  { phrase: 'DevOps for Vibe-Coding', message: 'The framework is "operations for coding agents".' },
  'coding agents only',
];
const archivedAndPlansAllowed = {
  overrides: [{ files: ['_archived/**', 'docs/plans/**'], rules: { 'deprecated-phrases': 'off' as const } }],
};

runRuleTests(rule, {
  valid: [
    { name: 'no phrases configured', code: 'Shift-Left Validation.\n' },
    {
      name: 'code, URLs, identifiers and headings slugs are not prose',
      code: 'Run `shift-left validation`, see https://x.dev/shift-left-validation and shift-left-validation.md.\n\n```text\nShift-Left Validation\n```\n',
      options: { phrases },
    },
    {
      name: 'a word boundary is required',
      code: 'Shift-Left Validations are plural, pre-shift-left validation is glued.\n',
      options: { phrases: ['Shift-Left Validation'] },
    },
    {
      name: 'case-sensitive phrase',
      code: 'Our beta program did not end.\n',
      options: { phrases: [{ phrase: 'Beta Program', caseSensitive: true, use: 'preview' }] },
    },
  ],
  invalid: [
    {
      name: 'framework fixture, with archived and planning documents allowed through overrides',
      code: project,
      options: { phrases },
      setup: archivedAndPlansAllowed,
      errors: [
        {
          file: 'README.md',
          messageId: 'retired',
          line: 3,
          column: 13,
          message: '"DevOps for Vibe-Coding" is a retired phrase. The framework is "operations for coding agents".',
        },
        {
          file: 'README.md',
          messageId: 'retired',
          line: 3,
          column: 47,
          message: '"coding agents only" is a retired phrase.',
        },
        { file: 'README.md', messageId: 'replaced', line: 7, column: 1, message: 'use "Validation gates"' },
        {
          file: 'README.md',
          messageId: 'replaced',
          line: 7,
          column: 61,
          endColumn: 82,
          message: 'use "validation gates"',
        },
        // A retired phrase written with hyphens in link text is still the phrase a reader sees.
        {
          file: 'README.md',
          messageId: 'replaced',
          line: 8,
          column: 10,
          endColumn: 31,
          message: '"shift-left-validation" is a retired phrase: use "validation gates".',
        },
      ],
      output: {
        'README.md': fixture('README.md')
          .replace('Shift-Left Validation keeps', 'Validation gates keeps')
          .replace('and shift-left validation is cheap', 'and validation gates is cheap')
          .replace('[the shift-left-validation page]', '[the validation gates page]'),
      },
    },
    {
      name: 'without overrides the archive is reported too',
      code: { '_archived/v1.md': fixture('_archived/v1.md') },
      options: { phrases: ['Shift-Left Validation'] },
      errors: [{ file: '_archived/v1.md', messageId: 'retired', line: 3, column: 1 }],
    },
    {
      name: 'regex phrase, case-sensitive phrase, phrase across a line break in a list item',
      code: '- We ship AI-first docs\n  and the Beta Program; the beta program is fine.\n- Shift-Left\n  Validation\n',
      options: {
        phrases: [
          { phrase: { regex: 'AI[- ]first' }, message: 'Say what it does.' },
          { phrase: 'Beta Program', caseSensitive: true, use: 'preview' },
          { phrase: 'Shift-Left Validation', use: 'validation gates' },
        ],
      },
      errors: [
        { messageId: 'retired', line: 1, column: 11, message: 'Say what it does.' },
        { messageId: 'replaced', line: 2, column: 11 },
        { messageId: 'replaced', line: 3, column: 3, endLine: 4, endColumn: 13 },
      ],
      // The last phrase spans a line break with indentation: reported, but not rewritten.
      output: '- We ship AI-first docs\n  and the preview; the beta program is fine.\n- Shift-Left\n  Validation\n',
    },
    {
      name: 'code: also searches code blocks and inline code, and fixes them',
      code: 'Run `shift-left validation` first.\n\n```sh\n# Shift-Left Validation\nmake check\n```\n',
      options: { phrases: [{ phrase: 'Shift-Left Validation', use: 'validation gates' }], code: true },
      errors: [
        { messageId: 'replaced', line: 1, column: 6, endColumn: 27 },
        { messageId: 'replaced', line: 4, column: 3, endColumn: 24 },
      ],
      output: 'Run `validation gates` first.\n\n```sh\n# validation gates\nmake check\n```\n',
    },
    {
      name: 'plainTextFiles: SVG labels are searched as plain text, reported at their line and never rewritten',
      code: {
        'README.md': '# Framework\n',
        'assets/flow.svg': '<svg>\n  <text x="4">Shift-Left Validation</text>\n</svg>\n',
        'assets/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]),
        'notes.txt': 'Shift-Left Validation\n',
      },
      options: {
        phrases: [{ phrase: 'Shift-Left Validation', use: 'validation gates' }],
        plainTextFiles: ['assets/**'],
      },
      errors: [
        {
          file: 'assets/flow.svg',
          messageId: 'replaced',
          line: 2,
          column: 15,
          endColumn: 36,
          message: '"Shift-Left Validation" is a retired phrase: use "validation gates".',
        },
      ],
    },
    {
      name: 'an override that switches the rule off covers plain-text files too',
      code: {
        'README.md': '# Framework\n',
        '_archived/old.svg': '<svg><text>Shift-Left Validation</text></svg>\n',
        'assets/new.svg': '<svg><text>coding agents only</text></svg>\n',
      },
      options: { phrases: ['Shift-Left Validation', 'coding agents only'], plainTextFiles: ['**/*.svg'] },
      setup: archivedAndPlansAllowed,
      errors: [{ file: 'assets/new.svg', messageId: 'retired', line: 1, column: 12 }],
    },
  ],
});
