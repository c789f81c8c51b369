import { readFileSync } from 'node:fs';
import rule from '../../rules/mapping-consistency.js';
import { runRuleTests } from '../rule-tester.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rules/mapping-consistency/${name}`, import.meta.url), 'utf8');
const project = Object.fromEntries(['foundations/kubernetes-mappings.md', 'factors/02-validation-gates.md', 'patterns/sessions.md', 'docs/history.md'].map((file) => [file, fixture(file)]));
const mapping = [
  { kubernetes: 'Controller Manager', project: 'Validation Gates' },
  { kubernetes: ['Containers'], project: ['Agent Sessions', 'Sessions'] },
  { kubernetes: 'Pods', project: 'Workflows' },
  { kubernetes: 'API Server', project: 'Natural Language Interface' },
];

runRuleTests(rule, {
  valid: [
    { name: 'documents that agree', code: { 'a.md': '| Kubernetes | Ours |\n| --- | --- |\n| Pods | Workflows |\n| etcd | Git |\n', 'b.md': 'Pods are like workflows, and etcd → Git.\n' } },
    { name: 'analogies, process flows and Kubernetes-internal chains are not mappings', code: { 'history.md': fixture('docs/history.md'), 'a.md': '- Pods → Tasks\n' } },
    { name: 'arrows in code are not mappings', code: { 'a.md': 'Pods → Workflows.\n', 'b.md': '```text\nPods → Tasks\n```\n\nRun `Pods → Tasks`.\n' } },
    {
      name: 'canonical mapping with aliases, plurals and Kubernetes synonyms',
      code: { 'a.md': '- kube-apiserver → Natural Language Interface\n- Container → Sessions\n- Pod → Workflow\n\nThe Controller Manager maps to validation gates.\n' },
      options: { mapping },
    },
    { name: 'with a canonical mapping, analogies without a canonical name are not checked', code: { 'a.md': 'Jobs → Tasks.\n', 'b.md': 'Jobs → Chores.\n' }, options: { mapping } },
    { name: 'a single weak concept without Kubernetes context is not a mapping', code: { 'a.md': 'The Scheduler → Router.\n', 'b.md': 'The Scheduler → Planner.\n' } },
    { name: 'mapping tables in an archive can be switched off', code: { 'a.md': 'Pods → Workflows.\n', '_archived/old.md': 'Pods → Jobs.\n' }, setup: { overrides: [{ files: ['_archived/**'], rules: { 'mapping-consistency': 'off' } }] } },
  ],
  invalid: [
    {
      name: 'fixture framework without a canonical mapping: documents checked against each other',
      code: project,
      errors: [
        { file: 'factors/02-validation-gates.md', messageId: 'conflictsProject', line: 4, column: 20, endColumn: 41, message: '"Validation Gates" is mapped from Admission Controllers here, but from Controller Manager in foundations/kubernetes-mappings.md:9.' },
        { file: 'foundations/kubernetes-mappings.md', messageId: 'conflictsProject', line: 9, column: 5, message: 'but from Admission Controllers in factors/02-validation-gates.md:4.' },
        { file: 'patterns/sessions.md', messageId: 'conflictsKubernetes', line: 6, column: 83, endColumn: 91, message: 'Pod is mapped to "Task Run" here, but to "Workflows" in foundations/kubernetes-mappings.md:14.' },
      ],
    },
    {
      name: 'fixture framework with a canonical mapping',
      code: project,
      options: { mapping },
      errors: [
        { file: 'factors/02-validation-gates.md', messageId: 'contradictsProject', line: 4, column: 20, message: '"Validation Gates" is the counterpart of Controller Manager in the canonical mapping, not of "Admission Controllers".' },
        { file: 'patterns/sessions.md', messageId: 'contradictsKubernetes', line: 6, column: 83, message: 'Pod maps to "Workflows" in the canonical mapping, not to "Task Run".' },
      ],
    },
    {
      name: 'two documents disagree; a third sides with one: only the minority is reported',
      code: { 'a.md': '- Pods → Workflows\n- etcd → Git\n', 'b.md': '(Pods → Workflows)\n', 'c.md': 'Here, Pods → Chores.\n' },
      errors: [{ file: 'c.md', messageId: 'conflictsKubernetes', line: 1, column: 14, message: 'Pods is mapped to "Chores" here, but to "Workflows" in a.md:1.' }],
    },
    {
      name: 'chained arrows, first-column table without a Kubernetes header, CRLF',
      code: {
        'a.md': '| Concept | Ours |\r\n| --- | --- |\r\n| ConfigMap | Settings File |\r\n| Secret | Vault |\r\n| Namespace | Workspace |\r\n',
        'b.md': 'A ConfigMap → Prompt File → Agent context.\r\n',
      },
      errors: [
        { file: 'a.md', messageId: 'conflictsKubernetes', line: 3, column: 15, message: 'ConfigMap is mapped to "Settings File" here, but to "Prompt File" in b.md:1.' },
        { file: 'b.md', messageId: 'conflictsKubernetes', line: 1, column: 15, message: 'ConfigMap is mapped to "Prompt File" here, but to "Settings File" in a.md:3.' },
      ],
    },
  ],
});
