import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { isSentenceStart, proseBlocks, type ProseBlock } from '../../src/markdown/prose.js';
import { isCapitalizationOf, isTitleCase, quotationSpans, roleOf, templateSpans, titleCased } from '../../src/terms/text-roles.js';

function blocksOf(markdown: string): ProseBlock[] {
  return [...proseBlocks(parseMarkdown(markdown), markdown)];
}

/** The role of the `occurrence`-th `word` in the document (counted over all its blocks). */
function role(markdown: string, word: string, occurrence = 0) {
  let seen = 0;
  for (const block of blocksOf(markdown)) {
    for (let from = block.text.indexOf(word); from >= 0; from = block.text.indexOf(word, from + 1)) {
      if (seen++ === occurrence) return roleOf(block, from, from + word.length, (index) => isSentenceStart(block, index));
    }
  }
  throw new Error(`"${word}" #${occurrence} not found`);
}

describe('template markup', () => {
  it('covers Hugo shortcodes, Jinja and Liquid, delimiters included, and nothing unclosed', () => {
    const text = 'A {{< glossary_tooltip text="Kubelet" term_id="kubelet" >}} and {% raw %} and {{ x';
    expect(templateSpans(text).map((span) => text.slice(span.from, span.to))).toEqual(['{{< glossary_tooltip text="Kubelet" term_id="kubelet" >}}', '{% raw %}']);
    expect(role('The {{< glossary_tooltip text="config map" term_id="configmap" >}} is read.\n', 'config map').role).toBe('template');
    expect(role('{{% capture overview %}}\nThe kubernetes way.\n{{% /capture %}}\n', 'kubernetes').role).toBe('prose');
  });
});

describe('quotations', () => {
  it('pairs straight, curly and guillemet quotes, and leaves apostrophes alone', () => {
    const text = `He said "we use kubernetes" and ‘it’s fine’, then 'k8s' «K8S» — don't stop`;
    expect(quotationSpans(text).map((span) => text.slice(span.from, span.to))).toEqual(['we use kubernetes', 'it’s fine', 'k8s', 'K8S']);
    expect(quotationSpans('An "unclosed quote about kubernetes')).toEqual([]);
  });

  it('an error message, a search string and a counter-example are mentions, not uses', () => {
    expect(role('The events say "Kubelet stopped posting node status".\n', 'Kubelet').role).toBe('quotation');
    expect(role('Search for "kubelet not ready docker" first.\n', 'docker').role).toBe('quotation');
    expect(role('- **Bad example:** SIG-Docs oversees the website.\n', 'SIG-Docs').role).toBe('quotation');
    expect(role('- **Good example:** SIG-Docs oversees the website.\n', 'SIG-Docs').role).toBe('prose');
  });
});

describe('identifiers', () => {
  it('GitHub organisations and repositories, also in a list of handles and with a typo', () => {
    expect(role('Move it to the kubernetes org.\n', 'kubernetes').role).toBe('identifier');
    expect(role('The kubernetes repositories carry releases.\n', 'kubernetes').role).toBe('identifier');
    expect(role('Say whether it belongs in kubernetes or kubernetes-sigs.\n', 'kubernetes').role).toBe('identifier');
    expect(role('Search (kubernetes OR kubernetes-client OR kubernetes-sigs).\n', 'kubernetes').role).toBe('identifier');
    expect(role('For PR #100972 in kubernetes repositry, add .patch.\n', 'kubernetes').role).toBe('identifier');
    expect(role('Work in your kubernetes branch.\n', 'kubernetes').role).toBe('identifier');
    expect(role('Contributors to kubernetes sign the CLA.\n', 'kubernetes').role).toBe('prose');
  });

  it('a block that is only the name: a generated heading, a list of repositories', () => {
    expect(role('### kubespray\n', 'kubespray').role).toBe('identifier');
    expect(role('- kubectl\n- kustomize\n', 'kustomize').role).toBe('identifier');
    expect(role('- Kustomize\n', 'Kustomize').role).not.toBe('identifier');
  });

  it('a command written without code formatting, and a name used as a verb', () => {
    expect(role('Run docker build -t web:dev . first.\n', 'docker').role).toBe('identifier');
    expect(role('Then kustomize build overlays/prod.\n', 'kustomize').role).toBe('identifier');
    expect(role('You can kustomize the base manifests.\n', 'kustomize').role).toBe('identifier');
    expect(role('Install docker on your workstation.\n', 'docker').role).toBe('prose');
    // A subject followed by its verb is not a command: only a one-word name is.
    expect(role('Our master nodes run the API server.\n', 'master nodes').role).toBe('prose');
  });
});

