import { readFileSync } from 'node:fs';
import rule from '../../rules/terminology.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/terminology/${name}`, import.meta.url), 'utf8');
/** Excerpts of kubernetes/community and public-style snippets, one false-positive pattern of issue 13 each (sources in each file). */
const snippet = (name: string): string =>
  readFileSync(new URL(`../../fixtures/accuracy/snippets/${name}`, import.meta.url), 'utf8');
const snippets = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, snippet(name)]));
const k8s = { packs: ['kubernetes'] };

runRuleTests(rule, {
  valid: [
    { name: 'no terms configured: nothing to check', code: 'We run on kubernetes with ArgoCD.\n' },
    {
      name: 'precision fixture: code, URLs, identifiers, HTML, front matter, lowercase kinds',
      code: { 'precision.md': fixture('precision.md') },
      options: k8s,
    },
    {
      name: 'YAML in code blocks and inline code',
      code: 'Set `kind: Pod` and `apiVersion: networking.k8s.io/v1`.\n\n```yaml\napiVersion: networking.k8s.io/v1\nkind: Pod\nmetadata:\n  name: kubernetes-ops\n```\n\n~~~\nkubernetes Configmap ArgoCD\n~~~\n',
      options: k8s,
    },
    {
      name: 'right forms',
      code: 'Kubernetes, K8s, k8s, kubectl, ConfigMaps, a StatefulSet, Argo CD, the API server, the Kubernetes API Server.\n',
      options: k8s,
    },
    { name: 'lowercase name at sentence start is right', code: 'kubectl applies it. etcd stores it.\n', options: k8s },
    {
      name: 'link destination and reference definition',
      code: 'See [docs](https://kubernetes.io/Kubectl) and [ref][k].\n\n[k]: https://example.com/ArgoCD\n',
      options: k8s,
    },
    {
      name: 'identifiers glued to - _ . / @ :',
      code: 'Use kubernetes-ops, kube_proxy, k8s.io, app.kubernetes.io/name, @kubernetes, docker:Kubectl and #kubernetes.\n',
      options: k8s,
    },
    { name: 'quoted forms are mentioned, not used', code: 'Write K8s, not "K8S", \'k8\' or “ArgoCD”.\n', options: k8s },
    { name: 'sentence-final period is not glue', code: 'We love Kubernetes. We use K8s.\n', options: k8s },
    {
      name: 'Title Case split kinds in headings',
      code: '## Persistent Volume Claims\n\n## Helm Chart Layout\n',
      options: k8s,
    },
    { name: 'disabled pack term', code: 'Ship a Helm Chart.\n', options: { ...k8s, disable: ['Helm chart'] } },
    {
      name: 'user term replaces the pack term',
      code: 'We deploy with ArgoCD.\n',
      options: { ...k8s, terms: [{ use: 'ArgoCD', insteadOf: ['Argo CD'] }] },
    },
    {
      name: 'case-insensitive user term passes the exact right form',
      code: 'Argo CD is here.\n',
      options: { terms: [{ use: 'Argo CD', insteadOf: ['argo cd', 'argocd'], caseSensitive: false }] },
    },
    {
      name: 'pattern 1: records keep the names and spellings of their day (meeting notes, an agenda, an annual report, a changelog, a dated post)',
      code: snippets(
        'sig-node/archive/meeting-notes-2021.md',
        'sig-apps/agenda.md',
        'sig-windows/annual-report-2022.md',
        'charts/web-app/CHANGELOG.md',
        'blog/2021-12-02-dockershim-faq.md',
      ),
      options: k8s,
    },
    {
      name: 'pattern 1: legacy names in a document or sentence about their removal or renaming',
      code: {
        ...snippets('keps/sig-node/2221-remove-dockershim/README.md'),
        'a.md':
          'Before Kubernetes 1.5 the StatefulSet API was called PetSet.\n\nPodSecurityPolicy was removed in v1.25.\n',
      },
      options: k8s,
    },
    {
      name: 'pattern 1: the history option decides where detection is wrong',
      code: { 'design/rollout.md': '# Rollout\n\nWe ran a PetSet then.\n' },
      options: { ...k8s, history: { paths: ['design/**'] } },
    },
    {
      name: 'patterns 2 and 5: title-case headings, labels, table-of-contents links, page titles, longer names, shortcode arguments',
      code: '## Configuring Kubelet Image Garbage Collection\n\n- [Kubectl conventions](kubectl.md)\n\n**Kubelet Flags:** the kubelet reads them.\n\nSee [Reconfigure a Node\'s Kubelet in a Live Cluster](/docs/x/).\n\nDynamic Kubelet Configuration was removed.\n\nThe {{< glossary_tooltip text="config map" term_id="configmap" >}} is read.\n\n## Running the API Server\n',
      options: k8s,
    },
    {
      name: "pattern 3: organisations, repositories, generated lists of repositories, commands and verbs, another project's name",
      code: {
        ...snippets('sig-cluster-lifecycle/README.md'),
        'a.md':
          'Move it to the kubernetes org; the kubernetes repositories carry releases, in kubernetes or kubernetes-sigs.\n\nThen you can kustomize the base.\n\nThe Harbor API Server answers replication calls.\n',
      },
      options: k8s,
    },
    {
      name: 'pattern 4: quotations, error messages, search strings and counter-examples',
      code: 'The events say "Kubelet stopped posting node status". Search for "kubernetes dns docker".\n\n- **Bad example:** SIG-Docs oversees the website.\n',
      options: k8s,
    },
    {
      name: "pattern 9: the names the config gives the mapping rules are the user's own",
      code: '| Kubernetes | AgentOps |\n| --- | --- |\n| API Server | Natural Language Interface |\n\nThe API Server of the analogy is the chat window.\n',
      options: k8s,
      setup: {
        rules: {
          'mapping-consistency': [
            'error',
            { mapping: [{ kubernetes: 'API Server', project: 'Natural Language Interface' }] },
          ],
        },
      },
    },
  ],
  invalid: [
    {
      name: 'planted fixture',
      code: { 'planted.md': fixture('planted.md') },
      options: k8s,
      errors: [
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 3,
          column: 11,
          endColumn: 21,
          message: 'Use "Kubernetes" instead of "kubernetes".',
        },
        { file: 'planted.md', messageId: 'wrong', line: 3, column: 34, message: 'Use "K8s" instead of "K8S".' },
        { file: 'planted.md', messageId: 'wrong', line: 4, column: 22, message: 'Use "kubectl" instead of "Kubectl".' },
        { file: 'planted.md', messageId: 'reword', line: 4, column: 31 },
        // Line 6, "## Deploying With Kubectl": a Title Case heading capitalises every word, so its "Kubectl" is not reported.
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 8,
          column: 5,
          message: 'Use "ConfigMap" instead of "Configmap".',
        },
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 8,
          column: 39,
          endColumn: 50,
          message: 'Use "ConfigMaps" instead of "config maps".',
        },
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 9,
          column: 7,
          message: 'Use "StatefulSet" instead of "Stateful Set".',
        },
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 9,
          column: 56,
          message: 'Use "NetworkPolicies" instead of "Networkpolicies".',
        },
        {
          file: 'planted.md',
          messageId: 'deprecated',
          line: 10,
          column: 7,
          message: '"master nodes" is a legacy term: use "control plane nodes".',
        },
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 10,
          column: 28,
          message: 'Use "API server" instead of "API Server".',
        },
        {
          file: 'planted.md',
          messageId: 'legacy',
          line: 11,
          column: 3,
          message: 'PodSecurityPolicy was removed in Kubernetes v1.25',
        },
        {
          file: 'planted.md',
          messageId: 'wrong',
          line: 13,
          column: 3,
          endColumn: 11,
          message: 'Use "Argo CD" instead of "Argo-CD".',
        },
        { file: 'planted.md', messageId: 'wrong', line: 13, column: 47, message: 'Use "Argo CD" instead of "ArgoCD".' },
      ],
      output: {
        'planted.md': fixture('planted.md')
          .replace('on kubernetes', 'on Kubernetes')
          .replace('K8S', 'K8s')
          .replace('debug with Kubectl', 'debug with kubectl')
          .replace('Configmap', 'ConfigMap')
          .replace('config maps', 'ConfigMaps')
          .replace('Stateful Set', 'StatefulSet')
          .replace('Networkpolicies', 'NetworkPolicies')
          .replace('master nodes', 'control plane nodes')
          .replace('API Server', 'API server')
          .replace('so is ArgoCD', 'so is Argo CD'),
      },
    },
    {
      name: 'CRLF file',
      code: { 'crlf.md': fixture('crlf.md') },
      options: k8s,
      errors: [{ file: 'crlf.md', messageId: 'wrong', line: 3, column: 8 }],
      output: { 'crlf.md': '# Windows\r\n\r\nWe use Kubernetes here.\r\n' },
    },
    {
      name: 'a legacy phrase at the start of a sentence keeps the capital',
      code: 'Master nodes are old.\n',
      options: k8s,
      errors: [{ messageId: 'deprecated', line: 1, column: 1, message: 'use "Control plane nodes"' }],
      output: 'Control plane nodes are old.\n',
    },
    {
      name: 'wrong form across a soft line break, in a table cell and in link text',
      code: '| Tool |\n| --- |\n| ArgoCD |\n\nRead the\n[Kubectl guide](https://kubernetes.io/docs/reference/kubectl/) on Argo\nCd.\n',
      options: k8s,
      errors: [
        { messageId: 'wrong', line: 3, column: 3 },
        { messageId: 'wrong', line: 6, column: 2, message: 'Use "kubectl" instead of "Kubectl".' },
        {
          messageId: 'wrong',
          line: 6,
          column: 67,
          endLine: 7,
          endColumn: 3,
          message: 'Use "Argo CD" instead of "Argo Cd".',
        },
      ],
      output:
        '| Tool |\n| --- |\n| Argo CD |\n\nRead the\n[kubectl guide](https://kubernetes.io/docs/reference/kubectl/) on Argo CD.\n',
    },
    {
      name: 'link text at the start of a paragraph gets the reword message',
      code: '[Kubectl](https://kubernetes.io/docs/reference/kubectl/) applies manifests.\n',
      options: k8s,
      errors: [
        {
          messageId: 'reword',
          line: 1,
          column: 2,
          message: '"kubectl" keeps its lowercase spelling even at the start of a sentence',
        },
      ],
    },
    {
      name: 'issue 21: a tool followed by one of its subcommands is a command in prose: format it as code, no respelling of the name',
      code: 'Move images between hosts with docker save and docker load.\n\nRun docker build -t web:dev . first.\n',
      options: k8s,
      errors: [
        {
          messageId: 'command',
          line: 1,
          column: 32,
          endColumn: 43,
          message: '"docker save" is a command: format it as code (`docker save`) rather than respelling "docker".',
        },
        { messageId: 'command', line: 1, column: 48, endColumn: 59 },
        // Flags follow: the command runs on past what is known, so no suggestion bounds it.
        { messageId: 'command', line: 3, column: 5, endColumn: 17 },
      ],
      suggestionOutput:
        'Move images between hosts with `docker save` and `docker load`.\n\nRun docker build -t web:dev . first.\n',
    },
    {
      name: "issue 21 snippet: commands in prose, and what is not a command (a subcommand after its tool, a verb, Docker's images)",
      code: snippets('docs/commands-in-prose.md'),
      options: k8s,
      errors: [
        {
          file: 'docs/commands-in-prose.md',
          messageId: 'command',
          line: 5,
          column: 52,
          message: '"docker save" is a command',
        },
        {
          file: 'docs/commands-in-prose.md',
          messageId: 'command',
          line: 5,
          column: 68,
          message: '"docker load" is a command',
        },
        {
          file: 'docs/commands-in-prose.md',
          messageId: 'wrong',
          line: 12,
          column: 8,
          message: 'Use "Docker" instead of "docker".',
        },
      ],
      suggestionOutput: {
        'docs/commands-in-prose.md': snippet('docs/commands-in-prose.md').replace(
          'with docker save and docker load',
          'with `docker save` and `docker load`',
        ),
      },
    },
    {
      name: 'a command in a document that records history is left as its authors wrote it; a subcommand of another tool is not a command of this one',
      code: {
        'sig-testing/meeting-notes/2019.md':
          '# Meeting notes\n\nThano converts a prow command into a docker run command.\n',
        'a.md': 'We run docker images on every node.\n',
      },
      options: k8s,
      errors: [{ file: 'a.md', messageId: 'wrong', line: 1, column: 8, message: 'Use "Docker" instead of "docker".' }],
    },
    {
      name: 'lowercase project name in prose: reported without a fix',
      code: 'We build with docker and ship to DOCKER Hub.\n',
      options: k8s,
      errors: [
        { messageId: 'wrong', line: 1, column: 15, message: 'put the `docker` command or identifier in code' },
        { messageId: 'wrong', line: 1, column: 34 },
      ],
      output: 'We build with docker and ship to Docker Hub.\n',
    },
    {
      name: 'user terms: case-insensitive strings, regex, legacy phrase with message and link',
      code: 'We use ARGOCD and Argo-cd.\n\nThis is for coding agents only.\n',
      options: {
        terms: [
          { use: 'Argo CD', insteadOf: ['argocd', { regex: 'argo-cd' }], caseSensitive: false },
          {
            deprecated: true,
            insteadOf: ['coding agents only'],
            message: 'The framework covers every agent.',
            link: 'https://example.com/scope',
          },
        ],
      },
      errors: [
        { messageId: 'wrong', line: 1, column: 8 },
        { messageId: 'wrong', line: 1, column: 19 },
        {
          messageId: 'legacy',
          line: 3,
          column: 13,
          message:
            '"coding agents only" is a legacy term. The framework covers every agent. See https://example.com/scope',
        },
      ],
      output: 'We use Argo CD and Argo CD.\n\nThis is for coding agents only.\n',
    },
    {
      name: 'pattern 2: misspellings in title-case text are still caught, and a capital mid-sentence',
      code: { 'gc.md': snippet('content/en/docs/concepts/architecture/garbage-collection.md') },
      options: k8s,
      errors: [
        { file: 'gc.md', messageId: 'wrong', line: 17, column: 4, message: 'Use "DaemonSet" instead of "Daemonset".' },
        {
          file: 'gc.md',
          messageId: 'wrong',
          line: 18,
          column: 26,
          message: 'Use "API server" instead of "Api Server".',
        },
        { file: 'gc.md', messageId: 'wrong', line: 25, column: 77, message: 'Use "kubelet" instead of "Kubelet".' },
        { file: 'gc.md', messageId: 'wrong', line: 33, column: 4, message: 'Use "DaemonSet" instead of "Daemonset".' },
        {
          file: 'gc.md',
          messageId: 'wrong',
          line: 37,
          column: 21,
          message: 'Use "ConfigMap" instead of "config map".',
        },
        {
          file: 'gc.md',
          messageId: 'wrong',
          line: 39,
          column: 26,
          message: 'Use "API server" instead of "Api Server".',
        },
      ],
      output: {
        'gc.md': snippet('content/en/docs/concepts/architecture/garbage-collection.md')
          .replace('[Daemonset Rollouts', '[DaemonSet Rollouts')
          .replace('When the Api Server Is Down](', 'When the API server Is Down](')
          .replace('threshold, the Kubelet deletes', 'threshold, the kubelet deletes')
          .replace('## Daemonset Rollouts', '## DaemonSet Rollouts')
          .replace('delete the config map yourself', 'delete the ConfigMap yourself')
          .replace('## What Happens When the Api Server', '## What Happens When the API server'),
      },
    },
    {
      name: 'patterns 3 and 4: what is left beside handles, commands and quotations is the name in prose',
      code: snippets('governance/repositories.md', 'docs/troubleshooting.md', 'docs/quickstart.md'),
      options: k8s,
      errors: [
        {
          file: 'docs/quickstart.md',
          messageId: 'wrong',
          line: 5,
          column: 9,
          message: 'Use "Docker" instead of "docker".',
        },
        // Issue 21: commands written as prose are reported as commands, to format as code (no respelling of "docker").
        {
          file: 'docs/quickstart.md',
          messageId: 'command',
          line: 7,
          column: 21,
          message: '"docker build" is a command: format it as code (`docker build`) rather than respelling "docker".',
        },
        {
          file: 'docs/quickstart.md',
          messageId: 'command',
          line: 10,
          column: 31,
          message: '"docker inspect" is a command',
        },
        {
          file: 'docs/quickstart.md',
          messageId: 'wrong',
          line: 12,
          column: 42,
          message: 'Use "Kubernetes" instead of "kubernetes".',
        },
        {
          file: 'docs/troubleshooting.md',
          messageId: 'wrong',
          line: 14,
          column: 28,
          message: 'Use "kubectl" instead of "Kubectl".',
        },
        {
          file: 'governance/repositories.md',
          messageId: 'wrong',
          line: 12,
          column: 17,
          message: 'Use "Kubernetes" instead of "kubernetes".',
        },
      ],
      output: {
        'governance/repositories.md': snippet('governance/repositories.md').replace(
          'Contributors to kubernetes',
          'Contributors to Kubernetes',
        ),
        'docs/troubleshooting.md': snippet('docs/troubleshooting.md').replace(
          'run Kubectl uncordon',
          'run kubectl uncordon',
        ),
        'docs/quickstart.md': snippet('docs/quickstart.md').replace(
          'conformant kubernetes cluster',
          'conformant Kubernetes cluster',
        ),
      },
      suggestionOutput: {
        'governance/repositories.md': snippet('governance/repositories.md').replace(
          'Contributors to kubernetes',
          'Contributors to Kubernetes',
        ),
        'docs/troubleshooting.md': snippet('docs/troubleshooting.md').replace(
          'run Kubectl uncordon',
          'run kubectl uncordon',
        ),
        'docs/quickstart.md': snippet('docs/quickstart.md')
          .replace('conformant kubernetes cluster', 'conformant Kubernetes cluster')
          .replace('docker inspect the', '`docker inspect` the'),
      },
    },
    {
      name: 'pattern 1: a legacy name used as current, and a misspelling even in meeting notes',
      code: {
        ...snippets('docs/stateful-apps.md'),
        'notes/2023-11-07-meeting-notes.md':
          '# Meeting notes\n\n## 2023-11-07\n\n- [raj] Kubernete upgrade next sprint; the master node label stays.\n',
      },
      options: k8s,
      errors: [
        {
          file: 'docs/stateful-apps.md',
          messageId: 'deprecated',
          line: 5,
          column: 44,
          message: '"PetSet" is a legacy term: use "StatefulSet".',
        },
        {
          file: 'docs/stateful-apps.md',
          messageId: 'deprecated',
          line: 6,
          column: 51,
          message: '"master nodes" is a legacy term: use "control plane nodes".',
        },
        {
          file: 'notes/2023-11-07-meeting-notes.md',
          messageId: 'wrong',
          line: 5,
          column: 9,
          message: 'Use "Kubernetes" instead of "Kubernete".',
        },
      ],
      output: {
        'docs/stateful-apps.md': snippet('docs/stateful-apps.md')
          .replace('member of a PetSet', 'member of a StatefulSet')
          .replace('off the master nodes', 'off the control plane nodes'),
        'notes/2023-11-07-meeting-notes.md':
          '# Meeting notes\n\n## 2023-11-07\n\n- [raj] Kubernetes upgrade next sprint; the master node label stays.\n',
      },
    },
    {
      name: 'pattern 9: without the mapping in the config, the same spelling is reported',
      code: 'The API Server of the analogy is the chat window.\n',
      options: k8s,
      errors: [{ messageId: 'wrong', line: 1, column: 5, message: 'Use "API server" instead of "API Server".' }],
      output: 'The API server of the analogy is the chat window.\n',
    },
    {
      name: 'hyphenated variants of wrong forms of several words',
      code: 'Our master-node pool calls the Api-Server and a config-map.\n',
      options: k8s,
      errors: [
        {
          messageId: 'deprecated',
          line: 1,
          column: 5,
          endColumn: 16,
          message: '"master-node" is a legacy term: use "control plane node".',
        },
        { messageId: 'wrong', line: 1, column: 32, message: 'Use "API server" instead of "Api-Server".' },
        { messageId: 'wrong', line: 1, column: 49, message: 'Use "ConfigMap" instead of "config-map".' },
      ],
      output: 'Our control plane node pool calls the API server and a ConfigMap.\n',
    },
    {
      name: 'emoji and non-ASCII heading',
      code: '## 🚀 Überblick über kubernetes\n',
      options: k8s,
      errors: [{ messageId: 'wrong', line: 1, column: 22 }],
      output: '## 🚀 Überblick über Kubernetes\n',
    },
  ],
});
