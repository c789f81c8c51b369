import { z } from 'zod';
import { exactSourceRange, isSentenceStart, proseBlocks, sourceRange } from '../src/markdown/prose.js';
import { offsetToPoint } from '../src/markdown/parse.js';
import { defineProjectRule } from '../src/core/rule.js';
import { pluralOf } from '../src/terms/find-terms.js';
import { nameKey } from '../src/terms/term-list.js';
import { matcherFor, termListOptionsShape } from '../src/terms/term-options.js';

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
  /** Every form of each concept, for messages: concept → [use, ...accept]. */
  forms: Record<string, string[]>;
}

const optionsSchema = z.strictObject({
  ...termListOptionsShape(['kubernetes']),
  scope: z.enum(['file', 'repository']).default('file').describe('Compare forms within each file, or across every file linted.'),
});

interface Located extends FormOccurrence {
  file: string;
}

/** The form most occurrences use; a tie goes to the term's `use`, then to the first seen. */
function majorityForm(occurrences: readonly Located[], forms: readonly string[]): { form: string; count: number; first: Located } {
  const counts = new Map<string, { count: number; first: Located }>();
  for (const occurrence of occurrences) {
    const entry = counts.get(occurrence.form);
    if (entry) entry.count++;
    else counts.set(occurrence.form, { count: 1, first: occurrence });
  }
  const ranked = [...counts].sort(([formA, a], [formB, b]) => b.count - a.count || Number(formB === forms[0]) - Number(formA === forms[0]));
  const [form, { count, first }] = ranked[0]!;
  return { form, count, first };
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
  readsAllFiles: (options) => options.scope === 'repository',
  defaultSeverity: 'warn',
  recommended: true,
  presets: { kubernetes: ['warn', { packs: ['kubernetes'] }] },
  fixable: true,
  options: optionsSchema,
  messages: {
    minority: '"{found}" here, but "{majority}" {count} {times} {where}: write one form.',
  },
  extract(file, options) {
    const matcher = matcherFor(options);
    const occurrences: FormOccurrence[] = [];
    const forms: Record<string, string[]> = {};
    for (const block of proseBlocks(file.tree, file.text)) {
      for (const match of matcher.find(block)) {
        const { term, form } = match;
        if ((match.status !== 'canonical' && match.status !== 'accepted') || term.use === undefined || term.accept.length === 0 || form === undefined) continue;
        const all = [term.use, ...term.accept];
        // "Minikube" opening a sentence may just be the capital of "minikube": neither form wins.
        if (isSentenceStart(block, match.from) && all.some((other) => other !== form && other.charAt(0).toUpperCase() + other.slice(1) === form)) continue;
        const at = sourceRange(block, match.from, match.to);
        if (!at) continue;
        const concept = nameKey(term.use);
        forms[concept] = all;
        occurrences.push({ concept, form, plural: match.plural, found: match.found.replace(/\s+/g, ' '), ...at, exact: exactSourceRange(block, file.text, match.from, match.to) !== undefined });
      }
    }
    return { occurrences, forms };
  },
  check({ index, options, extracted, report }) {
    const groups = new Map<string, Located[]>();
    const forms = new Map<string, string[]>();
    for (const facts of index.files.values()) {
      const data = extracted<Extracted>(facts);
      if (!data) continue;
      for (const [concept, list] of Object.entries(data.forms)) forms.set(concept, list);
      for (const occurrence of data.occurrences) {
        const key = options.scope === 'repository' ? occurrence.concept : `${facts.path}\n${occurrence.concept}`;
        const list = groups.get(key) ?? [];
        list.push({ ...occurrence, file: facts.path });
        groups.set(key, list);
      }
    }
    for (const occurrences of groups.values()) {
      if (new Set(occurrences.map((occurrence) => occurrence.form)).size < 2) continue;
      const majority = majorityForm(occurrences, forms.get(occurrences[0]!.concept) ?? []);
      const firstLine = offsetToPoint(index.files.get(majority.first.file)!.lineStarts, majority.first.start).line;
      for (const occurrence of occurrences) {
        if (occurrence.form === majority.form) continue;
        const where = options.scope === 'file' ? `in this file (first on line ${firstLine})` : `in the repository (first in ${majority.first.file}:${firstLine})`;
        const replacement = occurrence.plural ? pluralOf(majority.form) : majority.form;
        report({
          file: occurrence.file,
          messageId: 'minority',
          data: { found: occurrence.found, majority: majority.form, count: majority.count, times: majority.count === 1 ? 'time' : 'times', where },
          at: { start: occurrence.start, end: occurrence.end },
          ...(occurrence.exact ? { fix: { start: occurrence.start, end: occurrence.end, text: replacement } } : {}),
        });
      }
    }
  },
});
