import type { Definition, Heading, Paragraph, TableCell } from 'mdast';
import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';
import { forEachNode, SKIP } from '../src/markdown/walk.js';
import { closestMatches } from '../src/text/did-you-mean.js';

/** CommonMark label matching: case-folded, inner whitespace collapsed, trimmed (as mdast's `identifier`). */
function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase();
}

/** Inline nodes whose source is not plain text: brackets inside them are not reference syntax. */
const OPAQUE = new Set([
  'inlineCode',
  'html',
  'link',
  'image',
  'linkReference',
  'imageReference',
  'footnoteReference',
  'inlineMath',
  'break',
]);

/**
 * The source of a paragraph, heading or table cell with everything that is not plain text blanked
 * (code, HTML, real links) and backslash escapes blanked, offsets unchanged. What is left of
 * `[…][…]` there is text that CommonMark did not turn into a link.
 */
function plainSource(text: string, container: Paragraph | Heading | TableCell): { source: string; start: number } {
  const start = container.position?.start.offset ?? 0;
  const end = container.position?.end.offset ?? start;
  const characters = text.slice(start, end).split('');
  const blank = (from: number, to: number): void => {
    for (let i = Math.max(from, start); i < Math.min(to, end); i++)
      if (characters[i - start] !== '\n' && characters[i - start] !== '\r') characters[i - start] = ' ';
  };
  forEachNode(container, (node) => {
    if (node === container || !OPAQUE.has(node.type)) return undefined;
    blank(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
    return SKIP;
  });
  const source = characters.join('').replace(/\\[\\[\]]/g, '  ');
  return { source, start };
}

/**
 * Whether the container's source can hold a written reference at all. plainSource only turns
 * characters into spaces, so what it leaves has `][` (or, for shortcuts, a `]`) only where the
 * source has it; most paragraphs have neither and need no plainSource.
 */
function mayHoldWrittenReference(text: string, container: Paragraph | Heading | TableCell, shortcut: boolean): boolean {
  const start = container.position?.start.offset ?? 0;
  const end = container.position?.end.offset ?? start;
  return text.slice(start, end).includes(shortcut ? ']' : '][');
}

/** `[text][label]`, `[label][]`, and (only when asked) `[label]` not followed by `(`, `[` or `:`. */
const FULL_OR_COLLAPSED = /\[([^[\]]*)\]\[([^[\]]*)\]/g;
const SHORTCUT = /\[([^[\]]+)\](?![[(:])/g;

interface WrittenReference {
  label: string;
  start: number;
  end: number;
}

function writtenReferences(source: string, offset: number, shortcut: boolean): WrittenReference[] {
  const found: WrittenReference[] = [];
  const taken: [number, number][] = [];
  for (const match of source.matchAll(FULL_OR_COLLAPSED)) {
    const label = match[2] === '' ? match[1]! : match[2]!;
    taken.push([match.index, match.index + match[0].length]);
    if (label.trim() !== '')
      found.push({ label, start: offset + match.index, end: offset + match.index + match[0].length });
  }
  if (shortcut) {
    for (const match of source.matchAll(SHORTCUT)) {
      if (taken.some(([from, to]) => match.index >= from && match.index < to)) continue;
      if (match.index > 0 && source[match.index - 1] === ']') continue;
      found.push({ label: match[1]!, start: offset + match.index, end: offset + match.index + match[0].length });
    }
  }
  return found;
}

/** Brackets that are something else on GitHub: footnotes `[^1]`, alerts `[!NOTE]`, task boxes `[ ]` `[x]`. */
function isOtherSyntax(label: string): boolean {
  return /^[\^!]/.test(label) || /^[ xX]$/.test(label);
}

/** The `[//]: # (comment)` idiom and its variants: definitions used as comments are never "unused". */
function isCommentDefinition(label: string, url: string): boolean {
  return label === '//' || url === '' || url === '#';
}

/**
 * Reference-style links must have a definition in the same file (GitHub shows `[text][label]` as
 * literal brackets otherwise); definitions should be used and defined once (the first one wins).
 */
export default defineFileRule({
  id: 'reference-links',
  description: 'Reference links have a definition in the same file; definitions are used and not defined twice.',
  tags: ['links'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: true,
  fixable: false,
  options: z.strictObject({
    shortcut: z
      .boolean()
      .default(false)
      .describe(
        'Also report shortcut references `[label]` without a definition (off by default: `[label]` is often meant literally).',
      ),
    ignoredLabels: z.array(z.string()).default([]).describe('Labels (any case) never reported as undefined or unused.'),
  }),
  messages: {
    undefinedReference: 'Reference "[{label}]" has no definition in this file; GitHub shows the brackets as text.',
    unusedDefinition: 'Definition "[{label}]" is never used.',
    duplicateDefinition: 'Definition "[{label}]" repeats the one on line {line}; the first one wins.',
  },
  create({ file, options, report }) {
    const ignored = new Set(options.ignoredLabels.map(normalizeLabel));
    const definitions = new Map<string, { label: string; line: number }>();
    const allDefinitions: Definition[] = [];
    const used = new Set<string>();
    // A definition may come after its use, so written references and definitions are judged at the end.
    const written: WrittenReference[] = [];
    const use = (node: { identifier: string }): void => {
      used.add(node.identifier);
    };
    const collectWritten = (node: Paragraph | Heading | TableCell): void => {
      if (!mayHoldWrittenReference(file.text, node, options.shortcut)) return;
      const { source, start } = plainSource(file.text, node);
      written.push(...writtenReferences(source, start, options.shortcut));
    };

    const reportUndefined = (): void => {
      for (const reference of written) {
        const identifier = normalizeLabel(reference.label);
        if (definitions.has(identifier) || ignored.has(identifier) || isOtherSyntax(reference.label)) continue;
        const [closest] = closestMatches(identifier, definitions.keys());
        report({
          messageId: 'undefinedReference',
          data: { label: reference.label },
          at: { start: reference.start, end: reference.end },
          ...(closest !== undefined ? { suggestion: `did you mean "[${definitions.get(closest)!.label}]"?` } : {}),
        });
      }
    };
    const reportUnused = (): void => {
      for (const definition of allDefinitions) {
        const label = definition.label ?? definition.identifier;
        if (
          used.has(definition.identifier) ||
          ignored.has(definition.identifier) ||
          isCommentDefinition(label, definition.url)
        )
          continue;
        if (definitions.get(definition.identifier)?.line !== definition.position?.start.line) continue;
        report({ messageId: 'unusedDefinition', data: { label }, at: definition });
      }
    };

    return {
      linkReference: use,
      imageReference: use,
      definition(node) {
        allDefinitions.push(node);
        const first = definitions.get(node.identifier);
        const label = node.label ?? node.identifier;
        if (first) report({ messageId: 'duplicateDefinition', data: { label, line: first.line }, at: node });
        else definitions.set(node.identifier, { label, line: node.position?.start.line ?? 0 });
      },
      paragraph: collectWritten,
      heading: collectWritten,
      tableCell: collectWritten,
      'root:exit'() {
        reportUndefined();
        reportUnused();
      },
    };
  },
});
