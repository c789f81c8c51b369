import { readFileSync } from 'node:fs';
import rule from '../../rules/k8s-concepts.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/k8s-concepts/${name}`, import.meta.url), 'utf8');
const communityFixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/kubernetes-community/${name}`, import.meta.url), 'utf8');

runRuleTests(rule, {
  valid: [
    {
      name: 'issue 21: a cell that lists real concepts in words ("API server logs, events") or describes with them names them',
      code: '| Agent framework | Kubernetes |\n| --- | --- |\n| Audit Logs | API server logs, events |\n| Process Scheduling | Pod scheduling to Nodes |\n| Human Approval | an admission webhook that can reject a request |\n',
    },
    {
      name: 'issue 21: lookups and Kubernetes-to-Kubernetes arrows in KEPs are not mappings',
      code: 'It needs to map PodIP -> Node. The controller follows the `ReplicaSet.spec.template` -> `Pod` pattern.\n',
    },
    {
      name: 'real concepts in plural, other case, with qualifiers and in code',
      code: '| K8s | Ours |\n| --- | --- |\n| pods | Workflows |\n| API Server | Front Door |\n| Kubernetes Secrets | Vault |\n| `ConfigMap` | Settings |\n| the ConfigMap object | Prompt File |\n| Controller Manager (kube-controller-manager) | Gates |\n| Pods / Containers | Runs |\n',
    },
    { name: 'the project side is not checked', code: '- Pods → Some Invented Thing\n- etcd → Git\n' },
    {
      name: "the project's own vocabulary",
      code: '| Kubernetes | Ours |\n| --- | --- |\n| Pods | Workflows |\n| Sidecar Injector | Prompt Enricher |\n',
      options: { vocabulary: ['Sidecar Injector'] },
    },
    { name: 'analogy chains and process flows', code: 'Docker/rkt → Kubernetes → Helm, and Draft → Review → Merge.\n' },
    {
      name: 'not a mapping table: descriptions, not names',
      code: '| Kubernetes | Notes |\n| --- | --- |\n| yes | It runs pods. It also runs jobs. |\n',
    },
    {
      name: 'an arrow pair with no concept on its own is not a mapping',
      code: 'Sidecar Injector → Prompt Enricher.\n',
    },
    {
      name: 'kubernetes-community: a data flow and meeting notes are not mappings',
      code: {
        'sig-auth/archive/meeting-notes-2017.md': communityFixture('sig-auth/archive/meeting-notes-2017.md'),
        'events/0300-0345_CODEORGANIZATION.md': communityFixture(
          'events/2017/05-leadership-summit/session-notes/0300-0345_CODEORGANIZATION.md',
        ),
      },
    },
    {
      name: 'outside a mapping context, a pair takes no direction from its neighbours',
      code: 'Pods → Workflows, Containers → Sessions, Sidecar Injector → Prompt Enricher.\n',
    },
    {
      name: 'a catalogue table is not a mapping table',
      code: '| Kind | Type |\n| --- | --- |\n| Pod | Labeled |\n| Pod | Unlabeled |\n| Sidecar Injector | Labeled |\n',
    },
    {
      name: 'two-way arrows are not mappings',
      code: '## Mappings\n\n- Pods → Workflows\n- Containers → Sessions\n- Sidecar Injector <-> Prompt Enricher\n',
    },
    {
      name: 'pattern 8: a Kubernetes cell that describes real features in words invents nothing',
      code: '| Kubernetes | Agent framework |\n| --- | --- |\n| Pods | Agent runs |\n| scheduling Pods onto nodes by their requests | choosing a model by the size of the prompt |\n| restarting failed containers | retrying a failed tool call |\n',
    },
    {
      name: 'a header that uses Kubernetes as a qualifier ("Kubernetes Slack ID") or an attribute column is no mapping table',
      code: '| Name | Kubernetes Slack ID | Region |\n| --- | --- | --- |\n| Bob Killen | @mrbobbytables | Americas |\n| Carlos Panato | @cpanato | EMEA |\n\n| Kubernetes object | Scope | Namespaced |\n| --- | --- | --- |\n| Pods | namespace | yes |\n| Nodes | cluster | no |\n| Prompt Caches | namespace | yes |\n',
    },
    {
      name: "pattern 9: the Kubernetes side of the canonical mapping is the user's decision",
      code: '| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| Sidecar Injector | Prompt Enricher |\n',
      setup: {
        rules: {
          'mapping-consistency': [
            'error',
            { mapping: [{ kubernetes: 'Sidecar Injector', project: 'Prompt Enricher' }] },
          ],
        },
      },
    },
    {
      name: 'pattern 1: a record names what its authors thought then',
      code: {
        'notes/meeting-notes.md':
          '# Meeting notes\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| K8s Router | Model router |\n',
      },
    },
  ],
  invalid: [
    {
      name: 'issue 21: a name that only borrows a concept word is no concept; a description that names none is not checked',
      code: '| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| Pod Manager | Session Manager |\n| Audit Trail | Logs |\n| shown to the user later on | Traces |\n',
      errors: [
        {
          messageId: 'unknown',
          line: 4,
          column: 3,
          endColumn: 14,
          message:
            '"Pod Manager" is mapped as a Kubernetes concept, but Kubernetes has no such concept (glossary, components, API kinds).',
        },
        { messageId: 'unknown', line: 5, column: 3, endColumn: 14 },
      ],
    },
    {
      name: 'fixture: table rows and list items whose Kubernetes side is not a concept',
      code: { 'mappings.md': fixture('mappings.md') },
      errors: [
        {
          file: 'mappings.md',
          messageId: 'unknown',
          line: 8,
          column: 3,
          endColumn: 19,
          suggestion: 'Nearest: "Sidecar Container".',
        },
        {
          file: 'mappings.md',
          messageId: 'unknown',
          line: 15,
          column: 3,
          message: '"Kubelete" is mapped as a Kubernetes concept',
          suggestion: 'Nearest: "kubelet".',
        },
        { file: 'mappings.md', messageId: 'unknown', line: 16, column: 3 },
      ],
    },
    {
      name: 'in a section about mappings, a pair takes the direction of its neighbours',
      code: '## Kubernetes mappings\n\nPods → Workflows, Containers → Sessions, Sidecar Injector → Prompt Enricher.\n',
      errors: [{ messageId: 'unknown', line: 3, column: 42, endColumn: 58 }],
    },
    {
      name: 'a list of mappings after a lead-in',
      code: 'The analogy, item by item:\n\n1. Pods → Workflows\n2. Containers → Sessions\n3. Sidecar Injector → Prompt Enricher\n',
      errors: [{ messageId: 'unknown', line: 5, column: 4 }],
    },
    {
      name: 'every row of a Kubernetes-headed table is checked: the worse the table, the more is reported',
      code: '| K8s | AgentOps |\n| --- | --- |\n| K8s Router | Intelligent Router |\n| Pod Manager | Session Manager |\n| Prompt Cache Controller | Context Cache |\n| Pods | Workflows |\n',
      errors: [
        {
          messageId: 'unknown',
          line: 3,
          column: 3,
          endColumn: 13,
          message: '"K8s Router" is mapped as a Kubernetes concept',
        },
        { messageId: 'unknown', line: 4, column: 3, message: '"Pod Manager" is mapped as a Kubernetes concept' },
        {
          messageId: 'unknown',
          line: 5,
          column: 3,
          message: '"Prompt Cache Controller" is mapped as a Kubernetes concept',
        },
      ],
    },
    {
      name: 'a row whose other cell is a description is still checked (once dropped silently)',
      code: '| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| Prompt Injector | adds the system prompt to each session |\n',
      errors: [{ messageId: 'unknown', line: 4, column: 3, endColumn: 18 }],
    },
    {
      name: 'reversed arrows in a list, CRLF',
      code: '## Mapping to Kubernetes\r\n\r\n- Workflows → Pods\r\n- Gates → Admission Controllers\r\n- Planner → Schedulator\r\n',
      errors: [{ messageId: 'unknown', line: 5, column: 13, suggestion: 'Nearest: "scheduler (kube-scheduler)".' }],
    },
  ],
});
