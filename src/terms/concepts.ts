/**
 * The Kubernetes concept vocabulary: glossary entries, components and API kinds from the
 * built-in pack, plus a project's own allowed names. It answers "is this phrase a Kubernetes
 * concept?" with plural and case variants ("Pods", "API Server", "kube-apiserver",
 * "Kubernetes Secrets", "the ConfigMap object") and proposes the nearest concepts when not.
 */
import { editDistance } from '../text/did-you-mean.js';
import { builtInPack, type Concept } from './packs.js';
import { ARTICLES, POSSESSIVE_DETERMINERS, UNIVERSAL_DETERMINERS } from '../text/english-function-words.js';
import { ATTRIBUTE_WORDS, MAX_CONCEPT_WORDS } from './mapping-model.js';

export interface ConceptHit {
  /** Display names of the concepts the phrase names (several for "Pods / Containers"). */
  names: string[];
  /**
   * False when the phrase is one ordinary English word that is also a concept ("Scheduler",
   * "Images", "Volumes"): by itself weak evidence that a sentence is a Kubernetes mapping.
   */
  strong: boolean;
}

/**
 * What a phrase names of Kubernetes, and how: `concept` when the phrase is a concept, a list of
 * concepts, an identifier rooted at one (`PodIP`, `ReplicaSet.spec.template`) or a concept and
 * one of its attributes ("Pod IP", "node name"); `mentions` when concepts stand inside a longer
 * phrase ("Pod scheduling to Nodes", "API server logs, events", "Tool endpoints"); `none`.
 */
export interface NamedConcepts {
  names: string[];
  level: 'concept' | 'mentions' | 'none';
  /** At least one of the names is not an ordinary English word (see ConceptHit.strong). */
  strong: boolean;
}

const NAMES_NOTHING: NamedConcepts = { names: [], level: 'none', strong: false };
/** A word of a phrase: letters and digits, joined by hyphens or apostrophes ("kube-proxy"). */
const PHRASE_WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** An identifier written as code: dotted (`pod.spec`, `ReplicaSet.spec.template`) or camel case (`PodIP`). */
const IDENTIFIER = /^(?:[\p{L}][\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)+|\p{Lu}?\p{Ll}+(?:\p{Lu}+\p{Ll}*|\p{N}+)+)$/u;
/** The parts of a camel-case word: "PodIP" → Pod, IP; "ServiceAccountName" → Service, Account, Name. */
const CAMEL_PART = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/**
 * Determiners that may open a concept phrase ("the Pod", "each Node", "its Service") and are
 * dropped before it is looked up. Demonstratives and "some" stay: "this Node" and "some Pods" have
 * been read as they are (english-function-words.ts DETERMINERS has them all).
 */
const LEADING_DETERMINERS = [...ARTICLES, ...POSSESSIVE_DETERMINERS, ...UNIVERSAL_DETERMINERS].join('|');
const DETERMINERS_BEFORE = new RegExp(`^(?:(?:${LEADING_DETERMINERS})\\s+)+`, 'i');
/** The determiners, and "Kubernetes" or "k8s" as a qualifier ("the Kubernetes Service", "k8s's scheduler"). */
const LEADING_WORDS = new RegExp(`^(?:(?:${LEADING_DETERMINERS}|kubernetes'?s?|k8s'?s?)\\s+)+`, 'i');
const TRAILING_WORDS =
  /(?:\s+(?:object|objects|resource|resources|kind|kinds|component|components|api\s+objects?))+$|\s+in\s+(?:kubernetes|k8s)$/i;
