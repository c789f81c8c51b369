import { describe, expect, it } from 'vitest';
import { disableNextLineEdit } from '../../src/lsp/disable-comment.js';

/** The text with the edit applied, or undefined when no edit is offered. */
function disabled(text: string, line: number, rule = 'links'): string | undefined {
  const edit = disableNextLineEdit(text, line, rule);
  return edit && text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

describe('disableNextLineEdit', () => {
  it('puts the comment on a line of its own above the first line of a block', () => {
    expect(disabled('# Title\n\nSee [x](missing.md).\n', 3)).toBe(
      '# Title\n\n<!-- agentops-lint-disable-next-line links -->\nSee [x](missing.md).\n',
    );
  });

  it('keeps the indentation and block quote markers of the line', () => {
    expect(disabled('> Quoted\n>\n> See [x](missing.md).\n', 3)).toBe(
      '> Quoted\n>\n> <!-- agentops-lint-disable-next-line links -->\n> See [x](missing.md).\n',
    );
    expect(disabled('- item\n\n  See [x](missing.md).\n', 3)).toBe(
      '- item\n\n  <!-- agentops-lint-disable-next-line links -->\n  See [x](missing.md).\n',
    );
  });

  it('inside a paragraph or a list, ends the line above with the comment instead of splitting the block', () => {
    expect(disabled('First line of a paragraph\nsee [x](missing.md).\n', 2)).toBe(
      'First line of a paragraph <!-- agentops-lint-disable-next-line links -->\nsee [x](missing.md).\n',
    );
    expect(disabled('- one\n- see [x](missing.md)\n', 2)).toBe(
      '- one <!-- agentops-lint-disable-next-line links -->\n- see [x](missing.md)\n',
    );
  });

  it('keeps a hard line break (two trailing spaces) where it was', () => {
    expect(disabled('Line one  \nsee [x](missing.md).\n', 2)).toBe(
      'Line one <!-- agentops-lint-disable-next-line links -->  \nsee [x](missing.md).\n',
    );
  });

  it('names one more rule in a comment that already aims at the line', () => {
    const text = '<!-- agentops-lint-disable-next-line anchors -->\nSee [x](missing.md#a).\n';
    expect(disabled(text, 2)).toBe('<!-- agentops-lint-disable-next-line anchors links -->\nSee [x](missing.md#a).\n');
  });

  it('writes the file’s own line endings', () => {
    expect(disabled('# Title\r\n\r\nSee [x](missing.md).\r\n', 3)).toBe(
      '# Title\r\n\r\n<!-- agentops-lint-disable-next-line links -->\r\nSee [x](missing.md).\r\n',
    );
  });

  it('offers nothing where a comment would be code, front matter or a table cell', () => {
    expect(disabled('```\nline one\n[x](missing.md)\n```\n', 3)).toBeUndefined();
    expect(disabled('---\ntitle: x\nlink: missing.md\n---\n', 3, 'frontmatter')).toBeUndefined();
    expect(disabled('| a | b |\n| - | - |\n| [x](missing.md) | 2 |\n', 3)).toBeUndefined();
  });

  it('offers nothing for a line the text does not have', () => {
    expect(disabled('# Title\n', 5)).toBeUndefined();
  });
});
