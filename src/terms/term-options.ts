/**
 * The options that select a term list (built-in packs, own terms, disabled pack terms), shared
 * by terminology, term-consistency and the `terms` report, and the compiled matcher for them.
 */
import { z } from 'zod';
import { TermMatcher } from './find-terms.js';
import { packNameSchema, packTerms } from './packs.js';
import { combineTerms, termSchema } from './term-list.js';

export function termListOptionsShape(defaultPacks: string[]) {
  return {
    packs: z.array(packNameSchema).default(defaultPacks).describe('Built-in term packs whose terms are used besides your own `terms` (the `kubernetes` preset selects "kubernetes").'),
    terms: z.array(termSchema).default([]).describe('Your own terms, each { use, instead-of, accept, … }; a term replaces every pack term that names one of its forms.'),
    disable: z.array(z.string().min(1)).default([]).describe('Pack terms to switch off, by their right form ("Helm chart") or a legacy form ("dockershim").'),
  };
}

const termListOptions = z.strictObject(termListOptionsShape([]));
export type TermListOptions = z.output<typeof termListOptions>;

const matchers = new WeakMap<object, TermMatcher>();

/** One matcher per options object: the engine parses options once per override combination. */
export function matcherFor(options: TermListOptions): TermMatcher {
  let matcher = matchers.get(options);
  if (!matcher) {
    matcher = new TermMatcher(combineTerms(packTerms(options.packs), options.terms, options.disable));
    matchers.set(options, matcher);
  }
  return matcher;
}
