import rule from '../../rules/links.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

/** The repository's own URLs as git would give them (src/project/repository-urls.ts), for an in-memory project. */
const SELF = {
  urls: {
    bases: [
      { kind: 'gitlab' as const, host: 'gitlab.example.com', path: 'docs/team/handbook' },
      { kind: 'site' as const, host: 'handbook.example.com', path: 'latest', folder: 'docs' },
    ],
    defaultBranch: 'main',
    localRefs: ['main', 'v1.0'],
    rootPrefix: '',
  },
  pathsAt: async (ref: string) => (ref === 'v1.0' ? repositoryPathsFromFiles(['docs/old.md']) : undefined),
};

runRuleTests(rule, {
  valid: [
    {
      name: 'own URLs that exist: GitLab views, a tag git has, a site page, and refs git lacks (the external check’s)',
      code: {
        'README.md': [
          '[a](https://gitlab.example.com/docs/team/handbook/-/blob/main/docs/guide.md) [b](https://gitlab.example.com/docs/team/handbook/tree/main/docs/)',
          '[c](https://gitlab.example.com/docs/team/handbook/-/blob/v1.0/docs/old.md) [d](https://handbook.example.com/latest/guide.md)',
          '[e](https://gitlab.example.com/docs/team/handbook/-/blob/v0.1/docs/nothing.md) [f](https://gitlab.example.com/docs/team/handbook/-/issues/3)',
          '',
        ].join('\n'),
        'docs/guide.md': '# Guide\n',
      },
      setup: { repository: SELF },
    },
    {
      name: 'relative, ./, ../, root-relative, folders, encoded, query, angle brackets',
      code: {
        'docs/guide.md': [
          '[a](other.md) [b](./other.md) [c](../README.md) [d](/docs/other.md)',
          '[e](../docs/) [f](.) [g](/) [h](my%20notes.md) [i](other.md?plain=1) [j](<my notes.md>)',
          '[k](other.md#section) [l](#local) [m](?plain=1#L1)',
          '',
        ].join('\n'),
        'docs/other.md': '# Other\n',
        'docs/my notes.md': '# Notes\n',
        'README.md': '# Readme\n',
      },
    },
    {
      name: 'images, HTML href/src/srcset and reference definitions',
      code: {
        'README.md': [
          '![arch](images/arch.png) [guide][g]',
          '',
          '<picture><source srcset="images/dark.png 1x, images/arch.png 2x"><img src="images/arch.png"></picture>',
          '',
          '<a href="docs/guide.md">guide</a>',
          '',
          '[g]: docs/guide.md "The guide"',
          '',
        ].join('\n'),
        'docs/guide.md': '# Guide\n',
        'images/arch.png': PNG,
        'images/dark.png': PNG,
      },
    },
    {
      name: 'external URLs, mail, protocol-relative and empty destinations are not local files',
      code: '[a](https://example.com/missing.md) [b](mailto:docs@example.com) [c](//cdn.example.com/x.png) [d]() <https://example.com>\n',
    },
    {
      name: 'links inside code spans, fenced and indented code, and HTML comments are not checked',
      code: '`[a](missing.md)`\n\n```md\n[b](missing.md)\n![c](missing.png)\n```\n\n    [d](missing.md)\n\n<!-- [e](missing.md) <img src="missing.png"> -->\n',
    },
    {
      name: 'links in tables and footnotes resolve like any other',
      code: {
        'doc.md': '| Doc | Link |\n| --- | --- |\n| a | [x](x.md) |\n\nText.[^1]\n\n[^1]: See [x](./x.md).\n',
        'x.md': '# X\n',
      },
    },
    {
      name: 'ignorePatterns skips matching destinations',
      code: '[a](generated/api.md) [b](build/out.html)\n',
      options: { ignorePatterns: ['^generated/', '\\.html$'] },
    },
    { name: 'a fragment-only link is the anchors rule’s business', code: '[a](#missing-heading)\n' },
  ],
  invalid: [
    {
      name: 'missing file, nearest path suggested without a fix',
      code: { 'docs/guide.md': 'See [setup](instalation.md).\n', 'docs/installation.md': '# Install\n' },
      errors: [
        {
          messageId: 'missing',
          file: 'docs/guide.md',
          line: 1,
          column: 13,
          endColumn: 27,
          message: 'Link target "instalation.md" does not exist.',
          suggestion: 'did you mean "installation.md"? (the nearest existing path)',
        },
      ],
      suggestionOutput: { 'docs/guide.md': 'See [setup](installation.md).\n' },
    },
    {
      name: 'missing file with nothing close: no suggestion',
      code: '[changelog](CHANGELOG.md)\n\n# Doc\n',
      errors: [{ messageId: 'missing', line: 1, column: 13 }],
    },
    {
      name: 'wrong case is its own message, fixed component by component',
      code: {
        'docs/guide.md': '[a](../Images/Arch.PNG) and [b](./Other.md#x)\n',
        'images/Arch.png': PNG,
        'docs/other.md': '# X\n',
      },
      errors: [
        {
          messageId: 'wrongCase',
          file: 'docs/guide.md',
          line: 1,
          column: 5,
          message: 'Link target "../Images/Arch.PNG" exists only as "../images/Arch.png"',
        },
        { messageId: 'wrongCase', file: 'docs/guide.md', line: 1, column: 33 },
      ],
      output: { 'docs/guide.md': '[a](../images/Arch.png) and [b](./other.md#x)\n' },
    },
    {
      name: 'wrong case with two candidates: no fix',
      code: { 'doc.md': '[a](notes.md)\n', 'Notes.md': '# A\n', 'NOTES.md': '# B\n' },
      errors: [
        { messageId: 'wrongCase', line: 1, column: 5, message: 'Link target "notes.md" exists only as "NOTES.md"' },
      ],
    },
    {
      name: 'leaving the repository root',
      code: { 'docs/guide.md': '[up](../../outside.md) and ![logo](/../logo.png)\n' },
      errors: [
        { messageId: 'escapesRoot', file: 'docs/guide.md', line: 1, column: 6 },
        { messageId: 'escapesRoot', file: 'docs/guide.md', line: 1, column: 36 },
      ],
    },
    {
      name: 'symbolic links: a link to one, and a path through a symlinked folder',
      code: { 'doc.md': '[a](latest.md) ![b](shared/logo.png)\n', 'latest.md': '' },
      setup: { symlinks: ['latest.md', 'shared'] },
      errors: [
        { messageId: 'toSymlink', line: 1, column: 5, message: 'GitHub shows a stub with the link path, not the file' },
        { messageId: 'throughSymlink', line: 1, column: 21, message: 'goes through the symbolic link "shared"' },
      ],
    },
    {
      name: 'git rename record: fixed, keeping text, title and fragment',
      code: {
        'docs/a.md': '[Gates](../factors/02-gates.md "Gates" ) and [again](/factors/02-gates.md#rule)\n',
        'factors/02-validation-gates.md': '# Gates\n\n## Rule\n',
      },
      setup: { renames: { 'factors/02-gates.md': 'factors/02-validation-gates.md' } },
      errors: [
        {
          messageId: 'missing',
          file: 'docs/a.md',
          line: 1,
          column: 9,
          suggestion: 'did you mean "../factors/02-validation-gates.md"? (git recorded the rename)',
        },
        {
          messageId: 'missing',
          file: 'docs/a.md',
          line: 1,
          column: 54,
          suggestion: 'did you mean "/factors/02-validation-gates.md"? (git recorded the rename)',
        },
      ],
      output: {
        'docs/a.md':
          '[Gates](../factors/02-validation-gates.md "Gates" ) and [again](/factors/02-validation-gates.md#rule)\n',
      },
    },
    {
      name: 'chained renames are followed to the file that exists',
      code: { 'doc.md': '[a](old.md)\n', 'newest.md': '# N\n' },
      setup: { renames: { 'old.md': 'middle.md', 'middle.md': 'newest.md' } },
      errors: [
        { messageId: 'missing', line: 1, column: 5, suggestion: 'did you mean "newest.md"? (git recorded the rename)' },
      ],
      output: { 'doc.md': '[a](newest.md)\n' },
    },
    {
      name: 'the only file with that name elsewhere: a suggestion (reference definition rewritten in place), never a fix',
      code: { 'README.md': 'Read the [guide][g].\n\n[g]: ./guide.md "Guide"\n', 'docs/guide.md': '# Guide\n' },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 3,
          column: 6,
          suggestion: 'did you mean "./docs/guide.md"? (the only other "guide.md" in the repository)',
        },
      ],
      suggestionOutput: { 'README.md': 'Read the [guide][g].\n\n[g]: ./docs/guide.md "Guide"\n' },
    },
    {
      name: 'a third-party LICENSE.md is not the project’s: --fix leaves the link alone',
      code: { 'README.md': 'See the [license](LICENSE.md).\n', 'third_party/libfoo/LICENSE.md': 'MIT\n' },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 1,
          column: 19,
          message: 'Link target "LICENSE.md" does not exist.',
          suggestion: 'did you mean "third_party/libfoo/LICENSE.md"? (the only other "LICENSE.md" in the repository)',
        },
      ],
      suggestionOutput: { 'README.md': 'See the [license](third_party/libfoo/LICENSE.md).\n' },
    },
    {
      name: 'several files with that name and none in a folder like the link’s: no guess',
      code: { 'README.md': '[x](setup.md)\n', 'a/setup.md': '', 'b/setup.md': '' },
      errors: [{ messageId: 'missing', file: 'README.md', line: 1, column: 5, suggestion: undefined }],
    },
    {
      name: 'several READMEs: not the nearest by edit distance (assets/ for factors/), only one under a folder of the same name',
      code: {
        'content/intro/start.md': '[factors](../../factors/README.md) and [assets](../../assets/README.md)\n',
        'assets/README.md': '# Assets\n',
        'README.md': '# Root\n',
        'content/README.md': '# Content\n',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'content/intro/start.md',
          line: 1,
          column: 11,
          message: 'Link target "../../factors/README.md" does not exist.',
          suggestion: undefined,
        },
      ],
    },
    {
      name: 'several READMEs, one in a folder named like the link’s: suggested, relative to the linking file',
      code: {
        'content/intro/start.md': '[factors](../../factors/README.md)\n',
        'assets/README.md': '',
        'docs/factors/README.md': '',
        'README.md': '',
      },
      errors: [
        {
          messageId: 'missing',
          file: 'content/intro/start.md',
          line: 1,
          column: 11,
          suggestion:
            'did you mean "../../docs/factors/README.md"? (of 3 files named "README.md", the only one whose path ends with "factors/README.md")',
        },
      ],
      suggestionOutput: { 'content/intro/start.md': '[factors](../../docs/factors/README.md)\n' },
    },
    {
      name: 'a folder link keeps its ./ and trailing slash, in the message and the suggestion',
      code: { 'docs/index.md': '[market](./marketplac/) [Market](./Marketplace/)\n', 'docs/marketplace/README.md': '' },
      errors: [
        {
          messageId: 'missing',
          file: 'docs/index.md',
          line: 1,
          column: 10,
          message: 'Link target "./marketplac/" does not exist.',
          suggestion: 'did you mean "./marketplace/"? (the nearest existing path)',
        },
        {
          messageId: 'wrongCase',
          file: 'docs/index.md',
          line: 1,
          column: 34,
          message: 'Link target "./Marketplace/" exists only as "./marketplace/"',
        },
      ],
      output: { 'docs/index.md': '[market](./marketplac/) [Market](./marketplace/)\n' },
      suggestionOutput: { 'docs/index.md': '[market](./marketplace/) [Market](./marketplace/)\n' },
    },
    {
      name: 'a destination written with escapes is reported but not rewritten',
      code: { 'README.md': '[x](old\\_name.md)\n', 'docs/old_name.md': '' },
      errors: [
        {
          messageId: 'missing',
          file: 'README.md',
          line: 1,
          column: 5,
          suggestion: 'did you mean "docs/old_name.md"? (the only other "old_name.md" in the repository)',
        },
      ],
    },
    {
      name: 'angle-bracket destination keeps its brackets and spaces',
      code: { 'README.md': '[x](<my notes.md>)\n', 'docs/my notes.md': '' },
      errors: [{ messageId: 'missing', file: 'README.md', line: 1, column: 6 }],
      suggestionOutput: { 'README.md': '[x](<docs/my notes.md>)\n' },
    },
    {
      name: 'bare destination gets a percent-encoded path',
      code: { 'README.md': '[x](notes.md)\n', 'docs/notes.md': '', 'docs/my notes.md': '' },
      setup: { renames: { 'notes.md': 'docs/my notes.md' } },
      errors: [{ messageId: 'missing', file: 'README.md', line: 1, column: 5 }],
      output: { 'README.md': '[x](docs/my%20notes.md)\n' },
    },
    {
      name: 'HTML img, source srcset and a href',
      code: {
        'README.md':
          '<p align="center">\n  <img src="docs/logo.png" width="80">\n  <a href="./CONTRIBUTING.md">Contribute</a>\n</p>\n\n<picture><source srcset="dark.svg"><img src="light.svg"></picture>\n',
        'light.svg': '',
      },
      errors: [
        { messageId: 'missing', file: 'README.md', line: 2, column: 13 },
        { messageId: 'missing', file: 'README.md', line: 3, column: 12 },
        {
          messageId: 'missing',
          file: 'README.md',
          line: 6,
          column: 26,
          message: 'Link target "dark.svg" does not exist.',
        },
      ],
    },
    {
      name: 'CRLF file: lines and columns as an editor shows them',
      code: { 'doc.md': '# Title\r\n\r\n| a | b |\r\n| - | - |\r\n| [x](gone.md) | y |\r\n' },
      errors: [{ messageId: 'missing', line: 5, column: 7, endColumn: 14 }],
    },
    {
      name: 'own URLs: missing on the default branch, at a tag, on the site, and through a symbolic link',
      code: {
        'README.md': [
          '[a](https://gitlab.example.com/docs/team/handbook/-/blob/main/docs/gone.md)',
          '[b](https://gitlab.example.com/docs/team/handbook/-/blob/v1.0/docs/guide.md)',
          '[c](https://handbook.example.com/latest/gone.md)',
          '[d](https://gitlab.example.com/docs/team/handbook/-/blob/main/shared/guide.md)',
          '',
        ].join('\n'),
        'docs/guide.md': '# Guide\n',
        shared: 'docs',
      },
      setup: { repository: SELF, symlinks: ['shared'] },
      errors: [
        {
          messageId: 'selfMissing',
          file: 'README.md',
          line: 1,
          column: 5,
          message:
            'Link "https://gitlab.example.com/docs/team/handbook/-/blob/main/docs/gone.md" is this repository\'s own URL, and "docs/gone.md" does not exist in it.',
        },
        {
          messageId: 'selfMissingAtRef',
          file: 'README.md',
          line: 2,
          column: 5,
          message:
            'Link "https://gitlab.example.com/docs/team/handbook/-/blob/v1.0/docs/guide.md" is this repository\'s own URL, and "docs/guide.md" does not exist at "v1.0".',
        },
        {
          messageId: 'selfMissing',
          file: 'README.md',
          line: 3,
          column: 5,
          message:
            'Link "https://handbook.example.com/latest/gone.md" is this repository\'s own URL, and "docs/gone.md" does not exist in it.',
        },
        { messageId: 'throughSymlink', file: 'README.md', line: 4, column: 5 },
      ],
    },
  ],
});
