/**
 * Synthetic documentation repositories for the benchmark: `npm run bench:generate -- <out-dir>
 * --files 1000`. Deterministic for a seed. The shape follows the real docs the benchmark was tuned
 * on (a Kubernetes community repository): folders per group with a README, meeting notes that are
 * long lists of links, design docs with tables, code and front matter; about 30 links a file,
 * most of them external, a few relative ones with heading anchors, reference definitions and bare
 * URLs. A small share of relative links and anchors is broken on purpose, and every planted break
 * is listed in `bench-manifest.json`, so a linter's recall can be checked as well as its speed.
 *
 * `--shape framework` writes a small framework repository instead, like the ones that explain
 * their practices through Kubernetes (fixtures/terminology-framework): a README with the index,
 * numbered factors, patterns and foundations that link to each other with anchors (most links
 * relative, few external), foundations with a Kubernetes mapping table, and guides.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface GenerateOptions {
  files: number;
  seed?: number;
  /** Share of relative links and anchors that are broken (default 0.03). */
  brokenShare?: number;
  /** `community` (default): a Kubernetes community repository; `framework`: a small cross-linked framework. */
  shape?: CorpusShape;
}

export type CorpusShape = 'community' | 'framework';

export type PlantedBreak = 'missing-file' | 'missing-anchor' | 'wrong-case' | 'missing-local-anchor';

export interface PlantedBrokenLink {
  file: string;
  line: number;
  url: string;
  kind: PlantedBreak;
}

export interface GeneratedCorpus {
  /** Root-relative path → Markdown text. */
  files: Map<string, string>;
  brokenLinks: PlantedBrokenLink[];
}

/** mulberry32: small, fast and good enough to pick words. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the a of to and in for is on that with as be this by are it from or at we will an can should our which not have ' +
  'cluster node pod controller scheduler release review proposal owner approver reviewer meeting agenda notes design ' +
  'api server client test flake image registry network storage volume policy security audit metric alert upgrade ' +
  'version feature gate alpha beta stable deprecation migration community contributor maintainer subproject charter ' +
  'repository issue pull request label milestone triage backlog roadmap working group special interest lead chair'
).split(' ');

const TERMS = [
  'Kubernetes',
  'kubelet',
  'kubectl',
  'etcd',
  'Pod',
  'Deployment',
  'StatefulSet',
  'control plane',
  'container runtime',
  'CustomResourceDefinition',
  'Helm',
  'GitHub',
  'K8s',
  'kube-proxy',
];

const HOSTS = [
  'https://github.com/kubernetes/kubernetes/issues/',
  'https://github.com/kubernetes/enhancements/pull/',
  'https://docs.google.com/document/d/',
  'https://kubernetes.io/docs/concepts/',
  'https://groups.google.com/g/kubernetes-dev/c/',
  'https://www.youtube.com/watch?v=',
];

const LANGUAGES = ['yaml', 'sh', 'go', 'json', ''];

interface PlannedFile {
  path: string;
  title: string;
  sections: string[];
  kind: 'readme' | 'meeting' | 'design' | 'guide';
  /** A framework foundation: explains itself through Kubernetes with a mapping table. */
  mapsKubernetes?: boolean;
}

/** One mapping, used the same way everywhere: a framework's docs agree with each other. */
const FRAMEWORK_MAPPING: readonly [string, string][] = [
  ['API Server', 'Natural Language Interface'],
  ['Scheduler', 'Intelligent Router'],
  ['Controller Manager', 'Validation Gates'],
  ['Pods', 'Workflows'],
  ['Volumes', 'Context Bundles'],
];

/** GitHub's anchor for the simple headings this generator writes (letters, digits, spaces, hyphens). */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

function relativeLink(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative === '' ? path.posix.basename(to) : relative;
}

