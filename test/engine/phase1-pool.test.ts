/**
 * The worker pool must return exactly what the sequential runner returns. Workers run the
 * compiled JavaScript in dist/ (they cannot load TypeScript), so `npm test` builds first and the
 * first test here fails with a clear message when dist/ is older than the sources.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { FileSettings } from '../../src/config/file-settings.js';
import { resolveUserConfig, type ResolvedConfig } from '../../src/config/load.js';
import {
  lintProject,
  runPhase1Sequentially,
  type LintProjectOptions,
  type ProjectSource,
} from '../../src/engine/lint-project.js';
import {
  createPhase1Pool,
  DEFAULT_MIN_FILES_FOR_THREADS,
  DEFAULT_MIN_FILES_FOR_WORKERS_ONLY,
  defaultWorkerScript,
  GUARDED_FILE_BYTES,
  type Phase1Pool,
} from '../../src/engine/phase1-pool.js';
import { repositoryPathsFromFiles } from '../../src/core/facts.js';
import { main } from '../../src/cli/main.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = path.join(PACKAGE_ROOT, 'fixtures', 'perf', 'project');

function filesUnder(directory: string, base = directory): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const absolute = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(absolute, base) : [path.relative(base, absolute).split(path.sep).join('/')];
  });
}

function newestMtime(directories: string[], extension: string): number {
  return Math.max(
    ...directories.flatMap((directory) =>
      filesUnder(path.join(PACKAGE_ROOT, directory))
        .filter((file) => file.endsWith(extension))
        .map((file) => statSync(path.join(PACKAGE_ROOT, directory, file)).mtimeMs),
    ),
  );
}

/** The fixture project on disk, a generated corpus, and edge cases that only bytes can express. */
function buildProject(): Map<string, Uint8Array> {
  const encoder = new TextEncoder();
  const project = new Map<string, Uint8Array>();
  for (const file of filesUnder(FIXTURE)) project.set(file, readFileSync(path.join(FIXTURE, file)));
  for (const [file, text] of generateCorpus({ files: 60, seed: 7 }).files)
    project.set(`generated/${file}`, encoder.encode(text));
  project.set('edge/binary.md', new Uint8Array([0x23, 0x20, 0x41, 0x00, 0x42]));
  project.set('edge/latin1.md', new Uint8Array([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]));
  project.set('edge/empty.md', new Uint8Array());
  project.set(
    'edge/crash-free-directives.md',
    encoder.encode('<!-- agentops-lint-disable no-such-rule -->\n# A\n\n### C\n<!-- agentops-lint-enable -->\n'),
  );
  project.set('images/topology.png', new Uint8Array([0x89, 0x50]));
  // Over GUARDED_FILE_BYTES: on a pool worker in a large batch, on the guard worker in a small one.
  project.set(
    'edge/large.md',
    encoder.encode(
      Array.from(
        { length: 400 },
        (_, index) => `## Part ${index}\n\n${'Some prose about [a part](#part-0). '.repeat(5)}\n`,
      ).join('\n'),
    ),
  );
  return project;
}

function configFor(): ResolvedConfig {
  // Every registered rule, with an override, so that workers must rebuild per-file settings.
  const config = resolveUserConfig(
    {
      extends: ['all'],
      rules: new Map(),
      overrides: [
        {
          files: ['generated/area-001/**'],
          excludedFiles: [],
          rules: new Map([...REGISTRY.byId.keys()].map((id) => [id, { severity: 'off' as const }])),
        },
      ],
    },
    '/project',
    undefined,
    REGISTRY.configContext,
  );
  return config;
}

function sourceFor(
  project: Map<string, Uint8Array>,
  targets: string[],
  unreadable: ReadonlySet<string> = new Set(),
): ProjectSource {
  return {
    targets,
    paths: repositoryPathsFromFiles(project.keys()),
    read: async (file) => {
      const bytes = project.get(file);
      if (bytes === undefined || unreadable.has(file))
        throw Object.assign(new Error(`EACCES: ${file}`), { code: 'EACCES' });
      return bytes;
    },
    isMarkdown: (file) => file.endsWith('.md'),
  };
}

