/**
 * GFM table rows read from source text, for tables the parser did not recognise (a delimiter row
 * whose cell count differs from the header's makes the whole table plain text).
 */

/** Cells of a row: split on pipes that are not escaped; a leading and a trailing pipe are optional. */
export function rowCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const character = body[i]!;
    if (character === '\\' && body[i + 1] === '|') {
      current += '\\|';
      i++;
    } else if (character === '|') {
      cells.push(current);
      current = '';
    } else current += character;
  }
  cells.push(current);
  return cells;
}

const DELIMITER_CELL = /^\s*:?-+:?\s*$/;

/** A delimiter row (`| --- | :-: |`): every cell is dashes with optional alignment colons, and there is a pipe. */
export function isDelimiterRow(line: string): boolean {
  if (!line.includes('|')) return false;
  return rowCells(line).every((cell) => DELIMITER_CELL.test(cell));
}
