import { readFileSync } from 'node:fs';
import rule from '../../rules/mapping-consistency.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/mapping-consistency/${name}`, import.meta.url), 'utf8');
const project = Object.fromEntries(
  [
    'foundations/kubernetes-mappings.md',
    'factors/02-validation-gates.md',
    'patterns/sessions.md',
    'docs/history.md',
  ].map((file) => [file, fixture(file)]),
);
/**
 * Files of kubernetes/community (the meeting notes cut to the part that matters): prose, a
 * catalogue table, meeting notes and data flows, none of them a mapping, all once reported as one.
 */
const COMMUNITY_FILES = [
  'contributors/devel/sig-scalability/kubemark-guide.md',
  'icons/README.md',
  'sig-docs/meeting-notes-archive/2017_Weekly_Meeting_Minutes.md',
  'events/2017/05-leadership-summit/session-notes/0300-0345_CODEORGANIZATION.md',
  'sig-auth/archive/meeting-notes-2017.md',
  'sig-node/archive/meeting-notes-2017.md',
];
const communityFixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/kubernetes-community/${name}`, import.meta.url), 'utf8');
const community = Object.fromEntries(COMMUNITY_FILES.map((file) => [file, communityFixture(file)]));
/** Mapping documents that map the names the community files use, so that only the statement rules keep them apart. */
const communityMappings = {
  'foundations/kubernetes-mappings.md': fixture('foundations/kubernetes-mappings.md'),
  'foundations/node-mappings.md':
    '# Node Mappings\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| kubelet | Session Supervisor |\n| Webhook | Policy Hook |\n| Services | Front Doors |\n',
};
/** A mapping list, and running text beside it that uses "map" and arrows without stating a mapping (pattern 7 of issue 13). */
const AGENT_MAPPINGS =
  '## Kubernetes mappings\n\n- Pods → Agent runs\n- Services → Tool endpoints\n- ConfigMaps → Prompt files\n- Images → Model snapshots\n';
const NOT_MAPPINGS = [
  'kube-proxy keeps a table that lets every node map an IP to its endpoints.',
  '',
  'A Pod maps to a sandbox, a network namespace and a set of cgroups. One Service maps to N tool endpoints when a tool scales out.',
  '',
  'When the kubelet cannot pull the image -> the run fails. Sometimes the kubelet refuses to start the pod -> failure.',
  '',
  '- `ConfigMap` -> `prompts.yaml`',
  '- `Secret` -> `credentials.json`',
  '',
  'The settings map onto Kubernetes objects as follows:',
  '',
  '| Kubernetes object | Scope | Namespaced |',
  '| --- | --- | --- |',
  '| Pods | namespace | yes |',
  '| Nodes | cluster | no |',
  '| ConfigMaps | namespace | yes |',
  '',
].join('\n');
/** Pages of humanlayer/12-factor-agents with the mapping conflicts of issue 21 planted (fixtures/accuracy/agent-framework). */
const agentFramework = Object.fromEntries(
  [
    'docs/kubernetes-mappings.md',
    'content/factor-05-unify-execution-state.md',
    'content/factor-06-launch-pause-resume.md',
    'content/factor-10-small-focused-agents.md',
    'content/factor-11-trigger-from-anywhere.md',
  ].map((file) => [
    file,
    readFileSync(new URL(`../../fixtures/accuracy/agent-framework/${file}`, import.meta.url), 'utf8'),
  ]),
);
/** The false positives of issue 21 in kubernetes/enhancements KEPs, beside a mapping page that maps Pods and Nodes. */
const KEP_SNIPPETS = {
  'docs/mapping.md':
    '# Kubernetes Mappings\n\n| Kubernetes | Agents |\n| --- | --- |\n| Pods | Workflows |\n| Nodes | Runners |\n| Containers | Sessions |\n| ReplicaSets | Pools |\n',
  'keps/536/README.md':
    'In order to handle headless services, the DNS server needs to know the node corresponding to the client IP address in the DNS request - i.e, it needs to map PodIP -> Node.\n',
  'keps/replica/README.md':
    'The controller stamps out objects the same way as the existing `ReplicaSet.spec.template` -> `Pod` pattern.\n',
  'keps/2570/README.md':
    'Brief map as follows:\n| type | memory.min | memory.high |\n| -------- | -------- | -------- |\n| container | requests.memory | limits.memory/node allocatable memory * memory throttling factor |\n| pod | sum(requests.memory) | N/A |\n| node | pods, kube-reserved, system-reserved | N/A |\n',
  'keps/2570/v1.22.md':
    'Brief map as follows:\n| type | memory.min | memory.high |\n| -------- | -------- | -------- |\n| container | requests.memory | limits.memory/node allocatable memory * memory throttling factor |\n| pod | sum(requests.memory) | n |\n| node | n/a | pods, kube-reserved, system-reserved | n |\n',
};
const agentMapping = [
  { kubernetes: 'Pods', project: 'Agent runs' },
  { kubernetes: 'Services', project: 'Tool endpoints' },
  { kubernetes: 'ConfigMaps', project: 'Prompt files' },
  { kubernetes: 'Images', project: 'Model snapshots' },
];
const mapping = [
  { kubernetes: 'Controller Manager', project: 'Validation Gates' },
  { kubernetes: ['Containers'], project: ['Agent Sessions', 'Sessions'] },
  { kubernetes: 'Pods', project: 'Workflows' },
  { kubernetes: 'API Server', project: 'Natural Language Interface' },
];

runRuleTests(rule, {
  valid: [
    {
      name: 'issue 21: a lookup (map PodIP -> Node), a Kubernetes-to-Kubernetes arrow and a table of cgroup values in KEPs are not mappings',
      code: KEP_SNIPPETS,
    },
    {
      name: 'documents that agree',
      code: {
        'a.md': '| Kubernetes | Ours |\n| --- | --- |\n| Pods | Workflows |\n| etcd | Git |\n',
        'b.md': 'Pods are like workflows, and etcd → Git.\n',
      },
    },
    {
      name: 'analogies, process flows and Kubernetes-internal chains are not mappings',
      code: { 'history.md': fixture('docs/history.md'), 'a.md': '- Pods → Tasks\n' },
    },
    {
      name: 'arrows in code are not mappings',
      code: { 'a.md': 'Pods → Workflows.\n', 'b.md': '```text\nPods → Tasks\n```\n\nRun `Pods → Tasks`.\n' },
    },
    {
      name: 'canonical mapping with aliases, plurals and Kubernetes synonyms',
      code: {
        'a.md':
          '- kube-apiserver → Natural Language Interface\n- Container → Sessions\n- Pod → Workflow\n\nThe Controller Manager maps to validation gates.\n',
      },
      options: { mapping },
    },
    {
      name: 'with a canonical mapping, analogies without a canonical name are not checked',
      code: { 'a.md': 'Jobs → Tasks.\n', 'b.md': 'Jobs → Chores.\n' },
      options: { mapping },
    },
    {
      name: 'a single weak concept without Kubernetes context is not a mapping',
      code: { 'a.md': 'The Scheduler → Router.\n', 'b.md': 'The Scheduler → Planner.\n' },
    },
    {
      name: 'kubernetes-community: prose, a catalogue table, meeting notes, two-way arrows and data flows beside mapping documents',
      code: { ...community, ...communityMappings },
    },
    {
      name: 'a side never spans a line break, and an arrow or phrase into a sentence names nothing',
      code: {
        'a.md': '- Pods → Workflows\n- etcd → Git\n',
        'kubemark.md': [
          'You need to learn which hollow-node pod corresponds to a given',
          'HollowNode known by the Master.',
          '',
          'Each pod corresponds to a given HollowNode known by the Master.',
          '',
          'Learn which hollow-node',
          'pod corresponds to a HollowNode.',
          '',
          'The pod corresponds to a given',
          'HollowNode.',
          '',
        ].join('\n'),
        'minutes.md':
          '5. Update on content migration from guides\n    12. Pods -> Moving to tasks, tutorials, and concepts\n    13. Pods --> Moved to concepts\n\nPods → to be decided.\n',
      },
    },
    {
      name: 'reverse and two-way arrows are never mappings',
      code: {
        'a.md': '## Mappings\n\n- Pods → Workflows\n- kubectl → Agent CLI\n',
        'b.md':
          '## Mappings\n\n- In the process of breaking kubectl <-> kubernetes dependencies\n- Chores <- Pods\n- Tasks ← Pods\n- Pods ↔ Jobs\n- Pods ⇔ Runs\n- Pods <=> Steps\n- kubectl <--> Shell\n',
      },
    },
    {
      name: 'catalogue tables: a concept on several rows, a repeated value, or fewer than three concepts',
      code: {
        'a.md': '- Pods → Workflows\n- Services → Front Doors\n- Nodes → Runners\n',
        'icons.md': communityFixture('icons/README.md'),
        'scopes.md':
          '| Resource | Scope |\n| --- | --- |\n| Pod | Namespaced |\n| Service | Namespaced |\n| Node | Cluster |\n',
        'owners.md': '| Object | Owner |\n| --- | --- |\n| Pod | Alice |\n| Service | Bob |\n',
      },
    },
    {
      name: "data flows: a name on both sides of a group's arrows, or twice in one chain",
      code: {
        ...communityMappings,
        'auth.md':
          'Designed for delegated token authentication (API -> webhook, kubelet -> API, extension server -> core API server).\n',
        'node.md':
          '- A circular dependency: Session Supervisor -> rktlet -> kubelet -> Session Supervisor\n- grpc proto (in kubelet) -> rktlet -> kubelet\n',
      },
    },
    {
      name: 'running text that no mapping context corroborates is not compared',
      code: {
        'a.md': '* Reasons: kubelet -> rktlet, says the proposal\n',
        'b.md': '* Flow: kubelet -> API\n',
        'c.md': '* master → main branch rename (dates)\n',
        'd.md': '* Master->Main branch rename\n',
      },
    },
    {
      name: 'pattern 7: a lookup, a count, a condition, a verb phrase, code arrows, a comma list and an attribute table are not mappings',
      code: { 'mappings.md': AGENT_MAPPINGS, 'runtime.md': NOT_MAPPINGS },
    },
    {
      name: 'pattern 7, against a canonical mapping',
      code: { 'mappings.md': AGENT_MAPPINGS, 'runtime.md': NOT_MAPPINGS },
      options: { mapping: agentMapping },
    },
    {
      name: 'pattern 7: public-style networking notes beside a mapping list',
      code: {
        'mappings.md': AGENT_MAPPINGS,
        'networking.md': readFileSync(
          new URL('../../fixtures/accuracy/snippets/docs/networking.md', import.meta.url),
          'utf8',
        ),
      },
    },
    {
      name: 'pattern 1: a record keeps the mappings of its day',
      code: {
        'mappings.md': AGENT_MAPPINGS,
        'notes/2023-11-07-meeting-notes.md':
          '# Meeting notes\n\n## 2023-11-07\n\n- Pods -> Tasks was the old mapping.\n\n## 2023-10-31\n\n- Pods -> Jobs, says ana.\n',
      },
    },
    {
      name: 'mapping tables in an archive can be switched off',
      code: { 'a.md': 'Pods → Workflows.\n', '_archived/old.md': 'Pods → Jobs.\n' },
      setup: { overrides: [{ files: ['_archived/**'], rules: { 'mapping-consistency': 'off' } }] },
    },
  ],
  invalid: [
    {
      name: 'issue 21, with a canonical mapping whose Kubernetes side describes: compared by the concepts each side names',
      code: {
        'a.md':
          '| Agent concept | Kubernetes |\n| --- | --- |\n| Process Scheduling | kube-proxy |\n| Process Scheduling | Nodes |\n',
        'b.md':
          '- Audit Logs → etcd\n- Audit Logs → Events\n\nOn Kubernetes, the scheduler places Pods → Agents across nodes.\n',
      },
      options: {
        mapping: [
          { kubernetes: 'Pod scheduling to Nodes', project: 'Process Scheduling' },
          { kubernetes: 'API server logs, events', project: 'Audit Logs' },
          { kubernetes: 'Pods', project: 'Workflows' },
        ],
      },
      errors: [
        {
          file: 'a.md',
          messageId: 'contradictsProject',
          line: 3,
          column: 24,
          message:
            '"Process Scheduling" is the counterpart of Pod scheduling to Nodes in the canonical mapping, not of "kube-proxy".',
        },
        {
          file: 'b.md',
          messageId: 'contradictsProject',
          line: 1,
          column: 16,
          message:
            '"Audit Logs" is the counterpart of API server logs, events in the canonical mapping, not of "etcd".',
        },
        {
          file: 'b.md',
          messageId: 'contradictsKubernetes',
          line: 4,
          column: 44,
          message: 'Pods maps to "Workflows" in the canonical mapping, not to "Agents".',
        },
      ],
    },
    {
      name: 'issue 21: conflicts planted in 12-factor-agents pages (a table row, an arrow in a list, an arrow and "maps to" in prose, rows that describe) are found, the mapping page is not blamed',
      code: agentFramework,
      errors: [
        {
          file: 'content/factor-05-unify-execution-state.md',
          messageId: 'conflictsProject',
          line: 46,
          column: 16,
          message:
            '"Audit Logs" is mapped from etcd here, but from API server logs, events in docs/kubernetes-mappings.md:21.',
        },
        {
          file: 'content/factor-06-launch-pause-resume.md',
          messageId: 'conflictsKubernetes',
          line: 31,
          column: 44,
          severity: 'warn',
          message: 'Pods is mapped to "Agents" here, but to "Workflows" in docs/kubernetes-mappings.md:11.',
        },
        {
          file: 'content/factor-06-launch-pause-resume.md',
          messageId: 'conflictsKubernetes',
          line: 32,
          column: 39,
          severity: 'warn',
          message:
            'Deployment is mapped to "Agent Release" here, but to "Agent Rollouts" in docs/kubernetes-mappings.md:12.',
        },
        {
          file: 'content/factor-10-small-focused-agents.md',
          messageId: 'conflictsProject',
          line: 47,
          column: 24,
          message:
            '"Process Scheduling" is mapped from kube-proxy here, but from Pod scheduling to Nodes in docs/kubernetes-mappings.md:20.',
        },
        {
          file: 'content/factor-11-trigger-from-anywhere.md',
          messageId: 'conflictsProject',
          line: 24,
          column: 20,
          message:
            '"Human Approval" is mapped from a Job that polls for answers here, but from an admission webhook that can reject a request in docs/kubernetes-mappings.md:22.',
        },
      ],
    },
    {
      name: 'fixture framework without a canonical mapping: documents checked against each other',
      code: project,
      errors: [
        // One against one, but the mapping table outweighs a sentence of running text: only the sentence is reported.
        {
          file: 'factors/02-validation-gates.md',
          messageId: 'conflictsProject',
          line: 4,
          column: 20,
          endColumn: 41,
          message:
            '"Validation Gates" is mapped from Admission Controllers here, but from Controller Manager in foundations/kubernetes-mappings.md:9.',
        },
        {
          file: 'patterns/sessions.md',
          messageId: 'conflictsKubernetes',
          line: 6,
          column: 83,
          endColumn: 91,
          message: 'Pod is mapped to "Task Run" here, but to "Workflows" in foundations/kubernetes-mappings.md:14.',
        },
      ],
    },
    {
      name: 'fixture framework with a canonical mapping',
      code: project,
      options: { mapping },
      errors: [
        {
          file: 'factors/02-validation-gates.md',
          messageId: 'contradictsProject',
          line: 4,
          column: 20,
          message:
            '"Validation Gates" is the counterpart of Controller Manager in the canonical mapping, not of "Admission Controllers".',
        },
        {
          file: 'patterns/sessions.md',
          messageId: 'contradictsKubernetes',
          line: 6,
          column: 83,
          message: 'Pod maps to "Workflows" in the canonical mapping, not to "Task Run".',
        },
      ],
    },
    {
      name: 'two documents disagree; a third sides with one: only the minority is reported',
      code: {
        'a.md': '- Pods → Workflows\n- etcd → Git\n',
        'b.md': '(Pods → Workflows)\n',
        'c.md': 'Here, Pods → Chores.\n',
      },
      errors: [
        {
          file: 'c.md',
          messageId: 'conflictsKubernetes',
          line: 1,
          column: 14,
          message: 'Pods is mapped to "Chores" here, but to "Workflows" in a.md:1.',
        },
      ],
    },
    {
      name: 'a mapping context: a heading, an analogy in the paragraph, a lead-in, a mapping list',
      code: {
        'a.md': '## Mapping Kubernetes to AgentOps\n\nPods → Workflows.\n',
        'b.md': 'The analogy, in one line: Pods → Tasks.\n',
        'c.md': 'In Kubernetes terms:\n\n- Pods → Chores\n',
        'd.md': '- Containers → Sessions\n- Pods → Errands\n',
      },
      errors: [
        // a.md and c.md are both sections about mappings: neither outweighs the other.
        {
          file: 'a.md',
          messageId: 'conflictsKubernetes',
          line: 3,
          column: 8,
          message: 'Pods is mapped to "Workflows" here, but to "Chores" in c.md:3.',
        },
        {
          file: 'b.md',
          messageId: 'conflictsKubernetes',
          line: 1,
          column: 34,
          message: 'Pods is mapped to "Tasks" here, but to "Workflows" in a.md:3.',
        },
        {
          file: 'c.md',
          messageId: 'conflictsKubernetes',
          line: 3,
          column: 10,
          message: 'Pods is mapped to "Chores" here, but to "Workflows" in a.md:3.',
        },
        {
          file: 'd.md',
          messageId: 'conflictsKubernetes',
          line: 2,
          column: 10,
          message: 'Pods is mapped to "Errands" here, but to "Workflows" in a.md:3.',
        },
      ],
    },
    {
      name: 'the right side ends before a relative clause or a closing "instead"; running text is held to the mapping it names; a section about mappings outweighs a table elsewhere',
      code: {
        'a.md':
          '## Data Plane Mappings\n\n- A pod corresponds to an agent session: the unit that is scheduled.\n- A volume corresponds to a workspace that a session may read and write.\n',
        'b.md': '| Kubernetes | AgentOps |\n| --- | --- |\n| Volumes | Context Bundles |\n| Pods | Agent Sessions |\n',
        'c.md': 'Some teams say a pod is like a Scratch Disk instead.\n',
      },
      errors: [
        {
          file: 'b.md',
          messageId: 'conflictsKubernetes',
          line: 3,
          column: 13,
          message: 'Volumes is mapped to "Context Bundles" here, but to "workspace" in a.md:4.',
        },
        {
          file: 'c.md',
          messageId: 'conflictsKubernetes',
          line: 1,
          column: 32,
          endColumn: 44,
          message: 'pod is mapped to "Scratch Disk" here, but to "agent session" in a.md:3.',
        },
      ],
    },
    {
      name: 'a lone arrow in running text that maps a mapped concept elsewhere, beside notes that are not mappings',
      code: {
        ...communityMappings,
        'factors/02-validation-gates.md': fixture('factors/02-validation-gates.md'),
        'notes.md':
          '- Pods -> Moving to tasks, tutorials, and concepts\n- In the process of breaking kubectl <-> kubernetes dependencies\n\nOn the node, the kubelet → Agent Runtime.\n',
      },
      errors: [
        {
          file: 'factors/02-validation-gates.md',
          messageId: 'conflictsProject',
          line: 4,
          column: 20,
          message:
            '"Validation Gates" is mapped from Admission Controllers here, but from Controller Manager in foundations/kubernetes-mappings.md:9.',
        },
        {
          file: 'notes.md',
          messageId: 'conflictsKubernetes',
          line: 4,
          column: 28,
          message:
            'kubelet is mapped to "Agent Runtime" here, but to "Session Supervisor" in foundations/node-mappings.md:5.',
        },
      ],
    },
    {
      name: 'severity follows certainty: a conflict between mapping lists is an error, one that rests on running text a warning',
      code: {
        'a.md': AGENT_MAPPINGS,
        'b.md': '## More Kubernetes mappings\n\n- Pods → Agent sessions\n- Services → Tool ports\n',
        'c.md': 'In our model, ConfigMaps map to Tool manifests.\n',
      },
      errors: [
        { file: 'a.md', messageId: 'conflictsKubernetes', line: 3, column: 10, severity: 'error' },
        { file: 'a.md', messageId: 'conflictsKubernetes', line: 4, column: 14, severity: 'error' },
        { file: 'b.md', messageId: 'conflictsKubernetes', line: 3, column: 10, severity: 'error' },
        { file: 'b.md', messageId: 'conflictsKubernetes', line: 4, column: 14, severity: 'error' },
        {
          file: 'c.md',
          messageId: 'conflictsKubernetes',
          line: 1,
          column: 33,
          severity: 'warn',
          message: 'ConfigMaps is mapped to "Tool manifests" here, but to "Prompt files" in a.md:5.',
        },
      ],
    },
    {
      name: 'a misspelt concept does not outvote a real one: only the misspelling is reported',
      code: {
        'a.md': '| Kubernetes | Agents |\n| --- | --- |\n| kube-scheduler | Task planner |\n',
        'b.md':
          '## Kubernetes mappings\n\n- Pods → Agent runs\n- Services → Tool endpoints\n- Schedulator → Task planner\n',
      },
      errors: [
        {
          file: 'b.md',
          messageId: 'conflictsProject',
          line: 5,
          column: 3,
          message: '"Task planner" is mapped from Schedulator here, but from kube-scheduler in a.md:3.',
        },
      ],
    },
    {
      name: 'chained arrows, first-column table without a Kubernetes header, CRLF',
      code: {
        'a.md':
          '| Concept | Ours |\r\n| --- | --- |\r\n| ConfigMap | Settings File |\r\n| Secret | Vault |\r\n| Namespace | Workspace |\r\n',
        'b.md': 'A ConfigMap → Prompt File → Agent context.\r\n',
      },
      errors: [
        {
          file: 'b.md',
          messageId: 'conflictsKubernetes',
          line: 1,
          column: 15,
          message: 'ConfigMap is mapped to "Prompt File" here, but to "Settings File" in a.md:3.',
        },
      ],
    },
  ],
});
