/** Which files a run on explicitly named files reads for facts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/engine/analyze-file.js';
import { ConfigSet } from '../../src/config/config-set.js';
import { planWorkingTree } from '../../src/project/plan.js';
import { tempProject } from '../helpers/cli-harness.js';
import { REGISTRY } from '../../rules/index.js';

async function planFor(files: Record<string, string>, patterns: string[]) {
  const root = tempProject(files);
  const configs = new ConfigSet({ root, cwd: root, context: REGISTRY.configContext });
  const io = { cwd: root, env: {}, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false };
  const plan = await planWorkingTree({ io, root, configs, warn: () => {}, patterns, errorOnUnmatchedPattern: true });
  return { root, configs, source: plan.source };
}

async function projectFilesFor(
  files: Record<string, string>,
  patterns: string[],
): Promise<readonly string[] | undefined> {
  return (await planFor(files, patterns)).source.projectFiles;
}

/** The project files a run on named files may read beyond them, and those it parses once the targets are analysed. */
async function demandFor(
  files: Record<string, string>,
  patterns: string[],
): Promise<{ candidates: readonly string[]; demanded: readonly string[] } | undefined> {
  const { root, configs, source } = await planFor(files, patterns);
  if (!source.demand) return undefined;
  const targets = new Map(
    source.targets.map((target) => [
      target,
      analyzeText(target, readFileSync(path.join(root, target), 'utf8'), configs.forFile(target)).facts!,
    ]),
  );
  const select = source.demand.session((file) => source.read(file), source.demand.candidates);
  return { candidates: source.demand.candidates, demanded: await select(targets, new Map()) };
}

const REPOSITORY = { 'a.md': '# A\n\nSee [b](b.md).\n', 'b.md': '# B\n', 'c.md': '# C\n', 'docs/d.md': '# D\n' };

describe('explicitly named files', () => {
  it('read only themselves (and, in the engine, what they link to) when no rule needs every file', async () => {
    expect(await projectFilesFor(REPOSITORY, ['a.md'])).toEqual(['a.md']);
  });

  it('read nothing more when no rule in force needs another file for what it reports on them', async () => {
    // duplicate-heading-anchor (recommended) would read the files that can link to a.md if a.md had headings sharing an anchor.
    expect(await demandFor(REPOSITORY, ['a.md'])).toEqual({ candidates: ['b.md', 'c.md', 'docs/d.md'], demanded: [] });
    const onlyLinks = { ...REPOSITORY, 'agentops-lint.config.yaml': 'rules:\n  links: error\n' };
    expect(await demandFor(onlyLinks, ['a.md'])).toBeUndefined();
  });

  it('parse the files that can link to a named file whose headings share an anchor', async () => {
    // docs/d.md names a.md but no shared anchor; b.md names neither.
    const files = {
      ...REPOSITORY,
      'a.md': '# A\n\n## Setup\n\n## Setup\n',
      'c.md': '# C\n\nSee [setup](a.md#setup).\n',
      'docs/d.md': '# D\n\nSee [a](../a.md).\n',
    };
    expect((await demandFor(files, ['a.md']))?.demanded).toEqual(['c.md']);
  });

  it('parse only the files that can matter to what the named files use or state, when a rule in force compares documents', async () => {
    // c.md spells a term with two accepted forms, docs/d.md states a mapping, b.md holds neither (issue 15).
    const comparable = { ...REPOSITORY, 'c.md': '# C\n\nWe run k8s.\n', 'docs/d.md': '# D\n\nPods → Tasks\n' };
    const files = { ...comparable, 'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n' };
    expect(await projectFilesFor(files, ['a.md'])).toEqual(['a.md']);
    // a.md uses no compared term and states no mapping: no other file can change what is reported on it.
    expect(await demandFor(files, ['a.md'])).toEqual({ candidates: ['b.md', 'c.md', 'docs/d.md'], demanded: [] });
    const usesK8s = { ...files, 'a.md': '# A\n\nWe run the platform on K8s in production.\n' };
    expect((await demandFor(usesK8s, ['a.md']))?.demanded).toEqual(['c.md']);
    const statesMapping = { ...files, 'a.md': '# A\n\nIn our mapping, Pods → Workflows.\n' };
    expect((await demandFor(statesMapping, ['a.md']))?.demanded).toEqual(['docs/d.md']);
    const repositoryScope = {
      ...usesK8s,
      'agentops-lint.config.yaml': 'rules:\n  term-consistency: [warn, {scope: repository}]\n',
    };
    expect((await demandFor(repositoryScope, ['a.md']))?.demanded).toEqual(['c.md']);
  });

  it('a folder is its own project', async () => {
    const files = { ...REPOSITORY, 'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n' };
    expect(await projectFilesFor(files, ['docs'])).toEqual(['docs/d.md']);
  });

  it('the whole repository is a candidate, each file selected by its own config', async () => {
    const files = {
      ...REPOSITORY,
      'a.md': '# A\n\nIn our mapping, Pods → Workflows.\n',
      'c.md': '# C\n\nWe run k8s.\n',
      'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
      'docs/agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\nfiles: ["**/*.txt"]\n',
      'docs/d.md': '# D\n\nPods → Tasks\n',
      'docs/e.txt': '# E\n\nPods → Tasks\n',
    };
    expect(await demandFor(files, ['a.md'])).toEqual({
      candidates: ['b.md', 'c.md', 'docs/e.txt'],
      demanded: ['docs/e.txt'],
    });
  });
});