const EDGE_PUNCTUATION = /^[\s"'“”‘’*_`~\uFFFC\u2028]+|[\s"'“”‘’*_`~\uFFFC\u2028.,;:!?]+$/gu;

/** Lowercase letters and digits only: "API Server" → "apiserver", "kube-apiserver" → "kubeapiserver". */
export function conceptKey(phrase: string): string {
  return phrase.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** The phrase without emphasis, quotes, articles, "Kubernetes" qualifiers or "object"/"resource". */
export function cleanConceptPhrase(phrase: string): string {
  let text = phrase.replace(EDGE_PUNCTUATION, '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(LEADING_WORDS, '').replace(TRAILING_WORDS, '').replace(EDGE_PUNCTUATION, '');
  }
  return text;
}

function singularKeys(key: string): string[] {
  const keys = [key];
  if (key.endsWith('ies')) keys.push(`${key.slice(0, -3)}y`);
  if (/(ss|x|z|ch|sh)es$/.test(key)) keys.push(key.slice(0, -2));
  if (key.endsWith('s') && !key.endsWith('ss')) keys.push(key.slice(0, -1));
  return keys;
}

const PART_SEPARATOR = /\s*(?:\/|,|&|\+|\band\b|\bor\b)\s*/i;

let nextVocabularyId = 0;

export class ConceptVocabulary {
  /** Distinguishes vocabularies in caches keyed by strings. */
  readonly id = nextVocabularyId++;
  /** Phrases recur across a repository (every mapping table names "Pods"): resolve each once. */
  private readonly resolved = new Map<string, ConceptHit | undefined>();
  private readonly named = new Map<string, NamedConcepts>();
  private readonly byKey = new Map<string, { name: string; strong: boolean }>();
  private readonly names: { name: string; form: string; key: string; words: string[] }[] = [];

  constructor(concepts: readonly Concept[], ambiguousWords: readonly string[], extraNames: readonly string[] = []) {
    const ambiguous = new Set(ambiguousWords.map(conceptKey));
    const add = (form: string, name: string): void => {
      const key = conceptKey(form);
      if (key === '' || this.byKey.has(key)) return;
      this.byKey.set(key, { name, strong: !ambiguous.has(key) });
      this.names.push({
        name,
        form,
        key,
        words: form
          .toLowerCase()
          .split(/[^\p{L}\p{N}]+/u)
          .filter(Boolean),
      });
    };
    for (const name of extraNames) add(name, name);
    for (const concept of concepts) for (const form of [concept.name, ...concept.aliases]) add(form, concept.name);
  }

  /** The keys (conceptKey) of every form of a concept: its name and aliases ("kube-apiserver", "API Server"). */
  formKeysOf(name: string): string[] {
    return this.names.filter((entry) => entry.name === name).map((entry) => entry.key);
  }

  /** Concept of one name, trying singulars: "Pods" → Pod, "NetworkPolicies" → NetworkPolicy. */
  private lookup(phrase: string): { name: string; strong: boolean } | undefined {
    for (const key of singularKeys(conceptKey(phrase))) {
      const hit = this.byKey.get(key);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The concepts a phrase names, or undefined. "Controller Manager (kube-controller-manager)"
   * tries the part outside and inside the parentheses; "Pods / Containers" needs every part to
   * be a concept.
   */
  resolve(phrase: string): ConceptHit | undefined {
    if (this.resolved.has(phrase)) return this.resolved.get(phrase);
    if (this.resolved.size > 50_000) this.resolved.clear();
    const hit = this.resolveUncached(phrase);
    this.resolved.set(phrase, hit);
    return hit;
  }

  private resolveUncached(phrase: string): ConceptHit | undefined {
    const cleaned = cleanConceptPhrase(phrase);
    if (cleaned === '') return undefined;
    const parenthesised = /^(.*?)\s*\(([^()]*)\)$/.exec(cleaned);
    if (parenthesised) return this.resolve(parenthesised[1]!) ?? this.resolve(parenthesised[2]!);
    const whole =
      this.lookup(phrase.replace(EDGE_PUNCTUATION, '').replace(DETERMINERS_BEFORE, '')) ?? this.lookup(cleaned);
    if (whole) return { names: [whole.name], strong: whole.strong };
    const parts = cleaned.split(PART_SEPARATOR).map(cleanConceptPhrase).filter(Boolean);
    if (parts.length < 2) return undefined;
    const hits = parts.map((part) => this.lookup(part));
    if (hits.some((hit) => hit === undefined)) return undefined;
    return { names: hits.map((hit) => hit!.name), strong: hits.some((hit) => hit!.strong) };
  }

  /**
   * Every Kubernetes concept a phrase names, several per phrase ("API server logs, events" names
   * the API server and Event), and whether the phrase is one of them or only mentions them.
   */
  namedConcepts(phrase: string): NamedConcepts {
    const cached = this.named.get(phrase);
    if (cached) return cached;
    if (this.named.size > 50_000) this.named.clear();
    const result = this.namedUncached(phrase);
    this.named.set(phrase, result);
    return result;
  }

  private namedUncached(phrase: string): NamedConcepts {
    const whole = this.conceptOfName(phrase);
    if (whole) return { names: [...new Set(whole.names)], level: 'concept', strong: whole.strong };
    const cleaned = cleanConceptPhrase(phrase);
    // "API server logs, events", "Pods / Containers": a list of names that are each a concept.
    const parts = cleaned.split(PART_SEPARATOR).map(cleanConceptPhrase).filter(Boolean);
    const partHits = parts.length >= 2 ? parts.map((part) => this.conceptOfName(part)) : [];
    if (partHits.length > 0 && partHits.every((hit) => hit !== undefined)) {
      return {
        names: [...new Set(partHits.flatMap((hit) => hit!.names))],
        level: 'concept',
        strong: partHits.some((hit) => hit!.strong),
      };
    }
    const words = [...cleaned.matchAll(PHRASE_WORD)].map((match) => match[0]);
    const found = new Map<string, boolean>();
    for (let i = 0; i < words.length; ) {
      let length = Math.min(MAX_CONCEPT_WORDS, words.length - i);
      for (; length > 0; length--) {
        const hit = this.lookup(words.slice(i, i + length).join(' '));
        if (hit) {
          found.set(hit.name, (found.get(hit.name) ?? false) || hit.strong);
          break;
        }
      }
      if (length === 0) {
        const root = IDENTIFIER.test(words[i]!) ? this.identifierRoot(words[i]!) : undefined;
        if (root) found.set(root.name, (found.get(root.name) ?? false) || root.strong);
      }
      i += Math.max(length, 1);
    }
    if (found.size === 0) return NAMES_NOTHING;
    return { names: [...found.keys()], level: 'mentions', strong: [...found.values()].some(Boolean) };
  }

  /** The concept a name is: a concept, an identifier rooted at one ("PodIP"), or a concept and its attribute ("Pod IP"). */
  private conceptOfName(phrase: string): ConceptHit | undefined {
    const hit = this.resolve(phrase);
    if (hit) return hit;
    const cleaned = cleanConceptPhrase(phrase);
    const rooted = IDENTIFIER.test(cleaned) ? this.identifierRoot(cleaned) : this.withAttribute(cleaned);
    return rooted && { names: [rooted.name], strong: rooted.strong };
  }

  /** The concept a code identifier is rooted at: its first dotted segment, else its longest camel-case prefix ("PodIP" → Pod). */
  private identifierRoot(identifier: string): { name: string; strong: boolean } | undefined {
    const first = identifier.split('.')[0]!;
    if (first !== identifier) return this.lookup(first) ?? this.identifierRoot(first);
    const parts = first.match(CAMEL_PART) ?? [];
    for (let length = parts.length - 1; length > 0; length--) {
      const hit = this.lookup(parts.slice(0, length).join(''));
      if (hit) return hit;
    }
    return undefined;
  }

  /** "Pod IP", "node name", "Service port": a concept followed by one of its attributes names the concept. */
  private withAttribute(phrase: string): { name: string; strong: boolean } | undefined {
    const words = phrase.split(/\s+/);
    if (words.length < 2 || !ATTRIBUTE_WORDS.has(words[words.length - 1]!.toLowerCase())) return undefined;
    return this.lookup(words.slice(0, -1).join(' '));
  }

  /** Up to `max` concept names nearest to a phrase: close spellings first, then shared words. */
  nearest(phrase: string, max = 3): string[] {
    const cleaned = cleanConceptPhrase(phrase);
    const key = conceptKey(cleaned);
    const words = new Set(
      cleaned
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((word) => word.length > 2)
        .flatMap(singularKeys),
    );
    const limit = Math.max(2, Math.floor(key.length / 3));
    const scored: { name: string; shown: string; distance: number; shared: number }[] = [];
    for (const candidate of this.names) {
      const distance = editDistance(key, candidate.key, limit);
      const shared = candidate.words.filter((word) => singularKeys(word).some((form) => words.has(form))).length;
      if (distance > limit && shared === 0) continue;
      // A close spelling of an alias shows the alias ("scheduler (kube-scheduler)").
      const shown =
        distance <= limit && candidate.form !== candidate.name
          ? `${candidate.form} (${candidate.name})`
          : candidate.name;
      scored.push({
        name: candidate.name,
        shown,
        distance: distance <= limit ? distance : Number.POSITIVE_INFINITY,
        shared,
      });
    }
    scored.sort(
      (a, b) =>
        a.distance - b.distance || b.shared - a.shared || a.name.length - b.name.length || a.name.localeCompare(b.name),
    );
    const result: string[] = [];
    const seen = new Set<string>();
    for (const { name, shown } of scored) {
      if (seen.has(name)) continue;
      seen.add(name);
      if (result.push(shown) >= max) break;
    }
    return result;
  }
}

let kubernetesVocabulary: ConceptVocabulary | undefined;

/** The built-in Kubernetes vocabulary, or one extended with a project's own names. */
export function kubernetesConcepts(extraNames: readonly string[] = []): ConceptVocabulary {
  const pack = builtInPack('kubernetes');
  if (extraNames.length > 0) return new ConceptVocabulary(pack.concepts, pack['ambiguous-words'], extraNames);
  kubernetesVocabulary ??= new ConceptVocabulary(pack.concepts, pack['ambiguous-words']);
  return kubernetesVocabulary;
}
