import { z } from 'zod';
import { offsetToPoint } from '../src/markdown/parse.js';
import { defineProjectRule } from '../src/core/rule.js';
import { conceptKey, kubernetesConcepts, type ConceptVocabulary } from '../src/terms/concepts.js';
import {
  canonicalEntries,
  canonicalMappingSchema,
  comparedStatements,
  findingReport,
  kubernetesKey,
  mappingFindings,
  projectKey,
  type LocatedStatement,
} from '../src/terms/mapping-check.js';
import { documentHistory, historyOptionSchema, recordsHistoryByPath } from '../src/terms/history.js';
import { findMappingStatements, sideConcepts, type MappingStatement } from '../src/terms/mapping-statements.js';
import { mayMentionAnyKey, mayStateMapping } from '../src/terms/raw-text-superset.js';

const optionsSchema = z.strictObject({
  mapping: canonicalMappingSchema,
  history: historyOptionSchema,
});

interface Extracted {
  statements: readonly MappingStatement[];
}

/** A key as a raw-text test searches for it: a plural in `-ies` ("Policies") holds "polic", not "policy". */
const searchable = (key: string): string => key.replace(/y$/, '');

/** What a statement naming one of these Kubernetes concepts contains: a form of each concept the side names, or its own key. */
function kubernetesSearchKeys(text: string, vocabulary: ConceptVocabulary): string[] {
  const names = sideConcepts(text, vocabulary);
  return (
    names.length > 0
      ? names.flatMap((name) => vocabulary.formKeysOf(name))
      : [conceptKey(kubernetesKey(text, vocabulary))]
  ).map(searchable);
}

/**
 * The names (as keys to search raw text for) of the statements that can change what is reported
 * on the named files' statements: those that map the same Kubernetes concept or the same project
 * concept (the groups compared), and, as a second step, the mappings that decide whether such a
 * statement is compared at all (comparedStatements: one made in a mapping context that names its
 * other side). Sorted, without repeats; none when the named files state no mapping.
 */
function namesThatMatter(targets: readonly Extracted[], demanded: readonly Extracted[]): string[] {
  const own = targets.flatMap((data) => data.statements);
  if (own.length === 0) return [];
  const vocabulary = kubernetesConcepts();
  const keys = new Set<string>();
  for (const statement of own) {
    for (const key of kubernetesSearchKeys(statement.kubernetes.text, vocabulary)) keys.add(key);
    keys.add(searchable(projectKey(statement.project.text)));
  }
  const kubernetesKeys = new Set(own.map((statement) => kubernetesKey(statement.kubernetes.text, vocabulary)));
  const projectKeys = new Set(own.map((statement) => projectKey(statement.project.text)));
  for (const statement of demanded.flatMap((data) => data.statements)) {
    if (kubernetesKeys.has(kubernetesKey(statement.kubernetes.text, vocabulary)))
      keys.add(searchable(projectKey(statement.project.text)));
    if (projectKeys.has(projectKey(statement.project.text)))
      for (const key of kubernetesSearchKeys(statement.kubernetes.text, vocabulary)) keys.add(key);
  }
  return [...keys].sort();
}

/**
 * Documents that explain a project through Kubernetes ("Controller Manager → Validation Gates")
 * must agree: with the canonical mapping when the project declares one, else with each other.
 * Statements in mapping tables, mapping lists and sections about mappings are surely mappings and
 * their conflicts are errors; one found in running text is reported at most as a warning.
 */
export default defineProjectRule<z.output<typeof optionsSchema>, Extracted>({
  id: 'mapping-consistency',
  description:
    'Kubernetes-to-project mapping statements (tables, arrows, "maps to") agree with the canonical mapping, or with each other.',
  tags: ['terminology', 'kubernetes'],
  scope: 'project',
  dependsOn: ['extracts'],
  readsAllFiles: () => true,
  mayContribute: (rawText) => mayStateMapping(rawText),
  // Findings are reported on statements: named files that state no mapping need no other file.
  demandedBy: ({ extracted, demanded }, options) => {
    const keys = namesThatMatter(extracted, demanded);
    if (keys.length === 0) return undefined;
    return {
      key: keys.join('\n'),
      path: (path) => !recordsHistoryByPath(path, options.history),
      text: (rawText) => mayStateMapping(rawText) && mayMentionAnyKey(rawText, keys),
    };
  },
  defaultSeverity: 'error',
  recommended: false,
  presets: { kubernetes: 'error' },
  fixable: false,
  options: optionsSchema,
  // The canonical mapping is the user's decision: the names on both sides are right as written
  // (terminology), and those on the Kubernetes side are Kubernetes concepts (k8s-concepts).
  shares: {
    acceptedNames: (options) =>
      canonicalEntries(options.mapping).flatMap((entry) => [...entry.kubernetes, ...entry.project]),
    kubernetesNames: (options) => canonicalEntries(options.mapping).flatMap((entry) => entry.kubernetes),
  },
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
        located.push({
          ...statement,
          file: facts.path,
          line: offsetToPoint(facts.lineStarts, statement.kubernetes.start).line,
        });
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
      report({
        file: finding.statement.file,
        messageId,
        data,
        at: { start: at.start, end: at.end },
        atMostWarning: !sure,
      });
    }
  },
});
