/**
 * "Disable this rule for this line": the edit that adds
 * `<!-- agentops-lint-disable-next-line rule -->` above a line, and only when it works.
 *
 * An HTML comment is not invisible to Markdown everywhere: on a line of its own it ends a
 * paragraph, a list or a table; inside a code block or front matter it is text. So each way of
 * placing the comment is tried on a copy of the file, which is parsed again, and the first one is
 * taken that (1) the engine reads as a control comment for that rule aimed at that line, and (2)
 * leaves the document's structure, text and heading anchors as they were. Where none does, no
 * edit is offered.
 */
import type { Nodes } from 'mdast';
import type { FileFacts } from '../core/facts.js';
import type { TextEdit } from '../core/rule.js';
import { dominantLineEnding } from '../fixes/apply-edits.js';
import { collectFileFacts } from '../markdown/facts.js';
import { computeLineStarts, parseMarkdown } from '../markdown/parse.js';
import { forEachNode } from '../markdown/walk.js';

export const DISABLE_NEXT_LINE = 'agentops-lint-disable-next-line';

interface ParsedText {
  facts: FileFacts;
  /** Node types (text and HTML left out), the text content with whitespace collapsed, and heading anchors. */
  shape: string;
}

function parse(text: string): ParsedText {
  const tree = parseMarkdown(text);
  const facts = collectFileFacts({ path: 'document.md', text, tree, lineStarts: computeLineStarts(text) });
  const types: string[] = [];
  let content = '';
  forEachNode(tree, (node: Nodes) => {
    // Comments are what is being added; text nodes split around an inline comment.
    if (node.type === 'html') return;
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') content += `${node.value} `;
    if (node.type !== 'text') types.push(node.type === 'heading' ? `heading${node.depth}` : node.type);
  });
  const anchors = [
    ...facts.headings.map((heading) => heading.anchor),
    ...facts.htmlAnchors.map((anchor) => anchor.anchor),
  ];
  return { facts, shape: JSON.stringify([types, content.replace(/\s+/g, ' ').trim(), anchors]) };
}

function lineBounds(text: string, lineStarts: readonly number[], line: number): { start: number; end: number } {
  const start = lineStarts[line - 1]!;
  let end = lineStarts[line] ?? text.length;
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start, end };
}

/** The ways to place the comment, most natural first; each says which line it aims at afterwards. */
function candidates(
  text: string,
  line: number,
  ruleId: string,
  original: ParsedText,
): { edit: TextEdit; targetLine: number }[] {
  const lineStarts = original.facts.lineStarts;
  const result: { edit: TextEdit; targetLine: number }[] = [];
  // A comment for this line already: name one more rule in it.
  const existing = original.facts.directives.find(
    (directive) => directive.kind === 'disable-next-line' && directive.targetLine === line && directive.rules !== null,
  );
  if (existing?.rules && existing.ruleOffsets?.length) {
    const last = existing.rules.length - 1;
    const at = existing.ruleOffsets[last]! + existing.rules[last]!.length;
    result.push({ edit: { start: at, end: at, text: ` ${ruleId}` }, targetLine: line });
  }
  const comment = `<!-- ${DISABLE_NEXT_LINE} ${ruleId} -->`;
  const current = lineBounds(text, lineStarts, line);
  // On a line of its own, with the line's indentation and block quote markers.
  const prefix = /^[ \t>]*/.exec(text.slice(current.start, current.end))![0];
  result.push({
    edit: { start: current.start, end: current.start, text: `${prefix}${comment}${dominantLineEnding(text)}` },
    targetLine: line + 1,
  });
  // At the end of the line above, inside the same paragraph, list or quote (before a hard break's spaces).
  if (line > 1) {
    const previous = lineBounds(text, lineStarts, line - 1);
    const content = text.slice(previous.start, previous.end);
    if (content.trim() !== '') {
      const at = previous.start + content.replace(/[ \t]+$/, '').length;
      result.push({ edit: { start: at, end: at, text: ` ${comment}` }, targetLine: line });
    }
  }
  return result;
}

/**
 * The edit that silences `ruleId` on `line` (1-based) of `text` with a disable-next-line comment,
 * or undefined when no placement of the comment works without changing the document.
 */
export function disableNextLineEdit(text: string, line: number, ruleId: string): TextEdit | undefined {
  const original = parse(text);
  if (line < 1 || line > original.facts.lineStarts.length) return undefined;
  for (const { edit, targetLine } of candidates(text, line, ruleId, original)) {
    const edited = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    const parsed = parse(edited);
    const aimed = parsed.facts.directives.some(
      (directive) =>
        directive.kind === 'disable-next-line' &&
        directive.targetLine === targetLine &&
        directive.rules?.includes(ruleId),
    );
    if (aimed && parsed.shape === original.shape) return edit;
  }
  return undefined;
}
