import type { Heading, Parents, RootContent } from 'mdast';
import { z } from 'zod';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { compileTextPattern, describePattern, textPatternSchema } from '../src/contracts/text-pattern.js';
import { headingText } from '../src/markdown/headings.js';
import { defineFileRule } from '../src/core/rule.js';

const sectionSpec = z.union(
  [
    textPatternSchema,
    z.strictObject({
      heading: textPatternSchema.describe('The heading: its text (compared case-insensitively unless caseSensitive) or /regex/flags searched in it.'),
      level: z.number().int().min(1).max(6).optional().describe('The level the heading must have (2 for "##").'),
      nonEmpty: z.boolean().optional().describe('Whether this section must have content under its heading; overrides the contract\'s nonEmpty.'),
    }),
  ],
  { error: 'expected a heading (text or /regex/flags), or { heading, level, nonEmpty }' },
);

const contract = z.strictObject({
  sections: z.array(sectionSpec).min(1).describe('Headings that must exist: their text (case-insensitive by default) or /regex/flags, or an object that also fixes the level.'),
  order: z.boolean().default(false).describe('The sections must appear in the order listed.'),
  nonEmpty: z.boolean().default(false).describe('Each section must have content under its heading (a section\'s own nonEmpty wins).'),
  caseSensitive: z.boolean().default(false).describe('Compare heading text case-sensitively.'),
});

type SectionSpec = z.infer<typeof sectionSpec>;

interface FoundHeading {
  node: Heading;
  text: string;
  /** The node whose children hold the heading and its section. */
  parent: Parents | undefined;
}

const COMMENT_ONLY = /^\s*(?:<!--[\s\S]*?-->\s*)+$/;

function isContent(node: RootContent): boolean {
  if (node.type === 'heading' || node.type === 'definition' || node.type === 'thematicBreak') return false;
  if (node.type === 'html') return !COMMENT_ONLY.test(node.value);
  return true;
}

/**
 * Whether anything but subheadings, comments and link definitions lies in a heading's section (up
 * to the next heading of the same or a higher level). Asked only of the headings a contract wants
 * non-empty: finding a heading among its siblings costs a search.
 */
function hasContent({ node, parent }: FoundHeading): boolean {
  const siblings: readonly RootContent[] = parent?.children ?? [];
  for (let i = siblings.indexOf(node) + 1; i > 0 && i < siblings.length; i++) {
    const sibling = siblings[i]!;
    if (sibling.type === 'heading' && sibling.depth <= node.depth) break;
    if (isContent(sibling)) return true;
  }
  return false;
}

/** Indexes (into `positions`) of a longest non-decreasing subsequence: the sections that are in order. */
function inOrder(positions: readonly number[]): Set<number> {
  const length = positions.map(() => 1);
  const previous = positions.map(() => -1);
  for (let i = 0; i < positions.length; i++) {
    for (let j = 0; j < i; j++) {
      if (positions[j]! <= positions[i]! && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let best = 0;
  for (let i = 1; i < positions.length; i++) if (length[i]! > length[best]!) best = i;
  const result = new Set<number>();
  for (let i = positions.length === 0 ? -1 : best; i >= 0; i = previous[i]!) result.add(i);
  return result;
}

const quote = (text: string): string => `"${text}"`;

/**
 * Sections a document must have, per glob: the contract that a framework's shell CI enforces
 * with grep, with messages that name the missing section, the wrong level, or what is out of order.
 */
export default defineFileRule({
  id: 'required-sections',
  description: 'Documents matching a glob have the required headings (optionally at a level, in order, and not empty).',
  tags: ['contracts', 'structure'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: perGlobSchema(contract, 'Glob (matched against the root-relative path) → the sections files matching it must have.'),
  messages: {
    missing: 'Missing required section {section}{level}.',
    wrongLevel: 'Section {section} is a level-{actual} heading; the contract for "{glob}" wants level {expected}.',
    empty: 'Section {section} is empty: nothing is written under the heading.',
    outOfOrder: 'Section {section} is out of order: it should come {relation} {other}.',
  },
  create({ file, options, report }) {
    const matching = contractsFor(options, file.path);
    if (matching.length === 0) return {};
    // Every heading in document order; the contracts are checked once all of them are known.
    const headings: FoundHeading[] = [];
    const checkContracts = (): void => {
      for (const { glob, contract: { sections, order, nonEmpty, caseSensitive } } of matching) {
        const found: { spec: SectionSpec; heading: FoundHeading; position: number }[] = [];
        for (const spec of sections) {
          const { heading: source, level, nonEmpty: sectionNonEmpty } = typeof spec === 'string' ? { heading: spec, level: undefined, nonEmpty: undefined } : spec;
          const pattern = compileTextPattern(source, caseSensitive);
          const candidates = headings.filter((heading) => pattern.whole.test(heading.text));
          const atLevel = level === undefined ? candidates : candidates.filter((heading) => heading.node.depth === level);
          const match = atLevel[0];
          if (!match) {
            if (candidates[0] && level !== undefined) {
              report({ messageId: 'wrongLevel', data: { section: quote(candidates[0].text), actual: candidates[0].node.depth, expected: level, glob }, at: candidates[0].node });
            } else {
              report({ messageId: 'missing', data: { section: describePattern(source), level: level === undefined ? '' : ` (a level-${level} "${'#'.repeat(level)}" heading)` }, at: { start: 0, end: 0 } });
            }
            continue;
          }
          if ((sectionNonEmpty ?? nonEmpty) && !hasContent(match)) report({ messageId: 'empty', data: { section: quote(match.text) }, at: match.node });
          found.push({ spec, heading: match, position: headings.indexOf(match) });
        }
        if (!order) continue;
        const ordered = inOrder(found.map((entry) => entry.position));
        found.forEach((entry, i) => {
          if (ordered.has(i)) return;
          let other: number | undefined;
          for (let j = i - 1; j >= 0 && other === undefined; j--) if (ordered.has(j)) other = j;
          const relation = other === undefined ? 'before' : 'after';
          if (other === undefined) for (let j = i + 1; j < found.length && other === undefined; j++) if (ordered.has(j)) other = j;
          if (other === undefined) return;
          report({ messageId: 'outOfOrder', data: { section: quote(entry.heading.text), relation, other: quote(found[other]!.heading.text) }, at: entry.heading.node });
        });
      }
    };
    return {
      heading(node, ancestors) {
        headings.push({ node, text: headingText(node).trim(), parent: ancestors.at(-1) });
      },
      'root:exit': checkContracts,
    };
  },
});
