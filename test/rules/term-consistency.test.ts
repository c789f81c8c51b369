import { readFileSync } from 'node:fs';
import rule from '../../rules/term-consistency.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/rules/term-consistency/${name}`, import.meta.url), 'utf8');
const project = { 'README.md': fixture('README.md'), 'docs/local.md': fixture('docs/local.md') };

runRuleTests(rule, {
  valid: [
    { name: 'one form per file', code: { 'a.md': 'We run K8s. K8s is great.\n', 'b.md': 'We run k8s.\n' } },
    { name: 'other forms in code, URLs and identifiers do not count', code: 'We run K8s; see `k8s` and https://k8s.io and sigs.k8s.io/kind and the k8s-ops team.\n' },
    { name: 'a capital opening a sentence is not another form', code: 'Minikube starts fast. We run minikube daily.\n' },
    { name: 'wrong forms are for terminology, not this rule', code: 'K8s and K8S.\n' },
    { name: 'no pack, no terms', code: 'K8s and k8s.\n', options: { packs: [] } },
    { name: 'file scope ignores other files', code: { 'a.md': 'K8s\n', 'b.md': 'k8s\n' } },
  ],
  invalid: [
    {
      name: 'fixture repository, file scope',
      code: project,
      errors: [
        { file: 'README.md', messageId: 'minority', line: 3, column: 66, endColumn: 69, message: '"k8s" here, but "K8s" 2 times in this file (first on line 3): write one form.' },
        { file: 'docs/local.md', messageId: 'minority', line: 4, column: 35, message: '"Minikube" here, but "minikube" 2 times in this file (first on line 3)' },
      ],
      output: {
        'README.md': fixture('README.md').replace('the k8s API', 'the K8s API'),
        'docs/local.md': fixture('docs/local.md').replace('Our Minikube profile', 'Our minikube profile'),
      },
    },
    {
      name: 'fixture repository, repository scope: a tie goes to the term\'s own form',
      code: project,
      options: { scope: 'repository' },
      errors: [
        { file: 'README.md', messageId: 'minority', line: 3, column: 66, message: '"k8s" here, but "K8s" 2 times in the repository (first in README.md:3)' },
        { file: 'docs/local.md', messageId: 'minority', line: 4, column: 35 },
        { file: 'docs/local.md', messageId: 'minority', line: 6, column: 5 },
      ],
      output: {
        'README.md': fixture('README.md').replace('the k8s API', 'the K8s API'),
        'docs/local.md': fixture('docs/local.md').replace('Our Minikube profile', 'Our minikube profile').replace('Run k8s locally', 'Run K8s locally'),
      },
    },
    {
      name: 'user terms with accepted forms, plurals keep their number',
      code: 'One Agent Session, then two agent sessions, then three agent sessions.\n',
      options: { packs: [], terms: [{ use: 'agent session', accept: ['Agent Session'], plural: true }] },
      errors: [{ messageId: 'minority', line: 1, column: 5, message: '"Agent Session" here, but "agent session" 2 times' }],
      output: 'One agent session, then two agent sessions, then three agent sessions.\n',
    },
    {
      name: 'CRLF',
      code: '# K8s\r\n\r\nK8s, K8s and k8s.\r\n',
      errors: [{ messageId: 'minority', line: 3, column: 14 }],
      output: '# K8s\r\n\r\nK8s, K8s and K8s.\r\n',
    },
  ],
});
