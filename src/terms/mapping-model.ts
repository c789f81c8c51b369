/**
 * The data of the mapping model (concepts.ts, mapping-statements.ts, mapping-check.ts): the word
 * lists and thresholds that decide what a side of a statement names and what kind of statement a
 * pair is, in one place so that they can be read, tested and changed together.
 */

/** The longest concept name in words ("Container Storage Interface", "Node-pressure eviction"): phrases are scanned for names up to this length. */
export const MAX_CONCEPT_WORDS = 4;

/**
 * Words that name an attribute of the concept before them: "Pod IP", "node name", "Service port",
 * "Pod status". Such a phrase names the concept (a key or a field of it), so "Pod IP → Node" is a
 * lookup between two Kubernetes things, not a mapping onto a project.
 */
export const ATTRIBUTE_WORDS: ReadonlySet<string> = new Set([
  'ip', 'ips', 'address', 'addresses', 'name', 'names', 'id', 'ids', 'uid', 'uids', 'label', 'labels', 'annotation', 'annotations', 'port', 'ports',
  'spec', 'specs', 'status', 'statuses', 'template', 'templates', 'field', 'fields', 'hostname', 'hostnames', 'count', 'size', 'phase', 'state',
  'condition', 'conditions', 'selector', 'selectors', 'uri', 'url', 'cidr', 'cidrs', 'key', 'keys', 'log', 'logs', 'metrics',
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
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['across', 'on', 'onto', 'in', 'into', 'within', 'inside', 'over', 'among', 'throughout', 'per']);
/** The longest place phrase that may follow a name on the right ("across nodes", "on every node"). */
export const MAX_PLACE_WORDS = 3;
/** The longest name a place phrase may follow ("Agents", "Agent runs"): longer ones read as clauses. */
export const MAX_NAME_WORDS_BEFORE_PLACE = 2;
