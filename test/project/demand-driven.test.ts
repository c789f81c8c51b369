/**
 * Issue 15: a run on named files parses only the files the rules comparing documents can depend
 * on (ProjectRule.mayContribute), and its results equal the full run's. Checked on the shipped
 * excerpts: every one-file run against the full run's diagnostics for that file; every file whose
 * extract finds something passes its rule's raw-text test; and the raw-text tests on the markup
 * that prose drops or decodes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigSet } from '../../src/config/config-set.js';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { DemandedFiles, demandedFiles } from '../../src/project/demanded-files.js';
import { mayHoldAnyForm, mayStateMapping, formSkeleton } from '../../src/terms/raw-text-superset.js';
import { REGISTRY } from '../../rules/index.js';
import { runCli, tempProject } from '../helpers/cli-harness.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

interface Reported {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  message: string;
}

function filesUnder(root: string): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The kubernetes/community excerpt has no config: linted as the kubernetes preset's users lint it. */
function kubernetesCommunity(): string {
  const source = path.join(FIXTURES, 'kubernetes-community');
  const files: Record<string, Buffer | string> = {
    'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
  };
  for (const file of filesUnder(source)) files[file] = readFileSync(path.join(source, file));
  return tempProject(files);
}

/**
 * Files the named file neither links to nor is linked from, each holding what only one of the two
 * comparing rules reads: a spelling of K8s, or a mapping. Only a raw-text test of each rule keeps them.
 */
function separatedComparisons(): string {
  return tempProject({
    'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
    'README.md': '# Home\n\nStart with the [guide](docs/guide.md).\n',
    'docs/guide.md': '# Guide\n\nNothing to compare here.\n',
    'docs/clusters.md': '# Clusters\n\nThe platform runs on K8s. We scale K8s daily.\n',
    'docs/laptops.md': '# Laptops\n\nOn a laptop, the platform runs on k8s in a VM.\n',
    'docs/mapping.md':
      '# Mapping\n\nHow our concepts map to Kubernetes:\n\n| Kubernetes | Ours |\n| --- | --- |\n| Pod | Workflow |\n| Deployment | Rollout |\n| Service | Endpoint |\n',
    'docs/notes.md': '# Notes\n\nIn our mapping, Pods → Tasks.\n',
  });
}

/**
 * A mapping that matters only through another: target.md's running-text "Pods → Tasks" is held to
 * a.md's three "Pods → Workers" only because c.md's mapping table maps "Worker" (comparedStatements),
 * and c.md names neither Pods nor Tasks. Without c.md, target.md gets another finding (against
 * b.md), so a one-file run of target.md must take the second step of the demand.
 */
function mappingThroughAnother(): string {
  return tempProject({
    'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
    'README.md': '# Home\n\nNothing to compare here.\n',
    'target.md': '# Target\n\nIn our design, Pods → Tasks.\n',
    'a.md':
      '# Alpha\n\nIn this guide, Pods → Workers.\n\nIn the first release, Pods → Workers.\n\nIn the second release, Pods → Workers.\n',
    'b.md':
      '# Beta\n\nHow our concepts map to Kubernetes:\n\n| Kubernetes | Ours |\n| --- | --- |\n| Deployment | Task |\n',
    'c.md':
      '# Gamma\n\nHow our concepts map to Kubernetes:\n\n| Kubernetes | Ours |\n| --- | --- |\n| Service | Worker |\n',
  });
}

/**
 * Headings that share an anchor, reported only because a file the named one does not link to
 * links to the plain anchor: from a sibling (by name), from a sub-folder (through `../`), and to a
 * folder's README (by the folder's name).
 */
function sharedAnchorsLinkedFromElsewhere(): string {
  return tempProject({
    'README.md': '# Home\n\n## Setup\n\nOne.\n\n## Setup\n\nTwo.\n',
    'a.md': '# A\n\n## Install\n\nOne.\n\n## Install\n\nTwo.\n',
    'b.md': '# B\n\nSee [install](a.md#install) and [the guide](guide/#usage).\n',
    'guide/README.md': '# Guide\n\n## Usage\n\nOne.\n\n## Usage\n\nTwo.\n',
    'guide/deep.md': '# Deep\n\nBack to [setup](../#setup).\n',
    'other.md': '# Other\n\nNothing links from here.\n',
  });
}

