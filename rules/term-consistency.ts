import { z } from 'zod';
import { exactSourceRange, proseBlocks, sourceRange } from '../src/markdown/prose.js';
import { offsetToPoint } from '../src/markdown/parse.js';
import { defineProjectRule } from '../src/core/rule.js';
import { comparedUse } from '../src/terms/compared-uses.js';
import { pluralOf } from '../src/terms/find-terms.js';
import { documentHistory, historyOptionSchema, recordsHistoryByPath } from '../src/terms/history.js';
import { nameKey } from '../src/terms/term-list.js';
import { matcherFor, termListOptionsShape } from '../src/terms/term-options.js';
import { formSkeleton, mayHoldAnyForm, type FormKey } from '../src/terms/raw-text-superset.js';

/** One occurrence of a right form of a term that has more than one (K8s / k8s). */
interface FormOccurrence {
  /** nameKey of the term's `use`: the same concept in every file. */
  concept: string;
  form: string;
  plural: boolean;
  found: string;
  start: number;
  end: number;
  /** Whether the source there reads exactly like the prose, so a fix may rewrite it. */
  exact: boolean;
}

interface Extracted {
  occurrences: FormOccurrence[];
  /**
   * Per concept, how many capitals only open a sentence ("Minikube starts fast"): either form,
   * so they are never reported, and a majority holds only if they could not overturn it.
   */
  ambiguous: Record<string, number>;
  /** Every form of each concept, for messages: concept → [use, ...accept]. */
  forms: Record<string, string[]>;
}

const optionsSchema = z.strictObject({
  ...termListOptionsShape(['kubernetes']),
  scope: z.enum(['file', 'repository']).default('file').describe('Compare forms within each file, or across every file linted (the `kubernetes` preset compares across the repository).'),
  history: historyOptionSchema,
});

const formSkeletonsByOptions = new WeakMap<object, FormKey[]>();

/**
 * What a raw-text test searches for: every form extract can count (terms with a `use` and
 * accepted spellings), or only those of the given concepts (nameKey of the term's `use`).
 */
function comparedFormSkeletons(options: z.output<typeof optionsSchema>, concepts?: ReadonlySet<string>): FormKey[] {
  let skeletons = concepts === undefined ? formSkeletonsByOptions.get(options) : undefined;
  if (!skeletons) {
    const compared = matcherFor(options).terms.filter((term) => term.use !== undefined && term.accept.length > 0 && (concepts === undefined || concepts.has(nameKey(term.use))));
    skeletons = [...new Set(compared.flatMap((term) => [term.use!, ...term.accept, ...term.except]))].map(formSkeleton);
    if (concepts === undefined) formSkeletonsByOptions.set(options, skeletons);
  }
  return skeletons;
}

interface Located extends FormOccurrence {
  file: string;
}

/** The form to write, how often the prose uses it, and where first. */
interface Target {
  form: string;
  count: number;
  first: Located;
  /** `majority`: most occurrences use it; `own`: no form is a clear majority, and this is the term's own. */
  why: 'majority' | 'own';
}

/**
 * The form every occurrence should use: the majority, when the capitals that only open a sentence
 * (either form) could not change which form that is; otherwise the term's own form (`use`, the
 * pack's choice), so that an unclear count never asks to rewrite the term's own spelling. With
 * no clear majority and the term's own form unused, nothing is certain.
 */
function targetForm(occurrences: readonly Located[], forms: readonly string[], ambiguous: number): Target | undefined {
  const counts = new Map<string, { count: number; first: Located }>();
  for (const occurrence of occurrences) {
    const entry = counts.get(occurrence.form);
    if (entry) entry.count++;
    else counts.set(occurrence.form, { count: 1, first: occurrence });
  }
  const own = forms[0];
  const ranked = [...counts].sort(([formA, a], [formB, b]) => b.count - a.count || Number(formB === own) - Number(formA === own));
  const [form, { count, first }] = ranked[0]!;
  const runnerUp = ranked[1]?.[1].count ?? 0;
  if (count - runnerUp > ambiguous || (ambiguous === 0 && form === own)) return { form, count, first, why: 'majority' };
  const ownCount = own === undefined ? undefined : counts.get(own);
  if (own === undefined || !ownCount) return undefined;
  // The term's own form, which may also be the most frequent one (then both reasons agree).
  return { form: own, ...ownCount, why: own === form ? 'majority' : 'own' };
}

/**
 * Names with more than one accepted spelling (K8s and k8s, Kustomize and kustomize, minikube and
 * Minikube) are still written one way within a document (or across the repository): the
 * minority spelling is reported, naming the majority and where it is used.
 */
