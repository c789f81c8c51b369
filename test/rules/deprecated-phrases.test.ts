import { readFileSync } from 'node:fs';
import rule from '../../rules/deprecated-phrases.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rules/deprecated-phrases/${name}`, import.meta.url), 'utf8');
const project = { 'README.md': fixture('README.md'), '_archived/v1.md': fixture('_archived/v1.md'), 'docs/plans/roadmap.md': fixture('docs/plans/roadmap.md') };
const phrases = [
  { phrase: 'Shift-Left Validation', use: 'validation gates' },
  { phrase: 'DevOps for Vibe-Coding', message: 'The framework is "operations for coding agents".' },
  'coding agents only',
];
const archivedAndPlansAllowed = { overrides: [{ files: ['_archived/**', 'docs/plans/**'], rules: { 'deprecated-phrases': 'off' as const } }] };

runRuleTests(rule, {
  valid: [
    { name: 'no phrases configured', code: 'Shift-Left Validation.\n' },
    { name: 'code, URLs, identifiers and headings slugs are not prose', code: 'Run `shift-left validation`, see https://x.dev/shift-left-validation and shift-left-validation.md.\n\n```text\nShift-Left Validation\n```\n', options: { phrases } },
    { name: 'a word boundary is required', code: 'Shift-Left Validations are plural, pre-shift-left validation is glued.\n', options: { phrases: ['Shift-Left Validation'] } },
    { name: 'case-sensitive phrase', code: 'Our beta program did not end.\n', options: { phrases: [{ phrase: 'Beta Program', 'case-sensitive': true, use: 'preview' }] } },
  ],
  invalid: [
    {
      name: 'framework fixture, with archived and planning documents allowed through overrides',
      code: project,
      options: { phrases },
      setup: archivedAndPlansAllowed,
      errors: [
        { file: 'README.md', messageId: 'retired', line: 3, column: 13, message: '"DevOps for Vibe-Coding" is a retired phrase. The framework is "operations for coding agents".' },
        { file: 'README.md', messageId: 'retired', line: 3, column: 47, message: '"coding agents only" is a retired phrase.' },
        { file: 'README.md', messageId: 'replaced', line: 7, column: 1, message: 'use "Validation gates"' },
        { file: 'README.md', messageId: 'replaced', line: 7, column: 61, endColumn: 82, message: 'use "validation gates"' },
      ],
      output: {
        'README.md': fixture('README.md')
          .replace('Shift-Left Validation keeps', 'Validation gates keeps')
          .replace('and shift-left validation is cheap', 'and validation gates is cheap'),
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
      options: { phrases: [{ phrase: { regex: 'AI[- ]first' }, message: 'Say what it does.' }, { phrase: 'Beta Program', 'case-sensitive': true, use: 'preview' }, { phrase: 'Shift-Left Validation', use: 'validation gates' }] },
      errors: [
        { messageId: 'retired', line: 1, column: 11, message: 'Say what it does.' },
        { messageId: 'replaced', line: 2, column: 11 },
        { messageId: 'replaced', line: 3, column: 3, endLine: 4, endColumn: 13 },
      ],
      // The last phrase spans a line break with indentation: reported, but not rewritten.
      output: '- We ship AI-first docs\n  and the preview; the beta program is fine.\n- Shift-Left\n  Validation\n',
    },
  ],
});
