/**
 * English function words: the closed classes (articles, determiners, pronouns, modals,
 * conjunctions) that the text model reads around a name to tell a name from the sentence it
 * stands in. Each class is listed once, here; the heuristics of src/terms/ build the sets they
 * need from these classes and say, where they leave a word out, why.
 *
 * Lowercase words only: callers lowercase what they look up.
 */

/** "a", "an", "the". */
export const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);

/** Possessives written before a noun in documentation's voice ("our cluster", "its Pods"). */
export const POSSESSIVE_DETERMINERS: ReadonlySet<string> = new Set(['our', 'your', 'its', 'their']);

/** Determiners that speak of every member ("each Node", "all Pods"). */
export const UNIVERSAL_DETERMINERS: ReadonlySet<string> = new Set(['each', 'every', 'all']);

/**
 * "this", "these", "those". "that" is left out: it is as often a relative pronoun or a
 * conjunction ("a workspace that a session may write"), which callers must not skip as a determiner.
 */
export const DEMONSTRATIVE_DETERMINERS: ReadonlySet<string> = new Set(['this', 'these', 'those']);

/** Every word that may open a noun phrase before its name: the classes above and "some". */
export const DETERMINERS: ReadonlySet<string> = new Set([
  ...ARTICLES,
  ...POSSESSIVE_DETERMINERS,
  ...DEMONSTRATIVE_DETERMINERS,
  ...UNIVERSAL_DETERMINERS,
  'some',
]);

/** The modal verbs: the word after one is a verb in its base form ("must restart the node"). */
export const MODAL_VERBS: ReadonlySet<string> = new Set([
  'can',
  'could',
  'will',
  'would',
  'should',
  'shall',
  'must',
  'may',
  'might',
]);

/** Pronouns that stand as the subject of a verb ("you can kustomize the base"). */
export const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it']);

/** Conjunctions that join two words or clauses of the same kind ("Git and Codex", "…, and Pods → Workflows"). */
export const COORDINATING_CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or', 'but', 'nor']);

/** Words that open a subordinate clause: a condition or a step of a process ("When a gate fails -> …"). */
export const SUBORDINATING_CONJUNCTIONS: ReadonlySet<string> = new Set([
  'when',
  'whenever',
  'if',
  'unless',
  'once',
  'after',
  'before',
  'because',
  'while',
  'until',
]);

/** Words that open a relative clause, which describes the name before it ("a workspace that a session may write"). */
export const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(['that', 'which', 'who', 'whose', 'where']);