export default defineProjectRule<z.output<typeof optionsSchema>, Extracted>({
  id: 'term-consistency',
  description: 'A name with several accepted spellings ("K8s" or "k8s") is written one way within a file, or across the repository.',
  tags: ['terminology', 'kubernetes'],
  scope: 'project',
  // Within each file, nothing else; across the repository, every file's forms.
  dependsOn: (options) => (options.scope === 'repository' ? ['extracts'] : []),
  readsAllFiles: (options) => options.scope === 'repository',
  mayContribute: (rawText, options) => mayHoldAnyForm(rawText, comparedFormSkeletons(options)),
  // Reports land only on occurrences, and a concept's target form depends only on the files that
  // use a form of it: the named files' concepts are all a run on them needs searched for.
  demandedBy: ({ extracted }, options) => {
    const concepts = new Set(extracted.flatMap((data) => data.occurrences.map((occurrence) => occurrence.concept)));
    if (concepts.size === 0) return undefined;
    const forms = comparedFormSkeletons(options, concepts);
    return { key: [...concepts].sort().join('\n'), path: (path) => !recordsHistoryByPath(path, options.history), text: (rawText) => mayHoldAnyForm(rawText, forms) };
  },
  defaultSeverity: 'warn',
  recommended: true,
  presets: { kubernetes: ['warn', { packs: ['kubernetes'], scope: 'repository' }] },
  fixable: true,
  options: optionsSchema,
  messages: {
    minority: '"{found}" here, but "{majority}" {count} {times} in the prose {where}: write one form.',
    mixed: '"{found}" here, but "{majority}" {count} {times} in the prose {where}, and neither is a clear majority: write "{majority}", the term\'s own form.',
  },
  extract(file, options) {
    const occurrences: FormOccurrence[] = [];
    const ambiguous: Record<string, number> = {};
    const forms: Record<string, string[]> = {};
    if (documentHistory(file.path, file.tree, file.text, options.history).history) return { occurrences, ambiguous, forms };
    const matcher = matcherFor(options);
    for (const block of proseBlocks(file.tree, file.text)) {
      for (const match of matcher.find(block)) {
        const { term, form } = match;
        if (term.use === undefined || term.accept.length === 0 || form === undefined) continue;
        // Only running prose is compared; see src/terms/compared-uses.ts.
        const use = comparedUse(block, match, matcher.subcommands);
        if (use === 'left-out') continue;
        const concept = nameKey(term.use);
        forms[concept] = [term.use, ...term.accept];
        if (use === 'either') {
          ambiguous[concept] = (ambiguous[concept] ?? 0) + 1;
          continue;
        }
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        occurrences.push({ concept, form, plural: match.plural, found: match.found.replace(/\s+/g, ' '), ...at, exact: exactSourceRange(block, file.text, match.from, match.to) !== undefined });
      }
    }
    return { occurrences, ambiguous, forms };
  },
  check({ index, options, extracted, report }) {
    const groups = new Map<string, Located[]>();
    const ambiguousIn = new Map<string, number>();
    const forms = new Map<string, string[]>();
    const groupKey = (file: string, concept: string): string => (options.scope === 'repository' ? concept : `${file}\n${concept}`);
    for (const facts of index.files.values()) {
      const data = extracted<Extracted>(facts);
      if (!data) continue;
      for (const [concept, list] of Object.entries(data.forms)) forms.set(concept, list);
      for (const [concept, count] of Object.entries(data.ambiguous)) ambiguousIn.set(groupKey(facts.path, concept), (ambiguousIn.get(groupKey(facts.path, concept)) ?? 0) + count);
      for (const occurrence of data.occurrences) {
        const key = groupKey(facts.path, occurrence.concept);
        const list = groups.get(key) ?? [];
        list.push({ ...occurrence, file: facts.path });
        groups.set(key, list);
      }
    }
    for (const [key, occurrences] of groups) {
      if (new Set(occurrences.map((occurrence) => occurrence.form)).size < 2) continue;
      const majority = targetForm(occurrences, forms.get(occurrences[0]!.concept) ?? [], ambiguousIn.get(key) ?? 0);
      if (!majority) continue;
      const firstLine = offsetToPoint(index.files.get(majority.first.file)!.lineStarts, majority.first.start).line;
      for (const occurrence of occurrences) {
        if (occurrence.form === majority.form) continue;
        const where = options.scope === 'file' ? `of this file (first on line ${firstLine})` : `of the repository (first in ${majority.first.file}:${firstLine})`;
        const replacement = occurrence.plural ? pluralOf(majority.form) : majority.form;
        report({
          file: occurrence.file,
          messageId: majority.why === 'majority' ? 'minority' : 'mixed',
          data: { found: occurrence.found, majority: majority.form, count: majority.count, times: majority.count === 1 ? 'time' : 'times', where },
          at: { start: occurrence.start, end: occurrence.end },
          ...(occurrence.exact ? { fix: { start: occurrence.start, end: occurrence.end, text: replacement } } : {}),
        });
      }
    }
  },
});
