import { z } from 'zod';
import { offsetToPoint } from '../src/markdown/parse.js';
import { defineProjectRule } from '../src/core/rule.js';
import { kubernetesConcepts } from '../src/terms/concepts.js';
import { canonicalEntries, canonicalMappingSchema, comparedStatements, findingReport, mappingFindings, type LocatedStatement } from '../src/terms/mapping-check.js';
import { documentHistory, historyOptionSchema } from '../src/terms/history.js';
import { findMappingStatements, type MappingStatement } from '../src/terms/mapping-statements.js';
import { mayStateMapping } from '../src/terms/raw-text-superset.js';

const optionsSchema = z.strictObject({
  mapping: canonicalMappingSchema,
  history: historyOptionSchema,
});

interface Extracted {
  statements: readonly MappingStatement[];
}

/**
 * Documents that explain a project through Kubernetes ("Controller Manager → Validation Gates")
 * must agree: with the canonical mapping when the project declares one, else with each other.
 * Statements in mapping tables, mapping lists and sections about mappings are surely mappings and
 * their conflicts are errors; one found in running text is reported at most as a warning.
 */
export default defineProjectRule<z.output<typeof optionsSchema>, Extracted>({
  id: 'mapping-consistency',
  description: 'Kubernetes-to-project mapping statements (tables, arrows, "maps to") agree with the canonical mapping, or with each other.',
  tags: ['terminology', 'kubernetes'],
  scope: 'project',
  readsAllFiles: () => true,
  mayContribute: (rawText) => mayStateMapping(rawText),
  defaultSeverity: 'error',
  recommended: false,
  presets: { kubernetes: 'error' },
  fixable: false,
  options: optionsSchema,
  messages: {
    contradictsKubernetes: '{kubernetes} maps to "{expected}" in the canonical mapping, not to "{found}".',
    contradictsProject: '"{project}" is the counterpart of {expected} in the canonical mapping, not of "{found}".',
    conflictsKubernetes: '{kubernetes} is mapped to "{found}" here, but to "{other}" in {where}.',
    conflictsProject: '"{project}" is mapped from {found} here, but from {other} in {where}.',
  },
  extract(file, options) {
    // A record keeps the mappings of its day ("Pods -> Tasks was the old mapping"): not compared.
    if (documentHistory(file.path, file.tree, file.text, options.history).history) return { statements: [] };
    const canonical = canonicalEntries(options.mapping);
    const statements = findMappingStatements(file.tree, file.text, {
      vocabulary: kubernetesConcepts(),
      kubernetesNames: canonical.flatMap((entry) => entry.kubernetes),
      projectNames: canonical.flatMap((entry) => entry.project),
    });
    return { statements };
  },
  check({ index, options, extracted, report }) {
    const located: LocatedStatement[] = [];
    for (const facts of index.files.values()) {
      for (const statement of extracted<Extracted>(facts)?.statements ?? []) {
        located.push({ ...statement, file: facts.path, line: offsetToPoint(facts.lineStarts, statement.kubernetes.start).line });
      }
    }
    const canonical = canonicalEntries(options.mapping);
    const vocabulary = kubernetesConcepts();
    for (const finding of mappingFindings(comparedStatements(located, canonical, vocabulary), canonical, vocabulary)) {
      const { messageId, data, at } = findingReport(finding);
      // A statement found in running text may be a sentence that only reads like a mapping: a conflict
      // that rests on one is a judgement, so a warning. Tables, mapping lists and canonical entries are sure.
      const other = 'other' in finding ? finding.other : undefined;
      const sure = finding.statement.inMappingContext && (other === undefined || other.inMappingContext);
      report({ file: finding.statement.file, messageId, data, at: { start: at.start, end: at.end }, atMostWarning: !sure });
    }
  },
});
