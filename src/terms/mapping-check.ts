/**
 * Compares mapping statements: against a canonical mapping when the project declares one, else
 * with each other across documents. Shared by the mapping-consistency rule and the `mappings`
 * report, so that the report marks exactly what the rule reports.
 */
import { z } from 'zod';
import type { ConceptVocabulary } from './concepts.js';
import { sameName, sideConcepts, singularNameKey, type MappingStatement } from './mapping-statements.js';

const namesSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const canonicalMappingSchema = z
  .array(
    z.strictObject({
      kubernetes: namesSchema.describe('The Kubernetes concept, or [name, ...aliases].'),
      project: namesSchema.describe(
        'The project concept it maps to, or [name, ...aliases] ("Agent Sessions", "Sessions").',
      ),
    }),
  )
  .default([])
  .describe('The canonical mapping. Without it, documents are checked against each other.');

export interface CanonicalEntry {
  kubernetes: string[];
  project: string[];
}

export function canonicalEntries(mapping: z.output<typeof canonicalMappingSchema>): CanonicalEntry[] {
  return mapping.map((entry) => ({
    kubernetes: ([] as string[]).concat(entry.kubernetes),
    project: ([] as string[]).concat(entry.project),
  }));
}

export interface LocatedStatement extends MappingStatement {
  file: string;
  line: number;
}

export type MappingFinding =
  /** The Kubernetes side is a canonical key, mapped to something else. Reported at the project side. */
  | { kind: 'contradictsKubernetes'; statement: LocatedStatement; expected: string }
  /** The project side is the canonical counterpart of another Kubernetes concept. Reported at the Kubernetes side. */
  | { kind: 'contradictsProject'; statement: LocatedStatement; expected: string }
  /** No canonical mapping: another document maps the same Kubernetes concept elsewhere. */
  | { kind: 'conflictsKubernetes'; statement: LocatedStatement; other: LocatedStatement }
  /** No canonical mapping: another document attaches the same project concept to another Kubernetes concept. */
  | { kind: 'conflictsProject'; statement: LocatedStatement; other: LocatedStatement };

/**
 * The Kubernetes concepts a side names, as keys: the vocabulary's names of every concept it is or
 * describes ("Pods" → pod, "Pod scheduling to Nodes" → pod, node), else the side's own name: an
 * invented concept, even one that borrows a word ("Pod Manager" is not the Pod).
 */
export function kubernetesIds(text: string, vocabulary: ConceptVocabulary): string[] {
  const names = sideConcepts(text, vocabulary);
  return names.length === 0 ? [singularNameKey(text)] : [...new Set(names.map((name) => name.toLowerCase()))].sort();
}

/** What identifies the Kubernetes side of a statement: the set of concepts it names ("node + pod"). */
export function kubernetesKey(text: string, vocabulary: ConceptVocabulary): string {
  return kubernetesIds(text, vocabulary).join(' + ');
}

/** Whether two Kubernetes sides share a concept: "Pods" and "Pod scheduling to Nodes" do, "etcd" and "API server logs, events" do not. */
export function shareKubernetesConcept(a: string, b: string, vocabulary: ConceptVocabulary): boolean {
  const ids = new Set(kubernetesIds(a, vocabulary));
  return kubernetesIds(b, vocabulary).some((id) => ids.has(id));
}

export function projectKey(text: string): string {
  return singularNameKey(text);
}

/**
 * The statements that are compared. With a canonical mapping, all of them: a statement is checked
 * only when it names a canonical concept anyway. Without one, the statements made in a mapping
 * context (a mapping table, a mapping list, a section about mappings), and a statement in running
 * text only when it maps a Kubernetes concept or a project concept that one of those maps too —
 * so that "Validation Gates → Admission Controllers" in a factor is held to the mapping table,
 * while "kubelet -> rktlet" in meeting notes, which no mapping mentions, is not a mapping at all.
 */
