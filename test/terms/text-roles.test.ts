import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { isSentenceStart, proseBlocks, type ProseBlock } from '../../src/markdown/prose.js';
import { sentenceAround, SentencesOf } from '../../src/terms/history.js';
import {
  isCapitalizationOf,
  isTitleCase,
  quotationSpans,
  roleOf,
  templateSpans,
  titleCased,
  type Subcommands,
} from '../../src/terms/text-roles.js';

function blocksOf(markdown: string): ProseBlock[] {
  return [...proseBlocks(parseMarkdown(markdown), markdown)];
}

/** The role of the `occurrence`-th `word` in the document (counted over all its blocks). */
function role(markdown: string, word: string, occurrence = 0, subcommands?: Subcommands) {
  let seen = 0;
  for (const block of blocksOf(markdown)) {
    for (let from = block.text.indexOf(word); from >= 0; from = block.text.indexOf(word, from + 1)) {
      if (seen++ === occurrence)
        return roleOf(block, from, from + word.length, (index) => isSentenceStart(block, index), subcommands);
    }
  }
  throw new Error(`"${word}" #${occurrence} not found`);
}

describe('template markup', () => {
  it('covers Hugo shortcodes, Jinja and Liquid, delimiters included, and nothing unclosed', () => {
    const text = 'A {{< glossary_tooltip text="Kubelet" term_id="kubelet" >}} and {% raw %} and {{ x';
    expect(templateSpans(text).map((span) => text.slice(span.from, span.to))).toEqual([
      '{{< glossary_tooltip text="Kubelet" term_id="kubelet" >}}',
      '{% raw %}',
    ]);
    expect(
      role('The {{< glossary_tooltip text="config map" term_id="configmap" >}} is read.\n', 'config map').role,
    ).toBe('template');
    expect(role('{{% capture overview %}}\nThe kubernetes way.\n{{% /capture %}}\n', 'kubernetes').role).toBe('prose');
  });
});