/** Each repository, and whether the comparing rules report in it (the kubernetes/community excerpt spells K8s one way). */
const REPOSITORIES: [string, () => string, boolean][] = [
  ['fixtures/terminology-framework', () => path.join(FIXTURES, 'terminology-framework'), true],
  ['fixtures/kubernetes-community with recommended + kubernetes', kubernetesCommunity, false],
  ['a repository whose term forms and mappings are in separate, unlinked files', separatedComparisons, true],
  ['a repository where a mapping matters only through another', mappingThroughAnother, true],
  [
    'fixtures/accuracy/agent-framework: mapping conflicts of issue 21 between rows that describe, lists, tables and prose',
    () => path.join(FIXTURES, 'accuracy', 'agent-framework'),
    true,
  ],
  [
    'a repository whose shared anchors are linked from files the named one does not link to',
    sharedAnchorsLinkedFromElsewhere,
    true,
  ],
];

/** The rules whose findings on a file can rest on files it does not link to. */
const COMPARING_RULES = ['term-consistency', 'mapping-consistency', 'duplicate-heading-anchor'];

async function lint(root: string, patterns: string[]): Promise<{ files: string[]; diagnostics: Reported[] }> {
  const result = await runCli(['--root', root, '--format', 'json', '--no-threads', '--no-external', ...patterns], {
    cwd: root,
  });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as { diagnostics: Reported[]; files?: string[] };
  return {
    files: [...new Set(report.diagnostics.map((diagnostic) => diagnostic.file))],
    diagnostics: report.diagnostics,
  };
}

const essentials = (diagnostics: readonly Reported[]): string[] =>
  diagnostics.map(
    ({ file, line, column, ruleId, messageId, message }) =>
      `${file}:${line}:${column} ${ruleId}/${messageId} ${message}`,
  );

describe('one-file runs equal the full run', () => {
  for (const [name, repository, comparisonsReported] of REPOSITORIES) {
    it(`on ${name}, file by file`, async () => {
      const root = repository();
      const markdown = filesUnder(root).filter((file) => file.endsWith('.md'));
      const full = await lint(root, ['.']);
      expect(full.diagnostics.some((diagnostic) => COMPARING_RULES.includes(diagnostic.ruleId))).toBe(
        comparisonsReported,
      );
      for (const file of markdown) {
        const one = await lint(root, [file]);
        expect(essentials(one.diagnostics), file).toEqual(
          essentials(full.diagnostics.filter((diagnostic) => diagnostic.file === file)),
        );
      }
    });
  }
});

describe('what a one-file run parses', () => {
  it('leaves out files whose raw text holds no compared term form and no mapping marker', async () => {
    const root = path.join(FIXTURES, 'terminology-framework');
    const configs = new ConfigSet({ root, cwd: root, context: REGISTRY.configContext });
    const candidates = filesUnder(root).filter((file) => file.endsWith('.md'));
    const needed = await demandedFiles({
      candidates,
      read: async (file) => readFileSync(path.join(root, file)),
      rulesFor: (file) => configs.forFile(file),
      ruleIds: new Set(['term-consistency', 'mapping-consistency']),
    });
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.length).toBeLessThan(candidates.length);
    // The files left out are exactly those where neither rule's extract finds anything.
    for (const file of candidates) {
      const enabled = configs.forFile(file);
      const analysis = analyzeText(file, readFileSync(path.join(root, file), 'utf8'), enabled, true);
      const found = ['term-consistency', 'mapping-consistency'].some((id) => {
        const data = analysis.facts?.extracted[id] as
          | { occurrences?: unknown[]; ambiguous?: object; statements?: unknown[] }
          | undefined;
        return (
          (data?.occurrences?.length ?? 0) > 0 ||
          Object.keys(data?.ambiguous ?? {}).length > 0 ||
          (data?.statements?.length ?? 0) > 0
        );
      });
      if (found) expect(needed, file).toContain(file);
    }
  });

  it('parses every file for a comparing rule without a raw-text test', async () => {
    const withoutTest = { ...REGISTRY.byId.get('mapping-consistency')!, mayContribute: undefined };
    const needed = await demandedFiles({
      candidates: ['a.md', 'b.md'],
      read: async () => new TextEncoder().encode('nothing to compare\n'),
      rulesFor: () => [{ rule: withoutTest, severity: 'error', options: {} }] as never,
    });
    expect(needed).toEqual(['a.md', 'b.md']);
  });
});