export function comparedStatements<T extends MappingStatement>(
  statements: readonly T[],
  canonical: readonly CanonicalEntry[],
  vocabulary: ConceptVocabulary,
): T[] {
  if (canonical.length > 0) return [...statements];
  const mapped = statements.filter((statement) => statement.inMappingContext);
  const kubernetesConcepts = new Set(mapped.map((statement) => kubernetesKey(statement.kubernetes.text, vocabulary)));
  const projectConcepts = new Set(mapped.map((statement) => projectKey(statement.project.text)));
  return statements.filter(
    (statement) =>
      statement.inMappingContext ||
      kubernetesConcepts.has(kubernetesKey(statement.kubernetes.text, vocabulary)) ||
      projectConcepts.has(projectKey(statement.project.text)),
  );
}

/** The statements that disagree, with the statement or canonical entry they disagree with. */
export function mappingFindings(
  statements: readonly LocatedStatement[],
  canonical: readonly CanonicalEntry[],
  vocabulary: ConceptVocabulary,
): MappingFinding[] {
  return canonical.length > 0
    ? againstCanonical(statements, canonical, vocabulary)
    : againstEachOther(statements, vocabulary);
}

/**
 * A statement contradicts the canonical mapping when its Kubernetes side names the same concepts
 * as a canonical entry and maps them elsewhere, or when its project side is a canonical one and
 * its Kubernetes side names none of the concepts that entry names ("Audit Logs → etcd" against
 * "API server logs, events").
 */
function againstCanonical(
  statements: readonly LocatedStatement[],
  canonical: readonly CanonicalEntry[],
  vocabulary: ConceptVocabulary,
): MappingFinding[] {
  const findings: MappingFinding[] = [];
  const sameKubernetes = (a: string, b: string): boolean =>
    sameName(a, b) || kubernetesKey(a, vocabulary) === kubernetesKey(b, vocabulary);
  for (const statement of statements) {
    const byKubernetes = canonical.find((entry) =>
      entry.kubernetes.some((name) => sameKubernetes(name, statement.kubernetes.text)),
    );
    const byProject = canonical.find((entry) => entry.project.some((name) => sameName(name, statement.project.text)));
    if (byKubernetes) {
      if (!byKubernetes.project.some((name) => sameName(name, statement.project.text)))
        findings.push({ kind: 'contradictsKubernetes', statement, expected: byKubernetes.project[0]! });
    } else if (
      byProject &&
      !byProject.kubernetes.some((name) => shareKubernetesConcept(name, statement.kubernetes.text, vocabulary))
    ) {
      findings.push({ kind: 'contradictsProject', statement, expected: byProject.kubernetes[0]! });
    }
  }
  return findings;
}

/**
 * How much a set of statements that say the same thing weighs: how many they are, then how many
 * name real Kubernetes concepts, then how many were made in a section about mappings (the
 * repository's mapping page), then in a mapping context (a table, a mapping list) rather than
 * running text. A typo ("Schedulator") or a sentence that only reads like
 * a mapping does not outvote a mapping table.
 */
function standing(list: readonly LocatedStatement[], vocabulary: ConceptVocabulary): number[] {
  return [
    list.length,
    list.filter((statement) => sideConcepts(statement.kubernetes.text, vocabulary).length > 0).length,
    list.filter((statement) => statement.inMappingSection).length,
    list.filter((statement) => statement.inMappingContext).length,
  ];
}

