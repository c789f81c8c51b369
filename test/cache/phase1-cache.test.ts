import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig } from '../../src/config/load.js';
import {
  lintProject,
  runPhase1Sequentially,
  type Phase1Job,
  type Phase1Runner,
} from '../../src/engine/lint-project.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import type { Severity } from '../../src/core/rule.js';
import { CACHE_FILE_NAME, CACHE_FOLDER_GITIGNORE, Phase1Cache } from '../../src/cache/phase1-cache.js';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';
import { REGISTRY } from '../../rules/index.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

type Project = Record<string, string>;

const SEVERITIES: Record<string, Severity> = { 'test-link-targets': 'error', 'heading-increment': 'warn' };

function settingsFor(rules: Record<string, Severity | [Severity, Record<string, unknown>]>): FileSettings {
  const entries = Object.entries(rules).map(([id, entry]) => {
    const [severity, options] = Array.isArray(entry) ? entry : [entry];
    return [id, { severity, ...(options ? { options } : {}) }] as const;
  });
  return new FileSettings(
    resolveUserConfig(
      { extends: [], rules: new Map(entries), overrides: [] },
      '/project',
      undefined,
      REGISTRY.configContext,
    ),
    REGISTRY.byId,
    '/project',
  );
}

/** The jobs the wrapped runner had to do: what the cache could not answer. */
function countingRunner(): { runner: Phase1Runner; jobs: Phase1Job[] } {
  const jobs: Phase1Job[] = [];
  return {
    jobs,
    runner: async (batch, source, options) => {
      jobs.push(...batch);
      return runPhase1Sequentially(batch, source, options);
    },
  };
}

