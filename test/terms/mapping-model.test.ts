/**
 * The mapping model of issue 21, one decision at a time: what a side names (concepts.ts), what a
 * pair is (classifyPair), what a Kubernetes side stands for (sideConcepts), which tables hold
 * values rather than counterparts, and which statements conflict (mapping-check.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { kubernetesConcepts, type NamedConcepts } from '../../src/terms/concepts.js';
import {
  canonicalEntries,
  kubernetesIds,
  mappingFindings,
  type LocatedStatement,
} from '../../src/terms/mapping-check.js';
import { classifyPair, findMappings, sideConcepts, type SideReading } from '../../src/terms/mapping-statements.js';

const vocabulary = kubernetesConcepts();
const named = (phrase: string): [string[], NamedConcepts['level']] => {
  const result = vocabulary.namedConcepts(phrase);
  return [result.names, result.level];
};
const statements = (markdown: string) =>
  findMappings(parseMarkdown(markdown), markdown, { vocabulary }).statements.map((statement) => [
    statement.kubernetes.text,
    statement.project.text,
  ]);

describe('what a side names', () => {
  it('a concept, in any case and number, or a list of concepts, is one', () => {
    expect(named('Pods')).toEqual([['Pod'], 'concept']);
    expect(named('kube-apiserver')).toEqual([['API server'], 'concept']);
    expect(named('API server logs, events')).toEqual([['API server', 'Event'], 'concept']);
  });

  it('an identifier rooted at a concept, or a concept and its attribute, is that concept', () => {
    expect(named('PodIP')).toEqual([['Pod'], 'concept']);
    expect(named('`ReplicaSet.spec.template`')).toEqual([['ReplicaSet'], 'concept']);
    expect(named('Pod IP')).toEqual([['Pod'], 'concept']);
    expect(named('node name')).toEqual([['node'], 'concept']);
  });

  it('a longer phrase mentions every concept it holds, several per phrase', () => {
    expect(named('Pod scheduling to Nodes')).toEqual([['Pod', 'node'], 'mentions']);
    expect(named('an admission webhook that can reject a request')).toEqual([['admission webhook'], 'mentions']);
    expect(named('Tool endpoints')).toEqual([['Endpoints'], 'mentions']);
  });

  it('a project name names nothing', () => {
    expect(named('Audit Logs')).toEqual([[], 'none']);
    expect(named('Process Scheduling')).toEqual([[], 'none']);
    expect(named('AgentOps')).toEqual([[], 'none']);
  });
});

describe('what a Kubernetes side stands for', () => {
  it('the concepts it is or describes; an invented name that borrows a word stands for none', () => {
    expect(sideConcepts('Pod scheduling to Nodes', vocabulary)).toEqual(['Pod', 'node']);
    expect(sideConcepts('API server logs, events', vocabulary)).toEqual(['API server', 'Event']);
    expect(sideConcepts('Pod Manager', vocabulary)).toEqual([]);
    expect(sideConcepts('Sidecar Injector', vocabulary)).toEqual([]);
    expect(kubernetesIds('Pod Manager', vocabulary)).toEqual(['podmanager']);
    expect(kubernetesIds('Pod scheduling to Nodes', vocabulary)).toEqual(['node', 'pod']);
  });
});

describe('what a pair is', () => {
  const side = (level: NamedConcepts['level'], extra: Partial<SideReading> = {}): SideReading => ({
    named: { names: level === 'none' ? [] : ['Pod'], level, strong: level !== 'none' },
    canonicalKubernetes: false,
    canonicalProject: false,
    ...extra,
  });

  it('a mapping: one side Kubernetes, the other not, or a concept against a name that only mentions one', () => {
    expect(classifyPair(side('concept'), side('none'))).toEqual({ kind: 'mapping', kubernetes: 'left', strong: true });
    expect(classifyPair(side('none'), side('mentions'))).toEqual({
      kind: 'mapping',
      kubernetes: 'right',
      strong: true,
    });
    expect(classifyPair(side('concept'), side('mentions'))).toEqual({
      kind: 'mapping',
      kubernetes: 'left',
      strong: true,
    });
  });

  it('Kubernetes to Kubernetes (relations, lookups), and pairs that name no Kubernetes, are not mappings', () => {
    expect(classifyPair(side('concept'), side('concept'))).toEqual({ kind: 'within-kubernetes' });
    expect(classifyPair(side('none'), side('none'))).toEqual({ kind: 'no-kubernetes' });
    expect(classifyPair(side('mentions'), side('mentions'))).toEqual({ kind: 'both-mention' });
  });

  it('a canonical name decides, whatever words it shares with Kubernetes', () => {
    expect(classifyPair(side('concept', { canonicalProject: true }), side('none'))).toEqual({
      kind: 'mapping',
      kubernetes: 'right',
      strong: true,
    });
    expect(classifyPair(side('concept'), side('concept', { canonicalProject: true }))).toEqual({
      kind: 'mapping',
      kubernetes: 'left',
      strong: true,
    });
  });
});

describe('statements found (false positives of issue 21 and the misses)', () => {
  it('a lookup between two Kubernetes things is no mapping: "map PodIP -> Node" (kubernetes/enhancements)', () => {
    expect(
      statements(
        'In order to handle headless services, the DNS server needs to know the node corresponding to the client IP address - i.e, it needs to map PodIP -> Node.\n',
      ),
    ).toEqual([]);
  });

  it('an arrow between Kubernetes things is no mapping: "`ReplicaSet.spec.template` -> `Pod` pattern"', () => {
    expect(statements('It follows the existing `ReplicaSet.spec.template` -> `Pod` pattern.\n')).toEqual([]);
  });

  it('a table of values (field paths, expressions, n/a) per Kubernetes level is no mapping table: the memory-QoS table of KEP 2570', () => {
    const table = (memoryMin: string): string =>
      `Brief map as follows:\n| type | memory.min | memory.high |\n| -------- | -------- | -------- |\n| container | requests.memory | limits.memory/node allocatable memory * memory throttling factor |\n| pod | sum(requests.memory) | N/A |\n| node | ${memoryMin} | N/A |\n`;
    expect(statements(table('pods, kube-reserved, system-reserved'))).toEqual([]);
    expect(statements(table('n/a'))).toEqual([]);
  });

  it('an arrow inside a sentence annotates the name before it, and the sentence goes on with a place', () => {
    expect(statements('On Kubernetes, the scheduler places Pods → Agents across nodes.\n')).toEqual([
      ['Pods', 'Agents'],
    ]);
    // A clause after the name is still no name: "Moving to tasks", "known by the Master".
    expect(
      statements('Pods → Moving in progress.\n\nEach pod corresponds to a given HollowNode known by the Master.\n'),
    ).toEqual([]);
  });

  it('a row that describes is read for what it names', () => {
    expect(
      statements(
        '| Agent framework | Kubernetes |\n| --- | --- |\n| Process Scheduling | Pod scheduling to Nodes |\n| Audit Logs | API server logs, events |\n',
      ),
    ).toEqual([
      ['Pod scheduling to Nodes', 'Process Scheduling'],
      ['API server logs, events', 'Audit Logs'],
    ]);
  });

  it('a row of a Kubernetes-headed table whose other cell is a Kubernetes concept relates Kubernetes to itself', () => {
    expect(
      statements('| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| Deployment | ReplicaSet |\n'),
    ).toEqual([['Pods', 'Workflows']]);
  });
});

describe('which statements conflict', () => {
  let line = 0;
  const statement = (kubernetes: string, project: string, file = 'a.md'): LocatedStatement => ({
    kubernetes: { text: kubernetes, start: 0, end: kubernetes.length },
    project: { text: project, start: 0, end: project.length },
    source: 'table',
    inMappingContext: true,
    file,
    line: ++line,
  });
  const kinds = (
    list: LocatedStatement[],
    canonical: { kubernetes: string | string[]; project: string | string[] }[] = [],
  ) =>
    mappingFindings(list, canonicalEntries(canonical), vocabulary).map((finding) => [
      finding.kind,
      finding.statement.kubernetes.text,
      finding.statement.project.text,
    ]);

  it('the same project concept from Kubernetes sides that share a concept agrees; from disjoint ones conflicts', () => {
    const canonical = [
      statement('Pod scheduling to Nodes', 'Process Scheduling', 'map.md'),
      statement('Pod scheduling to Nodes', 'Process Scheduling', 'other.md'),
    ];
    expect(kinds([...canonical, statement('Nodes', 'Process Scheduling')])).toEqual([]);
    expect(kinds([...canonical, statement('kube-proxy', 'Process Scheduling')])).toEqual([
      ['conflictsProject', 'kube-proxy', 'Process Scheduling'],
    ]);
  });

  it('the same Kubernetes concepts mapped to different project concepts conflict', () => {
    expect(
      kinds([
        statement('Pods', 'Workflows'),
        statement('Pods', 'Workflows', 'b.md'),
        statement('pod', 'Agents', 'c.md'),
      ]),
    ).toEqual([['conflictsKubernetes', 'pod', 'Agents']]);
  });

  it('against a canonical mapping: a project concept from Kubernetes sides that share no concept with its entry', () => {
    const canonical = [{ kubernetes: 'API server logs, events', project: 'Audit Logs' }];
    expect(kinds([statement('Events', 'Audit Logs')], canonical)).toEqual([]);
    expect(kinds([statement('etcd', 'Audit Logs')], canonical)).toEqual([['contradictsProject', 'etcd', 'Audit Logs']]);
  });
});
