import { isDelimiterRow, rowCells } from '../src/markdown/table-rows.js';
import { RENDERING_BREAKAGE } from '../src/core/rendering-breakage.js';
import { defineFileRule } from '../src/core/rule.js';

const cells = (count: number): string => `${count} ${count === 1 ? 'cell' : 'cells'}`;

/**
 * Ragged tables: GitHub drops the cells of a row beyond the header's count and pads short rows,
 * and when the delimiter row's count differs from the header's it renders no table at all.
 */
export default defineFileRule({
  id: 'table-column-count',
  description: 'Every table row has as many cells as the header, and the delimiter row matches the header.',
  ...RENDERING_BREAKAGE,
  messages: {
    tooMany: 'Table row has {actual}; the header has {expected}. GitHub drops the extra cells.',
    tooFew: 'Table row has {actual}; the header has {expected}. GitHub pads the row with empty cells.',
    delimiter:
      'Delimiter row has {actual} but the header row has {expected}, so GitHub renders this as text, not a table.',
  },
  create({ file, report }) {
    return {
      table(table) {
        const [header, ...rows] = table.children;
        if (!header) return;
        const expected = header.children.length;
        for (const row of rows) {
          const actual = row.children.length;
          if (actual === expected) continue;
          report({
            messageId: actual > expected ? 'tooMany' : 'tooFew',
            data: { actual: cells(actual), expected: cells(expected) },
            at: row,
          });
        }
      },
      // A table whose delimiter row does not match its header is not a table: a paragraph.
      paragraph(paragraph) {
        const start = paragraph.position!.start.offset!;
        const firstLine = paragraph.position!.start.line;
        const lines = file.text.slice(start, paragraph.position!.end.offset!).split(/\r\n|\r|\n/);
        for (let i = 0; i + 1 < lines.length; i++) {
          // Later lines of a paragraph in a container start with its prefix (`> `, indentation).
          const headerLine = lines[i]!.replace(/^[ \t>]*/, '');
          const delimiterLine = lines[i + 1]!.replace(/^[ \t>]*/, '');
          if (!headerLine.includes('|') || !isDelimiterRow(delimiterLine)) continue;
          const expected = rowCells(headerLine).length;
          const actual = rowCells(delimiterLine).length;
          if (actual === expected) continue;
          const line = firstLine + i + 1;
          const lineStart = file.lineStarts[line - 1]!;
          const lineText = file.text
            .slice(lineStart, file.lineStarts[line] ?? file.text.length)
            .replace(/\r?\n$|\r$/, '');
          const offset = lineText.length - lineText.replace(/^[ \t>]*/, '').length;
          report({
            messageId: 'delimiter',
            data: { actual: cells(actual), expected: cells(expected) },
            at: { start: lineStart + offset, end: lineStart + lineText.trimEnd().length },
          });
          break;
        }
      },
    };
  },
});
