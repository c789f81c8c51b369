/** How contract messages name a pattern: in the contributor's words, never as config notation. */
import { describe, expect, it } from 'vitest';
import { headingNearMiss, lineOf, textNearMiss } from '../../src/contracts/near-miss.js';
import { compileTextPattern, describeTextPattern } from '../../src/contracts/text-pattern.js';

describe('describeTextPattern', () => {
  it.each([
    ['Target Personas', 'heading', '"Target Personas"'],
    ['  What  Good Looks Like ', 'heading', '"What Good Looks Like"'],
    ['/rule/i', 'heading', 'a heading containing "rule"'],
    ['/\\bRules?\\b/', 'heading', 'a heading that matches the pattern \\bRules?\\b'],
    ['/\\bRule\\b/', 'heading', 'a heading containing the word "Rule"'],
    ['/^What Good/', 'heading', 'a heading that starts with "What Good"'],
    ['/Landscape$/', 'heading', 'a heading that ends with "Landscape"'],
    ['/^(Why|Rationale)$/', 'heading', 'a heading that reads "Why" or "Rationale"'],
    ['/5\\-minute/i', 'text', '"5-minute"'],
    ['/\\b(optional|advanced)\\b/i', 'text', '"optional" or "advanced"'],
    ['/quick ?start/i', 'text', 'text that matches the pattern quick ?start'],
    ['/^Status:/m', 'text', 'text that matches the pattern ^Status:'],
  ] as const)('%s (%s) → %s', (source, subject, words) => {
    expect(describeTextPattern(source, subject)).toBe(words);
  });
});

describe('near misses', () => {
  it('a heading in another letter case or with other words around the required ones', () => {
    expect(headingNearMiss(compileTextPattern('Mission', true), 'mission')).toBe('case');
    expect(headingNearMiss(compileTextPattern('Mission'), 'Mission Statement')).toBe('words');
    expect(headingNearMiss(compileTextPattern('Mission Statement'), 'Our Mission')).toBe(undefined);
    expect(headingNearMiss(compileTextPattern('Target Personas'), 'Personas')).toBe('words');
    expect(headingNearMiss(compileTextPattern('/^The Rule$/'), 'the rule')).toBe('case');
    expect(headingNearMiss(compileTextPattern('/^The Rule$/'), 'The Rules')).toBe(undefined);
  });

  it('a phrase in another letter case, or with up to three words between its own', () => {
    expect(textNearMiss(compileTextPattern('Operational Discipline', true), 'the operational discipline')).toEqual({
      found: 'operational discipline',
      kind: 'case',
    });
    expect(textNearMiss(compileTextPattern('Operational Discipline'), 'Operational and\nCultural Discipline.')).toEqual(
      { found: 'Operational and Cultural Discipline', kind: 'words' },
    );
    expect(
      textNearMiss(
        compileTextPattern('Operational Discipline'),
        'Operational work needs a lot of care and Discipline.',
      ),
    ).toBe(undefined);
    expect(textNearMiss(compileTextPattern('Discipline'), 'discipline')).toBe(undefined);
  });

  it('finds the line of what was found, across wrapped lines', () => {
    expect(
      lineOf('Operational and Cultural Discipline', '# T\n\nOperational and\nCultural Discipline.\n', [0, 4, 5, 21]),
    ).toBe(3);
    expect(lineOf('nowhere', 'text\n', [0])).toBe(undefined);
  });
});
