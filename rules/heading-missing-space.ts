import type { Paragraph } from 'mdast';
import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';
import { partitionPoint } from '../src/core/sorted-search.js';

/**
 * `#` signs then text with no space: the author meant a heading, GitHub renders a paragraph that
 * starts with "#". Not reported: `#123` (an issue reference), `#!` (a shebang), and a single `#`
 * before a lower-case word (`#sig-docs`, `#kubernetes-users`: chat channels and hashtags, which
 * are common at the start of a line in meeting notes and are not meant as headings).
 */
const MISSING_SPACE = /^(?:(#{2,6})(?=[^\s#\d!])|(#)(?=[^\s#\d!\p{Ll}]))/u;

/** A line that would become a heading with the space inserted. */
interface Candidate {
  start: number;
  hashes: string;
  word: string;
  line: number;
  inListItem: boolean;
}

/** A heading the file already has. */
interface ExistingHeading {
  start: number;
  depth: number;
  line: number;
}

/**
 * Why the heading a candidate would become is not one the file's outline expects, or undefined
 * when it fits: a second level-1 heading (single-h1), a level that skips one after the heading
 * before it, or one that makes the next heading skip (heading-increment).
 */
function structureProblem(
  level: number,
  previous: ExistingHeading | undefined,
  next: ExistingHeading | undefined,
  title: ExistingHeading | undefined,
): string | undefined {
  if (level === 1 && title) return `it would be a second level-1 heading (the title is on line ${title.line})`;
  if (previous && level > previous.depth + 1)
    return `it would be a level-${level} heading after the level-${previous.depth} one on line ${previous.line}`;
  if (next && next.depth > level + 1)
    return `the level-${next.depth} heading on line ${next.line} would then skip a level`;
  return undefined;
}

const IN_LIST_ITEM =
  'Not fixed automatically: in a list item, a word that starts with "#" is usually a tag or a channel name, and a heading there is rarely meant.';

export default defineFileRule({
  id: 'heading-missing-space',
  description:
    'A line that starts with "#" and text (#Heading) has a space after the "#", or it renders as text, not a heading.',
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
    const paragraphs: { node: Paragraph; inListItem: boolean }[] = [];
    const headings: ExistingHeading[] = [];
    // Text nodes come in document order, so a binary search finds the one that could hold an offset.
    const inText = (offset: number): boolean => {
      const last = partitionPoint(textStarts.length, (index) => textStarts[index]! <= offset) - 1;
      return last >= 0 && offset < textEnds[last]!;
    };
    const candidatesIn = (paragraph: Paragraph, inListItem: boolean): Candidate[] => {
      const found: Candidate[] = [];
      // Every candidate starts with "#": most paragraphs have none, and their lines need no look.
      if (!file.text.slice(paragraph.position!.start.offset!, paragraph.position!.end.offset!).includes('#'))
        return found;
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
        const word = /^\S*/.exec(raw.slice(prefix + hashes.length))![0];
        found.push({ start: lineStart + prefix, hashes, word, line, inListItem });
      }
      return found;
    };
    const reportCandidate = (candidate: Candidate, problem: string | undefined): void => {
      const { start, hashes, word } = candidate;
      const insertSpace = { start: start + hashes.length, end: start + hashes.length, text: ' ' };
      const shown = word.length > 30 ? `${word.slice(0, 29)}…` : word;
      const descriptor = {
        messageId: 'missingSpace',
        data: { hashes, word: shown },
        at: { start, end: start + hashes.length + word.length },
      };
      if (candidate.inListItem) report({ ...descriptor, suggestion: IN_LIST_ITEM });
      else if (problem)
        report({
          ...descriptor,
          suggestion: `Not fixed automatically: ${problem}.`,
          suggestions: [{ desc: `Insert a space after "${hashes}"`, fix: insertSpace }],
        });
      // The outline looks right from here; the fix step still lints the result before keeping it.
      else report({ ...descriptor, fix: insertSpace, verifyFix: true });
    };
    /**
     * Walks the outline in document order, the existing headings and the candidates that become
     * headings: each candidate is checked against the headings before and after it, as they would
     * be once the candidates before it are fixed.
     */
    const checkOutline = (candidates: readonly Candidate[]): void => {
      const title = headings.find((heading) => heading.depth === 1);
      let previous: ExistingHeading | undefined;
      let fixedTitle: ExistingHeading | undefined;
      let nextIndex = 0;
      for (const candidate of candidates) {
        while (nextIndex < headings.length && headings[nextIndex]!.start < candidate.start)
          previous = headings[nextIndex++];
        if (candidate.inListItem) {
          reportCandidate(candidate, undefined);
          continue;
        }
        const level = candidate.hashes.length;
        const problem = structureProblem(level, previous, headings[nextIndex], title ?? fixedTitle);
        reportCandidate(candidate, problem);
        if (problem) continue;
        previous = { start: candidate.start, depth: level, line: candidate.line };
        if (level === 1) fixedTitle = previous;
      }
    };
    return {
      text(node) {
        if (node.position?.start.offset === undefined || node.position.end.offset === undefined) return;
        textStarts.push(node.position.start.offset);
        textEnds.push(node.position.end.offset);
      },
      heading(node) {
        if (node.position?.start.offset === undefined) return;
        headings.push({ start: node.position.start.offset, depth: node.depth, line: node.position.start.line });
      },
      paragraph(paragraph, ancestors) {
        paragraphs.push({ node: paragraph, inListItem: ancestors.some((ancestor) => ancestor.type === 'listItem') });
      },
      'root:exit'() {
        checkOutline(paragraphs.flatMap(({ node, inListItem }) => candidatesIn(node, inListItem)));
      },
    };
  },
});
