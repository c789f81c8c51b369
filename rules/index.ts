/**
 * The registry: every rule and every built-in preset. The rule list, docs index, JSON Schema and
 * SARIF rule table are all generated from what is listed here.
 */
import type { Preset } from '../src/config/presets.js';
import type { Rule } from '../src/rule.js';
import deprecatedPhrases from './deprecated-phrases.js';
import headingIncrement from './heading-increment.js';
import k8sConcepts from './k8s-concepts.js';
import mappingConsistency from './mapping-consistency.js';
import termConsistency from './term-consistency.js';
import terminology from './terminology.js';

export const RULES: readonly Rule[] = [deprecatedPhrases, headingIncrement, k8sConcepts, mappingConsistency, termConsistency, terminology].sort((a, b) => a.id.localeCompare(b.id));

/** Presets contributed by rule families (recommended and all are derived from metadata). */
export const EXTRA_PRESETS: readonly Preset[] = [
  {
    name: 'kubernetes',
    description: 'Kubernetes terminology and mappings: the built-in kubernetes term pack, term consistency, mapping consistency and real Kubernetes concepts.',
    rules: {
      terminology: ['warn', { packs: ['kubernetes'] }],
      'term-consistency': ['warn', { packs: ['kubernetes'] }],
      'mapping-consistency': 'error',
      'k8s-concepts': 'warn',
    },
  },
];
