import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';
import { kubernetesConcepts, type ConceptVocabulary } from '../src/terms/concepts.js';
import { documentHistory, historyOptionSchema } from '../src/terms/history.js';
import { findMappings, sideConcepts, type MappingSide } from '../src/terms/mapping-statements.js';

const optionsSchema = z.strictObject({
  vocabulary: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Names your documents may use on the Kubernetes side besides the built-in concepts (the CRDs of your platform, for example). The Kubernetes side of your mapping-consistency mapping is added to them.',
    ),
  history: historyOptionSchema,
});

type Options = z.output<typeof optionsSchema>;

const vocabularies = new WeakMap<object, ConceptVocabulary>();

/**
 * The Kubernetes side of a mapping must name something Kubernetes has: a glossary entry, a
 * component or an API kind (in any case, singular or plural), or a name the project allows. Every
 * row of a mapping table is checked, including rows whose other cell is a description; a
 * Kubernetes cell that describes in words ("scheduling Pods onto nodes") invents nothing.
 */
export default defineFileRule<Options>({
  id: 'k8s-concepts',
  description:
    'The Kubernetes side of every mapping statement names a real Kubernetes concept (glossary, components, API kinds).',
  tags: ['terminology', 'kubernetes'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: false,
  presets: { kubernetes: 'warn' },
  fixable: false,
  options: optionsSchema,
  messages: {
    unknown:
      '"{found}" is mapped as a Kubernetes concept, but Kubernetes has no such concept (glossary, components, API kinds).',
  },
  // The Kubernetes names the config's canonical mapping declares that the built-in vocabulary does
  // not know: the user decided them in the config, where this rule does not look, so documents
  // that repeat them are not reported. Known names keep their concept.
  uses: {
    kubernetesNames(options, names) {
      const builtIn = kubernetesConcepts();
      const unknown = names.filter((name) => !builtIn.resolve(name));
      return unknown.length === 0 ? options : { ...options, vocabulary: [...options.vocabulary, ...unknown] };
    },
  },
  shares: { acceptedNames: (options) => options.vocabulary },
  check({ file, options, report }) {
    // A record names what Kubernetes had then, or what its authors thought: not checked.
    if (documentHistory(file.path, file.tree, file.text, options.history).history) return;
    let vocabulary = vocabularies.get(options);
    if (!vocabulary) {
      vocabulary = kubernetesConcepts(options.vocabulary);
      vocabularies.set(options, vocabulary);
    }
    const found = findMappings(file.tree, file.text, { vocabulary });
    const sides: MappingSide[] = [
      ...found.statements.map((statement) => statement.kubernetes),
      ...found.unreadable.flatMap((row) => (row.kubernetes ? [row.kubernetes] : [])),
    ];
    for (const side of sides.sort((a, b) => a.start - b.start)) {
      // A name must be a concept ("Pod Manager" is none); a description that names one ("Pod scheduling to Nodes") invents nothing.
      if (sideConcepts(side.text, vocabulary).length > 0) continue;
      const nearest = vocabulary.nearest(side.text);
      report({
        messageId: 'unknown',
        data: { found: side.text },
        at: side,
        ...(nearest.length > 0 ? { suggestion: `Nearest: ${nearest.map((name) => `"${name}"`).join(', ')}.` } : {}),
      });
    }
  },
});
