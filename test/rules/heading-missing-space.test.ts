import { readFileSync } from 'node:fs';
import rule from '../../rules/heading-missing-space.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const IN_LIST_ITEM =
  'Not fixed automatically: in a list item, a word that starts with "#" is usually a tag or a channel name, and a heading there is rarely meant.';

const notes = readFileSync(new URL('../../fixtures/rules/heading-missing-space/notes.md', import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    '# Title\n\n## Section\n',
    { name: 'issue references and shebangs', code: '#123 fixed the gate.\n\n#!/usr/bin/env node\n' },
    { name: 'hashes inside code', code: '`#include`\n\n```c\n#include <stdio.h>\n```\n' },
    { name: 'seven hashes is not a heading either way', code: '#######Seven\n' },
    { name: 'hash in the middle of a line', code: 'Use C# or F#.\n' },
    { name: 'closed heading with a space', code: '## Setup ##\n' },
    { name: 'a link whose text starts with a hash', code: '[#channel](https://example.com)\n' },
    {
      name: 'chat channels and hashtags at the start of a line',
      code: 'Ask in\n#kubernetes-users, or in\n#sig-docs: we answer there.\n\n- #general\n',
    },
    {
      name: 'paragraphs with email autolinks (nodes GFM leaves unpositioned)',
      code: 'Mail dev@kubernetes.io about it.\n',
    },
  ],
  invalid: [
    {
      name: 'after an email autolink, on the next line',
      code: 'Send mail to dev@kubernetes.io\n#Next steps\n',
      errors: [{ messageId: 'missingSpace', line: 2, column: 1 }],
      output: 'Send mail to dev@kubernetes.io\n# Next steps\n',
    },
    {
      name: 'fixture: fixed where the outline expects a heading, never inside a list item',
      code: { 'notes.md': notes },
      errors: [
        {
          messageId: 'missingSpace',
          line: 1,
          column: 1,
          endColumn: 10,
          file: 'notes.md',
          message: '"#Overview" renders as text, not a heading: put a space after "#".',
        },
        { messageId: 'missingSpace', line: 5, column: 1, endColumn: 8, message: '"##Steps"' },
        { messageId: 'missingSpace', line: 11, column: 3, message: '"###Nested"', suggestion: IN_LIST_ITEM },
      ],
      output: { 'notes.md': notes.replace('#Overview', '# Overview').replace('##Steps', '## Steps') },
    },
    {
      name: 'a hashtag in a list item stays as it is (kubernetes-community social-guidelines.md)',
      code: '# Social guidelines\n\n- #Shoutouts (from #shoutouts slack channel; try to include social handles)\n',
      errors: [
        {
          messageId: 'missingSpace',
          line: 3,
          column: 3,
          message: '"#Shoutouts" renders as text',
          suggestion: IN_LIST_ITEM,
        },
      ],
    },
    {
      name: 'a second title is only a suggestion (kubernetes-community events/2016/fixit201606.md)',
      code: '#Fixit Event June 2016\n\nText.\n\n#Metrics\n\n##Tuesday 05:00 PT\n',
      errors: [
        { messageId: 'missingSpace', line: 1, column: 1, suggestion: undefined },
        {
          messageId: 'missingSpace',
          line: 5,
          column: 1,
          suggestion: 'Not fixed automatically: it would be a second level-1 heading (the title is on line 1).',
        },
        { messageId: 'missingSpace', line: 7, column: 1, suggestion: undefined },
      ],
      output: '# Fixit Event June 2016\n\nText.\n\n#Metrics\n\n## Tuesday 05:00 PT\n',
      suggestionOutput: '# Fixit Event June 2016\n\nText.\n\n# Metrics\n\n## Tuesday 05:00 PT\n',
    },
    {
      name: 'a level that skips, or makes the next heading skip, is only a suggestion (unconference-notes-template.md)',
      code: '# Unconference Note Template\n\n## Please use this template\n\n####Presenter:\n\n### Notes\n\n##Summary\n\n#### Action items\n',
      errors: [
        {
          messageId: 'missingSpace',
          line: 5,
          column: 1,
          suggestion: 'Not fixed automatically: it would be a level-4 heading after the level-2 one on line 3.',
        },
        {
          messageId: 'missingSpace',
          line: 9,
          column: 1,
          suggestion: 'Not fixed automatically: the level-4 heading on line 11 would then skip a level.',
        },
      ],
      suggestionOutput:
        '# Unconference Note Template\n\n## Please use this template\n\n#### Presenter:\n\n### Notes\n\n## Summary\n\n#### Action items\n',
    },
    {
      name: 'second line of a paragraph, in a blockquote, CRLF',
      code: 'Intro.\r\n#Heading\r\n\r\n> text\r\n> ##Quoted\r\n',
      errors: [
        { messageId: 'missingSpace', line: 2, column: 1 },
        { messageId: 'missingSpace', line: 5, column: 3 },
      ],
      output: 'Intro.\r\n# Heading\r\n\r\n> text\r\n> ## Quoted\r\n',
    },
    {
      name: 'non-ASCII and emoji headings',
      code: '#Étape un\n\n##🚀 Launch\n',
      errors: [
        { messageId: 'missingSpace', line: 1, column: 1 },
        { messageId: 'missingSpace', line: 3, column: 1 },
      ],
      output: '# Étape un\n\n## 🚀 Launch\n',
    },
  ],
});
