/**
 * Which occurrences of a name term-consistency compares, shared with the `terms` report so that
 * the report's counts and the rule's messages tell the same story.
 *
 * Compared: a right form in running prose (a paragraph, a list item, a table body cell).
 * Left out: headings, labels and link text (titles, whose capitals follow the title's style),
 * quotations (someone else's words), commands and identifiers ("kustomize build", "kubectl
 * kustomize", a list of repositories, a verb: "kustomize a file"), a capitalised word of a
 * longer capitalised name (a publisher or product: "the Minikube Maintainers") and template
 * markup, none of which is the author writing the name in a sentence. Either: a capital that only opens a sentence
 * ("Minikube starts fast") may be either form; it is never reported, and a majority counts as
 * clear only when such capitals could not overturn it.
 */
import { isSentenceStart, type ProseBlock } from '../markdown/prose.js';
import type { TermMatch } from './find-terms.js';
import { roleOf, type Subcommands } from './text-roles.js';

export type ComparedUse = 'compared' | 'either' | 'left-out';

export function comparedUse(block: ProseBlock, match: TermMatch, subcommands: Subcommands): ComparedUse {
  const { term, form } = match;
  if ((match.status !== 'canonical' && match.status !== 'accepted') || term.use === undefined || form === undefined)
    return 'left-out';
  const { role, inCapitalizedName } = roleOf(
    block,
    match.from,
    match.to,
    (index) => isSentenceStart(block, index),
    subcommands,
  );
  if (role !== 'prose' && role !== 'cell') return 'left-out';
  // A capitalised word of a longer capitalised name is that name's spelling: a publisher or product ("the Minikube
  // Maintainers", "SIG K8s Infra"). A lowercase form before a capital is the author's ("the k8s Job resource").
  if (inCapitalizedName && /^\p{Lu}/u.test(match.found)) return 'left-out';
  const forms = [term.use, ...term.accept];
  const capitalOfAnother = forms.some(
    (other) => other !== form && other.charAt(0).toUpperCase() + other.slice(1) === form,
  );
  return capitalOfAnother && isSentenceStart(block, match.from) ? 'either' : 'compared';
}
