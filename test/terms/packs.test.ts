/** The built-in pack is data: these tests keep it valid and free of contradictions. */
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { proseBlocks } from '../../src/markdown/prose.js';
import { kubernetesConcepts } from '../../src/terms/concepts.js';
import { TermMatcher, pluralOf } from '../../src/terms/find-terms.js';
import { builtInPack } from '../../src/terms/packs.js';
import { combineTerms, termSchema } from '../../src/terms/term-list.js';

const pack = builtInPack('kubernetes');
const matcher = new TermMatcher(pack.terms);
const wrongIn = (text: string) =>
  proseBlocks(parseMarkdown(`${text}\n`), `${text}\n`)
    .flatMap((block) => matcher.find(block))
    .filter((match) => match.status === 'wrong');

describe('kubernetes pack', () => {
  it('parses and covers the names the issue lists', () => {
    const uses = new Set(pack.terms.map((term) => term.use));
    for (const name of [
      'Kubernetes',
      'K8s',
      'kubectl',
      'kubelet',
      'kubeadm',
      'kube-proxy',
      'kube-apiserver',
      'etcd',
      'containerd',
      'CRI-O',
      'CoreDNS',
      'Helm',
      'Kustomize',
      'Argo CD',
      'Flux',
      'Prometheus',
      'OpenTelemetry',
      'GitOps',
      'API server',
      'ConfigMap',
      'StatefulSet',
      'DaemonSet',
      'CronJob',
      'CustomResourceDefinition',
    ]) {
      expect(uses.has(name), name).toBe(true);
    }
  });

  it('never calls one of its own right forms wrong', () => {
    for (const term of pack.terms) {
      for (const form of [term.use, ...term.accept, ...term.except].filter(
        (form): form is string => form !== undefined,
      )) {
        expect(wrongIn(`We use ${form} here.`), form).toEqual([]);
        if (term.plural) expect(wrongIn(`We use ${pluralOf(form)} here.`), pluralOf(form)).toEqual([]);
      }
    }
  });

  it('reports every listed wrong form of a term', () => {
    for (const term of pack.terms) {
      for (const variant of term.insteadOf) {
        if (typeof variant !== 'string' || variant === term.use) continue;
        expect(
          wrongIn(`We use ${variant} here.`).map((match) => match.found),
          variant,
        ).toEqual([variant]);
      }
    }
  });

  it('does not report lowercase single-word kinds in general prose', () => {
    expect(
      wrongIn('Each pod runs on a node; a service routes to the deployment, its secret, job, namespace and ingress.'),
    ).toEqual([]);
  });
});

describe('concept vocabulary', () => {
  const vocabulary = kubernetesConcepts();
  it('resolves plurals, case variants, qualifiers, aliases and parenthesised names', () => {
    const resolved = (phrase: string) => vocabulary.resolve(phrase)?.names;
    expect(resolved('Pods')).toEqual(['Pod']);
    expect(resolved('network policies')).toEqual(['NetworkPolicy']);
    expect(resolved('API Server')).toEqual(['API server']);
    expect(resolved('kube-apiserver')).toEqual(['API server']);
    expect(resolved('the Kubernetes Secrets')).toEqual(['Secret']);
    expect(resolved('a ConfigMap object')).toEqual(['ConfigMap']);
    expect(resolved('Controller Manager (kube-controller-manager)')).toEqual(['kube-controller-manager']);
    expect(resolved('Pods / Containers')).toEqual(['Pod', 'Container']);
    expect(resolved('Kubernetes')).toBeUndefined();
    expect(resolved('Docker/rkt')).toBeUndefined();
    expect(resolved('Sidecar Injector')).toBeUndefined();
  });
  it('marks ordinary English words as weak evidence', () => {
    expect(vocabulary.resolve('Scheduler')?.strong).toBe(false);
    expect(vocabulary.resolve('Images')?.strong).toBe(false);
    expect(vocabulary.resolve('Pods')?.strong).toBe(true);
    expect(vocabulary.resolve('Admission Controllers')?.strong).toBe(true);
  });
  it('proposes the nearest concepts', () => {
    expect(vocabulary.nearest('Kubelete')).toEqual(['kubelet']);
    expect(vocabulary.nearest('Statefulsett')[0]).toBe('StatefulSet');
    expect(vocabulary.nearest('Sidecar Injector')).toEqual(['Sidecar Container']);
  });
});

describe('combineTerms', () => {
  const term = (input: unknown) => termSchema.parse(input);
  it('drops disabled pack terms and pack terms that name a form of a user term', () => {
    const packTerms = [
      term({ use: 'Argo CD', insteadOf: ['ArgoCD'] }),
      term({ use: 'Helm chart', insteadOf: ['Helm Chart'] }),
      term({ deprecated: true, insteadOf: ['dockershim'] }),
    ];
    const combined = combineTerms(
      packTerms,
      [term({ use: 'ArgoCD', insteadOf: ['Argo CD'] })],
      ['helm chart', 'dockershim'],
    );
    expect(combined.map((entry) => entry.use)).toEqual(['ArgoCD']);
  });
  it('rejects a term without a right form unless it is a legacy term, and invalid regexes', () => {
    expect(termSchema.safeParse({ insteadOf: ['x'] }).success).toBe(false);
    expect(termSchema.safeParse({ deprecated: true }).success).toBe(false);
    expect(termSchema.safeParse({ use: 'X', insteadOf: [{ regex: '(' }] }).success).toBe(false);
    expect(termSchema.safeParse({ deprecated: true, insteadOf: ['x'] }).success).toBe(true);
  });
});
