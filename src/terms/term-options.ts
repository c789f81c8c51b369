/**
 * The options that select a term list (built-in packs, own terms, disabled pack terms), shared
 * by terminology, term-consistency and the `terms` report, and the compiled matcher for them.
 */
import { z } from 'zod';
import { TermMatcher } from './find-terms.js';
import { packNameSchema, packTerms } from './packs.js';
import { combineTerms, termSchema, type Term } from './term-list.js';

export function termListOptionsShape(defaultPacks: string[]) {
  return {
    packs: z
      .array(packNameSchema)
      .default(defaultPacks)
      .describe(
        'Built-in term packs whose terms are used besides your own `terms` (the `kubernetes` preset selects "kubernetes").',
      ),
    terms: z
      .array(termSchema)
      .default([])
      .describe(
        'Your own terms, each { use, insteadOf, accept, … }; a term replaces every pack term that names one of its forms.',
      ),
    disable: z
      .array(z.string().min(1))
      .default([])
      .describe('Pack terms to switch off, by their right form ("Helm chart") or a legacy form ("dockershim").'),
  };
}

const termListOptions = z.strictObject(termListOptionsShape([]));
export type TermListOptions = z.output<typeof termListOptions>;

const matchers = new WeakMap<object, TermMatcher>();

/**
 * Names always right as written (the user's own, from the config): each is an allowed form of a
 * term of its own, so that the longest match at a place is the name and no pack term reports it.
 * They are added after the pack and user terms are combined, so they replace no term.
 */
function allowedNameTerms(names: readonly string[]): Term[] {
  return [...new Set(names)].map((name) => {
    const term: Term = {
      insteadOf: [],
      accept: [],
      except: [name],
      caseSensitive: true,
      plural: true,
      headings: true,
      deprecated: false,
      fix: false,
      subcommands: [],
      prefer: 'use',
    };
    configuredNameTerms.add(term);
    return term;
  });
}

const configuredNameTerms = new WeakSet<Term>();

/** Whether a term stands for one of the user's configured names (not a term of a pack or of `terms`): reports leave them out. */
export function isConfiguredName(term: Term): boolean {
  return configuredNameTerms.has(term);
}

/** One matcher per options object: the engine parses options once per override combination. */
export function matcherFor(options: TermListOptions & { names?: readonly string[] }): TermMatcher {
  let matcher = matchers.get(options);
  if (!matcher) {
    const terms = combineTerms(packTerms(options.packs), options.terms, options.disable);
    // A name that is already a right form of a term ("etcd") needs nothing: it stays that term's.
    const rightForms = new Set(
      terms.flatMap((term) => [...(term.use === undefined ? [] : [term.use]), ...term.accept, ...term.except]),
    );
    matcher = new TermMatcher([
      ...terms,
      ...allowedNameTerms((options.names ?? []).filter((name) => !rightForms.has(name))),
    ]);
    matchers.set(options, matcher);
  }
  return matcher;
}
