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
    {
      name: 'any one of the anyOf phrases is enough',
      code: { 'README.md': 'Operational Discipline. A 5-minute tour.\n' },
      options: readmeContract,
    },
    {
      name: 'a regex with flags',
      code: { 'factors/11-advanced.md': '# 11\n\nThis factor is **Advanced**.\n' },
      options: { 'factors/1[0-2]-*.md': [{ anyOf: ['/\\b(optional|advanced)\\b/i'] }] },
    },
    {
      name: 'phrases are substrings: "optional" matches "Optionally"',
      code: { 'factors/10-x.md': 'Optionally, add a second gate.\n' },
      options: { 'factors/1[0-2]-*.md': [{ anyOf: ['optional', 'advanced'] }] },
    },
    {
      name: 'text inside raw HTML is visible, so it counts',
      code: '<p align="center">Operational <b>Discipline</b></p>\n',
      options: { '*.md': [{ allOf: ['Operational Discipline'] }] },
    },
    {
      name: 'non-ASCII phrase',
      code: 'Le déploiement «\u00a0blue-green\u00a0» 🚀\n',
      options: { '*.md': [{ allOf: ['DÉPLOIEMENT', 'blue-green', '🚀'] }] },
    },
  ],
  invalid: [
    {
      name: 'fixture: the phrases appear only in code and in a comment',
      code: { 'README.md': readme },
      options: readmeContract,
      errors: [
        {
          messageId: 'missingAll',
          line: 1,
          column: 1,
          file: 'README.md',
          message:
            'Missing required text "Operational Discipline": The README links the operational discipline section.',
        },
        {
          messageId: 'missingAny',
          line: 1,
          column: 1,
          message:
            'Missing required text: none of "quickstart", "getting started", "5-minute" appears: New readers need a way in.',
        },
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
      options: {
        'factors/1[0-2]-*.md': [
          {
            anyOf: ['/\\boptional\\b/i', '/\\badvanced\\b/i'],
            message: 'Say that this factor is optional or advanced',
          },
        ],
      },
      errors: [
        {
          messageId: 'missingAny',
          line: 1,
          column: 1,
          message:
            'Missing required text: none of "optional", "advanced" appears: Say that this factor is optional or advanced.',
        },
      ],
    },
    {
      name: 'a near miss says what was found instead: another letter case, words in between',
      code: '# Framework\n\nThe operational discipline comes first.\n\nRead the Mission and Vision Statement.\n',
      options: { '*.md': [{ allOf: ['Operational Discipline', 'Mission Statement'], caseSensitive: true }] },
      errors: [
        {
          messageId: 'missingAll',
          line: 1,
          column: 1,
          message: 'Missing required text "Mission Statement".',
          suggestion: 'Found "Mission and Vision Statement" on line 5: the contract wants exactly "Mission Statement".',
        },
        {
          messageId: 'missingAll',
          line: 1,
          column: 1,
          message: 'Missing required text "Operational Discipline".',
          suggestion:
            'Found "operational discipline" on line 3: the contract wants "Operational Discipline" in that letter case.',
        },
      ],
    },
    {
      name: 'code is searched only when asked',
      code: { 'docs/install.md': '# Install\n\n```sh\nnpx agentops-lint --fix\n```\n' },
      options: {
        'docs/*.md': [
          { allOf: ['agentops-lint --fix'] },
          { allOf: ['agentops-lint --fix'], code: true, message: 'The install page shows the fix command' },
        ],
      },
      errors: [
        { messageId: 'missingAll', line: 1, column: 1, message: 'Missing required text "agentops-lint --fix".' },
      ],
    },
    {
      name: 'files that are not Markdown are searched as plain text when a requirement says plainText',
      code: {
        'README.md': 'Operational Discipline.\n',
        'assets/architecture.svg': '<svg><text x="1">Validation Gates</text><text>Operational</text></svg>\n',
        'assets/logo.svg': '<svg><text>Operational Discipline</text></svg>\n',
        'assets/notes.txt': 'Nothing here.\n',
      },
      options: {
        '**/*.svg': [
          { allOf: ['Operational Discipline'], plainText: true, message: 'Every diagram names the discipline' },
        ],
        'assets/*.txt': [{ allOf: ['Operational Discipline'] }],
      },
      errors: [
        {
          messageId: 'missingAll',
          line: 1,
          column: 1,
          file: 'assets/architecture.svg',
          message: 'Missing required text "Operational Discipline": Every diagram names the discipline.',
        },
      ],
    },
    {
      name: 'front matter and HTML comments do not count',
      code: '---\nsummary: Operational Discipline\n---\n\n<!-- Operational Discipline -->\n',
      options: { '*.md': [{ allOf: ['Operational Discipline'] }] },
      errors: [{ messageId: 'missingAll', line: 1, column: 1 }],
    },
  ],
});
