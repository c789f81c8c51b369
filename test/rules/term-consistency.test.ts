import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/term-consistency.js';
import { RULES } from '../../rules/index.js';
import { builtInPresets } from '../../src/config/presets.js';
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
    {
      name: 'pattern 6: a command, a list of repositories and a quoted search string do not outvote the prose "Kustomize"',
      code: { 'kustomize.md': readFileSync(new URL('../../fixtures/accuracy/snippets/sig-cli/kustomize-in-kubectl.md', import.meta.url), 'utf8') },
    },
    {
      name: 'pattern 6: headings, bold labels and link text are titles, not prose',
      code: '# K8s Operations\n\n**K8s Upgrades:** we run k8s in every region and upgrade k8s monthly. See [the K8s Guide](guide.md).\n',
    },
    { name: 'pattern 1: a record is not compared', code: { 'sig-docs/meeting-notes-archive/2019.md': '# Meeting notes\n\nWe run K8s. Then k8s and k8s again.\n' }, options: { scope: 'repository' } },
  ],
  invalid: [
    {
      name: 'fixture repository, file scope',
      code: project,
      errors: [
        { file: 'README.md', messageId: 'minority', line: 3, column: 66, endColumn: 69, message: '"k8s" here, but "K8s" 2 times in the prose of this file (first on line 3): write one form.' },
        { file: 'docs/local.md', messageId: 'minority', line: 4, column: 35, message: '"Minikube" here, but "minikube" 2 times in the prose of this file (first on line 3)' },
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
        { file: 'README.md', messageId: 'minority', line: 3, column: 66, message: '"k8s" here, but "K8s" 2 times in the prose of the repository (first in README.md:3)' },
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
      name: 'no clear majority once the capitals that open sentences are counted either way: the term\'s own form is the one to write',
      code: 'K8s clusters are small. We run k8s in two regions and a K8s lab. K8s upgrades are monthly; our k8s API is stable.\n',
      errors: [
        { messageId: 'mixed', line: 1, column: 32, message: '"k8s" here, but "K8s" 1 time in the prose of this file (first on line 1), and neither is a clear majority: write "K8s", the term\'s own form.' },
        { messageId: 'mixed', line: 1, column: 96 },
      ],
      output: 'K8s clusters are small. We run K8s in two regions and a K8s lab. K8s upgrades are monthly; our K8s API is stable.\n',
    },
    {
      name: 'a clear majority of the other form wins',
      code: 'We run k8s in two regions, k8s upgrades are monthly, our k8s API is stable and the K8s lab is new.\n',
      errors: [{ messageId: 'minority', line: 1, column: 84, message: '"K8s" here, but "k8s" 3 times in the prose of this file (first on line 1): write one form.' }],
      output: 'We run k8s in two regions, k8s upgrades are monthly, our k8s API is stable and the k8s lab is new.\n',
    },
    {
      name: 'CRLF',
      code: '# K8s\r\n\r\nK8s, K8s and k8s.\r\n',
      errors: [{ messageId: 'minority', line: 3, column: 14 }],
      output: '# K8s\r\n\r\nK8s, K8s and K8s.\r\n',
    },
  ],
});

describe('the kubernetes preset', () => {
  it('compares K8s and k8s across the repository: the preset is the request for one spelling', () => {
    expect(builtInPresets(RULES).get('kubernetes')!.rules['term-consistency']).toEqual(['warn', { packs: ['kubernetes'], scope: 'repository' }]);
    expect(builtInPresets(RULES).get('recommended')!.rules['term-consistency']).toBe('warn');
  });
});
