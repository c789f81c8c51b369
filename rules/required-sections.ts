import type { Heading, Parents, RootContent } from 'mdast';
import { z } from 'zod';
import { contractsFor, perGlobSchema } from '../src/contracts/per-glob.js';
import { headingNearMiss } from '../src/contracts/near-miss.js';
import {
  compileTextPattern,
  describeTextPattern,
  textPatternSchema,
  type TextPattern,
} from '../src/contracts/text-pattern.js';
import { headingText } from '../src/markdown/headings.js';
import { defineFileRule, GLOB_KEYS } from '../src/core/rule.js';

const headingLevel = z.number().int().min(1).max(6);

const sectionObject = z
  .strictObject({
    heading: textPatternSchema.describe(
      'The heading: its text (compared case-insensitively unless caseSensitive) or /regex/flags searched in it.',
    ),
    level: headingLevel.optional().describe('The level the heading must have (2 for "##").'),
    minLevel: headingLevel
      .optional()
      .describe('The heading must be at this level or deeper (2: "##", "###" and so on). Not with level.'),
    maxLevel: headingLevel
      .optional()
      .describe('The heading must be at this level or higher up (3: "#", "##" or "###"). Not with level.'),
    nonEmpty: z
      .boolean()
      .optional()
      .describe("Whether this section must have content under its heading; overrides the contract's nonEmpty."),
  })
  .refine(
    (section) => section.level === undefined || (section.minLevel === undefined && section.maxLevel === undefined),
    { message: 'give level, or minLevel and maxLevel, not both' },
  )
  .refine(
    (section) =>
      section.minLevel === undefined || section.maxLevel === undefined || section.minLevel <= section.maxLevel,
    { message: 'minLevel is greater than maxLevel' },
  );

const sectionSpec = z.union([textPatternSchema, sectionObject], {
  error: 'expected a heading (text or /regex/flags), or { heading, level, minLevel, maxLevel, nonEmpty }',
});

