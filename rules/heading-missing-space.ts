import type { Paragraph } from 'mdast';
import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';

/**
 * `#` signs then text with no space: the author meant a heading, GitHub renders a paragraph that
 * starts with "#". Not reported: `#123` (an issue reference), `#!` (a shebang), and a single `#`
 * before a lower-case word (`#sig-docs`, `#kubernetes-users`: chat channels and hashtags, which
 * are common at the start of a line in meeting notes and are not meant as headings).
 */
const MISSING_SPACE = /^(?:(#{2,6})(?=[^\s#\d!])|(#)(?=[^\s#\d!\p{Ll}]))/u;

export default defineFileRule({
  id: 'heading-missing-space',
  description: 'A line that starts with "#" and text (#Heading) has a space after the "#", or it renders as text, not a heading.',
  tags: ['rendering'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: true,
  options: z.strictObject({}),
  messages: {
    missingSpace: '"{hashes}{word}" renders as text, not a heading: put a space after "{hashes}".',
  },
  create({ file, report }) {
    // Only text the parser left as plain text counts: not code spans, HTML or link destinations.
    const textStarts: number[] = [];
    const textEnds: number[] = [];
    // A paragraph comes before its text in the walk, so paragraphs are checked once all text is known.
    const paragraphs: Paragraph[] = [];
    // Text nodes come in document order, so a binary search finds the one that could hold an offset.
    const inText = (offset: number): boolean => {
      let low = 0;
      let high = textStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (textStarts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return textStarts.length > 0 && textStarts[low]! <= offset && offset < textEnds[low]!;
    };
    const checkParagraph = (paragraph: Paragraph): void => {
      const first = paragraph.position!.start.line;
      const last = paragraph.position!.end.line;
      for (let line = first; line <= last; line++) {
        const lineStart = line === first ? paragraph.position!.start.offset! : file.lineStarts[line - 1]!;
        const lineEnd = file.lineStarts[line] ?? file.text.length;
        const raw = file.text.slice(lineStart, lineEnd);
        // Later lines of a paragraph inside a quote or list item start with the container's prefix.
        const prefix = line === first ? 0 : raw.length - raw.replace(/^[ \t>]*/, '').length;
        const match = MISSING_SPACE.exec(raw.slice(prefix));
        if (!match || !inText(lineStart + prefix)) continue;
        const hashes = match[1] ?? match[2]!;
        const start = lineStart + prefix;
        const word = /^\S*/.exec(raw.slice(prefix + hashes.length))![0];
        report({
          messageId: 'missingSpace',
          data: { hashes, word: word.length > 30 ? `${word.slice(0, 29)}…` : word },
          at: { start, end: start + hashes.length + word.length },
          fix: { start: start + hashes.length, end: start + hashes.length, text: ' ' },
        });
      }
    };
    return {
      text(node) {
        if (node.position?.start.offset === undefined || node.position.end.offset === undefined) return;
        textStarts.push(node.position.start.offset);
        textEnds.push(node.position.end.offset);
      },
      paragraph(paragraph) {
        paragraphs.push(paragraph);
      },
      'root:exit'() {
        for (const paragraph of paragraphs) checkParagraph(paragraph);
      },
    };
  },
});