describe('quotations', () => {
  it('pairs straight, curly and guillemet quotes, and leaves apostrophes alone', () => {
    const text = `He said "we use kubernetes" and ‘it’s fine’, then 'k8s' «K8S» — don't stop`;
    expect(quotationSpans(text).map((span) => text.slice(span.from, span.to))).toEqual([
      'we use kubernetes',
      'it’s fine',
      'k8s',
      'K8S',
    ]);
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
    expect(role('Search (kubernetes OR kubernetes-client OR kubernetes-sigs).\n', 'kubernetes').role).toBe(
      'identifier',
    );
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

describe('commands (issue 21)', () => {
  const subcommands: Subcommands = new Map([
    ['docker', new Set(['save', 'load', 'build'])],
    ['kubectl', new Set(['get', 'kustomize'])],
  ]);

  it('a tool followed by one of its subcommands is a command, with the extent of both words', () => {
    const markdown = 'Move images with docker save and docker load.\n';
    expect(role(markdown, 'docker', 0, subcommands)).toMatchObject({ role: 'command', command: { from: 17, to: 28 } });
    expect(role(markdown, 'docker', 1, subcommands)).toMatchObject({ role: 'command', command: { from: 33, to: 44 } });
    // A capital is the name ("Docker build caches layers"), another word is not a subcommand, nor a longer word.
    expect(role('Docker build caches layers.\n', 'Docker', 0, subcommands).role).not.toBe('command');
    expect(role('We run docker images on every node.\n', 'docker', 0, subcommands).role).toBe('prose');
    expect(role('The docker saved state is gone.\n', 'docker', 0, subcommands).role).toBe('prose');
  });

  it('a subcommand after its tool, and a verb-like name before its object, are not uses of the name', () => {
    expect(role('Since v1.14 kubectl kustomize renders overlays.\n', 'kustomize', 0, subcommands).role).toBe(
      'identifier',
    );
    expect(role('Since v1.14 kubectl kustomize renders overlays.\n', 'kustomize').role).toBe('prose');
    expect(role('Users who kustomize a malicious file can read secrets.\n', 'kustomize').role).toBe('identifier');
    expect(role('Read kubernetes the hard way first.\n', 'kubernetes').role).toBe('prose');
    expect(role('Our kustomize overlays live in deploy.\n', 'kustomize').role).toBe('prose');
  });
});

describe('cost per match (issue 25)', () => {
  it('the sentence of a match is found by lookup, the same sentence sentenceAround gives, in a block with or without periods', () => {
    for (const text of [
      'kubernetes K8S Kubectl configmap '.repeat(50),
      'PetSet was renamed. It is v1.5 now! Ask why? Then go.',
      'A. B',
    ]) {
      const sentences = new SentencesOf(text);
      for (let from = 0; from < text.length; from++) {
        for (const to of [from, Math.min(text.length, from + 3)]) {
          const { start, end } = sentences.around(from, to);
          expect(text.slice(start, end)).toBe(sentenceAround(text, from, to));
        }
      }
    }
  });

  it('quotes that never close quote nothing, and a later pair is still found', () => {
    expect(quotationSpans(`${'"a '.repeat(5000)}end`)).toEqual([]);
    expect(quotationSpans('He said "we use kubernetes" and ‘it’s fine’').map((span) => span.from)).toEqual([9, 33]);
  });

  it('roles in a paragraph of thousands of matches are those of the same words in a short one', () => {
    // Issue 25's paragraph: every block-wide fact (quotations, title words, the end of a clause) is read once and looked up.
    const words = 'kubernetes K8S Kubectl configmap ';
    const short = blocksOf(`${words.repeat(2)}\n`)[0]!;
    const long = blocksOf(`${words.repeat(4000)}\n`)[0]!;
    const roleAt = (block: ProseBlock, from: number, length: number) =>
      roleOf(block, from, from + length, (index) => isSentenceStart(block, index));
    for (const word of ['kubernetes', 'K8S', 'Kubectl', 'configmap']) {
      const at = short.text.indexOf(word, words.length);
      for (const copy of [1, 2, 1000, 3998])
        expect(roleAt(long, at + (copy - 1) * words.length, word.length)).toEqual(roleAt(short, at, word.length));
    }
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
    expect(role('## Configuring Kubelet Image Garbage Collection\n', 'Kubelet')).toMatchObject({
      role: 'heading',
      titleCase: true,
    });
    expect(role('## Kubelet\n', 'Kubelet')).toMatchObject({ role: 'heading', startsContext: true });
    expect(role('## How Kubelet learned to stop\n', 'Kubelet')).toMatchObject({
      role: 'heading',
      titleCase: false,
      startsContext: false,
    });
    expect(role('**Kubelet Flags:** the kubelet reads them.\n', 'Kubelet')).toMatchObject({
      role: 'label',
      startsContext: true,
    });
    expect(role('- [Kubectl conventions](kubectl-conventions.md)\n', 'Kubectl')).toMatchObject({
      role: 'link-text',
      startsContext: true,
    });
    expect(role("See [Reconfigure a Node's Kubelet in a Live Cluster](/docs/x/) for more.\n", 'Kubelet')).toMatchObject(
      { role: 'link-text', titleCase: true },
    );
    expect(role('Read [running agents on kubernetes](ops.md) first.\n', 'kubernetes')).toMatchObject({
      role: 'link-text',
      titleCase: false,
    });
    expect(role('* Network Policy API Meeting: Tuesdays at 9:00\n', 'Network Policy')).toMatchObject({
      role: 'label',
      titleCase: true,
    });
    expect(role('* Storage Classes and Dynamic Provisioning\n', 'Storage Classes')).toMatchObject({
      role: 'label',
      titleCase: true,
    });
    expect(role('| Name |\n| --- |\n| <ul><li>Apiserver</li><li>Etcd</li></ul> |\n', 'Etcd')).toMatchObject({
      role: 'cell',
      startsContext: true,
    });
  });

  it('a word of a longer capitalised name, not at a sentence start', () => {
    expect(
      role('Now that Dynamic Kubelet Configuration is removed, edit the file.\n', 'Kubelet').inCapitalizedName,
    ).toBe(true);
    expect(role('Our registry is Harbor. The Harbor API Server answers.\n', 'API Server').inCapitalizedName).toBe(true);
    expect(role('Watch it with Prometheus. Kubectl is the tool.\n', 'Kubectl').inCapitalizedName).toBe(false);
    expect(role('The Kubelet restarts containers.\n', 'Kubelet').inCapitalizedName).toBe(false);
  });
});
