import { z } from 'zod';
import { exactSourceRange, isSentenceStart, proseBlocks, sourceRange } from '../src/markdown/prose.js';
import { defineFileRule, type ReportDescriptor } from '../src/core/rule.js';
import type { TermMatch } from '../src/terms/find-terms.js';
import type { Term } from '../src/terms/term-list.js';
import { matcherFor, termListOptionsShape } from '../src/terms/term-options.js';

function note(term: Term): string {
  return `${term.message ? ` ${term.message}` : ''}${term.link ? ` See ${term.link}` : ''}`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const startsLowercase = (text: string): boolean => /^\p{Ll}/u.test(text);
const startsUppercase = (text: string): boolean => /^\p{Lu}/u.test(text);

/**
 * One spelling for every name: a term list (the built-in `kubernetes` pack and the project's own
 * terms) says which form is right and which are wrong; wrong forms in prose are reported and,
 * where the replacement is certain, fixed. Code, URLs, HTML and identifiers are never touched.
 */
export default defineFileRule({
  id: 'terminology',
  description: 'Names are spelled the one right way in prose (Kubernetes, K8s, kubectl, ConfigMap, Argo CD …), legacy terms are replaced.',
  tags: ['terminology', 'kubernetes'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: false,
  presets: { kubernetes: ['warn', { packs: ['kubernetes'] }] },
  fixable: true,
  options: z.strictObject(termListOptionsShape([])),
  messages: {
    wrong: 'Use "{expected}" instead of "{found}".{note}',
    reword: '"{expected}" keeps its lowercase spelling even at the start of a sentence: reword so that the sentence does not begin with "{found}" (for example "The {expected} …").{note}',
    deprecated: '"{found}" is a legacy term: use "{expected}".{note}',
    legacy: '"{found}" is a legacy term.{note}',
  },
  check({ file, options, report }) {
    const matcher = matcherFor(options);
    for (const block of proseBlocks(file.tree, file.text)) {
      for (const match of matcher.find(block)) {
        if (match.status !== 'wrong') continue;
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        const descriptor = describe(match, isSentenceStart(block, match.from));
        if (!descriptor) continue;
        const exact = descriptor.replacement === undefined ? undefined : exactSourceRange(block, file.text, match.from, match.to);
        const { replacement, ...rest } = descriptor;
        report({ ...rest, at, ...(exact && replacement !== undefined ? { fix: { ...exact, text: replacement } } : {}) });
      }
    }
  },
});

type Described = Omit<ReportDescriptor, 'at'> & { replacement?: string };

/** The message for a wrong form, and its replacement when --fix may apply it. */
function describe(match: TermMatch, sentenceStart: boolean): Described | undefined {
  const { term } = match;
  const found = match.found.replace(/\s+/g, ' ');
  const data = { found, note: note(term) };
  let expected = match.expected;
  if (expected === undefined) return { messageId: 'legacy', data };
  if (sentenceStart && startsLowercase(expected) && startsUppercase(found)) {
    const mode = term['sentence-start'] ?? (/\s/.test(expected) ? 'capitalize' : 'reword');
    if (mode === 'reword' && found === capitalize(expected)) return { messageId: 'reword', data: { ...data, expected } };
    if (mode === 'capitalize') expected = capitalize(expected);
  }
  if (found === expected) return undefined;
  const messageId = term.deprecated ? 'deprecated' : 'wrong';
  return { messageId, data: { ...data, expected }, ...(term.fix ? { replacement: expected } : {}) };
}
