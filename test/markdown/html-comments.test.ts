import { describe, expect, it } from 'vitest';
import { blankHtmlComments, htmlComments } from '../../src/markdown/html.js';

describe('htmlComments', () => {
  it('finds closed comments and the one that never closes', () => {
    expect(htmlComments('a <!-- b --> c <!-- d')).toEqual([
      { start: 2, end: 12, closed: true },
      { start: 15, end: 21, closed: false },
    ]);
  });

  it('<!--> and <!---> end at their own ">" (a browser reads an empty comment; cmark-gfm inline shows text)', () => {
    expect(htmlComments('<!--> x <!---> y -->')).toEqual([
      { start: 0, end: 5, closed: true },
      { start: 8, end: 14, closed: true },
    ]);
  });

  it('<!----> is one closed comment, and so is <!-- -- -->', () => {
    expect(htmlComments('<!----><!-- -- -->')).toEqual([
      { start: 0, end: 7, closed: true },
      { start: 7, end: 18, closed: true },
    ]);
  });

  it('stops at the first comment that never closes', () => {
    expect(htmlComments('<!--'.repeat(3))).toEqual([{ start: 0, end: 12, closed: false }]);
  });
});

describe('blankHtmlComments', () => {
  it('blanks comments, keeps line breaks and what follows <!-->', () => {
    expect(blankHtmlComments('<!--> <b>\n<!-- x\ny --> <i>')).toBe('      <b>\n      \n      <i>');
  });
});
