import { z } from 'zod';
import { defineFileRule } from '../src/core/rule.js';
import { kubernetesConcepts, type ConceptVocabulary } from '../src/terms/concepts.js';
import { findMappingStatements } from '../src/terms/mapping-statements.js';

const optionsSchema = z.strictObject({
  vocabulary: z.array(z.string().min(1)).default([]).describe('Names your documents may use on the Kubernetes side besides the built-in concepts (the CRDs of your platform, for example).'),
});

const vocabularies = new WeakMap<object, ConceptVocabulary>();

/**
 * The Kubernetes side of a mapping must name something Kubernetes has: a glossary entry, a
 * component or an API kind (in any case, singular or plural), or a name the project allows.
 */
export default defineFileRule({
  id: 'k8s-concepts',
  description: 'The Kubernetes side of every mapping statement names a real Kubernetes concept (glossary, components, API kinds).',
  tags: ['terminology', 'kubernetes'],
  scope: 'file',
  defaultSeverity: 'warn',
  recommended: false,
  presets: { kubernetes: 'warn' },
  fixable: false,
  options: optionsSchema,
  messages: {
    unknown: '"{found}" is mapped as a Kubernetes concept, but Kubernetes has no such concept (glossary, components, API kinds).',
  },
  check({ file, options, report }) {
    let vocabulary = vocabularies.get(options);
    if (!vocabulary) vocabularies.set(options, (vocabulary = kubernetesConcepts(options.vocabulary)));
    for (const statement of findMappingStatements(file.tree, file.text, { vocabulary })) {
      if (vocabulary.resolve(statement.kubernetes.text)) continue;
      const nearest = vocabulary.nearest(statement.kubernetes.text);
      report({
        messageId: 'unknown',
        data: { found: statement.kubernetes.text },
        at: statement.kubernetes,
        ...(nearest.length > 0 ? { suggestion: `Nearest: ${nearest.map((name) => `"${name}"`).join(', ')}.` } : {}),
      });
    }
  },
});
