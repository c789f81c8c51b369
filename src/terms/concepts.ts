/**
 * The Kubernetes concept vocabulary: glossary entries, components and API kinds from the
 * built-in pack, plus a project's own allowed names. It answers "is this phrase a Kubernetes
 * concept?" with plural and case variants ("Pods", "API Server", "kube-apiserver",
 * "Kubernetes Secrets", "the ConfigMap object") and proposes the nearest concepts when not.
 */
import { editDistance } from '../text/did-you-mean.js';
import { builtInPack, type Concept } from './packs.js';

export interface ConceptHit {
  /** Display names of the concepts the phrase names (several for "Pods / Containers"). */
  names: string[];
  /**
   * False when the phrase is one ordinary English word that is also a concept ("Scheduler",
   * "Images", "Volumes"): by itself weak evidence that a sentence is a Kubernetes mapping.
   */
  strong: boolean;
}

const ARTICLES = /^(?:(?:the|a|an|our|your|its|their|each|every|all)\s+)+/i;
const LEADING_WORDS = /^(?:(?:the|a|an|our|your|its|their|each|every|all|kubernetes'?s?|k8s'?s?)\s+)+/i;
const TRAILING_WORDS = /(?:\s+(?:object|objects|resource|resources|kind|kinds|component|components|api\s+objects?))+$|\s+in\s+(?:kubernetes|k8s)$/i;
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
  private readonly byKey = new Map<string, { name: string; strong: boolean }>();
  private readonly names: { name: string; form: string; key: string; words: string[] }[] = [];

  constructor(concepts: readonly Concept[], ambiguousWords: readonly string[], extraNames: readonly string[] = []) {
    const ambiguous = new Set(ambiguousWords.map(conceptKey));
    const add = (form: string, name: string): void => {
      const key = conceptKey(form);
      if (key === '' || this.byKey.has(key)) return;
      this.byKey.set(key, { name, strong: !ambiguous.has(key) });
      this.names.push({ name, form, key, words: form.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean) });
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
    const whole = this.lookup(phrase.replace(EDGE_PUNCTUATION, '').replace(ARTICLES, '')) ?? this.lookup(cleaned);
    if (whole) return { names: [whole.name], strong: whole.strong };
    const parts = cleaned.split(PART_SEPARATOR).map(cleanConceptPhrase).filter(Boolean);
    if (parts.length < 2) return undefined;
    const hits = parts.map((part) => this.lookup(part));
    if (hits.some((hit) => hit === undefined)) return undefined;
    return { names: hits.map((hit) => hit!.name), strong: hits.some((hit) => hit!.strong) };
  }

  /** Up to `max` concept names nearest to a phrase: close spellings first, then shared words. */
  nearest(phrase: string, max = 3): string[] {
    const cleaned = cleanConceptPhrase(phrase);
    const key = conceptKey(cleaned);
    const words = new Set(cleaned.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 2).flatMap(singularKeys));
    const limit = Math.max(2, Math.floor(key.length / 3));
    const scored: { name: string; shown: string; distance: number; shared: number }[] = [];
    for (const candidate of this.names) {
      const distance = editDistance(key, candidate.key, limit);
      const shared = candidate.words.filter((word) => singularKeys(word).some((form) => words.has(form))).length;
      if (distance > limit && shared === 0) continue;
      // A close spelling of an alias shows the alias ("scheduler (kube-scheduler)").
      const shown = distance <= limit && candidate.form !== candidate.name ? `${candidate.form} (${candidate.name})` : candidate.name;
      scored.push({ name: candidate.name, shown, distance: distance <= limit ? distance : Number.POSITIVE_INFINITY, shared });
    }
    scored.sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.name.length - b.name.length || a.name.localeCompare(b.name));
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
