/** Which files a run on explicitly named files reads for facts. */
import { describe, expect, it } from 'vitest';
import { ConfigSet } from '../../src/config/config-set.js';
import { planWorkingTree } from '../../src/project/plan.js';
import { tempProject } from '../helpers/cli-harness.js';
import { REGISTRY } from '../../rules/index.js';

async function projectFilesFor(files: Record<string, string>, patterns: string[]): Promise<readonly string[] | undefined> {
  const root = tempProject(files);
  const configs = new ConfigSet({ root, cwd: root, context: REGISTRY.configContext });
  const io = { cwd: root, env: {}, stdout: () => {}, stderr: () => {}, stdoutIsTTY: false };
  const plan = await planWorkingTree({ io, root, configs, warn: () => {}, patterns, errorOnUnmatchedPattern: true });
  return plan.source.projectFiles;
}

const REPOSITORY = { 'a.md': '# A\n\nSee [b](b.md).\n', 'b.md': '# B\n', 'c.md': '# C\n', 'docs/d.md': '# D\n' };

describe('explicitly named files', () => {
  it('read only themselves (and, in the engine, what they link to) when no rule needs every file', async () => {
    expect(await projectFilesFor(REPOSITORY, ['a.md'])).toEqual(['a.md']);
  });

  it('read every file but parse only those that can matter when a rule in force compares documents', async () => {
    // c.md spells a term with two accepted forms, docs/d.md states a mapping, b.md holds neither (issue 15).
    const comparable = { ...REPOSITORY, 'c.md': '# C\n\nWe run k8s.\n', 'docs/d.md': '# D\n\nPods → Tasks\n' };
    const files = { ...comparable, 'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n' };
    expect(await projectFilesFor(files, ['a.md'])).toEqual(['a.md', 'c.md', 'docs/d.md']);
    const repositoryScope = { ...comparable, 'agentops-lint.config.yaml': 'rules:\n  term-consistency: [warn, {scope: repository}]\n' };
    expect(await projectFilesFor(repositoryScope, ['a.md'])).toEqual(['a.md', 'c.md']);
  });

  it('a folder is its own project', async () => {
    const files = { ...REPOSITORY, 'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n' };
    expect(await projectFilesFor(files, ['docs'])).toEqual(['docs/d.md']);
  });

  it('the whole repository is read with each file selected by its own config', async () => {
    const files = {
      ...REPOSITORY,
      'c.md': '# C\n\nWe run k8s.\n',
      'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\n',
      'docs/agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\nfiles: ["**/*.txt"]\n',
      'docs/d.md': '# D\n\nPods → Tasks\n',
      'docs/e.txt': '# E\n\nPods → Tasks\n',
    };
    expect(await projectFilesFor(files, ['a.md'])).toEqual(['a.md', 'c.md', 'docs/e.txt']);
  });
});
