/**
 * Issue 24, item 5: `terms` and `mappings` keep each file's rows in the phase-1 cache lint keeps
 * (its folder, a file of their own), answer a second run from it with the same output, take
 * `--no-cache` and `--cache-location` as lint does, and never answer from rows of other options.
 */
import { writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME, DEFAULT_CACHE_LOCATION } from '../../../src/cache/phase1-cache.js';
import { MAPPINGS_CACHE_FILE_NAME, TERMS_CACHE_FILE_NAME } from '../../../src/cli/inventory-commands.js';
import { runCli, tempProject } from '../../helpers/cli-harness.js';

/** The harness turns the cache off for the rest of the suite; these tests run as a user does. */
const AS_A_USER = { AGENTOPS_LINT_NO_CACHE: '' };

const PROJECT = {
  'agentops-lint.config.yaml': 'extends: [kubernetes]\n',
  'm1.md':
    '# Workloads\n\nRun it on k8s or on Kubernetes.\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n',
  'm2.md': '# Sessions\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Task Runs |\n',
};

const cacheLine = (file: string, hits: number, analysed: number): string =>
  `agentops-lint: cache ${path.join(DEFAULT_CACHE_LOCATION, file)}: ${hits} ${hits === 1 ? 'file' : 'files'} from the cache, ${analysed} analysed.\n`;

describe.each([
  ['terms', TERMS_CACHE_FILE_NAME],
  ['mappings', MAPPINGS_CACHE_FILE_NAME],
])('%s and the cache', (command, file) => {
  it('writes its own file in lint’s cache folder and answers the second run from it, with the same output', async () => {
    const root = tempProject(PROJECT);
    const uncached = await runCli([command, '--no-cache'], { cwd: root, env: AS_A_USER });
    const first = await runCli([command, '--debug'], { cwd: root, env: AS_A_USER });
    expect(first).toEqual({ ...uncached, stderr: cacheLine(file, 0, 2) });
    const second = await runCli([command, '--debug'], { cwd: root, env: AS_A_USER });
    expect(second).toEqual({ ...uncached, stderr: cacheLine(file, 2, 0) });
    // lint's own cache file is another: a report never drops lint's entries, nor lint the report's.
    expect((await readdir(path.join(root, DEFAULT_CACHE_LOCATION))).sort()).toEqual(
      ['.gitignore', 'CACHEDIR.TAG', file].sort(),
    );
    expect(file).not.toBe(CACHE_FILE_NAME);
  });

  it('analyses again a file whose text changed', async () => {
    const root = tempProject(PROJECT);
    await runCli([command], { cwd: root, env: AS_A_USER });
    writeFileSync(
      path.join(root, 'm2.md'),
      '# Sessions\n\nOn K8S.\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Runs |\n',
    );
    const cached = await runCli([command, '--debug', '--format', 'json'], { cwd: root, env: AS_A_USER });
    const uncached = await runCli([command, '--no-cache', '--format', 'json'], { cwd: root, env: AS_A_USER });
    expect(cached.stdout).toBe(uncached.stdout);
    expect(cached.stderr).toBe(cacheLine(file, 1, 1));
  });

  it('writes nothing with --no-cache or AGENTOPS_LINT_NO_CACHE, and writes where --cache-location says', async () => {
    const root = tempProject(PROJECT);
    expect((await runCli([command, '--no-cache'], { cwd: root, env: AS_A_USER })).exitCode).toBe(0);
    expect((await runCli([command], { cwd: root, env: { AGENTOPS_LINT_NO_CACHE: '1' } })).exitCode).toBe(0);
    await expect(stat(path.join(root, DEFAULT_CACHE_LOCATION))).rejects.toMatchObject({ code: 'ENOENT' });
    const elsewhere = await runCli([command, '--cache-location', 'elsewhere'], { cwd: root, env: AS_A_USER });
    expect(elsewhere.exitCode).toBe(0);
    expect((await stat(path.join(root, 'elsewhere', file))).isFile()).toBe(true);
  });
});

describe('the cache key covers the options the rows depend on', () => {
  it('terms: a term list changed in the config is counted anew, not answered from the old rows', async () => {
    const root = tempProject(PROJECT);
    await runCli(['terms'], { cwd: root, env: AS_A_USER });
    writeFileSync(
      path.join(root, 'agentops-lint.config.yaml'),
      'extends: [kubernetes]\nrules:\n  terminology: [warn, { packs: [], terms: [{ use: AgentOps, insteadOf: [Agentops] }] }]\n',
    );
    const cached = await runCli(['terms', '--debug', '--format', 'json'], { cwd: root, env: AS_A_USER });
    const uncached = await runCli(['terms', '--no-cache', '--format', 'json'], { cwd: root, env: AS_A_USER });
    expect(cached.stderr).toBe(cacheLine(TERMS_CACHE_FILE_NAME, 0, 2));
    expect(cached.stdout).toBe(uncached.stdout);
    // Only the configured term: the Kubernetes pack's "k8s" of the first run is gone.
    expect(JSON.parse(cached.stdout).terms.map((term: { term: string }) => term.term)).toEqual(['AgentOps']);
  });

  it('mappings: a canonical mapping added to the config judges every file anew', async () => {
    const root = tempProject(PROJECT);
    await runCli(['mappings'], { cwd: root, env: AS_A_USER });
    writeFileSync(
      path.join(root, 'agentops-lint.config.yaml'),
      'extends: [kubernetes]\nrules:\n  mapping-consistency: [warn, { mapping: [{ kubernetes: Pod, project: Workflow }] }]\n',
    );
    const cached = await runCli(['mappings', '--debug', '--format', 'json'], { cwd: root, env: AS_A_USER });
    const uncached = await runCli(['mappings', '--no-cache', '--format', 'json'], { cwd: root, env: AS_A_USER });
    expect(cached.stderr).toBe(cacheLine(MAPPINGS_CACHE_FILE_NAME, 0, 2));
    expect(cached.stdout).toBe(uncached.stdout);
    expect(JSON.parse(cached.stdout)).toMatchObject({ canonical: true, conflicts: 1 });
  });
});
