import { readFileSync } from 'node:fs';
import rule from '../../rules/required-content.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const readme = readFileSync(new URL('../../fixtures/rules/required-content/README.md', import.meta.url), 'utf8');

const readmeContract = {
  'README.md': [
    { allOf: ['Operational Discipline'], message: 'The README links the operational discipline section.' },
    { anyOf: ['quickstart', 'getting started', '/5-minute/'], message: 'New readers need a way in.' },
  ],
};

runRuleTests(rule, {
  valid: [
    { name: 'no options', code: { 'README.md': readme } },
    {
      name: 'phrases in another case, wrapped across lines, in link text and headings',
      code: { 'README.md': '# Framework\n\nSee [operational\ndiscipline](docs/ops.md).\n\n## Getting Started\n' },
      options: readmeContract,
    },
    { name: 'any one of the anyOf phrases is enough', code: { 'README.md': 'Operational Discipline. A 5-minute tour.\n' }, options: readmeContract },
    { name: 'a regex with flags', code: { 'factors/11-advanced.md': '# 11\n\nThis factor is **Advanced**.\n' }, options: { 'factors/1[0-2]-*.md': [{ anyOf: ['/\\b(optional|advanced)\\b/i'] }] } },
    { name: 'phrases are substrings: "optional" matches "Optionally"', code: { 'factors/10-x.md': 'Optionally, add a second gate.\n' }, options: { 'factors/1[0-2]-*.md': [{ anyOf: ['optional', 'advanced'] }] } },
    { name: 'text inside raw HTML is visible, so it counts', code: '<p align="center">Operational <b>Discipline</b></p>\n', options: { '*.md': [{ allOf: ['Operational Discipline'] }] } },
    { name: 'non-ASCII phrase', code: 'Le déploiement «\u00a0blue-green\u00a0» 🚀\n', options: { '*.md': [{ allOf: ['DÉPLOIEMENT', 'blue-green', '🚀'] }] } },
  ],
  invalid: [
    {
      name: 'fixture: the phrases appear only in code and in a comment',
      code: { 'README.md': readme },
      options: readmeContract,
      errors: [
        { messageId: 'missingAll', line: 1, column: 1, file: 'README.md', message: 'Missing required text "Operational Discipline": The README links the operational discipline section.' },
        { messageId: 'missingAny', line: 1, column: 1, message: 'Missing required text: none of "quickstart", "getting started", /5-minute/ appears: New readers need a way in.' },
      ],
    },
    {
      name: 'every allOf phrase is checked; case-sensitive when asked',
      code: 'Control plane mappings.\n',
      options: { '*.md': [{ allOf: ['Control Plane', 'Data Plane'], caseSensitive: true }] },
      errors: [
        { messageId: 'missingAll', line: 1, column: 1, message: 'Missing required text "Control Plane".' },
        { messageId: 'missingAll', line: 1, column: 1, message: 'Missing required text "Data Plane".' },
      ],
    },
    {
      name: 'a word boundary regex does not match inside a word',
      code: { 'factors/12-x.md': 'Optionally, add a gate.\n' },
      options: { 'factors/1[0-2]-*.md': [{ anyOf: ['/\\boptional\\b/i', '/\\badvanced\\b/i'], message: 'Say that this factor is optional or advanced' }] },
      errors: [{ messageId: 'missingAny', line: 1, column: 1, message: 'none of /\\boptional\\b/i, /\\badvanced\\b/i appears: Say that this factor is optional or advanced.' }],
    },
    {
      name: 'front matter and HTML comments do not count',
      code: '---\nsummary: Operational Discipline\n---\n\n<!-- Operational Discipline -->\n',
      options: { '*.md': [{ allOf: ['Operational Discipline'] }] },
      errors: [{ messageId: 'missingAll', line: 1, column: 1 }],
    },
  ],
});
