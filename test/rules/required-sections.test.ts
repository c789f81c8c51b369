import { readFileSync } from 'node:fs';
import rule from '../../rules/required-sections.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const product = readFileSync(new URL('../../fixtures/rules/required-sections/PRODUCT.md', import.meta.url), 'utf8');

const factor =
  '# 04 · Observability\n\n## The Rule\n\nMeasure every agent run.\n\n## What Good Looks Like\n\nDashboards per workflow.\n';

runRuleTests(rule, {
  valid: [
    { name: 'no options', code: '# Anything\n' },
    {
      name: 'a file the glob does not match',
      code: { 'docs/guide.md': '# Guide\n' },
      options: { 'factors/*.md': { sections: ['What Good Looks Like'] } },
    },
    {
      name: 'regex with level, exact text in another case, order, non-empty',
      code: { 'factors/04-observability.md': factor },
      options: {
        'factors/[0-9][0-9]-*.md': {
          sections: [{ heading: '/\\bRule\\b/', level: 2 }, 'what good looks like'],
          order: true,
          nonEmpty: true,
        },
      },
    },
    {
      name: 'text around the heading is not trimmed into a match by a phrase, but spaces are',
      code: '##   What  Good Looks Like  \n\nx\n',
      options: { '*.md': { sections: ['What Good Looks Like'] } },
    },
    {
      name: 'heading with inline code and emphasis',
      code: '## The `gate` *Rule*\n',
      options: { '*.md': { sections: ['The gate Rule'] } },
    },
    {
      name: 'a section whose content is under a subheading is not empty',
      code: '## Mission\n\n### Why\n\nText.\n',
      options: { '*.md': { sections: ['Mission'], nonEmpty: true } },
    },
    {
      name: 'setext, CRLF, emoji',
      code: 'Mission 🚀\r\n-------\r\n\r\nText.\r\n',
      options: { '*.md': { sections: [{ heading: 'Mission 🚀', level: 2, nonEmpty: true }] } },
    },
  ],
  invalid: [
    {
      name: 'fixture: missing, case-sensitive miss, empty, out of order',
      code: { 'PRODUCT.md': product },
      options: {
        'PRODUCT.md': {
          sections: [
            { heading: 'Mission', level: 2 },
            { heading: 'Target Personas', level: 2 },
            { heading: 'Competitive Landscape', level: 2 },
            'Pricing',
          ],
          order: true,
          nonEmpty: true,
        },
      },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          file: 'PRODUCT.md',
          message: 'Missing required section "Pricing".',
        },
        {
          messageId: 'empty',
          line: 7,
          column: 1,
          endColumn: 25,
          message: 'Section "Competitive Landscape" is empty: nothing is written under the heading.',
        },
        {
          messageId: 'outOfOrder',
          line: 7,
          column: 1,
          message: 'Section "Competitive Landscape" is out of order: it should come after "Target personas".',
        },
      ],
    },
    {
      name: 'case-sensitive contract',
      code: { 'PRODUCT.md': product },
      options: { 'PRODUCT.md': { sections: ['Target Personas'], caseSensitive: true } },
      errors: [{ messageId: 'missing', line: 1, column: 1, message: 'Missing required section "Target Personas".' }],
    },
    {
      name: 'wrong level, and a regex that matches nothing (with the level it needs)',
      code: { 'factors/04-observability.md': '# 04\n\n### The Rule\n\nx\n\n## Checklist\n' },
      options: {
        'factors/*.md': {
          sections: [
            { heading: '/rule/i', level: 2 },
            { heading: '/^What Good/', level: 2 },
          ],
        },
      },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'Missing required section with a heading that starts with "What Good" (a level-2 "##" heading).',
        },
        {
          messageId: 'wrongLevel',
          line: 3,
          column: 1,
          message: 'Section "The Rule" is a level-3 heading ("###"); it must be level 2 ("##").',
        },
      ],
    },
    {
      name: 'minLevel and maxLevel: "## .*Rule" at any depth from 2, as the shell check accepted',
      code: {
        'factors/01.md': '# 01\n\n#### The Rule\n',
        'factors/02.md': '# The Rule\n',
        'factors/03.md': '# 03\n\n## Steps\n\n###### Rules of thumb\n',
      },
      options: {
        'factors/*.md': {
          sections: [
            { heading: '/\\bRules?\\b/', minLevel: 2 },
            { heading: 'Steps', maxLevel: 2 },
          ],
        },
      },
      errors: [
        {
          messageId: 'missing',
          file: 'factors/01.md',
          line: 1,
          column: 1,
          message: 'Missing required section "Steps" (a heading of level 1 to 2, "#" to "##").',
        },
        {
          messageId: 'missing',
          file: 'factors/02.md',
          line: 1,
          column: 1,
          message: 'Missing required section "Steps" (a heading of level 1 to 2, "#" to "##").',
        },
        {
          messageId: 'wrongLevel',
          file: 'factors/02.md',
          line: 1,
          column: 1,
          message: 'Section "The Rule" is a level-1 heading ("#"); it must be level 2 to 6 ("##" to "######").',
        },
      ],
    },
    {
      name: 'a near miss says which heading was found instead: extra words, another letter case',
      code: { 'PRODUCT.md': '# Product\n\n## Mission Statement\n\n## target personas\n' },
      options: {
        'PRODUCT.md': {
          sections: [{ heading: 'Mission', level: 2 }, 'Target Personas', '/^Competitive Landscape$/'],
          caseSensitive: true,
        },
      },
      errors: [
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'Missing required section "Mission" (a level-2 "##" heading).',
          suggestion: 'Found the heading "Mission Statement" on line 3: the contract wants exactly "Mission".',
        },
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'Missing required section "Target Personas".',
          suggestion:
            'Found the heading "target personas" on line 5: the contract wants "Target Personas" in that letter case.',
        },
        {
          messageId: 'missing',
          line: 1,
          column: 1,
          message: 'Missing required section with a heading that reads "Competitive Landscape".',
          suggestion: undefined,
        },
      ],
    },
    {
      name: 'the first section listed comes last',
      code: '## B\n\nx\n\n## C\n\nx\n\n## A\n\nx\n',
      options: { '*.md': { sections: ['A', 'B', 'C'], order: true } },
      errors: [
        {
          messageId: 'outOfOrder',
          line: 9,
          column: 1,
          message: 'Section "A" is out of order: it should come before "B".',
        },
      ],
    },
    {
      name: 'non-empty per section; a heading followed only by a subheading, a comment or a rule is empty',
      code: '## One\n\n### Sub\n\n## Two\n\n<!-- later -->\n\n---\n\n## Three\n',
      options: {
        '*.md': { sections: [{ heading: 'One', nonEmpty: true }, { heading: 'Two', nonEmpty: true }, 'Three'] },
      },
      errors: [
        { messageId: 'empty', line: 1, column: 1, message: '"One"' },
        { messageId: 'empty', line: 5, column: 1, message: '"Two"' },
      ],
    },
    {
      name: 'two globs match: both contracts apply',
      code: { 'docs/foundations/control-plane.md': '# Control plane\n\n## Why This Matters\n\nx\n' },
      options: {
        'docs/foundations/*.md': { sections: ['Why This Matters'] },
        'docs/**': { sections: ['Cloud-Native Principles'] },
      },
      errors: [{ messageId: 'missing', line: 1, column: 1, message: '"Cloud-Native Principles"' }],
    },
    {
      name: 'a heading inside a code block does not count',
      code: '# Doc\n\n```markdown\n## Mission\n```\n',
      options: { '*.md': { sections: ['Mission'] } },
      errors: [{ messageId: 'missing', line: 1, column: 1 }],
    },
  ],
});
