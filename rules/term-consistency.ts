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
  /** Per concept, whether the term's `use` is the form to write (`use`) or the most used form is (`majority`). */
  prefer: Record<string, 'use' | 'majority'>;
}

const optionsSchema = z.strictObject({
  ...termListOptionsShape(['kubernetes']),
  scope: z
    .enum(['file', 'repository'])
    .default('file')
    .describe(
      'Compare forms within each file, or across every file linted (the `kubernetes` preset compares across the repository).',
    ),
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
    const compared = matcherFor(options).terms.filter(
      (term) =>
        term.use !== undefined && term.accept.length > 0 && (concepts === undefined || concepts.has(nameKey(term.use))),
    );
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
  /**
   * `preferred`: the term's `use`, which the term list prefers whatever the counts; `majority`:
   * most occurrences use it (a term whose forms are equals); `own`: no form is a clear majority,
   * and this is the term's own.
   */
  why: 'preferred' | 'majority' | 'own';
}

/**
 * The form every occurrence should use. A term whose `use` is preferred (the pack's choice, as
 * "K8s" is kubernetes.io's, or the user's own term) asks for it wherever the forms mix, however
 * many occurrences the other form has: a majority of "k8s" in a repository does not make "K8s"
 * wrong. A term whose forms are equals (`prefer: majority`, Kustomize/kustomize) asks for the
 * majority, when the capitals that only open a sentence (either form) could not change which
 * form that is; otherwise for the term's own form, so that an unclear count never asks to
 * rewrite the term's own spelling. With no clear majority and the term's own form unused,
 * nothing is certain.
 */
function targetForm(
  occurrences: readonly Located[],
  forms: readonly string[],
  prefer: 'use' | 'majority',
  ambiguous: number,
): { target: Target; counts: ReadonlyMap<string, number> } | undefined {
  const counts = new Map<string, { count: number; first: Located }>();
  for (const occurrence of occurrences) {
    const entry = counts.get(occurrence.form);
    if (entry) entry.count++;
    else counts.set(occurrence.form, { count: 1, first: occurrence });
  }
  const tally = new Map([...counts].map(([form, { count }]) => [form, count]));
  const own = forms[0];
  const ownCount = own === undefined ? undefined : counts.get(own);
  if (prefer === 'use' && own !== undefined && ownCount)
    return { target: { form: own, ...ownCount, why: 'preferred' }, counts: tally };
  const ranked = [...counts].sort(
    ([formA, a], [formB, b]) => b.count - a.count || Number(formB === own) - Number(formA === own),
  );
  const [form, { count, first }] = ranked[0]!;
  const runnerUp = ranked[1]?.[1].count ?? 0;
  if (count - runnerUp > ambiguous) return { target: { form, count, first, why: 'majority' }, counts: tally };
  // A tie, or a lead the capitals that open sentences could overturn: the term's own form.
  if (own === undefined || !ownCount) return undefined;
  return { target: { form: own, ...ownCount, why: 'own' }, counts: tally };
}

/**
 * Names with more than one accepted spelling (K8s and k8s, Kustomize and kustomize, minikube and
 * Minikube) are still written one way within a document (or across the repository): where the
 * forms mix, each occurrence of another form is reported, naming the form to write (the term's
 * preferred form, or for terms whose forms are equals the majority), the counts and where it is
 * first used.
 */
export default defineProjectRule<z.output<typeof optionsSchema>, Extracted>({
  id: 'term-consistency',
  description:
    'A name with several accepted spellings ("K8s" or "k8s") is written one way within a file, or across the repository.',
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
    return {
      key: [...concepts].sort().join('\n'),
      path: (path) => !recordsHistoryByPath(path, options.history),
      text: (rawText) => mayHoldAnyForm(rawText, forms),
    };
  },
  defaultSeverity: 'warn',
  recommended: true,
  presets: { kubernetes: ['warn', { packs: ['kubernetes'], scope: 'repository' }] },
  fixable: true,
  options: optionsSchema,
  // The user's own terms: every form they name is right as written.
  shares: {
    acceptedNames: (options) =>
      options.terms.flatMap((term) => [...(term.use === undefined ? [] : [term.use]), ...term.accept, ...term.except]),
  },
  messages: {
    preferred:
      '"{found}" here; write "{target}" ({count} {uses} in the prose {where}; "{found}" {foundCount}), the term\'s preferred form.',
    majority:
      '"{found}" here; write "{target}" ({count} {uses} in the prose {where}; "{found}" {foundCount}), the form most used.',
    mixed:
      '"{found}" here; write "{target}" ({count} {uses} in the prose {where}; "{found}" {foundCount}), the term\'s own form, as neither is a clear majority.',
  },
  extract(file, options) {
    const occurrences: FormOccurrence[] = [];
    const ambiguous: Record<string, number> = {};
    const forms: Record<string, string[]> = {};
    const prefer: Record<string, 'use' | 'majority'> = {};
    if (documentHistory(file.path, file.tree, file.text, options.history).history)
      return { occurrences, ambiguous, forms, prefer };
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
        prefer[concept] = term.prefer;
        if (use === 'either') {
          ambiguous[concept] = (ambiguous[concept] ?? 0) + 1;
          continue;
        }
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        occurrences.push({
          concept,
          form,
          plural: match.plural,
          found: match.found.replace(/\s+/g, ' '),
          ...at,
          exact: exactSourceRange(block, file.text, match.from, match.to) !== undefined,
        });
      }
    }
    return { occurrences, ambiguous, forms, prefer };
  },
  check({ index, options, extracted, report }) {
    const groups = new Map<string, Located[]>();
    const ambiguousIn = new Map<string, number>();
    const forms = new Map<string, string[]>();
    const prefer = new Map<string, 'use' | 'majority'>();
    const groupKey = (file: string, concept: string): string =>
      options.scope === 'repository' ? concept : `${file}\n${concept}`;
    for (const facts of index.files.values()) {
      const data = extracted<Extracted>(facts);
      if (!data) continue;
      for (const [concept, list] of Object.entries(data.forms)) forms.set(concept, list);
      for (const [concept, choice] of Object.entries(data.prefer)) prefer.set(concept, choice);
      for (const [concept, count] of Object.entries(data.ambiguous))
        ambiguousIn.set(groupKey(facts.path, concept), (ambiguousIn.get(groupKey(facts.path, concept)) ?? 0) + count);
      for (const occurrence of data.occurrences) {
        const key = groupKey(facts.path, occurrence.concept);
        const list = groups.get(key) ?? [];
        list.push({ ...occurrence, file: facts.path });
        groups.set(key, list);
      }
    }
    for (const [key, occurrences] of groups) {
      if (new Set(occurrences.map((occurrence) => occurrence.form)).size < 2) continue;
      const concept = occurrences[0]!.concept;
      const decided = targetForm(
        occurrences,
        forms.get(concept) ?? [],
        prefer.get(concept) ?? 'use',
        ambiguousIn.get(key) ?? 0,
      );
      if (!decided) continue;
      const { target, counts } = decided;
      const firstLine = offsetToPoint(index.files.get(target.first.file)!.lineStarts, target.first.start).line;
      const where =
        options.scope === 'file'
          ? `of this file, first on line ${firstLine}`
          : `of the repository, first in ${target.first.file}:${firstLine}`;
      for (const occurrence of occurrences) {
        if (occurrence.form === target.form) continue;
        const replacement = occurrence.plural ? pluralOf(target.form) : target.form;
        report({
          file: occurrence.file,
          messageId: target.why === 'own' ? 'mixed' : target.why,
          data: {
            found: occurrence.found,
            target: target.form,
            count: target.count,
            uses: target.count === 1 ? 'use' : 'uses',
            where,
            foundCount: counts.get(occurrence.form) ?? 0,
          },
          at: { start: occurrence.start, end: occurrence.end },
          ...(occurrence.exact ? { fix: { start: occurrence.start, end: occurrence.end, text: replacement } } : {}),
        });
      }
    }
  },
});