export function generateCorpus(options: GenerateOptions): GeneratedCorpus {
  const random = createRandom(options.seed ?? 1);
  const brokenShare = options.brokenShare ?? 0.03;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const words = (count: number): string =>
    Array.from({ length: count }, () => (random() < 0.04 ? pick(TERMS) : pick(WORDS))).join(' ');
  const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

  // Plan every file (path, title, section headings) first, so links can point at real anchors.
  const sectionsOf = (kind: PlannedFile['kind']): string[] => {
    const count = kind === 'meeting' ? between(1, 5) : kind === 'readme' ? between(2, 4) : between(3, 9);
    return Array.from({ length: count }, (_, section) => `${capitalised(words(between(1, 4)))} ${section + 1}`);
  };
  const plan: PlannedFile[] =
    options.shape === 'framework'
      ? planFramework(options.files, sectionsOf, () => capitalised(words(between(2, 5))))
      : [];
  const groups = Math.max(1, Math.round(options.files / 40));
  for (let index = 0; options.shape !== 'framework' && plan.length < options.files; index++) {
    const group = `area-${String(index % groups).padStart(3, '0')}`;
    const number = Math.floor(index / groups);
    const kind: PlannedFile['kind'] =
      number === 0 ? 'readme' : pick(['meeting', 'meeting', 'design', 'guide'] as const);
    const folder =
      kind === 'readme'
        ? group
        : `${group}/${kind === 'meeting' ? 'meetings' : kind === 'design' ? 'design' : 'guides'}`;
    const name =
      kind === 'readme'
        ? 'README.md'
        : kind === 'meeting'
          ? `${2015 + (number % 10)}-notes-${number}.md`
          : `${kind}-${number}.md`;
    const sections = sectionsOf(kind);
    plan.push({ path: `${folder}/${name}`, title: capitalised(words(between(2, 5))), sections, kind });
  }

  const files = new Map<string, string>();
  const brokenLinks: PlantedBrokenLink[] = [];
  for (const file of plan) {
    const lines: string[] = [];
    const plantBreak = (kind: PlantedBreak, url: string): string => {
      brokenLinks.push({ file: file.path, line: lines.length + 1, url, kind });
      return url;
    };
    /** A relative link to another file (sometimes with an anchor), or a planted broken one. */
    const relativeUrl = (): string => {
      const target = pick(plan);
      const withAnchor = random() < 0.5 && target.sections.length > 0;
      const anchor = withAnchor ? `#${anchorOf(pick(target.sections))}` : '';
      if (random() < brokenShare) {
        const kind = pick(['missing-file', 'missing-anchor', 'wrong-case'] as const);
        if (kind === 'missing-file')
          return plantBreak(kind, relativeLink(file.path, target.path.replace(/\.md$/, '-old.md')));
        if (kind === 'missing-anchor')
          return plantBreak(kind, `${relativeLink(file.path, target.path)}#${anchorOf(words(2))}-removed`);
        const upper = target.path.replace(/[^/]+$/, (base) => base.charAt(0).toUpperCase() + base.slice(1));
        if (upper !== target.path) return plantBreak(kind, relativeLink(file.path, upper));
      }
      return `${relativeLink(file.path, target.path)}${anchor}`;
    };
    const externalUrl = (): string => `${pick(HOSTS)}${between(1000, 99999)}`;
    const localAnchor = (): string =>
      random() < brokenShare
        ? plantBreak('missing-local-anchor', `#${anchorOf(words(2))}-gone`)
        : `#${anchorOf(pick(file.sections))}`;
    const inlineLink = (): string => {
      const roll = random();
      // A framework links mostly to itself; a community repository mostly to issues and documents elsewhere.
      const external = options.shape === 'framework' ? 0.25 : 0.74;
      if (roll < external) return `[${words(between(1, 4))}](${externalUrl()})`;
      if (roll < 0.84) return `[${words(between(1, 3))}](${relativeUrl()})`;
      if (roll < 0.89) return `[${words(2)}](${localAnchor()})`;
      if (roll < 0.95) return externalUrl(); // a bare URL: GFM makes it a link
      return `\`${pick(TERMS).toLowerCase()}\``;
    };
    const paragraph = (): string => {
      const parts: string[] = [];
      const sentences = between(1, 4);
      for (let sentence = 0; sentence < sentences; sentence++) {
        parts.push(
          `${capitalised(words(between(5, 14)))}${random() < 0.35 ? ` ${inlineLink()}` : ''} ${words(between(2, 8))}.`,
        );
      }
      return parts.join(' ');
    };

    if (file.kind === 'design' || random() < 0.15) {
      lines.push(
        '---',
        `title: ${file.title}`,
        `status: ${pick(['implementable', 'provisional', 'implemented'])}`,
        `owners:`,
        `  - "@${pick(WORDS)}-${between(1, 99)}"`,
        '---',
        '',
      );
    }
    // Links are drawn as their line is written: a planted break records the line it lands on.
    lines.push(`# ${file.title}`, '');
    lines.push(paragraph(), '');
    if (file.kind !== 'meeting' && random() < 0.6) {
      lines.push('## Table of contents', '');
      for (const section of file.sections) lines.push(`- [${section}](#${anchorOf(section)})`);
      lines.push('');
    }
    if (file.mapsKubernetes) {
      lines.push('How these concepts map to Kubernetes:', '', '| Kubernetes | This framework |', '| --- | --- |');
      for (const [kubernetes, ours] of FRAMEWORK_MAPPING) if (random() < 0.7) lines.push(`| ${kubernetes} | ${ours} |`);
      lines.push('');
    }
    for (const section of file.sections) {
      lines.push(`## ${section}`, '');
      const blocks = file.kind === 'meeting' ? between(1, 3) : between(2, 5);
      for (let block = 0; block < blocks; block++) {
        const roll = random();
        if (file.kind === 'meeting' || roll < 0.25) {
          // Meeting notes: nested lists dense with links, the slowest Markdown to parse.
          const items = between(2, file.kind === 'meeting' ? 9 : 6);
          for (let item = 0; item < items; item++) {
            lines.push(
              `- ${words(between(2, 8))}${random() < 0.7 ? ` ${inlineLink()}` : ''}${random() < 0.15 ? ` ${inlineLink()}` : ''}`,
            );
            if (random() < 0.25) lines.push(`  - ${words(between(3, 9))}${random() < 0.5 ? ` ${inlineLink()}` : ''}`);
          }
        } else if (roll < 0.4) {
          lines.push('| Name | Owner | Link |', '| --- | --- | --- |');
          for (let row = between(2, 6); row > 0; row--)
            lines.push(`| ${words(2)} | @${pick(WORDS)} | ${inlineLink()} |`);
        } else if (roll < 0.52) {
          const language = pick(LANGUAGES);
          lines.push(`\`\`\`${language}`);
          for (let line = between(2, 10); line > 0; line--)
            lines.push(
              `${pick(['kubectl get', 'apiVersion: v1', 'kind: Pod', 'go test ./...', '# see https://example.com/[x](y)'])} ${words(2)}`,
            );
          lines.push('```');
        } else if (roll < 0.6) {
          const label = `${pick(WORDS)}-${between(1, 500)}`;
          lines.push(`${capitalised(words(between(4, 10)))} [${words(2)}][${label}] ${words(3)}.`, '');
          lines.push(`[${label}]: ${random() < 0.5 ? externalUrl() : relativeUrl()}`);
        } else if (roll < 0.64) {
          lines.push(
            `<a name="${anchorOf(words(2))}"></a>`,
            '',
            `![${words(2)}](${random() < 0.5 ? 'images/diagram.png' : externalUrl()})`,
          );
        } else if (roll < 0.68) {
          lines.push(`> **Note:** ${paragraph()}`);
        } else {
          lines.push(paragraph());
        }
        lines.push('');
      }
      if (file.kind === 'design' && random() < 0.5) {
        lines.push(`### ${capitalised(words(3))}`, '');
        lines.push(paragraph(), '');
      }
    }
    files.set(file.path, lines.join('\n'));
  }
  return { files, brokenLinks };
}