describe('title case and capitalised names', () => {
  it('Title Case needs another word, all of them capitalised but the minor ones', () => {
    expect(isTitleCase('Configuring Kubelet Image Garbage Collection', { from: 12, to: 19 })).toBe(true);
    expect(isTitleCase('What Happens When the Api Server Is Down', { from: 22, to: 32 })).toBe(true);
    expect(isTitleCase('How Kubelet learned to stop', { from: 4, to: 11 })).toBe(false);
    expect(isTitleCase('Kubelet', { from: 0, to: 7 })).toBe(false);
  });

  it('a capitalisation is the right form with capitals at word starts, nothing else', () => {
    expect(titleCased('API server', false)).toBe('API Server');
    expect(titleCased('kube-proxy', true)).toBe('Kube-Proxy');
    expect(isCapitalizationOf('Kubelet', 'kubelet')).toBe(true);
    expect(isCapitalizationOf('API Server', 'API server')).toBe(true);
    expect(isCapitalizationOf('Api Server', 'API server')).toBe(false);
    expect(isCapitalizationOf('Daemonset', 'DaemonSet')).toBe(false);
    expect(isCapitalizationOf('kubelet', 'kubelet')).toBe(false);
  });

  it('headings, bold labels, tables of contents and page titles in links are titles', () => {
    expect(role('## Configuring Kubelet Image Garbage Collection\n', 'Kubelet')).toMatchObject({ role: 'heading', titleCase: true });
    expect(role('## Kubelet\n', 'Kubelet')).toMatchObject({ role: 'heading', startsContext: true });
    expect(role('## How Kubelet learned to stop\n', 'Kubelet')).toMatchObject({ role: 'heading', titleCase: false, startsContext: false });
    expect(role('**Kubelet Flags:** the kubelet reads them.\n', 'Kubelet')).toMatchObject({ role: 'label', startsContext: true });
    expect(role('- [Kubectl conventions](kubectl-conventions.md)\n', 'Kubectl')).toMatchObject({ role: 'link-text', startsContext: true });
    expect(role('See [Reconfigure a Node\'s Kubelet in a Live Cluster](/docs/x/) for more.\n', 'Kubelet')).toMatchObject({ role: 'link-text', titleCase: true });
    expect(role('Read [running agents on kubernetes](ops.md) first.\n', 'kubernetes')).toMatchObject({ role: 'link-text', titleCase: false });
    expect(role('* Network Policy API Meeting: Tuesdays at 9:00\n', 'Network Policy')).toMatchObject({ role: 'label', titleCase: true });
    expect(role('* Storage Classes and Dynamic Provisioning\n', 'Storage Classes')).toMatchObject({ role: 'label', titleCase: true });
    expect(role('| Name |\n| --- |\n| <ul><li>Apiserver</li><li>Etcd</li></ul> |\n', 'Etcd')).toMatchObject({ role: 'cell', startsContext: true });
  });

  it('a word of a longer capitalised name, not at a sentence start', () => {
    expect(role('Now that Dynamic Kubelet Configuration is removed, edit the file.\n', 'Kubelet').inCapitalizedName).toBe(true);
    expect(role('Our registry is Harbor. The Harbor API Server answers.\n', 'API Server').inCapitalizedName).toBe(true);
    expect(role('Watch it with Prometheus. Kubectl is the tool.\n', 'Kubectl').inCapitalizedName).toBe(false);
    expect(role('The Kubelet restarts containers.\n', 'Kubelet').inCapitalizedName).toBe(false);
  });
});
