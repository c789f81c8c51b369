import rule from '../../rules/anchors.js';
import { readFileSync } from 'node:fs';
import { runRuleTests } from '../helpers/rule-tester.js';

const TOC = readFileSync(new URL('../../fixtures/rules/anchors/toc.md', import.meta.url), 'utf8');

const GUIDE = [
  '---',
  'title: Guide',
  '---',
  '',
  '# Guide',
  '',
  '## Install',
  '',
  '## 🚀 Quick start',
  '',
  '## The `kubectl apply` command',
  '',
  '## Install',
  '',
  '## 快速开始',
  '',
  '<a name="legacy-anchor"></a>',
  '',
  '<div id="Custom-Block">x</div>',
  '',
].join('\n');

/** The repository's own URLs as git would give them (src/project/repository-urls.ts), for an in-memory project. */
const SELF = {
  urls: {
    bases: [
      { kind: 'github' as const, host: 'github.com', path: 'acme/handbook' },
      { kind: 'site' as const, host: 'docs.acme.dev', path: '', folder: 'docs' },
    ],
    defaultBranch: 'main',
    localRefs: ['main'],
    rootPrefix: '',
  },
  pathsAt: async () => undefined,
};

runRuleTests(rule, {
  valid: [
    {
      name: 'a folder page gives the README it shows the anchor "readme"',
      code: {
        'README.md':
          '[a](docs/#readme) [b](https://github.com/acme/handbook/tree/main/docs#readme) [c](https://github.com/acme/handbook#readme)\n',
        'docs/README.md': '# Docs\n',
      },
      setup: { repository: SELF },
    },
    {
      name: 'own URLs: fragments of raw and edit views, of sites, and of branches git lacks are not checked here',
      code: {
        'README.md':
          '[a](https://github.com/acme/handbook/raw/main/docs/guide.md#x) [b](https://github.com/acme/handbook/edit/main/docs/guide.md#L99) [c](https://docs.acme.dev/guide.md#x) [d](https://github.com/acme/handbook/blob/v0/docs/guide.md#x)\n',
        'docs/guide.md': '# Guide\n',
      },
      setup: { repository: SELF },
    },
    {
      name: 'headings across files: emoji, inline code, duplicates, CJK, HTML anchors',
      code: {
        'README.md': [
          '[a](docs/guide.md#guide) [b](docs/guide.md#install) [c](docs/guide.md#install-1)',
          '[d](docs/guide.md#-quick-start) [e](docs/guide.md#the-kubectl-apply-command)',
          '[f](docs/guide.md#快速开始) [g](docs/guide.md#%E5%BF%AB%E9%80%9F%E5%BC%80%E5%A7%8B) [h](docs/guide.md#legacy-anchor)',
          '[i](docs/guide.md#Custom-Block) <a href="docs/guide.md#install">j</a> [k][ref]',
          '',
          '[ref]: docs/guide.md#install-1',
          '',
        ].join('\n'),
        'docs/guide.md': GUIDE,
      },
    },
    {
      name: 'same-file fragments, setext headings, #top',
      code: 'Title\n=====\n\nSub *section*\n-------------\n\n[a](#title) [b](#sub-section) [c](#top) [d](#) [e](#Top)\n',
    },
    {
      name: 'a case-only difference is what GitHub’s page script forgives',
      code: { 'README.md': '[a](docs/guide.md#Install) [b](#Usage)\n\n## Usage\n', 'docs/guide.md': GUIDE },
    },
    { name: 'user-content- prefix written out', code: '## Usage\n\n[a](#user-content-usage)\n' },
    {
      name: 'line anchors within the file',
      code: {
        'README.md': '[a](notes.md#L1) [b](notes.md#L2-L3) [c](notes.md#L1C2-L3C4) [d](#L5)\n\nx\n\ny\n',
        'notes.md': 'one\ntwo\nthree\n',
      },
    },
    {
      name: 'a folder link resolves into its README',
      code: {
        'README.md': '[a](docs#guide) [b](docs/#install) [c](./#usage)\n\n## Usage\n',
        'docs/README.md': '# Guide\n\n## Install\n',
      },
    },
    {
      name: 'fragments into non-Markdown files are not checked',
      code: {
        'README.md': '[a](scripts/run.sh#L999) [b](openapi.yaml#/paths/pets) ![c](diagram.svg#layer)\n',
        'scripts/run.sh': 'echo\n',
        'openapi.yaml': 'a: b\n',
        'diagram.svg': '<svg/>',
      },
    },
    { name: 'missing files are the links rule’s problem', code: '[a](gone.md#anything)\n' },
    { name: 'external fragments are not checked', code: '[a](https://example.com/page#nothing)\n' },
    { name: 'fragments inside code are not checked', code: '`[a](#nothing)`\n\n```\n[b](#nothing)\n```\n' },
    {
      name: 'ignorePatterns',
      code: '[a](#generated-by-js) [b](#/routes/x)\n',
      options: { ignorePatterns: ['^generated-', '^/'] },
    },
  ],
  invalid: [
    {
      name: 'fixture: a runbook table of contents with renamed headings',
      code: { 'toc.md': TOC },
      errors: [
        { messageId: 'missing', file: 'toc.md', line: 15, column: 16, suggestion: 'did you mean "#escalation"?' },
        { messageId: 'missing', file: 'toc.md', line: 16, column: 14, suggestion: 'did you mean "#roll-back"?' },
      ],
      // "#rollback" spells "Roll back" without its space: certain. "#escalation-policy" is a guess.
      output: { 'toc.md': TOC.replace('(#rollback)', '(#roll-back)') },
      suggestionOutput: {
        'toc.md': TOC.replace('(#escalation-policy)', '(#escalation)').replace('(#rollback)', '(#roll-back)'),
      },
    },
    {
      name: 'missing anchor in another file, fixed when the words match uniquely',
      code: { 'README.md': 'See [quick start](docs/guide.md#quick-start "Start").\n', 'docs/guide.md': GUIDE },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 1,
          column: 19,
          message: 'No heading or anchor "#quick-start" in "docs/guide.md".',
          suggestion: 'did you mean "#-quick-start"?',
        },
      ],
      output: { 'README.md': 'See [quick start](docs/guide.md#-quick-start "Start").\n' },
    },
    {
      name: 'punctuation differences are fixed',
      code: '## What is K8s? (FAQ)\n\nSee [faq](#what-is-k8s?-faq) and [faq](#whatisk8sfaq).\n',
      errors: [
        { messageId: 'missing', line: 3, column: 11, suggestion: 'did you mean "#what-is-k8s-faq"?' },
        { messageId: 'missing', line: 3, column: 40, suggestion: 'did you mean "#what-is-k8s-faq"?' },
      ],
      output: '## What is K8s? (FAQ)\n\nSee [faq](#what-is-k8s-faq) and [faq](#what-is-k8s-faq).\n',
    },
    {
      name: 'a renamed heading: the one near candidate is a suggestion, never a fix',
      code: '## Installation guide\n\n## Usage\n\n[a](#instalation-guide) [b](#configuration)\n',
      errors: [
        { messageId: 'missing', line: 5, column: 5, suggestion: 'did you mean "#installation-guide"?' },
        { messageId: 'missing', line: 5, column: 29, message: 'No heading or anchor "#configuration" in this file.' },
      ],
      suggestionOutput: '## Installation guide\n\n## Usage\n\n[a](#installation-guide) [b](#configuration)\n',
    },
    {
      name: 'a near anchor may mean the opposite: "#install" is two edits from "#uninstall", so --fix leaves it',
      code: { 'README.md': '[install it](guide.md#install)\n', 'guide.md': '# Guide\n\n## Uninstall\n\n## Usage\n' },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 1,
          column: 14,
          message: 'No heading or anchor "#install" in "guide.md".',
          suggestion: 'did you mean "#uninstall"?',
        },
      ],
      suggestionOutput: { 'README.md': '[install it](guide.md#uninstall)\n' },
    },
    {
      name: 'several near candidates: no guess',
      code: '## Step 1\n\n## Step 3\n\n[a](#step-2)\n',
      errors: [{ messageId: 'missing', line: 5, column: 5, suggestion: undefined }],
    },
    {
      name: 'the page is named as the link writes it',
      code: {
        'docs/a/b.md': '[x](../../guide.md#nothing-like-it) [y](./#x)\n',
        'guide.md': '# Guide\n',
        'docs/a/README.md': '# Overview\n',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'docs/a/b.md',
          line: 1,
          column: 5,
          message: 'No heading or anchor "#nothing-like-it" in "../../guide.md".',
        },
        {
          messageId: 'missing',
          file: 'docs/a/b.md',
          line: 1,
          column: 41,
          message: 'No heading or anchor "#x" in the README of "./".',
        },
      ],
    },
    {
      name: 'duplicate numbering: the third one does not exist',
      code: { 'README.md': '[a](docs/guide.md#install-2)\n', 'docs/guide.md': GUIDE },
      errors: [{ messageId: 'missing', file: 'README.md', line: 1, column: 5 }],
    },
    {
      name: 'front matter is not a heading',
      code: '---\ntitle: Setup\n---\n\n# Intro\n\n[a](#title-setup) [b](#setup)\n',
      errors: [
        { messageId: 'missing', line: 7, column: 5 },
        { messageId: 'missing', line: 7, column: 23 },
      ],
    },
    {
      name: 'strictCase reports case-only differences and fixes them',
      code: '## Usage\n\n[a](#Usage)\n',
      options: { strictCase: true },
      errors: [
        {
          messageId: 'caseMismatch',
          line: 3,
          column: 5,
          message: 'Fragment "#Usage" differs in case from the anchor "#usage".',
        },
      ],
      output: '## Usage\n\n[a](#usage)\n',
    },
    {
      name: 'an HTML id is matched as GitHub does: exactly or in lower case',
      code: { 'README.md': '[a](docs/guide.md#custom-block)\n', 'docs/guide.md': GUIDE },
      errors: [
        { messageId: 'missing', file: 'README.md', line: 1, column: 5, suggestion: 'did you mean "#Custom-Block"?' },
      ],
      output: { 'README.md': '[a](docs/guide.md#Custom-Block)\n' },
    },
    {
      name: 'line anchors past the end of the file',
      code: { 'README.md': '[a](notes.md#L4) [b](notes.md#L2-L9) [c](notes.md#L0)\n', 'notes.md': 'one\ntwo\nthree\n' },
      errors: [
        {
          messageId: 'lineOutOfRange',
          file: 'README.md',
          line: 1,
          column: 5,
          message: 'Line anchor "#L4" points past the end of "notes.md" (3 lines).',
        },
        { messageId: 'lineOutOfRange', file: 'README.md', line: 1, column: 22 },
        { messageId: 'lineOutOfRange', file: 'README.md', line: 1, column: 42 },
      ],
    },
    {
      name: 'folder without README',
      code: { 'README.md': '[a](docs/#install)\n', 'docs/guide.md': '# Install\n' },
      errors: [
        {
          messageId: 'noReadme',
          file: 'README.md',
          line: 1,
          column: 5,
          message: 'Folder "docs/" has no README, so it has no anchor "#install".',
        },
      ],
    },
    {
      name: 'reference definitions and HTML links, in a CRLF file',
      code: {
        'README.md':
          'Read [the guide][g].\r\n\r\n<a href="docs/guide.md#instal">Install</a>\r\n\r\n[g]: docs/guide.md#guid\r\n',
        'docs/guide.md': GUIDE,
      },
      errors: [
        { messageId: 'missing', file: 'README.md', line: 3, column: 10, suggestion: 'did you mean "#install"?' },
        { messageId: 'missing', file: 'README.md', line: 5, column: 6, suggestion: 'did you mean "#guide"?' },
      ],
      suggestionOutput: {
        'README.md':
          'Read [the guide][g].\r\n\r\n<a href="docs/guide.md#install">Install</a>\r\n\r\n[g]: docs/guide.md#guide\r\n',
      },
    },
    {
      name: 'own URLs on the default branch: headings where GitHub renders, lines where it numbers them, a bare URL too',
      code: {
        'README.md':
          '[a](https://github.com/acme/handbook/blob/main/docs/guide.md#instal) [b](https://github.com/acme/handbook/blame/main/docs/guide.md#L9)\n\nhttps://github.com/acme/handbook/blob/main/docs/guide.md#nope\n',
        'docs/guide.md': '# Guide\n\n## Install\n',
      },
      setup: { repository: SELF },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 1,
          column: 5,
          message: 'No heading or anchor "#instal" in "https://github.com/acme/handbook/blob/main/docs/guide.md".',
          suggestion: 'did you mean "#install"?',
        },
        {
          messageId: 'lineOutOfRange',
          file: 'README.md',
          line: 1,
          column: 74,
          message:
            'Line anchor "#L9" points past the end of "https://github.com/acme/handbook/blame/main/docs/guide.md" (3 lines).',
        },
        {
          messageId: 'missing',
          file: 'README.md',
          line: 3,
          column: 1,
          message: 'No heading or anchor "#nope" in "https://github.com/acme/handbook/blob/main/docs/guide.md".',
        },
      ],
      suggestionOutput: {
        'README.md':
          '[a](https://github.com/acme/handbook/blob/main/docs/guide.md#install) [b](https://github.com/acme/handbook/blame/main/docs/guide.md#L9)\n\nhttps://github.com/acme/handbook/blob/main/docs/guide.md#nope\n',
      },
    },
    {
      name: '"#readme" of a folder without a README',
      code: { 'README.md': '[a](docs/#readme)\n', 'docs/guide.md': '# Install\n' },
      errors: [{ messageId: 'noReadme', file: 'README.md', line: 1, column: 5 }],
    },
  ],
});
