import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from '../../rules/term-consistency.js';
import { RULES } from '../../rules/index.js';
import { builtInPresets } from '../../src/config/presets.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/rules/term-consistency/${name}`, import.meta.url), 'utf8');
const project = { 'README.md': fixture('README.md'), 'docs/local.md': fixture('docs/local.md') };
const MAJORITY_FILES = [
  'sig-network/README.md',
  'sig-scalability/processes/formal-scalability-processes.md',
  'sig-scalability/processes/scalability-validation.md',
];
const majorityRepository = Object.fromEntries(
  MAJORITY_FILES.map((file) => [file, fixture(`majority-contradicts-pack/${file}`)]),
);

runRuleTests(rule, {
  valid: [
    { name: 'one form per file', code: { 'a.md': 'We run K8s. K8s is great.\n', 'b.md': 'We run k8s.\n' } },
    {
      name: 'other forms in code, URLs and identifiers do not count',
      code: 'We run K8s; see `k8s` and https://k8s.io and sigs.k8s.io/kind and the k8s-ops team.\n',
    },
    {
      name: 'a capital opening a sentence is not another form',
      code: 'Minikube starts fast. We run minikube daily.\n',
    },
    { name: 'wrong forms are for terminology, not this rule', code: 'K8s and K8S.\n' },
    { name: 'no pack, no terms', code: 'K8s and k8s.\n', options: { packs: [] } },
    { name: 'file scope ignores other files', code: { 'a.md': 'K8s\n', 'b.md': 'k8s\n' } },
    {
      name: 'pattern 6: a command, a list of repositories and a quoted search string do not outvote the prose "Kustomize"',
      code: {
        'kustomize.md': readFileSync(
          new URL('../../fixtures/accuracy/snippets/sig-cli/kustomize-in-kubectl.md', import.meta.url),
          'utf8',
        ),
      },
    },
    {
      name: 'pattern 6: headings, bold labels and link text are titles, not prose',
      code: '# K8s Operations\n\n**K8s Upgrades:** we run k8s in every region and upgrade k8s monthly. See [the K8s Guide](guide.md).\n',
    },
    {
      name: 'issue 21: a subcommand after its tool (kubectl kustomize), a verb (kustomize a malicious file) and a publisher (the Kustomize Maintainers) are not spellings to compare',
      code: {
        'docs/commands-in-prose.md': readFileSync(
          new URL('../../fixtures/accuracy/snippets/docs/commands-in-prose.md', import.meta.url),
          'utf8',
        ),
        'b.md': 'We deploy with Kustomize.\n',
      },
      options: { scope: 'repository' },
    },
    {
      name: 'pattern 1: a record is not compared',
      code: { 'sig-docs/meeting-notes-archive/2019.md': '# Meeting notes\n\nWe run K8s. Then k8s and k8s again.\n' },
      options: { scope: 'repository' },
    },
  ],
  invalid: [
    {
      name: 'fixture repository, file scope',
      code: project,
      errors: [
        {
          file: 'README.md',
          messageId: 'preferred',
          line: 3,
          column: 66,
          endColumn: 69,
          message:
            '"k8s" here; write "K8s" (2 uses in the prose of this file, first on line 3; "k8s" 1), the term\'s preferred form.',
        },
        {
          file: 'docs/local.md',
          messageId: 'preferred',
          line: 4,
          column: 35,
          message:
            '"Minikube" here; write "minikube" (2 uses in the prose of this file, first on line 3; "Minikube" 1), the term\'s preferred form.',
        },
      ],
      output: {
        'README.md': fixture('README.md').replace('the k8s API', 'the K8s API'),
        'docs/local.md': fixture('docs/local.md').replace('Our Minikube profile', 'Our minikube profile'),
      },
    },
    {
      name: "fixture repository, repository scope: a tie goes to the term's preferred form",
      code: project,
      options: { scope: 'repository' },
      errors: [
        {
          file: 'README.md',
          messageId: 'preferred',
          line: 3,
          column: 66,
          message:
            '"k8s" here; write "K8s" (2 uses in the prose of the repository, first in README.md:3; "k8s" 2), the term\'s preferred form.',
        },
        { file: 'docs/local.md', messageId: 'preferred', line: 4, column: 35 },
        { file: 'docs/local.md', messageId: 'preferred', line: 6, column: 5 },
      ],
      output: {
        'README.md': fixture('README.md').replace('the k8s API', 'the K8s API'),
        'docs/local.md': fixture('docs/local.md')
          .replace('Our Minikube profile', 'Our minikube profile')
          .replace('Run k8s locally', 'Run K8s locally'),
      },
    },
    {
      name: 'user terms with accepted forms, plurals keep their number',
      code: 'One Agent Session, then two agent sessions, then three agent sessions.\n',
      options: { packs: [], terms: [{ use: 'agent session', accept: ['Agent Session'], plural: true }] },
      errors: [
        {
          messageId: 'preferred',
          line: 1,
          column: 5,
          message:
            '"Agent Session" here; write "agent session" (2 uses in the prose of this file, first on line 1; "Agent Session" 1), the term\'s preferred form.',
        },
      ],
      output: 'One agent session, then two agent sessions, then three agent sessions.\n',
    },
    {
      name: 'the preferred form is the one to write even where capitals that open sentences leave no clear count',
      code: 'K8s clusters are small. We run k8s in two regions and a K8s lab. K8s upgrades are monthly; our k8s API is stable.\n',
      errors: [
        {
          messageId: 'preferred',
          line: 1,
          column: 32,
          message:
            '"k8s" here; write "K8s" (1 use in the prose of this file, first on line 1; "k8s" 2), the term\'s preferred form.',
        },
        { messageId: 'preferred', line: 1, column: 96 },
      ],
      output:
        'K8s clusters are small. We run K8s in two regions and a K8s lab. K8s upgrades are monthly; our K8s API is stable.\n',
    },
    {
      name: "issue 21: the pack's preferred form wins over a majority of the other form (k8s 192 over K8s 154 on kubernetes/enhancements)",
      code: 'We run k8s in two regions, k8s upgrades are monthly, our k8s API is stable and the K8s lab is new.\n',
      errors: [
        {
          messageId: 'preferred',
          line: 1,
          column: 8,
          message:
            '"k8s" here; write "K8s" (1 use in the prose of this file, first on line 1; "k8s" 3), the term\'s preferred form.',
        },
        { messageId: 'preferred', line: 1, column: 28 },
        { messageId: 'preferred', line: 1, column: 58 },
      ],
      output: 'We run K8s in two regions, K8s upgrades are monthly, our K8s API is stable and the K8s lab is new.\n',
    },
    {
      name: 'a majority-contradicts-pack repository (real kubernetes/community text): every "k8s" points to "K8s"',
      code: majorityRepository,
      options: { scope: 'repository' },
      errors: [
        {
          file: 'sig-scalability/processes/formal-scalability-processes.md',
          messageId: 'preferred',
          line: 3,
          message:
            '"k8s" here; write "K8s" (1 use in the prose of the repository, first in sig-network/README.md:7; "k8s" 4), the term\'s preferred form.',
        },
        { file: 'sig-scalability/processes/scalability-validation.md', messageId: 'preferred', line: 3 },
        { file: 'sig-scalability/processes/scalability-validation.md', messageId: 'preferred', line: 5 },
        { file: 'sig-scalability/processes/scalability-validation.md', messageId: 'preferred', line: 7 },
      ],
      output: Object.fromEntries(
        Object.entries(majorityRepository).map(([file, text]) => [
          file,
          file.startsWith('sig-scalability/') ? text.replace(/\bk8s (?=\d|scal|test|serv)/g, 'K8s ') : text,
        ]),
      ),
    },
    {
      name: "Kustomize's spellings are equals (prefer: majority): the form most used wins",
      code: 'We render overlays with kustomize, patch them with kustomize and keep the Kustomize base small.\n',
      errors: [
        {
          messageId: 'majority',
          line: 1,
          column: 75,
          message:
            '"Kustomize" here; write "kustomize" (2 uses in the prose of this file, first on line 1; "Kustomize" 1), the form most used.',
        },
      ],
      output: 'We render overlays with kustomize, patch them with kustomize and keep the kustomize base small.\n',
    },
    {
      name: "a user's term with prefer: majority and no clear majority: the term's own form",
      code: 'One agent session, then an Agent Session.\n',
      options: {
        packs: [],
        terms: [{ use: 'agent session', accept: ['Agent Session'], plural: true, prefer: 'majority' }],
      },
      errors: [
        {
          messageId: 'mixed',
          line: 1,
          column: 28,
          message:
            '"Agent Session" here; write "agent session" (1 use in the prose of this file, first on line 1; "Agent Session" 1), the term\'s own form, as neither is a clear majority.',
        },
      ],
      output: 'One agent session, then an agent session.\n',
    },
    {
      name: 'CRLF',
      code: '# K8s\r\n\r\nK8s, K8s and k8s.\r\n',
      errors: [{ messageId: 'preferred', line: 3, column: 14 }],
      output: '# K8s\r\n\r\nK8s, K8s and K8s.\r\n',
    },
  ],
});

describe('the kubernetes preset', () => {
  it('compares K8s and k8s across the repository: the preset is the request for one spelling', () => {
    expect(builtInPresets(RULES).get('kubernetes')!.rules['term-consistency']).toEqual([
      'warn',
      { packs: ['kubernetes'], scope: 'repository' },
    ]);
    expect(builtInPresets(RULES).get('recommended')!.rules['term-consistency']).toBe('warn');
  });
});
