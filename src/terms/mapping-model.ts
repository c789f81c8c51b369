/**
 * The data of the mapping model (concepts.ts, mapping-statements.ts, mapping-check.ts): the word
 * lists and thresholds that decide what a side of a statement names and what kind of statement a
 * pair is, in one place so that they can be read, tested and changed together.
 */
import { MODAL_VERBS, SUBJECT_PRONOUNS } from '../text/english-function-words.js';

/** The longest concept name in words ("Container Storage Interface", "Node-pressure eviction"): phrases are scanned for names up to this length. */
export const MAX_CONCEPT_WORDS = 4;

/**
 * Words that name an attribute of the concept before them: "Pod IP", "node name", "Service port",
 * "Pod status". Such a phrase names the concept (a key or a field of it), so "Pod IP → Node" is a
 * lookup between two Kubernetes things, not a mapping onto a project.
 */
export const ATTRIBUTE_WORDS: ReadonlySet<string> = new Set([
  'ip',
  'ips',
  'address',
  'addresses',
  'name',
  'names',
  'id',
  'ids',
  'uid',
  'uids',
  'label',
  'labels',
  'annotation',
  'annotations',
  'port',
  'ports',
  'spec',
  'specs',
  'status',
  'statuses',
  'template',
  'templates',
  'field',
  'fields',
  'hostname',
  'hostnames',
  'count',
  'size',
  'phase',
  'state',
  'condition',
  'conditions',
  'selector',
  'selectors',
  'uri',
  'url',
  'cidr',
  'cidrs',
  'key',
  'keys',
  'log',
  'logs',
  'metrics',
]);

/**
 * How strongly a side of a pair is Kubernetes, by what it names (concepts.ts NamedConcepts):
 * a side that *is* a concept outranks one that only mentions concepts inside a longer name.
 */
export const NAMING_RANK = { none: 0, mentions: 1, concept: 2 } as const;

/**
 * Cells that hold code or an expression rather than a name: a dotted field path
 * (`requests.memory`), a call (`sum(requests.memory)`), an operator between words (`a * b`). A
 * column of them is a column of values (the memory-QoS table of KEP 2570), not of counterparts.
 */
export const EXPRESSION_CELL = /\b\p{Ll}[\p{L}\p{N}_-]*\.\p{Ll}[\p{L}\p{N}_-]*\b|[\p{L}\p{N}_]\(|\s[*=/<>]\s/u;

/**
 * Prepositions that may follow the name on the right of an arrow inside a sentence: "the
 * scheduler places Pods → Agents across nodes" annotates "Pods" with its counterpart, and the
 * sentence goes on. "to", "by" and "of" are left out: "Pods -> Moving to tasks", "a HollowNode
 * known by the Master" go on as a clause, not as a place.
 */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  'across',
  'on',
  'onto',
  'in',
  'into',
  'within',
  'inside',
  'over',
  'among',
  'throughout',
  'per',
]);
/** The longest place phrase that may follow a name on the right ("across nodes", "on every node"). */
export const MAX_PLACE_WORDS = 3;
/** The longest name a place phrase may follow ("Agents", "Agent runs"): longer ones read as clauses. */
export const MAX_NAME_WORDS_BEFORE_PLACE = 2;

// What a side of an arrow or phrase may hold (mapping-statements.ts sideSpan, nameWords).

// Determiners, relative pronouns, conjunctions and subordinators are English's own classes:
// src/text/english-function-words.ts.

