import { readFileSync } from 'node:fs';
import rule from '../../rules/heading-missing-space.js';
import { runRuleTests } from '../helpers/rule-tester.js';

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
    { name: 'chat channels and hashtags at the start of a line', code: 'Ask in\n#kubernetes-users, or in\n#sig-docs: we answer there.\n\n- #general\n' },
    { name: 'paragraphs with email autolinks (nodes GFM leaves unpositioned)', code: 'Mail dev@kubernetes.io about it.\n' },
  ],
  invalid: [
    {
      name: 'after an email autolink, on the next line',
      code: 'Send mail to dev@kubernetes.io\n#Next steps\n',
      errors: [{ messageId: 'missingSpace', line: 2, column: 1 }],
      output: 'Send mail to dev@kubernetes.io\n# Next steps\n',
    },
    {
      name: 'fixture',
      code: { 'notes.md': notes },
      errors: [
        { messageId: 'missingSpace', line: 1, column: 1, endColumn: 10, file: 'notes.md', message: '"#Overview" renders as text, not a heading: put a space after "#".' },
        { messageId: 'missingSpace', line: 5, column: 1, endColumn: 8, message: '"##Steps"' },
        { messageId: 'missingSpace', line: 11, column: 3, message: '"###Nested"' },
      ],
      output: { 'notes.md': notes.replace('#Overview', '# Overview').replace('##Steps', '## Steps').replace('###Nested', '### Nested') },
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