/**
 * The files of a framework repository: README, 12 factors, then foundations (a fifth of the rest,
 * each with a mapping table), patterns (half) and guides, each with planned sections.
 */
function planFramework(
  count: number,
  sectionsOf: (kind: PlannedFile['kind']) => string[],
  title: () => string,
): PlannedFile[] {
  const plan: PlannedFile[] = [{ path: 'README.md', title: title(), sections: sectionsOf('readme'), kind: 'readme' }];
  const number = (index: number): string => String(index).padStart(2, '0');
  for (let factor = 1; factor <= 12 && plan.length < count; factor++)
    plan.push({
      path: `factors/${number(factor)}-factor.md`,
      title: title(),
      sections: sectionsOf('design'),
      kind: 'design',
    });
  const rest = count - plan.length;
  for (let index = 0; plan.length < count; index++) {
    const share = index / Math.max(1, rest);
    if (share < 0.2)
      plan.push({
        path: `foundations/foundation-${number(index + 1)}.md`,
        title: title(),
        sections: sectionsOf('design'),
        kind: 'design',
        mapsKubernetes: true,
      });
    else if (share < 0.7)
      plan.push({
        path: `patterns/pattern-${number(index + 1)}.md`,
        title: title(),
        sections: sectionsOf('guide'),
        kind: 'guide',
      });
    else
      plan.push({
        path: `docs/guide-${number(index + 1)}.md`,
        title: title(),
        sections: sectionsOf('guide'),
        kind: 'guide',
      });
  }
  return plan;
}

/** Writes a generated corpus to `directory` (which must not exist or be empty). */
export function writeCorpus(directory: string, corpus: GeneratedCorpus): void {
  for (const [file, text] of corpus.files) {
    const absolute = path.join(directory, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  writeFileSync(
    path.join(directory, 'bench-manifest.json'),
    `${JSON.stringify({ files: corpus.files.size, brokenLinks: corpus.brokenLinks }, null, 2)}\n`,
  );
}

function main(argv: string[]): void {
  const directory = argv.find((argument) => !argument.startsWith('--'));
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const files = Number(value('--files') ?? '1000');
  const seed = Number(value('--seed') ?? '1');
  const shape = value('--shape') ?? 'community';
  if (
    !directory ||
    !Number.isInteger(files) ||
    files < 1 ||
    !Number.isInteger(seed) ||
    (shape !== 'community' && shape !== 'framework')
  ) {
    console.error('usage: npm run bench:generate -- <out-dir> [--files 1000] [--seed 1] [--shape community|framework]');
    process.exitCode = 2;
    return;
  }
  const corpus = generateCorpus({ files, seed, shape });
  writeCorpus(path.resolve(directory), corpus);
  const bytes = [...corpus.files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  console.log(
    `Wrote ${corpus.files.size} files (${(bytes / 1e6).toFixed(1)} MB) with ${corpus.brokenLinks.length} planted broken links to ${directory}.`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