/** Words that may close a clause after the name on the right: "a Pod is like a Task Run instead". */
export const TRAILING_ADVERBS: ReadonlySet<string> = new Set([
  'instead',
  'too',
  'also',
  'here',
  'there',
  'now',
  'then',
  'again',
  'respectively',
]);
/** Words that are not part of a name: verbs, prepositions, pronouns, sentence adverbs, question words. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...MODAL_VERBS,
  ...SUBJECT_PRONOUNS,
  ...TRAILING_ADVERBS,
  'in',
  'on',
  'at',
  'for',
  'with',
  'which',
  'who',
  'that',
  'when',
  'where',
  'because',
  'so',
  'to',
  'via',
  'by',
  'while',
  'as',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'map',
  'maps',
  'mapped',
  'like',
  'than',
  'from',
  'into',
  'onto',
  'of',
  'become',
  'becomes',
  'means',
  'uses',
  'runs',
  'does',
  'do',
  'did',
  'has',
  'have',
  'had',
  'need',
  'needs',
  'get',
  'gets',
  'go',
  'goes',
  'make',
  'makes',
  'let',
  'lets',
  'just',
  'only',
  'not',
  'inside',
  'within',
  'under',
  'over',
  'across',
  'between',
  'after',
  'before',
  'during',
  'either',
  'though',
  'say',
  'says',
  'said',
  'call',
  'calls',
  'called',
  'how',
  'what',
  'why',
  'whether',
  'if',
  'typically',
  'usually',
  'often',
  'always',
  'never',
  'sometimes',
  'generally',
  'normally',
]);
/** Words of STOP_WORDS that are also nouns in a name ("Agent runs", "Tool calls", "Maps"). */
export const VERBS_AND_NOUNS = new Set([
  'map',
  'maps',
  'uses',
  'runs',
  'needs',
  'gets',
  'makes',
  'lets',
  'calls',
  'means',
  'says',
  'like',
  'become',
  'becomes',
]);
/** The longest name a side of an arrow or phrase may be, in words. */
export const MAX_SIDE_WORDS = 6;
/** Words after which the next word is a verb: "to start the pod", "must restart the node". */
export const VERB_OPENERS: ReadonlySet<string> = new Set(['to', ...MODAL_VERBS, 'do', 'does', 'did']);
/** Words that count rather than name: "one Service", "N objects", "multiple Pods". */
export const QUANTITIES =
  /^(?:\d+|one|two|three|four|five|ten|n|m|k|many|multiple|several|zero|no|some|few|more|fewer)$/;
/** A first-column table with fewer distinct concepts is as likely a list of examples as a mapping. */
export const MIN_FIRST_COLUMN_CONCEPTS = 3;
/** Text that speaks of Kubernetes itself: weak concepts ("Scheduler") count beside it. */
export const MENTIONS_KUBERNETES = /\b(?:kubernetes|k8s)\b/i;
/**
 * Words that announce a mapping: "Kubernetes Mappings", "How AgentOps maps to Kubernetes", "In
 * the analogy", "counterparts", "in Kubernetes terms". A bare "map" is left out: Kubernetes
 * documents use it for the data structure ("Map fields", "List of Maps").
 */
export const MAPPING_CONTEXT =
  /\b(?:mappings?|(?:maps?|mapped|mapping)\s+(?:on)?to|analog(?:y|ies|ue|ues|ous)|counterparts?)\b|\b(?:kubernetes|k8s)\s+(?:terms|parlance|speak)\b/i;
/** Headers of a column of notes, never the project side of a mapping table. */
export const NOTES_HEADER =
  /^(?:notes?|description|why|details?|examples?|comments?|explanation|rationale|purpose|role)$/i;

/** What a header may say besides "Kubernetes" and still name the Kubernetes side: "Kubernetes concept", "In K8s", "Kubernetes (K8s)". */
export const SIDE_WORDS = new Set([
  'in',
  'the',
  'a',
  's',
  'concept',
  'concepts',
  'term',
  'terms',
  'terminology',
  'name',
  'names',
  'component',
  'components',
  'object',
  'objects',
  'resource',
  'resources',
  'kind',
  'kinds',
  'primitive',
  'primitives',
  'feature',
  'features',
  'equivalent',
  'equivalents',
  'analog',
  'analogue',
  'analogs',
  'analogues',
  'counterpart',
  'counterparts',
  'side',
  'world',
  'idea',
  'ideas',
  'abstraction',
  'abstractions',
  'construct',
  'constructs',
  'entity',
  'entities',
  'part',
  'parts',
  'piece',
  'pieces',
  'what',
  'calls',
  'call',
  'it',
  'has',
  'have',
]);

/** Headers of columns that hold attributes of what the first column names, not its counterpart. */
export const ATTRIBUTE_HEADER =
  /^(?:types?|scope|required|optional|default(?:\s+values?)?|values?|versions?|status|state|stability|namespaced|short\s*names?|plural|api\s*groups?|groups?|kinds?|format|since|added|deprecated|supported|support|yes\s*\/\s*no)$/i;
/** Cells that hold a value rather than a name: yes/no, a type, a number, a version. */
export const VALUE_CELL =
  /^(?:yes|no|true|false|y|n|✓|✔|✗|✘|x|-+|—|n\/a|none|optional|required|string|integer|int|boolean|bool|map|list|array|object|number|v?\d+(?:\.\d+)*%?)$/i;
