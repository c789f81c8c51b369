import { readFileSync } from 'node:fs';
import rule from '../../rules/duplicate-heading-anchor.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/duplicate-heading-anchor/${name}`, import.meta.url), 'utf8');

const twoExamples = '# Guide\n\n## Example\n\nFirst.\n\n## Example\n\nSecond.\n';

runRuleTests(rule, {
  valid: [
    { name: 'duplicates that nothing links to', code: twoExamples },
    {
      name: 'links that use the numbered anchor',
      code: { 'guide.md': twoExamples, 'index.md': '[second](guide.md#example-1)\n' },
    },
    {
      name: 'link to a unique heading',
      code: { 'guide.md': '# Guide\n\n## Setup\n', 'index.md': '[setup](guide.md#setup)\n' },
    },
    {
      name: 'link to the plain anchor of another file with the same heading',
      code: { 'a.md': '## Example\n', 'b.md': '## Example\n\n[a](a.md#example)\n' },
    },
    {
      name: 'the file with the duplicates is not linted',
      code: { 'guide.md': twoExamples, 'index.md': '[x](guide.md#example)\n' },
      setup: { targets: ['index.md'] },
    },
    {
      name: 'external links with the same fragment',
      code: { 'guide.md': twoExamples, 'index.md': '[x](https://example.com/guide.md#example)\n' },
    },
  ],
  invalid: [
    {
      name: 'fixture: two "Example" subsections, linked from the README',
      code: { 'faq.md': fixture('faq.md'), 'README.md': fixture('README.md') },
      errors: [
        {
          messageId: 'ambiguous',
          line: 11,
          column: 1,
          endColumn: 12,
          file: 'faq.md',
          message:
            'Heading "Example" has the same anchor "#example" as line 5; the 2 links to "#example" (README.md:3) land on line 5, never here (this one is "#example-1"). Rename one of the headings.',
        },
      ],
    },
    {
      name: 'a link in the same file, and three headings',
      code: '# Guide\n\nSee [setup](#setup).\n\n## Setup\n\n## Setup\n\n## Setup\n',
      errors: [
        {
          messageId: 'ambiguous',
          line: 7,
          column: 1,
          message: 'the link to "#setup" (line 3) lands on line 5, never here (this one is "#setup-1")',
        },
        { messageId: 'ambiguous', line: 9, column: 1, message: '(this one is "#setup-2")' },
      ],
    },
    {
      name: 'a folder link lands on its README; non-ASCII heading; percent-encoded fragment',
      code: { 'docs/README.md': '# Docs\n\n## Étape\n\n## Étape\n', 'index.md': '[step](docs/#%C3%A9tape)\n' },
      errors: [
        {
          messageId: 'ambiguous',
          line: 5,
          column: 1,
          file: 'docs/README.md',
          message: 'the link to "#étape" (index.md:1)',
        },
      ],
    },
    {
      name: 'a fragment in another case',
      code: { 'guide.md': twoExamples, 'index.md': '[x](./guide.md#Example)\n' },
      errors: [{ messageId: 'ambiguous', line: 7, column: 1, file: 'guide.md' }],
    },
  ],
});
