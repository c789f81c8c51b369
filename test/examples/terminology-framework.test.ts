/**
 * Acceptance test of the terminology family on a framework repository with planted errors
 * (fixtures/terminology-framework): every planted error is found at its line and column, none of
 * the precision cases is reported, --fix repairs the fixable ones, a second run finds nothing
 * more to fix, and both reports describe the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const FIXTURE = new URL('../../fixtures/terminology-framework/', import.meta.url);
/** Files of kubernetes/community: documentation about Kubernetes that holds no mapping at all. */
const COMMUNITY_FIXTURE = new URL('../../fixtures/kubernetes-community/', import.meta.url);

function fixtureFiles(directory = FIXTURE.pathname, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(directory)) {
    const absolute = path.join(directory, name);
    if (statSync(absolute).isDirectory()) Object.assign(files, fixtureFiles(absolute, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(absolute, 'utf8');
  }
  return files;
}

type Row = [file: string, line: number, column: number, ruleId: string, messageId: string];

const PLANTED_FIXABLE: Row[] = [
  ['README.md', 3, 50, 'terminology', 'wrong'], // kubernetes
  ['README.md', 11, 16, 'terminology', 'wrong'], // ArgoCD
  ['README.md', 11, 32, 'terminology', 'wrong'], // K8S
  ['README.md', 11, 66, 'terminology', 'wrong'], // Kubectl mid-sentence
  ['README.md', 12, 47, 'terminology', 'wrong'], // Configmap
  ['README.md', 16, 1, 'deprecated-phrases', 'replaced'], // Shift-Left Validation
  ['README.md', 16, 61, 'terminology', 'wrong'], // Agent Ops (project term)
  ['docs/windows.md', 3, 8, 'terminology', 'wrong'], // kubernetes, CRLF file
  ['factors/02-validation-gates.md', 12, 5, 'terminology', 'deprecated'], // master nodes
  ['foundations/kubernetes-mappings.md', 20, 81, 'term-consistency', 'preferred'], // k8s among K8s
];

const PLANTED_UNFIXABLE: Row[] = [
  ['README.md', 4, 1, 'deprecated-phrases', 'retired'], // DevOps for Vibe-Coding
  ['README.md', 4, 43, 'deprecated-phrases', 'retired'], // coding agents only
  ['README.md', 12, 8, 'terminology', 'reword'], // Kubectl opening a sentence
  ['factors/02-validation-gates.md', 10, 20, 'mapping-consistency', 'contradictsProject'], // Validation Gates → Admission Controllers
  ['foundations/kubernetes-mappings.md', 18, 3, 'k8s-concepts', 'unknown'], // Sidecar Injector
  ['patterns/sessions.md', 4, 57, 'mapping-consistency', 'contradictsKubernetes'], // a Pod is like a Task Run
  ['patterns/sessions.md', 6, 1, 'terminology', 'legacy'], // PodSecurityPolicy
];

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  fix?: unknown;
}

async function lintJson(root: string, extra: string[] = []): Promise<JsonDiagnostic[]> {
  const result = await runCli(['--format', 'json', ...extra], { cwd: root });
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

const rows = (diagnostics: JsonDiagnostic[]): Row[] =>
  diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId, d.messageId]);
const sorted = (list: Row[]): Row[] =>
  [...list].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2]);