describe('phase-1 worker pool', () => {
  const project = buildProject();
  const config = configFor();
  const settings = new FileSettings(config, REGISTRY.byId, '/project');
  const markdown = [...project.keys()].filter((file) => file.endsWith('.md')).sort();
  // archive/ is not a target: it is read as a context file because README.md links to it.
  const targets = markdown.filter((file) => !file.startsWith('archive/'));
  const baseOptions: LintProjectOptions = { settings, rules: REGISTRY.byId, reportUnusedDisables: true };
  let pool: Phase1Pool;

  beforeAll(() => {
    pool = createPhase1Pool({
      config,
      root: '/project',
      rulesModule: RULES_MODULE,
      maxThreads: 3,
      minFilesForThreads: 2,
      // Every batch of these tests on workers only, as a large repository's is.
      minFilesForWorkersOnly: 2,
    });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('runs against a dist/ build that is newer than the sources', () => {
    const built = statSync(fileURLToPath(defaultWorkerScript())).mtimeMs;
    const sources = newestMtime(['src', 'rules'], '.ts');
    expect(built >= sources, 'dist/ is older than src/ or rules/: run `npm run compile` (npm test does)').toBe(true);
  });

  it('gives exactly the sequential result: diagnostics, facts, texts, crashes', async () => {
    const source = sourceFor(project, targets, new Set(['edge/empty.md']));
    const sequential = await lintProject(source, baseOptions);
    const threaded = await lintProject(source, { ...baseOptions, runPhase1: pool.run });
    expect(pool.threads).toBe(3);
    // Workers parse every file of a very large batch, the large one too: this thread has V8's
    // smaller young generation, and no guard worker is started beside the pool (issue 23).
    expect(pool.analysedHere).toBe(0);
    expect(project.get('edge/large.md')!.length).toBeGreaterThan(GUARDED_FILE_BYTES);
    expect(threaded.crashed).toBe(sequential.crashed);
    expect(threaded.diagnostics).toEqual(sequential.diagnostics);
    expect([...threaded.analyses.keys()]).toEqual([...sequential.analyses.keys()]);
    expect(threaded.analyses).toEqual(sequential.analyses);
    // The project is not trivial: the comparison covers reports of several kinds.
    const ruleIds = new Set(sequential.diagnostics.map((diagnostic) => diagnostic.ruleId));
    expect([...ruleIds].sort()).toEqual(expect.arrayContaining(['control-comments', 'file-read', 'heading-increment']));
    expect(
      sequential.diagnostics.filter((diagnostic) => diagnostic.messageId === 'unreadable').map((d) => d.file),
    ).toEqual(['edge/empty.md']);
  });

  it('equals the sequential runner job by job, context files and fix-pass texts included', async () => {
    const source = sourceFor(project, targets);
    const overrides = new Map([
      ['README.md', '# Rewritten\n\n#### Skip\n'],
      ['generated/area-002/README.md', '# Also rewritten\r\n\r\n### Skip\r\n'],
    ]);
    const options = { ...baseOptions, overrides };
    const jobs = markdown.map((file, index) => ({ path: file, factsOnly: index % 3 === 0 }));
    expect(await pool.run(jobs, source, options)).toEqual(await runPhase1Sequentially(jobs, source, options));
  });

  it('shares a batch under DEFAULT_MIN_FILES_FOR_WORKERS_ONLY files between this thread and the workers', async () => {
    const shared = createPhase1Pool({ config, root: '/project', rulesModule: RULES_MODULE, maxThreads: 2 });
    try {
      const source = sourceFor(project, targets);
      expect(targets.length).toBeGreaterThanOrEqual(DEFAULT_MIN_FILES_FOR_THREADS);
      expect(targets.length).toBeLessThan(DEFAULT_MIN_FILES_FOR_WORKERS_ONLY);
      const result = await lintProject(source, { ...baseOptions, runPhase1: shared.run });
      expect(shared.threads).toBe(2);
      expect(shared.analysedHere).toBeGreaterThan(0);
      expect(shared.analysedHere).toBeLessThan(targets.length);
      expect(result.diagnostics).toEqual((await lintProject(source, baseOptions)).diagnostics);
    } finally {
      await shared.close();
    }
  });

  it('keeps small batches on the calling thread', async () => {
    const small = createPhase1Pool({ config, root: '/project', rulesModule: RULES_MODULE, maxThreads: 4 });
    try {
      // A project of five files: phase 1 reads every project file, so the project must be small too.
      const small5 = targets.slice(0, 5);
      const source = {
        ...sourceFor(new Map(small5.map((file) => [file, project.get(file)!])), small5),
        projectFiles: small5,
      };
      const result = await lintProject(source, { ...baseOptions, runPhase1: small.run });
      expect(small.threads).toBe(1);
      expect(small.analysedHere).toBe(5);
      expect(result.diagnostics).toEqual((await lintProject(source, baseOptions)).diagnostics);
    } finally {
      await small.close();
    }
  });

  it('fails the run with a clear error when a worker dies, instead of hanging', async () => {
    const broken = createPhase1Pool({
      config,
      root: '/project',
      rulesModule: RULES_MODULE,
      maxThreads: 2,
      minFilesForThreads: 2,
      workerScript: new URL('data:text/javascript,throw new Error("boom")'),
    });
    try {
      await expect(lintProject(sourceFor(project, targets), { ...baseOptions, runPhase1: broken.run })).rejects.toThrow(
        /phase-1 worker thread failed: boom/,
      );
    } finally {
      await broken.close();
    }
  });

  it('stops a file over its time budget on its worker, replaces the worker and analyses the rest (issue 25)', async () => {
    // 12,000 links in one list: seconds to parse, far over a budget of 50 ms; the other files take less.
    const slow = new TextEncoder().encode(
      `# Slow\n\n${Array.from({ length: 12_000 }, (_, index) => `- [${index}](a.md#a)`).join('\n')}\n`,
    );
    const files = new Map([...project].filter(([file]) => targets.slice(0, 6).includes(file)));
    files.set('slow.md', slow);
    const slowTargets = [...files.keys()].filter((file) => file.endsWith('.md')).sort();
    // One thread: the slow file goes to the guard worker; two: to a pool worker.
    for (const maxThreads of [1, 2]) {
      const budgeted = createPhase1Pool({
        config,
        root: '/project',
        rulesModule: RULES_MODULE,
        maxThreads,
        minFilesForThreads: 2,
        timeBudgetMs: (file) => (file === 'slow.md' ? 50 : 60_000),
      });
      try {
        const source = { ...sourceFor(files, slowTargets), projectFiles: slowTargets };
        const result = await lintProject(source, { ...baseOptions, runPhase1: budgeted.run });
        const others = slowTargets.filter((file) => file !== 'slow.md');
        const expected = (await lintProject({ ...sourceFor(files, others), projectFiles: others }, baseOptions))
          .diagnostics;
        expect(
          result.diagnostics
            .filter((diagnostic) => diagnostic.file === 'slow.md')
            .map(({ line, column, ruleId, messageId, message }) => ({ line, column, ruleId, messageId, message })),
        ).toEqual([
          {
            line: 1,
            column: 1,
            ruleId: 'parse-error',
            messageId: 'timeout',
            message:
              'This file is not analysed: its analysis took longer than its time budget of 0.1 s and was stopped. The other files were checked.',
          },
        ]);
        expect(result.diagnostics.filter((diagnostic) => diagnostic.file !== 'slow.md')).toEqual(expected);
        expect(result.crashed).toBe(false);
      } finally {
        await budgeted.close();
      }
    }
  });

  it('a worker out of memory is a parse-error on its file, and the run goes on', async () => {
    const heavy = new TextEncoder().encode(
      `# Heavy\n\n${Array.from({ length: 20_000 }, (_, index) => `- [${index}](a.md#a)`).join('\n')}\n`,
    );
    const files = new Map([...project].filter(([file]) => targets.slice(0, 3).includes(file)));
    files.set('heavy.md', heavy);
    const heavyTargets = [...files.keys()].filter((file) => file.endsWith('.md')).sort();
    const small = createPhase1Pool({
      config,
      root: '/project',
      rulesModule: RULES_MODULE,
      maxThreads: 1,
      workerHeapMb: 32,
    });
    try {
      const source = { ...sourceFor(files, heavyTargets), projectFiles: heavyTargets };
      const result = await lintProject(source, { ...baseOptions, runPhase1: small.run });
      expect(
        result.diagnostics
          .filter((diagnostic) => diagnostic.file === 'heavy.md')
          .map(({ ruleId, messageId, message }) => ({ ruleId, messageId, message })),
      ).toEqual([
        {
          ruleId: 'parse-error',
          messageId: 'outOfMemory',
          message:
            'This file is not analysed: its analysis ran out of memory (over 32 MB) and was stopped. The other files were checked.',
        },
      ]);
      const others = heavyTargets.filter((file) => file !== 'heavy.md');
      expect(result.diagnostics.filter((diagnostic) => diagnostic.file !== 'heavy.md')).toEqual(
        (await lintProject({ ...sourceFor(files, others), projectFiles: others }, baseOptions)).diagnostics,
      );
    } finally {
      await small.close();
    }
  });

  it('refuses work once closed', async () => {
    const closed = createPhase1Pool({ config, root: '/project', rulesModule: RULES_MODULE });
    await closed.close();
    await expect(closed.run([], sourceFor(project, []), baseOptions)).rejects.toThrow(/closed/);
  });
});

describe('agentops-lint --threads', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'agentops-threads-'));
    for (const [file, text] of generateCorpus({ files: 60, seed: 3 }).files) {
      mkdirSync(path.dirname(path.join(directory, file)), { recursive: true });
      writeFileSync(path.join(directory, file), text);
    }
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function lint(...extra: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['--root', directory, '--format', 'json', ...extra, directory], {
      cwd: directory,
      env: {},
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      stdoutIsTTY: false,
    });
    return { code, stdout, stderr };
  }

  it('reports the same with worker threads as on the main thread', async () => {
    const single = await lint('--no-threads');
    const threaded = await lint('--threads', '2');
    expect(single.stderr).toBe('');
    expect(threaded).toEqual(single);
    expect(JSON.parse(single.stdout)).not.toEqual([]);
  });
});