describe('what a one-file run parses, once the named file is analysed', () => {
  const root = separatedComparisons();
  const configs = new ConfigSet({ root, cwd: root, context: REGISTRY.configContext });
  const candidatesBesides = (target: string): string[] =>
    filesUnder(root).filter((file) => file.endsWith('.md') && file !== target);

  async function demandedFor(target: string): Promise<{ needed: string[]; read: string[] }> {
    const facts = analyzeText(target, readFileSync(path.join(root, target), 'utf8'), configs.forFile(target)).facts!;
    const read: string[] = [];
    const needed = await demandedFiles({
      candidates: candidatesBesides(target),
      read: async (file) => {
        read.push(file);
        return readFileSync(path.join(root, file));
      },
      rulesFor: (file) => configs.forFile(file),
      targets: new Map([[target, facts]]),
      ruleIds: new Set(['term-consistency', 'mapping-consistency']),
    });
    return { needed, read: read.sort() };
  }

  it('reads no other file when the named file uses no compared term and states no mapping', async () => {
    expect(await demandedFor('docs/guide.md')).toEqual({ needed: [], read: [] });
  });

  it('parses only the files that can hold a form of a term the named file uses', async () => {
    const { needed, read } = await demandedFor('docs/laptops.md');
    expect(needed).toEqual(['docs/clusters.md']);
    // Every other file is read for the test, none is parsed for the mapping rule.
    expect(read).toEqual(candidatesBesides('docs/laptops.md'));
  });

  it('parses the files that can state a mapping when the named file states one', async () => {
    const { needed } = await demandedFor('docs/notes.md');
    expect(needed).toEqual(['docs/mapping.md']);
  });

  it("takes a second step for the mappings that decide whether the named file's mapping is compared", async () => {
    const hops = mappingThroughAnother();
    const hopConfigs = new ConfigSet({ root: hops, cwd: hops, context: REGISTRY.configContext });
    const analyse = (file: string) =>
      analyzeText(file, readFileSync(path.join(hops, file), 'utf8'), hopConfigs.forFile(file)).facts!;
    const demand = new DemandedFiles({
      candidates: ['README.md', 'a.md', 'b.md', 'c.md'],
      read: async (file) => readFileSync(path.join(hops, file)),
      rulesFor: (file) => hopConfigs.forFile(file),
      ruleIds: new Set(['term-consistency', 'mapping-consistency']),
    });
    const targets = new Map([['target.md', analyse('target.md')]]);
    expect(await demand.next({ targets, demanded: new Map() })).toEqual(['a.md', 'b.md']);
    expect(
      await demand.next({
        targets,
        demanded: new Map([
          ['a.md', analyse('a.md')],
          ['b.md', analyse('b.md')],
        ]),
      }),
    ).toEqual(['c.md']);
    expect(
      await demand.next({ targets, demanded: new Map(['a.md', 'b.md', 'c.md'].map((file) => [file, analyse(file)])) }),
    ).toEqual([]);
  });

  it('tests a file that gives a comparing rule other options with its own options', async () => {
    const rule = REGISTRY.byId.get('term-consistency')!;
    const fileScope = {
      rule,
      severity: 'warn',
      options: rule.options!.parse({ packs: ['kubernetes'], scope: 'file' }),
    };
    const facts = analyzeText('a.md', 'We run the platform on K8s in production.\n', [
      { ...fileScope, options: rule.options!.parse({ packs: ['kubernetes'], scope: 'repository' }) },
    ] as never).facts!;
    const needed = await demandedFiles({
      candidates: ['b.md', 'c.md'],
      read: async (file) =>
        new TextEncoder().encode(
          file === 'b.md' ? 'We run the platform on k8s in a VM.\n' : 'Nothing to compare in this file.\n',
        ),
      rulesFor: () => [fileScope] as never,
      targets: new Map([['a.md', facts]]),
      ruleIds: new Set(['term-consistency']),
    });
    expect(needed).toEqual(['b.md']);
  });
});