describe('terminology framework fixture', () => {
  it('finds every planted error at its line and column, and nothing in the precision cases', async () => {
    const diagnostics = await lintJson(tempProject(fixtureFiles()));
    expect(rows(diagnostics)).toEqual(sorted([...PLANTED_FIXABLE, ...PLANTED_UNFIXABLE]));
    expect(diagnostics.filter((d) => d.fix).map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(
      sorted(PLANTED_FIXABLE).map(([file, line, column]) => `${file}:${line}:${column}`),
    );
    expect(
      diagnostics.some(
        (d) => d.file === 'docs/precision.md' || d.file.startsWith('_archived/') || d.file.startsWith('docs/plans/'),
      ),
    ).toBe(false);
  });

  it('--fix repairs the fixable errors, keeps the rest of the text, and a second run has nothing left to fix', async () => {
    const original = fixtureFiles();
    const root = tempProject(original);
    await runCli(['--fix'], { cwd: root });
    const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
    expect(read('README.md')).toBe(
      original['README.md']!.replace('the way kubernetes runs', 'the way Kubernetes runs')
        .replace(
          'with ArgoCD to every K8S cluster and inspect them with Kubectl',
          'with Argo CD to every K8s cluster and inspect them with kubectl',
        )
        .replace('A Configmap', 'A ConfigMap')
        .replace('Shift-Left Validation will keep', 'Validation gates will keep')
        .replace('Agent Ops teams', 'AgentOps teams'),
    );
    expect(read('docs/windows.md')).toBe('# Windows notes\r\n\r\nWe run Kubernetes on Windows nodes too.\r\n');
    expect(read('factors/02-validation-gates.md')).toBe(
      original['factors/02-validation-gates.md']!.replace('Our master nodes', 'Our control plane nodes'),
    );
    expect(read('foundations/kubernetes-mappings.md')).toBe(
      original['foundations/kubernetes-mappings.md']!.replace('and k8s veterans', 'and K8s veterans'),
    );
    for (const file of [
      'docs/precision.md',
      'patterns/sessions.md',
      '_archived/factors-v1/MAPPING.md',
      'docs/plans/roadmap.md',
    ])
      expect(read(file)).toBe(original[file]);
    const second = await lintJson(root);
    expect(second.filter((d) => d.fix)).toEqual([]);
    expect(rows(second)).toEqual(sorted(PLANTED_UNFIXABLE));
  });

  it('terms report: every term with its spellings, counts and files', async () => {
    const root = tempProject(fixtureFiles());
    const table = await runCli(['terms'], { cwd: root });
    expect(table.exitCode).toBe(0);
    expect(table.stdout.split('\n').slice(0, 6).join('\n')).toBe(
      [
        'Term                Form               Status    Count  Compared  Files',
        'Kubernetes          Kubernetes         right     7      3         README.md (1), docs/precision.md (4), foundations/kubernetes-mappings.md (2)',
        '                    kubernetes         wrong     2      0         README.md (1), docs/windows.md (1)',
        'K8s                 K8s                right     3      2         docs/precision.md (1), foundations/kubernetes-mappings.md (2)',
        '                    k8s                accepted  1      1         foundations/kubernetes-mappings.md (1)',
        '                    K8S                wrong     1      0         README.md (1)',
      ].join('\n'),
    );
    expect(table.stdout).toContain('\n13 terms in 8 files; 10 wrong or legacy spellings.\n');
    const json = JSON.parse((await runCli(['terms', '--format', 'json'], { cwd: root })).stdout) as {
      filesChecked: number;
      terms: { term: string; forms: { form: string; status: string; files: { file: string; lines: number[] }[] }[] }[];
    };
    expect(json.filesChecked).toBe(8);
    const argo = json.terms.find((term) => term.term === 'Argo CD')!;
    expect(argo.forms).toEqual([
      {
        form: 'Argo CD',
        status: 'right',
        count: 1,
        compared: 1,
        files: [{ file: 'docs/precision.md', count: 1, lines: [40] }],
      },
      { form: 'ArgoCD', status: 'wrong', count: 1, compared: 0, files: [{ file: 'README.md', count: 1, lines: [11] }] },
    ]);
    const markdown = (await runCli(['terms', '--format', 'markdown'], { cwd: root })).stdout;
    expect(markdown).toContain(
      '| **Kubernetes** | Kubernetes | right | 7 | 3 | README.md (1), docs/precision.md (4), foundations/kubernetes-mappings.md (2) |\n|  | kubernetes | **wrong** | 2 | 0 |',
    );
  });

  it('mappings report: statements grouped by Kubernetes concept, conflicts and unknown concepts marked', async () => {
    const root = tempProject(fixtureFiles());
    const table = await runCli(['mappings'], { cwd: root });
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toBe(
      [
        'Kubernetes concept       Written as             Project concept             Where                                  Problem',
        'admission controller     Admission Controllers  Validation Gates            factors/02-validation-gates.md:10      conflict: "Validation Gates" is the counterpart of Controller Manager in the canonical mapping, not of "Admission Controllers".',
        'API server               API server             Natural Language Interface  foundations/kubernetes-mappings.md:7',
        'Container                Containers             Agent Sessions              foundations/kubernetes-mappings.md:15',
        '                         containers             Sessions                    patterns/sessions.md:3',
        'etcd                     etcd                   Git + Codex                 foundations/kubernetes-mappings.md:10',
        'Image                    Images                 Validated Examples          foundations/kubernetes-mappings.md:16',
        'kube-controller-manager  Controller Manager     Validation Gates            foundations/kubernetes-mappings.md:9',
        'kube-scheduler           Scheduler              Intelligent Router          foundations/kubernetes-mappings.md:8',
        'Pod                      Pods                   Workflows                   foundations/kubernetes-mappings.md:14',
        '                         Pods                   Workflows                   patterns/sessions.md:4',
        '                         Pod                    Task Run                    patterns/sessions.md:4                 conflict: Pod maps to "Workflows" in the canonical mapping, not to "Task Run".',
        'Sidecar Injector         Sidecar Injector       Prompt Enricher             foundations/kubernetes-mappings.md:18  not a Kubernetes concept (nearest: Sidecar Container)',
        'Volume                   Volumes                Context Bundles             foundations/kubernetes-mappings.md:17',
        '',
        '13 mapping statements about 10 Kubernetes concepts in 6 files, checked against the canonical mapping: 2 conflicts, 1 unknown concept.',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli(['mappings', '-f', 'json'], { cwd: root })).stdout) as {
      statements: number;
      conflicts: number;
      unknownConcepts: number;
      concepts: { concept: string; known: boolean; nearest: string[] }[];
    };
    expect([json.statements, json.conflicts, json.unknownConcepts]).toEqual([13, 2, 1]);
    expect(json.concepts.find((concept) => !concept.known)).toEqual(
      expect.objectContaining({ concept: 'Sidecar Injector', nearest: ['Sidecar Container'] }),
    );
    const markdown = (await runCli(['mappings', '-f', 'markdown'], { cwd: root })).stdout;
    expect(markdown).toContain(
      '| **Sidecar Injector** | Sidecar Injector | Prompt Enricher | `foundations/kubernetes-mappings.md:18` | ⚠️ not a Kubernetes concept (nearest: Sidecar Container) |',
    );
  });

  it('report commands take paths and reject unknown formats', async () => {
    const root = tempProject(fixtureFiles());
    const one = await runCli(['mappings', 'factors'], { cwd: root });
    expect(one.stdout).toContain('1 mapping statement about 1 Kubernetes concept in 1 file');
    const bad = await runCli(['terms', '--format', 'xml'], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain("argument 'xml' is invalid");
  });
});

describe('kubernetes-community fixture', () => {
  it('prose, a catalogue table, meeting notes and data flows are not mapping statements', async () => {
    const root = tempProject({
      ...fixtureFiles(COMMUNITY_FIXTURE.pathname),
      'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
    });
    const diagnostics = await lintJson(root);
    expect(diagnostics.filter((d) => d.ruleId === 'mapping-consistency' || d.ruleId === 'k8s-concepts')).toEqual([]);
    const report = await runCli(['mappings'], { cwd: root });
    expect(report.stdout).toBe(
      'No mapping statements found. 0 mapping statements about 0 Kubernetes concepts in 6 files, checked against each other: 0 conflicts, 0 unknown concepts.\n',
    );
  });
});
