import { readFileSync } from 'node:fs';
import rule from '../../rules/terminology.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rules/terminology/${name}`, import.meta.url), 'utf8');
const k8s = { packs: ['kubernetes'] };

runRuleTests(rule, {
  valid: [
    { name: 'no terms configured: nothing to check', code: 'We run on kubernetes with ArgoCD.\n' },
    { name: 'precision fixture: code, URLs, identifiers, HTML, front matter, lowercase kinds', code: { 'precision.md': fixture('precision.md') }, options: k8s },
    { name: 'YAML in code blocks and inline code', code: 'Set `kind: Pod` and `apiVersion: networking.k8s.io/v1`.\n\n```yaml\napiVersion: networking.k8s.io/v1\nkind: Pod\nmetadata:\n  name: kubernetes-ops\n```\n\n~~~\nkubernetes Configmap ArgoCD\n~~~\n', options: k8s },
    { name: 'right forms', code: 'Kubernetes, K8s, k8s, kubectl, ConfigMaps, a StatefulSet, Argo CD, the API server, the Kubernetes API Server.\n', options: k8s },
    { name: 'lowercase name at sentence start is right', code: 'kubectl applies it. etcd stores it.\n', options: k8s },
    { name: 'link destination and reference definition', code: 'See [docs](https://kubernetes.io/Kubectl) and [ref][k].\n\n[k]: https://example.com/ArgoCD\n', options: k8s },
    { name: 'identifiers glued to - _ . / @ :', code: 'Use kubernetes-ops, kube_proxy, k8s.io, app.kubernetes.io/name, @kubernetes, docker:Kubectl and #kubernetes.\n', options: k8s },
    { name: 'quoted forms are mentioned, not used', code: 'Write K8s, not "K8S", \'k8\' or “ArgoCD”.\n', options: k8s },
    { name: 'sentence-final period is not glue', code: 'We love Kubernetes. We use K8s.\n', options: k8s },
    { name: 'Title Case split kinds in headings', code: '## Persistent Volume Claims\n\n## Helm Chart Layout\n', options: k8s },
    { name: 'disabled pack term', code: 'Ship a Helm Chart.\n', options: { ...k8s, disable: ['Helm chart'] } },
    { name: 'user term replaces the pack term', code: 'We deploy with ArgoCD.\n', options: { ...k8s, terms: [{ use: 'ArgoCD', 'instead-of': ['Argo CD'] }] } },
    { name: 'case-insensitive user term passes the exact right form', code: 'Argo CD is here.\n', options: { terms: [{ use: 'Argo CD', 'instead-of': ['argo cd', 'argocd'], 'case-sensitive': false }] } },
  ],
  invalid: [
    {
      name: 'planted fixture',
      code: { 'planted.md': fixture('planted.md') },
      options: k8s,
      errors: [
        { file: 'planted.md', messageId: 'wrong', line: 3, column: 11, endColumn: 21, message: 'Use "Kubernetes" instead of "kubernetes".' },
        { file: 'planted.md', messageId: 'wrong', line: 3, column: 34, message: 'Use "K8s" instead of "K8S".' },
        { file: 'planted.md', messageId: 'wrong', line: 4, column: 22, message: 'Use "kubectl" instead of "Kubectl".' },
        { file: 'planted.md', messageId: 'reword', line: 4, column: 31 },
        { file: 'planted.md', messageId: 'wrong', line: 6, column: 19, message: 'Use "kubectl" instead of "Kubectl".' },
        { file: 'planted.md', messageId: 'wrong', line: 8, column: 5, message: 'Use "ConfigMap" instead of "Configmap".' },
        { file: 'planted.md', messageId: 'wrong', line: 8, column: 39, endColumn: 50, message: 'Use "ConfigMaps" instead of "config maps".' },
        { file: 'planted.md', messageId: 'wrong', line: 9, column: 7, message: 'Use "StatefulSet" instead of "Stateful Set".' },
        { file: 'planted.md', messageId: 'wrong', line: 9, column: 56, message: 'Use "NetworkPolicies" instead of "Networkpolicies".' },
        { file: 'planted.md', messageId: 'deprecated', line: 10, column: 7, message: '"master nodes" is a legacy term: use "control plane nodes".' },
        { file: 'planted.md', messageId: 'wrong', line: 10, column: 28, message: 'Use "API server" instead of "API Server".' },
        { file: 'planted.md', messageId: 'legacy', line: 11, column: 3, message: 'PodSecurityPolicy was removed in Kubernetes v1.25' },
        { file: 'planted.md', messageId: 'wrong', line: 13, column: 3, endColumn: 11, message: 'Use "Argo CD" instead of "Argo-CD".' },
        { file: 'planted.md', messageId: 'wrong', line: 13, column: 47, message: 'Use "Argo CD" instead of "ArgoCD".' },
      ],
      output: {
        'planted.md': fixture('planted.md')
          .replace('on kubernetes', 'on Kubernetes')
          .replace('K8S', 'K8s')
          .replace('debug with Kubectl', 'debug with kubectl')
          .replace('With Kubectl', 'With kubectl')
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
        { messageId: 'wrong', line: 6, column: 67, endLine: 7, endColumn: 3, message: 'Use "Argo CD" instead of "Argo Cd".' },
      ],
      output: '| Tool |\n| --- |\n| Argo CD |\n\nRead the\n[kubectl guide](https://kubernetes.io/docs/reference/kubectl/) on Argo CD.\n',
    },
    {
      name: 'link text at the start of a paragraph gets the reword message',
      code: '[Kubectl](https://kubernetes.io/docs/reference/kubectl/) applies manifests.\n',
      options: k8s,
      errors: [{ messageId: 'reword', line: 1, column: 2, message: '"kubectl" keeps its lowercase spelling even at the start of a sentence' }],
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
          { use: 'Argo CD', 'instead-of': ['argocd', { regex: 'argo-cd' }], 'case-sensitive': false },
          { deprecated: true, 'instead-of': ['coding agents only'], message: 'The framework covers every agent.', link: 'https://example.com/scope' },
        ],
      },
      errors: [
        { messageId: 'wrong', line: 1, column: 8 },
        { messageId: 'wrong', line: 1, column: 19 },
        { messageId: 'legacy', line: 3, column: 13, message: '"coding agents only" is a legacy term. The framework covers every agent. See https://example.com/scope' },
      ],
      output: 'We use Argo CD and Argo CD.\n\nThis is for coding agents only.\n',
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
