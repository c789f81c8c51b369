import { describe, expect, it } from 'vitest';
import { kubernetesConcepts } from '../../../src/terms/concepts.js';
import { formatMappingsReport, judgeMappingRows, mappingRows } from '../../../src/cli/inventories/mappings-report.js';
import { markdownCell, markdownTable, textTable } from '../../../src/cli/inventories/tables.js';
import { countTermRows, formatTermsReport, termRows } from '../../../src/cli/inventories/terms-report.js';
import { parseMarkdown, computeLineStarts } from '../../../src/markdown/parse.js';
import { TermMatcher } from '../../../src/terms/find-terms.js';
import { termSchema } from '../../../src/terms/term-list.js';
import type { ParsedFile } from '../../../src/core/rule.js';

const file = (path: string, text: string): ParsedFile => ({
  path,
  text,
  tree: parseMarkdown(text),
  lineStarts: computeLineStarts(text),
});

describe('report tables', () => {
  it('pads text columns (by characters, not UTF-16 units) and leaves no trailing spaces', () => {
    expect(
      textTable(
        ['a', 'bb', 'c'],
        [
          ['🚀', '', ''],
          ['xyz', 'y', 'zz'],
        ],
      ),
    ).toBe('a    bb  c\n🚀\nxyz  y   zz\n');
  });
  it('escapes pipes, backslashes and line breaks in Markdown cells', () => {
    expect(markdownCell('a | b \\ c\nd')).toBe('a \\| b \\\\ c d');
    expect(markdownTable(['x'], [['1']])).toBe('| x |\n| --- |\n| 1 |\n');
  });
});

describe('empty reports', () => {
  it('say that nothing was found, in every format', () => {
    const files = [file('a.md', 'Nothing to see.\n')];
    const matcher = new TermMatcher([termSchema.parse({ use: 'Kubernetes' })]);
    const terms = countTermRows(files.map((each) => ({ path: each.path, rows: termRows(each, matcher, false) })));
    expect(formatTermsReport(terms, 'table')).toBe('No terms found. 0 terms in 1 file; 0 wrong or legacy spellings.\n');
    expect(JSON.parse(formatTermsReport(terms, 'json'))).toEqual({ filesChecked: 1, terms: [] });
    const vocabulary = kubernetesConcepts();
    const mappings = judgeMappingRows({
      files: files.map((each) => ({ path: each.path, rows: mappingRows(each, { vocabulary, canonical: [] }) })),
      vocabulary,
      canonical: [],
      messages: {},
    });
    expect(formatMappingsReport(mappings, 'table')).toBe(
      'No mapping statements found. 0 mapping statements about 0 Kubernetes concepts in 1 file, checked against each other: 0 conflicts, 0 unknown concepts.\n',
    );
    expect(formatMappingsReport(mappings, 'markdown')).toBe(
      '### Kubernetes mappings\n\n0 mapping statements about 0 Kubernetes concepts in 1 file, checked against each other: 0 conflicts, 0 unknown concepts.\n\n',
    );
  });
});
