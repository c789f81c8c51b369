import { readFileSync } from 'node:fs';
import rule from '../../rules/word-count.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const stub = readFileSync(new URL('../../fixtures/rules/word-count/stub-factor.md', import.meta.url), 'utf8');
const project = { 'factors/07-observability.md': stub };

/*
 * Prose words in the fixture: "07 · Observability" (2), "The Rule" (2), the rule sentence (13),
 * "See and for the pipeline." (5) = 22. Left out: front matter (6), the code block (9: tokens
 * such as "|" have no letter), inline code (1), the URL (1) and the HTML text "Diagram pending" (2).
 */
runRuleTests(rule, {
  valid: [
    { name: 'no options', code: project },
    { name: 'exactly at the bar', code: project, options: { 'factors/*.md': { min: 22, max: 22 } } },
    { name: 'a glob that does not match', code: project, options: { 'docs/*.md': { min: 500 } } },
    {
      name: 'everything counted',
      code: project,
      options: {
        'factors/*.md': { min: 41, max: 41, countCode: true, countFrontMatter: true, countHtml: true, countUrls: true },
      },
    },
    {
      name: 'hyphenated words, contractions and numbers are one word each; dashes and arrows none',
      code: "Cloud-native doesn't — → 12 factors.\n",
      options: { '*.md': { min: 4, max: 4 } },
    },
    {
      name: 'Japanese words are segmented',
      code: 'Kubernetes のコントロールプレーンを使う。\n',
      options: { '*.md': { min: 4 } },
    },
    {
      name: 'link text counts, link destinations do not',
      code: 'Read [the operator guide](https://example.com/a/very/long/path).\n',
      options: { '*.md': { min: 4, max: 4 } },
    },
    {
      name: 'table cells and list items count; inline markup does not split a word (**e**f is one)',
      code: '| a b | c |\n| - | - |\n| d | **e**f |\n\n- g\n- h\n',
      options: { '*.md': { min: 7, max: 7 } },
    },
    {
      name: 'words never run together across blocks or cells',
      code: '| a | b |\n| - | - |\n\nc\n\nd\n',
      options: { '*.md': { min: 4, max: 4 } },
    },
  ],
  invalid: [
    {
      name: 'fixture: a stub factor',
      code: project,
      options: { 'factors/[0-9][0-9]-*.md': { min: 500 } },
      errors: [
        {
          messageId: 'tooShort',
          line: 1,
          column: 1,
          endColumn: 1,
          file: 'factors/07-observability.md',
          message: 'Has 22 words of prose; at least 500 words are required.',
        },
      ],
    },
    {
      name: 'counting code makes it longer than a maximum',
      code: project,
      options: { 'factors/*.md': { max: 30, countCode: true } },
      errors: [
        { messageId: 'tooLong', line: 1, column: 1, message: 'Has 32 words of prose; at most 30 words are allowed.' },
      ],
    },
    {
      name: 'each matching glob is checked',
      code: { 'README.md': 'One two three.\n' },
      options: { '*.md': { min: 5 }, 'README.md': { min: 1, max: 2 } },
      errors: [
        { messageId: 'tooLong', line: 1, column: 1, message: 'Has 3 words of prose; at most 2 words are allowed.' },
        { messageId: 'tooShort', line: 1, column: 1, message: 'Has 3 words of prose; at least 5 words are required.' },
      ],
    },
    {
      name: 'one word',
      code: 'Hello.\n',
      options: { '*.md': { min: 2 } },
      errors: [
        { messageId: 'tooShort', line: 1, column: 1, message: 'Has 1 word of prose; at least 2 words are required.' },
      ],
    },
  ],
});