const contract = z.strictObject({
  sections: z
    .array(sectionSpec)
    .min(1)
    .describe(
      'Headings that must exist: their text (case-insensitive by default) or /regex/flags, or an object that also fixes the level.',
    ),
  order: z.boolean().default(false).describe('The sections must appear in the order listed.'),
  nonEmpty: z
    .boolean()
    .default(false)
    .describe("Each section must have content under its heading (a section's own nonEmpty wins)."),
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

/** The levels a section may have: one level, a range, or any. */
interface LevelRange {
  min: number;
  max: number;
}

function levelRange(spec: SectionSpec): LevelRange | undefined {
  if (typeof spec === 'string') return undefined;
  if (spec.level !== undefined) return { min: spec.level, max: spec.level };
  if (spec.minLevel === undefined && spec.maxLevel === undefined) return undefined;
  return { min: spec.minLevel ?? 1, max: spec.maxLevel ?? 6 };
}

const hashes = (level: number): string => `"${'#'.repeat(level)}"`;

/** The levels in words: `level 2 ("##")`, `level 2 to 6 ("##" to "######")`. */
function levelsInWords(range: LevelRange): string {
  return range.min === range.max
    ? `level ${range.min} (${hashes(range.min)})`
    : `level ${range.min} to ${range.max} (${hashes(range.min)} to ${hashes(range.max)})`;
}

/** What kind of heading a missing section needs: `a level-2 "##" heading`, `a heading of level 2 to 6, "##" to "######"`. */
function headingKind(range: LevelRange): string {
  return range.min === range.max
    ? `a level-${range.min} ${hashes(range.min)} heading`
    : `a heading of level ${range.min} to ${range.max}, ${hashes(range.min)} to ${hashes(range.max)}`;
}

/** How a message names a required section: a phrase in quotes, a regex in words. */
function sectionName(source: string): string {
  const described = describeTextPattern(source, 'heading');
  return described.startsWith('"') ? described : `with ${described}`;
}

/** What was found instead of a missing section, for the contributor: a heading in another case, or with other words. */
function nearMissHint(source: string, pattern: TextPattern, headings: readonly FoundHeading[]): string | undefined {
  for (const heading of headings) {
    const kind = headingNearMiss(pattern, heading.text);
    if (!kind) continue;
    const wanted = pattern.kind === 'phrase' ? `"${source.trim()}"` : describeTextPattern(source, 'heading');
    const where = `Found the heading "${heading.text}" on line ${heading.node.position!.start.line}`;
    return kind === 'case'
      ? `${where}: the contract wants ${wanted} in that letter case.`
      : `${where}: the contract wants exactly ${wanted}.`;
  }
  return undefined;
}

/**
 * Sections a document must have, per glob: the contract that a framework's shell CI enforces
 * with grep, with messages that name the missing section, the wrong level, or what is out of
 * order, and what was found instead.
 */
export default defineFileRule({
  id: 'required-sections',
  description: 'Documents matching a glob have the required headings (optionally at a level, in order, and not empty).',
  tags: ['contracts', 'structure'],
  scope: 'file',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: perGlobSchema(
    contract,
    'Glob (matched against the root-relative path) → the sections files matching it must have.',
  ),
  // The keys are globs relative to the config's folder: the config layer checks them (src/config/option-globs.ts).
  globOptions: [{ path: [GLOB_KEYS], lintedOnly: true }],
  messages: {
    missing: 'Missing required section {section}{level}.',
    wrongLevel: 'Section {section} is a level-{actual} heading ({found}); it must be {expected}.',
    empty: 'Section {section} is empty: nothing is written under the heading.',
    outOfOrder: 'Section {section} is out of order: it should come {relation} {other}.',
  },
  create({ file, options, report }) {
    const matching = contractsFor(options, file.path);
    if (matching.length === 0) return {};
    // Every heading in document order; the contracts are checked once all of them are known.
    const headings: FoundHeading[] = [];
    const checkContracts = (): void => {
      for (const {
        contract: { sections, order, nonEmpty, caseSensitive },
      } of matching) {
        const found: { spec: SectionSpec; heading: FoundHeading; position: number }[] = [];
        for (const spec of sections) {
          const source = typeof spec === 'string' ? spec : spec.heading;
          const sectionNonEmpty = typeof spec === 'string' ? undefined : spec.nonEmpty;
          const levels = levelRange(spec);
          const pattern = compileTextPattern(source, caseSensitive);
          const candidates = headings.filter((heading) => pattern.whole.test(heading.text));
          const atLevel =
            levels === undefined
              ? candidates
              : candidates.filter((heading) => heading.node.depth >= levels.min && heading.node.depth <= levels.max);
          const match = atLevel[0];
          if (!match) {
            if (candidates[0] && levels !== undefined) {
              const { text, node } = candidates[0];
              report({
                messageId: 'wrongLevel',
                data: {
                  section: quote(text),
                  actual: node.depth,
                  found: hashes(node.depth),
                  expected: levelsInWords(levels),
                },
                at: node,
              });
            } else {
              const hint = nearMissHint(source, pattern, headings);
              report({
                messageId: 'missing',
                data: { section: sectionName(source), level: levels === undefined ? '' : ` (${headingKind(levels)})` },
                at: { start: 0, end: 0 },
                ...(hint ? { suggestion: hint } : {}),
              });
            }
            continue;
          }
          if ((sectionNonEmpty ?? nonEmpty) && !hasContent(match))
            report({ messageId: 'empty', data: { section: quote(match.text) }, at: match.node });
          found.push({ spec, heading: match, position: headings.indexOf(match) });
        }
        if (!order) continue;
        const ordered = inOrder(found.map((entry) => entry.position));
        found.forEach((entry, i) => {
          if (ordered.has(i)) return;
          let other: number | undefined;
          for (let j = i - 1; j >= 0 && other === undefined; j--) if (ordered.has(j)) other = j;
          const relation = other === undefined ? 'before' : 'after';
          if (other === undefined)
            for (let j = i + 1; j < found.length && other === undefined; j++) if (ordered.has(j)) other = j;
          if (other === undefined) return;
          report({
            messageId: 'outOfOrder',
            data: { section: quote(entry.heading.text), relation, other: quote(found[other]!.heading.text) },
            at: entry.heading.node,
          });
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