async function lintWith(
  project: Project,
  runPhase1: Phase1Runner | undefined,
  settings = settingsFor(SEVERITIES),
  targets?: string[],
) {
  const encoder = new TextEncoder();
  return lintProject(
    {
      targets: targets ?? Object.keys(project).sort(),
      paths: repositoryPathsFromFiles(Object.keys(project)),
      read: async (file) => {
        if (project[file] === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
        return encoder.encode(project[file]);
      },
      isMarkdown: (file) => file.endsWith('.md'),
    },
    { settings, rules: REGISTRY.byId, ...(runPhase1 ? { runPhase1 } : {}) },
  );
}

const PROJECT: Project = {
  'README.md': '# Home\n\n[Setup](setup.md#install)\n\n#### Skipped\n',
  'setup.md': '# Setup\n\n## Install\n',
};

describe('Phase1Cache', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'agentops-lint-cache-'));
    file = path.join(directory, CACHE_FILE_NAME);
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  /** One run as a separate process would do it: open the cache, lint, save. */
  async function cachedRun(
    project: Project,
    options: { settings?: FileSettings; toolVersion?: string; targets?: string[] } = {},
  ) {
    const cache = await Phase1Cache.open(file, options.toolVersion ?? '1.0.0');
    const counting = countingRunner();
    const result = await lintWith(project, cache.wrap(counting.runner), options.settings, options.targets);
    await cache.save();
    return {
      result,
      done: counting.jobs.map((job) => `${job.path}${job.factsOnly ? ' (facts)' : ''}`),
      stats: { ...cache.stats },
    };
  }

  it('answers a second run from the file, with results equal to an uncached run', async () => {
    const first = await cachedRun(PROJECT);
    expect(first.done).toEqual(['README.md', 'setup.md']);
    const second = await cachedRun(PROJECT);
    expect(second.done).toEqual([]);
    expect(second.stats).toEqual({ hits: 2, misses: 0 });
    const uncached = await lintWith(PROJECT, undefined);
    expect(second.result.diagnostics).toEqual(uncached.diagnostics);
    expect([...second.result.analyses.values()]).toEqual([...uncached.analyses.values()]);
  });

  it('re-checks an unchanged file against a link target that was edited, renamed or deleted', async () => {
    await cachedRun(PROJECT);
    const cases: [string, Project, string[], string[]][] = [
      [
        'heading renamed',
        { ...PROJECT, 'setup.md': '# Setup\n\n## Installation\n' },
        ['setup.md (facts)'],
        ['README.md:3:1 missingAnchor'],
      ],
      [
        'target renamed',
        { 'README.md': PROJECT['README.md']!, 'install.md': PROJECT['setup.md']! },
        ['install.md (facts)'],
        ['README.md:3:1 missingFile'],
      ],
      ['target deleted', { 'README.md': PROJECT['README.md']! }, [], ['README.md:3:1 missingFile']],
      // The original setup.md entry was dropped by the run that did not see the file.
      ['target restored', PROJECT, ['setup.md (facts)'], []],
    ];
    for (const [name, project, expectedWork, expectedProblems] of cases) {
      const run = await cachedRun(project, { targets: ['README.md'] });
      expect(run.done, name).toEqual(expectedWork);
      const found = run.result.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'test-link-targets');
      expect(
        found.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.messageId}`),
        name,
      ).toEqual(expectedProblems);
      expect(run.result.diagnostics, name).toEqual(
        (await lintWith(project, undefined, undefined, ['README.md'])).diagnostics,
      );
    }
  });

  it('misses when the file, the rules in force or the tool version change', async () => {
    await cachedRun(PROJECT);
    expect((await cachedRun({ ...PROJECT, 'README.md': `${PROJECT['README.md']}More.\n` })).done).toEqual([
      'README.md',
    ]);
    expect(
      (await cachedRun(PROJECT, { settings: settingsFor({ ...SEVERITIES, 'heading-increment': 'error' }) })).done,
    ).toEqual(['README.md', 'setup.md']);
    expect((await cachedRun(PROJECT, { toolVersion: '1.0.1' })).done).toEqual(['README.md', 'setup.md']);
  });

  it('answers facts-only jobs from full results, but never full jobs from facts-only results', async () => {
    expect((await cachedRun(PROJECT, { targets: ['README.md'] })).done).toEqual(['README.md', 'setup.md (facts)']);
    const full = await cachedRun(PROJECT);
    expect(full.done).toEqual(['setup.md']);
    expect(full.result.diagnostics).toEqual((await lintWith(PROJECT, undefined)).diagnostics);
    expect((await cachedRun(PROJECT, { targets: ['setup.md'] })).done).toEqual([]);
  });

  it('starts empty from a damaged file and replaces it', async () => {
    await writeFile(file, 'not a cache');
    expect((await cachedRun(PROJECT)).done).toEqual(['README.md', 'setup.md']);
    expect((await cachedRun(PROJECT)).done).toEqual([]);
  });

  it('keeps only the entries the last run used', async () => {
    await cachedRun(PROJECT);
    await cachedRun({ ...PROJECT, 'setup.md': '# Setup v2\n' });
    const size = (await readFile(file)).length;
    await cachedRun({ ...PROJECT, 'setup.md': '# Setup v2\n' });
    expect((await readFile(file)).length).toBe(size);
    // The first version of setup.md was dropped when the second replaced it.
    expect((await cachedRun(PROJECT)).done).toEqual(['setup.md']);
  });

  it("keeps the entries of files a run did not look at, so that a one-file run does not empty the full run's cache", async () => {
    const other = { 'other.md': '# Other\n' };
    await cachedRun({ ...PROJECT, ...other });
    // A run that never reads other.md (a hook's run on a few files) leaves its entry alone.
    expect((await cachedRun(PROJECT)).done).toEqual([]);
    expect((await cachedRun({ ...PROJECT, ...other })).done).toEqual([]);
  });

  it('deserialises only the entries a run uses: a one-file run does not rebuild the facts of the rest', async () => {
    await cachedRun({ ...PROJECT, 'other.md': '# Other\n', 'more.md': '# More\n' });
    const deserialize = vi.spyOn(v8, 'deserialize');
    try {
      const run = await cachedRun(PROJECT, { targets: ['README.md'] });
      expect(run.stats).toEqual({ hits: 2, misses: 0 });
      // The file's list of entries, then the analyses of README.md and setup.md (the link's target).
      expect(deserialize).toHaveBeenCalledTimes(3);
    } finally {
      deserialize.mockRestore();
    }
    expect((await cachedRun({ ...PROJECT, 'other.md': '# Other\n', 'more.md': '# More\n' })).done).toEqual([]);
  });

  it('analyses a file again when its entry cannot be read back, and keeps the other entries', async () => {
    await cachedRun(PROJECT);
    const stored = v8.deserialize(await readFile(file)) as { entries: [string, { analysis: Uint8Array }][] };
    const setupEntry = stored.entries.find(([key]) => key.startsWith('setup.md\0'))!;
    setupEntry[1].analysis = new TextEncoder().encode('not serialised');
    await writeFile(file, v8.serialize(stored));
    const run = await cachedRun(PROJECT);
    expect(run.done).toEqual(['setup.md']);
    expect(run.result.diagnostics).toEqual((await lintWith(PROJECT, undefined)).diagnostics);
    expect((await cachedRun(PROJECT)).done).toEqual([]);
  });

  it('drops entries that no run has used for 30 days', async () => {
    const other = { 'other.md': '# Other\n' };
    await cachedRun({ ...PROJECT, ...other });
    const cache = await Phase1Cache.open(file, '1.0.0');
    await lintWith(PROJECT, cache.wrap(countingRunner().runner));
    await cache.save(Date.now() + 31 * 24 * 60 * 60 * 1000);
    expect((await cachedRun({ ...PROJECT, ...other })).done).toEqual(['other.md']);
  });

  it('an in-memory cache serves repeated runs of one process', async () => {
    const cache = Phase1Cache.inMemory('1.0.0');
    const counting = countingRunner();
    await lintWith(PROJECT, cache.wrap(counting.runner));
    await lintWith(PROJECT, cache.wrap(counting.runner));
    expect(counting.jobs.map((job) => job.path)).toEqual(['README.md', 'setup.md']);
  });
});

describe('--cache end to end: a cached run never passes what an uncached run fails', () => {
  let repo: TempRepo;
  const cacheArgs = ['--cache-location', '.cache', '--format', 'json'];
  beforeEach(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': STAND_IN_CONFIG,
      '.gitignore': '.cache/\n',
      'README.md': '# Home\n\nSee [setup](docs/setup.md#install).\n',
      'docs/setup.md': '# Setup\n\n## Install\n',
    });
    await repo.commit('docs');
    const first = await repo.lint(cacheArgs);
    expect(problems(first.stdout)).toEqual([]);
    await expect(readFile(path.join(repo.dir, '.cache', CACHE_FILE_NAME))).resolves.toBeInstanceOf(Buffer);
  });
  afterEach(() => repo.cleanup());

  const cases: [string, (repo: TempRepo) => Promise<void>, string[]][] = [
    [
      'editing the target',
      (r) => r.write({ 'docs/setup.md': '# Setup\n\nNo sections any more.\n' }),
      ['README.md:3:5 error test-link-targets/missingAnchor'],
    ],
    [
      'renaming the target',
      (r) => r.rename('docs/setup.md', 'docs/install.md'),
      ['README.md:3:5 error test-link-targets/missingFile'],
    ],
    ['deleting the target', (r) => r.remove('docs/setup.md'), ['README.md:3:5 error test-link-targets/missingFile']],
    [
      'renaming the heading',
      (r) => r.write({ 'docs/setup.md': '# Setup\n\n## Installing\n' }),
      ['README.md:3:5 error test-link-targets/missingAnchor'],
    ],
  ];
  for (const [name, change, expected] of cases) {
    it(`re-checks the linking file after ${name}`, async () => {
      await change(repo);
      const cached = await repo.lint(cacheArgs);
      expect(problems(cached.stdout)).toEqual(expected);
      expect(cached.exitCode).toBe(1);
      const uncached = await repo.lint(['--no-cache', '--format', 'json']);
      expect(cached.stdout).toBe(uncached.stdout);
      // And once more, now that the changed state is cached too.
      expect((await repo.lint(cacheArgs)).stdout).toBe(uncached.stdout);
    });
  }

  it('uses .agentops-lint-cache under the root by default, a folder that git ignores by itself', async () => {
    // The repository's .gitignore names .cache/ only: nothing may show up in git status.
    await repo.lint(['--cache'], { subfolder: 'docs' });
    await expect(readFile(path.join(repo.dir, '.agentops-lint-cache', CACHE_FILE_NAME))).resolves.toBeInstanceOf(
      Buffer,
    );
    expect(await readFile(path.join(repo.dir, '.agentops-lint-cache/.gitignore'), 'utf8')).toBe(CACHE_FOLDER_GITIGNORE);
    expect(await readFile(path.join(repo.dir, '.agentops-lint-cache/CACHEDIR.TAG'), 'utf8')).toMatch(
      /^Signature: 8a477f597d28d172789f06886806bc55\n/,
    );
    expect(await repo.git('status', '--porcelain', '--untracked-files=all', '--ignored=no')).toBe('');
    await repo.git('add', '-A');
    expect(await repo.git('diff', '--cached', '--name-only')).toBe('');
  });

  it('marks a --cache-location folder it creates, and never writes into a folder the user made', async () => {
    await repo.lint(['--cache-location', 'build/lint-cache']);
    expect(await readFile(path.join(repo.dir, 'build/lint-cache/.gitignore'), 'utf8')).toBe(CACHE_FOLDER_GITIGNORE);
    expect(await repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');

    // docs/ holds the user's own files: a .gitignore of `*` there would hide them from git.
    await repo.lint(['--cache-location', 'docs']);
    await expect(readFile(path.join(repo.dir, 'docs', CACHE_FILE_NAME))).resolves.toBeInstanceOf(Buffer);
    await expect(readFile(path.join(repo.dir, 'docs/.gitignore'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await repo.git('status', '--porcelain', '--untracked-files=all')).toBe(`?? docs/${CACHE_FILE_NAME}\n`);
  });
});
