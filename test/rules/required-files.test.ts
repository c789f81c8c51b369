import rule from '../../rules/required-files.js';
import { runRuleTests, type Project } from '../helpers/rule-tester.js';

const framework: Project = {
  'README.md': '# Framework\n',
  'PRODUCT.md': '# Product\n',
  'factors/01-context-is-code.md': '# 01\n',
  'factors/02-validation-gates.md': '# 02\n',
  'factors/12-optional-extensions.md': '# 12\n',
  '_archived/factors-v1/MAPPING.md': '# Mapping\n',
  '_archived/factors-v1/01-old.md': '# Old\n',
  'images/architecture.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
};

const without = (project: Project, ...paths: string[]): Project =>
  Object.fromEntries(Object.entries(project).filter(([path]) => !paths.includes(path)));

runRuleTests(rule, {
  valid: [
    { name: 'no options: nothing is required', code: framework },
    {
      name: 'every path, folder and count satisfied',
      code: framework,
      options: {
        files: [
          'README.md',
          './PRODUCT.md',
          'factors/01-context-is-code.md',
          'factors/',
          '_archived/factors-v1/MAPPING.md',
          { glob: '_archived/factors-v1/!(MAPPING.md)', min: 1 },
          { glob: 'factors/[0-9][0-9]-*.md', min: 3, max: 3 },
          { glob: 'images/*.png' },
          { glob: 'drafts/**', min: 0, max: 0 },
        ],
      },
    },
    {
      name: 'an override switches the rule off for a path',
      code: without(framework, 'PRODUCT.md'),
      options: { files: ['PRODUCT.md'] },
      setup: { overrides: [{ files: ['PRODUCT.md'], rules: { 'required-files': 'off' } }] },
    },
  ],
  invalid: [
    {
      name: 'a missing file is reported under its own path, even when only another file is linted',
      code: without(framework, 'PRODUCT.md'),
      options: { files: ['README.md', { glob: 'PRODUCT.md', message: 'Agents read the product brief first.' }] },
      setup: { targets: ['README.md'] },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          file: 'PRODUCT.md',
          message: 'Required file "PRODUCT.md" is missing: Agents read the product brief first.',
        },
      ],
    },
    {
      name: 'a file that differs only in case',
      code: { ...without(framework, 'PRODUCT.md'), 'product.md': '# Product\n' },
      options: { files: ['PRODUCT.md'] },
      errors: [
        {
          messageId: 'wrongCase',
          line: 1,
          column: 1,
          file: 'PRODUCT.md',
          message:
            'Required file "PRODUCT.md" is missing; "product.md" differs only in case, and GitHub paths are case-sensitive.',
        },
      ],
    },
    {
      name: 'a renamed file gets a suggestion from its folder',
      code: framework,
      options: { files: ['factors/12-optional-extension.md', 'factors/03-observability.md'] },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'factors/03-observability.md',
          message: 'Required file "factors/03-observability.md" is missing.',
        },
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'factors/12-optional-extension.md',
          suggestion: 'Did you mean "factors/12-optional-extensions.md"?',
        },
      ],
    },
    {
      name: "too few and too many files for globs, reported at the glob's folder",
      code: without(framework, '_archived/factors-v1/01-old.md'),
      options: {
        files: [
          { glob: 'factors/[0-9][0-9]-*.md', min: 12, max: 12, message: 'There are twelve factors.' },
          { glob: '_archived/factors-v1/!(MAPPING.md)', message: 'The archive keeps the retired factors.' },
          { glob: '*.md', max: 1 },
        ],
      },
      errors: [
        {
          messageId: 'tooMany',
          line: 1,
          column: 1,
          file: '.',
          message: 'The repository root has 2 files named like "*.md" (PRODUCT.md, README.md); at most 1 is allowed.',
        },
        {
          messageId: 'tooFew',
          line: 1,
          column: 1,
          file: '_archived/factors-v1',
          message:
            '"_archived/factors-v1/" has no matching file; at least 1 is required: The archive keeps the retired factors.',
        },
        {
          messageId: 'tooFew',
          line: 1,
          column: 1,
          file: 'factors',
          message:
            '"factors/" has 3 matching files (01-context-is-code.md, 02-validation-gates.md, 12-optional-extensions.md); at least 12 are required: There are twelve factors.',
        },
      ],
    },
    {
      name: 'a missing folder',
      code: framework,
      options: { files: ['docs/plans/'] },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'docs/plans',
          message: 'Required folder "docs/plans/" is missing.',
        },
      ],
    },
    {
      name: 'every entry form takes a message: a plain path as { path, message }, a folder, a glob',
      code: without(framework, 'PRODUCT.md'),
      options: {
        files: [
          { path: 'PRODUCT.md', message: 'Agents read the product brief first' },
          { path: 'docs/plans/', message: 'Plans are kept in the repository.' },
          { path: 'readme.md', message: 'The front page' },
          { glob: 'docs/**/*.md', message: 'Every framework has guides' },
        ],
      },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'PRODUCT.md',
          message: 'Required file "PRODUCT.md" is missing: Agents read the product brief first.',
        },
        {
          messageId: 'tooFew',
          line: 1,
          column: 1,
          file: 'docs',
          message: '"docs/" has no matching file; at least 1 is required: Every framework has guides.',
        },
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'docs/plans',
          message: 'Required folder "docs/plans/" is missing: Plans are kept in the repository.',
        },
        {
          messageId: 'wrongCase',
          line: 1,
          column: 1,
          file: 'readme.md',
          message:
            'Required file "readme.md" is missing; "README.md" differs only in case, and GitHub paths are case-sensitive: The front page.',
        },
      ],
    },
    {
      name: 'without a message a count names the files by the name part of the glob, and lists at most five found',
      code: { 'a/1.md': '', 'a/2.md': '', 'a/3.md': '', 'a/4.md': '', 'a/5.md': '', 'a/6.md': '', 'a/7.md': '' },
      options: { files: [{ glob: 'a/*.md', max: 2 }] },
      errors: [
        {
          messageId: 'tooMany',
          line: 1,
          column: 1,
          file: 'a',
          message:
            '"a/" has 7 files named like "*.md" (1.md, 2.md, 3.md, 4.md, 5.md, and 2 more); at most 2 are allowed.',
        },
      ],
    },
  ],
});