describe('raw-text superset tests', () => {
  const k8s = ['K8s', 'k8s'].map(formSkeleton);

  it('find a form that markup, references or link destinations split in the source', () => {
    expect(mayHoldAnyForm('Run **K**8s today.\n', k8s)).toBe(true);
    expect(mayHoldAnyForm('Run K&#56;s today.\n', k8s)).toBe(true);
    expect(mayHoldAnyForm('Run [K](https://example.com/x)8s today.\n', k8s)).toBe(true);
    expect(mayHoldAnyForm('Run [K][ref]8s today.\n\n[ref]: https://example.com\n', k8s)).toBe(true);
    expect(mayHoldAnyForm('Many Network Policies here.\n', [formSkeleton('NetworkPolicy')])).toBe(true);
    expect(mayHoldAnyForm('Nothing about it here.\n', k8s)).toBe(false);
  });

  it('find a mapping marker however it is written', () => {
    expect(mayStateMapping('| Kubernetes | Ours |\n| --- | --- |\n| Pod | Task |\n')).toBe(true);
    expect(mayStateMapping('Pods -> Tasks\n')).toBe(true);
    expect(mayStateMapping('Pods -&gt; Tasks\n')).toBe(true);
    expect(mayStateMapping('Pods &rarr; Tasks\n')).toBe(true);
    expect(mayStateMapping('Pods -*>* Tasks\n')).toBe(true);
    expect(mayStateMapping('Pods -[>](https://example.com) Tasks\n')).toBe(true);
    expect(mayStateMapping('A Pod is *just like* a Task.\n')).toBe(true);
    expect(mayStateMapping('A Pod corresponds to a Task.\n')).toBe(true);
    expect(mayStateMapping('A Pod runs containers on a node.\n')).toBe(false);
  });
});

describe('every lint of a run chooses its own files', () => {
  // laptops.md writes k8s once, where emphasis splits it (no certain fix), and "#Laptops" (a certain fix).
  const files = {
    'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
    'README.md': '# Home\n\nStart with the [guide](docs/guide.md).\n',
    'docs/guide.md': '# Guide\n\nNothing to compare here.\n',
    'docs/clusters.md': '# Clusters\n\nThe platform runs on K8s. We scale K8s daily.\n',
    'docs/laptops.md': '#Laptops\n\nOn a laptop, the platform runs on *k*8s in a VM.\n',
  };

  it('a fix pass reads again the files the comparison needs', async () => {
    const root = tempProject(files);
    const result = await runCli(['--root', root, '--format', 'json', '--no-threads', '--fix', 'docs/laptops.md'], {
      cwd: root,
    });
    expect(readFileSync(path.join(root, 'docs/laptops.md'), 'utf8')).toBe(
      '# Laptops\n\nOn a laptop, the platform runs on *k*8s in a VM.\n',
    );
    expect(essentials((JSON.parse(result.stdout) as { diagnostics: Reported[] }).diagnostics)).toEqual([
      'docs/laptops.md:3:36 term-consistency/preferred "k8s" here; write "K8s" (2 uses in the prose of the repository, first in docs/clusters.md:3; "k8s" 1), the term\'s preferred form.',
    ]);
  });

  it('--changed-since compares named files with the repository as it was, chosen the same way', async () => {
    const repo = await TempRepo.create(files);
    try {
      await repo.commit('docs');
      await repo.write({ 'docs/guide.md': '# Guide\n\nStill nothing to compare here.\n' });
      // laptops.md is untouched: its old term-consistency warning is not the change's doing.
      const result = await repo.lint([
        '--changed-since',
        'HEAD',
        '--format',
        'json',
        'docs/laptops.md',
        'docs/guide.md',
      ]);
      expect(problems(result.stdout)).toEqual([]);
      expect(result.exitCode).toBe(0);
    } finally {
      await repo.cleanup();
    }
  });
});
