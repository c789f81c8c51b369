import type { Heading } from 'mdast';
import { z } from 'zod';
import { exactSourceRange, isSentenceStart, proseBlocks, sourceRange, type ProseBlock } from '../src/markdown/prose.js';
import { defineFileRule, type ReportDescriptor } from '../src/core/rule.js';
import type { TermMatch } from '../src/terms/find-terms.js';
import { documentHistory, historyOptionSchema, SentencesOf, speaksOfThePast } from '../src/terms/history.js';
import { nameKey, type Term } from '../src/terms/term-list.js';
import { matcherFor, termListOptionsShape } from '../src/terms/term-options.js';
import { isCapitalizationOf, roleOf, type RoleOf, type Span } from '../src/terms/text-roles.js';

function note(term: Term): string {
  return `${term.message ? ` ${term.message}` : ''}${term.link ? ` See ${term.link}` : ''}`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const startsLowercase = (text: string): boolean => /^\p{Ll}/u.test(text);
const startsUppercase = (text: string): boolean => /^\p{Lu}/u.test(text);

const optionsSchema = z.strictObject({
  ...termListOptionsShape([]),
  names: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Names that are right as written wherever they appear (your product's names). The names of your mapping-consistency mapping, k8s-concepts vocabulary, term-consistency terms and deprecated-phrases replacements are added to them.",
    ),
  history: historyOptionSchema,
});

type Options = z.output<typeof optionsSchema>;

/** The headings above each block: the section a block is in, for "a section about history". */
class SectionTracker {
  private readonly headings: string[] = [];

  /** Call for every block in order; returns the heading texts above the block (its own included for a heading). */
  enter(block: ProseBlock): readonly string[] {
    if (block.kind === 'heading') {
      const depth = (block.node as Heading).depth;
      this.headings.length = depth - 1;
      this.headings[depth - 1] = block.text;
    }
    return this.headings;
  }
}

/**
 * One spelling for every name: a term list (the built-in `kubernetes` pack and the project's own
 * terms) says which form is right and which are wrong; wrong forms in prose are reported and,
 * where the replacement is certain, fixed. What the words are doing decides first (see
 * src/terms/text-roles.ts): template markup, quotations and identifiers are not uses of a name;
 * a capital that Title Case or a longer name gives a word is the context's convention; legacy
 * names in documents and sentences about history are history.
 */
export default defineFileRule<Options>({
  id: 'terminology',
  description:
    'Names are spelled the one right way in prose (Kubernetes, K8s, kubectl, ConfigMap, Argo CD …), legacy terms are replaced.',
  tags: ['terminology', 'kubernetes'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: false,
  presets: { kubernetes: ['warn', { packs: ['kubernetes'] }] },
  fixable: true,
  options: optionsSchema,
  messages: {
    wrong: 'Use "{expected}" instead of "{found}".{note}',
    reword:
      '"{expected}" keeps its lowercase spelling even at the start of a sentence: reword so that the sentence does not begin with "{found}" (for example "The {expected} …").{note}',
    deprecated: '"{found}" is a legacy term: use "{expected}".{note}',
    legacy: '"{found}" is a legacy term.{note}',
    command: '"{command}" is a command: format it as code (`{command}`) rather than respelling "{found}".',
  },
  // The names the user wrote into the config for the other terminology rules (a canonical mapping
  // that says "API Server", a k8s-concepts vocabulary, term-consistency's terms, the replacements
  // of retired phrases) are the user's own words: terminology never calls them wrong.
  uses: {
    acceptedNames: (options, names) => ({ ...options, names: [...options.names, ...names] }),
  },
  check({ file, options, report }) {
    const matcher = matcherFor(options);
    const history = documentHistory(file.path, file.tree, file.text, options.history).history;
    const sections = new SectionTracker();
    for (const block of proseBlocks(file.tree, file.text)) {
      const headings = sections.enter(block);
      let sentences: SentencesOf | undefined;
      for (const match of matcher.find(block)) {
        if (match.status !== 'wrong') continue;
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        const sentenceStart = (index: number): boolean => isSentenceStart(block, index);
        const role = roleOf(block, match.from, match.to, sentenceStart, matcher.subcommands);
        if (role.command) {
          // A record keeps its authors' text; elsewhere the advice is code formatting, not a spelling.
          if (!history) reportCommand(block, file.text, match, role.command, report);
          continue;
        }
        const aboutThePast = (): boolean => {
          sentences ??= new SentencesOf(block.text);
          return sentences.speaksOfThePast(match.from, match.to) || headings.some(speaksOfThePast);
        };
        if (!isReported(match, role, { history, aboutThePast })) continue;
        const descriptor = describe(match, sentenceStart(match.from));
        if (!descriptor) continue;
        const exact =
          descriptor.replacement === undefined ? undefined : exactSourceRange(block, file.text, match.from, match.to);
        const { replacement, ...rest } = descriptor;
        report({
          ...rest,
          at,
          ...(exact && replacement !== undefined ? { fix: { ...exact, text: replacement } } : {}),
        });
      }
    }
  },
});

/**
 * A tool's name followed by one of its subcommands ("docker save and docker load") is a command
 * written as prose: the advice is code formatting, not another spelling of the name, so no
 * replacement of the word is offered; a suggestion puts the command in backticks where the
 * source reads like the prose.
 */
function reportCommand(
  block: ProseBlock,
  source: string,
  match: TermMatch,
  command: Span,
  report: (descriptor: ReportDescriptor) => void,
): void {
  const at = sourceRange(block, command.from, command.to);
  if (!at) return;
  const text = block.text.slice(command.from, command.to).replace(/\s+/g, ' ');
  const exact = exactSourceRange(block, source, command.from, command.to);
  report({
    messageId: 'command',
    data: { command: text, found: match.found },
    at,
    // Where flags follow ("docker build -t web ."), the command runs on past what is known: no edit bounds it.
    ...(exact && !/^\s+-/u.test(block.text.slice(command.to, command.to + 3))
      ? {
          suggestions: [
            {
              desc: `Format "${text}" as code`,
              fix: [
                { start: exact.start, end: exact.start, text: '`' },
                { start: exact.end, end: exact.end, text: '`' },
              ],
            },
          ],
        }
      : {}),
  });
}

/**
 * The policy of terminology per text role and document kind: which wrong forms are surely wrong.
 * - Template markup, quotations and identifiers are not uses of the name.
 * - A legacy name is reported where it is used as current: not in a document that records history,
 *   nor in a sentence or section that speaks of the past ("PetSet was renamed StatefulSet").
 * - A document that records history keeps its authors' spelling of a name (case, spaces,
 *   hyphens); a misspelling ("Kubernete") is wrong in any year.
 * - Capitals that Title Case gives a word (a title-case heading, label, link text or cell), that
 *   open a heading, label or cell, or that a longer name gives it ("Dynamic Kubelet
 *   Configuration") are the context's convention; any other difference is still reported
 *   ("## Daemonset Rollouts", "the Api Server"). Quoted words and counter-examples ("**Bad example:**
  SIG-Docs oversees …") are mentioned, not used.
 */
function isReported(
  match: TermMatch,
  role: RoleOf,
  document: { history: boolean; aboutThePast: () => boolean },
): boolean {
  if (role.role === 'template' || role.role === 'quotation' || role.role === 'identifier') return false;
  // Terms whose split form is a Title Case style ("Persistent Volume Claims") are not checked in titles.
  if (!match.term.headings && role.titleCase) return false;
  if (match.term.deprecated || match.expected === undefined) return !document.history && !document.aboutThePast();
  if (document.history && nameKey(match.found) === nameKey(match.expected)) return false;
  if (!isCapitalizationOf(match.found, match.expected)) return true;
  return !(role.titleCase || role.startsContext || role.inCapitalizedName);
}

type Described = Omit<ReportDescriptor, 'at'> & { replacement?: string };

/** The message for a wrong form, and its replacement when --fix may apply it. */
function describe(match: TermMatch, sentenceStart: boolean): Described | undefined {
  const { term } = match;
  const found = match.found.replace(/\s+/g, ' ');
  const data = { found, note: note(term) };
  let expected = match.expected;
  if (expected === undefined) return { messageId: 'legacy', data };
  if (sentenceStart && startsLowercase(expected) && startsUppercase(found)) {
    const mode = term.sentenceStart ?? (/\s/.test(expected) ? 'capitalize' : 'reword');
    if (mode === 'reword' && found === capitalize(expected))
      return { messageId: 'reword', data: { ...data, expected } };
    if (mode === 'capitalize') expected = capitalize(expected);
  }
  if (found === expected) return undefined;
  const messageId = term.deprecated ? 'deprecated' : 'wrong';
  return { messageId, data: { ...data, expected }, ...(term.fix ? { replacement: expected } : {}) };
}