function outweighs(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * The statements of a group that agree with each other: those whose values share one, directly or
 * through another ("Pods", "Pod scheduling to Nodes" and "Nodes" agree; "kube-proxy" stands apart).
 */
function agreeing(
  group: readonly LocatedStatement[],
  valuesOf: (statement: LocatedStatement) => readonly string[],
): LocatedStatement[][] {
  const clusters: { values: Set<string>; list: LocatedStatement[] }[] = [];
  for (const statement of group) {
    const values = valuesOf(statement);
    const joined = clusters.filter((cluster) => values.some((value) => cluster.values.has(value)));
    const merged = {
      values: new Set([...values, ...joined.flatMap((cluster) => [...cluster.values])]),
      list: [...joined.flatMap((cluster) => cluster.list), statement],
    };
    for (const cluster of joined) clusters.splice(clusters.indexOf(cluster), 1);
    clusters.push(merged);
  }
  // In source order within a cluster, as the statements came.
  return clusters.map((cluster) => group.filter((statement) => cluster.list.includes(statement)));
}

/**
 * Groups statements by one side and reports those that disagree with the majority on the other
 * side (values that share nothing; by standing: count, then mapping context, then real
 * concepts); when no other side outweighs the rest, every statement of the group is reported.
 */
function conflicts(
  statements: readonly LocatedStatement[],
  groupKey: (statement: LocatedStatement) => string,
  valuesOf: (statement: LocatedStatement) => readonly string[],
  vocabulary: ConceptVocabulary,
): { statement: LocatedStatement; other: LocatedStatement }[] {
  const groups = new Map<string, LocatedStatement[]>();
  for (const statement of statements)
    groups.set(groupKey(statement), [...(groups.get(groupKey(statement)) ?? []), statement]);
  const result: { statement: LocatedStatement; other: LocatedStatement }[] = [];
  for (const group of groups.values()) {
    const clusters = agreeing(group, valuesOf);
    if (clusters.length < 2) continue;
    const ranked = clusters
      .map((list) => ({ list, weight: standing(list, vocabulary) }))
      .sort((a, b) => outweighs(b.weight, a.weight));
    const majority = outweighs(ranked[0]!.weight, ranked[1]!.weight) > 0 ? ranked[0]!.list : undefined;
    for (const statement of group) {
      if (majority?.includes(statement)) continue;
      const other = majority?.[0] ?? ranked.find(({ list }) => !list.includes(statement))!.list[0]!;
      result.push({ statement, other });
    }
  }
  return result;
}

/**
 * Without a canonical mapping: the same Kubernetes concepts mapped to different project
 * concepts, or the same project concept mapped from Kubernetes sides that share no concept.
 */
function againstEachOther(statements: readonly LocatedStatement[], vocabulary: ConceptVocabulary): MappingFinding[] {
  const kubernetesOf = (statement: LocatedStatement): string => kubernetesKey(statement.kubernetes.text, vocabulary);
  const projectOf = (statement: LocatedStatement): string => projectKey(statement.project.text);
  const findings: MappingFinding[] = conflicts(
    statements,
    kubernetesOf,
    (statement) => [projectOf(statement)],
    vocabulary,
  ).map(({ statement, other }) => ({
    kind: 'conflictsKubernetes',
    statement,
    other,
  }));
  const reported = new Set(findings.map((finding) => finding.statement));
  for (const { statement, other } of conflicts(
    statements,
    projectOf,
    (statement) => kubernetesIds(statement.kubernetes.text, vocabulary),
    vocabulary,
  )) {
    if (!reported.has(statement)) findings.push({ kind: 'conflictsProject', statement, other });
  }
  return findings;
}

/** How mapping-consistency reports a finding (message id, data, where), also used by the report. */
export function findingReport(finding: MappingFinding): {
  messageId: MappingFinding['kind'];
  data: Record<string, string>;
  at: { start: number; end: number };
} {
  const { statement } = finding;
  const where = (other: LocatedStatement): string =>
    other.file === statement.file ? `line ${other.line}` : `${other.file}:${other.line}`;
  const kubernetes = statement.kubernetes.text;
  const project = statement.project.text;
  switch (finding.kind) {
    case 'contradictsKubernetes':
      return {
        messageId: finding.kind,
        data: { kubernetes, expected: finding.expected, found: project },
        at: statement.project,
      };
    case 'contradictsProject':
      return {
        messageId: finding.kind,
        data: { project, expected: finding.expected, found: kubernetes },
        at: statement.kubernetes,
      };
    case 'conflictsKubernetes':
      return {
        messageId: finding.kind,
        data: { kubernetes, found: project, other: finding.other.project.text, where: where(finding.other) },
        at: statement.project,
      };
    case 'conflictsProject':
      return {
        messageId: finding.kind,
        data: { project, found: kubernetes, other: finding.other.kubernetes.text, where: where(finding.other) },
        at: statement.kubernetes,
      };
  }
}
