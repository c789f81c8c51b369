import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { problems, TempRepo } from '../helpers/temp-repo.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

const BASELINE = '.agentops-lint-baseline.json';
const A = '# A\n\n[one](missing-1.md)\n\n#### Skipped a level\n';
const B = '# B\n\n[two](missing-2.md) and again [two](missing-2.md)\n';

interface StoredEntry {
  file: string;
  rule: string;
  message: string;
  fingerprint: string;
  count: number;
}

describe('baselines: adopt the tool on a repository that has problems', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await TempRepo.create({ 'agentops-lint.config.yaml': STAND_IN_CONFIG, 'a.md': A, 'b.md': B });
    await repo.commit('legacy docs');
  });
  afterEach(() => repo.cleanup());

  const writeBaseline = async () => {
    const result = await repo.lint(['--write-baseline', BASELINE]);
    return {
      ...result,
      stored: JSON.parse(await repo.read(BASELINE)) as { version: number; tool: string; problems: StoredEntry[] },
    };
  };

  it('records every current problem, identical ones counted, and then passes', async () => {
    const { exitCode, stdout, stderr, stored } = await writeBaseline();
    expect(stderr).toBe(`agentops-lint: wrote 4 problems in 2 file(s) to ${BASELINE}.\n`);
    // The problems went into the baseline: the report says nothing rather than "no problems" (issue 12).
    expect(stdout).toBe('');
    expect(exitCode).toBe(0);
    expect(stored.version).toBe(1);
    expect(stored.tool).toBe('agentops-lint');
    expect(stored.problems.map(({ fingerprint: _fingerprint, ...entry }) => entry)).toEqual([
      {
        file: 'a.md',
        rule: 'heading-increment',
        message: 'Heading level 4 follows level 1; expected level 2 or higher.',
        count: 1,
      },
      { file: 'a.md', rule: 'test-link-targets', message: 'Link target "missing-1.md" does not exist.', count: 1 },
      { file: 'b.md', rule: 'test-link-targets', message: 'Link target "missing-2.md" does not exist.', count: 2 },
    ]);
    for (const entry of stored.problems) expect(entry.fingerprint).toMatch(/^[0-9a-f]{20}$/);
    expect(await repo.lint(['--baseline', BASELINE])).toEqual({
      exitCode: 0,
      stdout: '✔ 2 files checked, no problems.\n',
      stderr: '',
    });
  });

  it('still suppresses the recorded problems after the lines around them move', async () => {
    await writeBaseline();
    await repo.write({
      'a.md': A.replace('# A\n\n', '# A\n\nAn introduction\nover two lines.\n\n'),
      'b.md': `Front text.\n\n${B}`,
    });
    const result = await repo.lint(['--baseline', BASELINE, '--format', 'json']);
    expect(problems(result.stdout)).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('fails on new problems only, including one more copy of a recorded one', async () => {
    await writeBaseline();
    await repo.write({ 'a.md': `${A}\n[three](missing-3.md)\n`, 'b.md': `${B}\nOnce more: [two](missing-2.md)\n` });
    const result = await repo.lint(['--baseline', BASELINE, '--format', 'json']);
    expect(problems(result.stdout)).toEqual([
      'a.md:7:1 error test-link-targets/missingFile',
      'b.md:5:12 error test-link-targets/missingFile',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('treats a problem whose own text was edited as new', async () => {
    await writeBaseline();
    await repo.write({ 'a.md': A.replace('[one]', '[uno]') });
    const result = await repo.lint(['--baseline', BASELINE, '--format', 'json']);
    expect(problems(result.stdout)).toEqual(['a.md:3:1 error test-link-targets/missingFile']);
  });

  it('reports stale entries at their line in the baseline with --report-unused-disables', async () => {
    const { stored } = await writeBaseline();
    await repo.write({ 'a.md': '# A\n\n#### Skipped a level\n', 'b.md': '# B\n\n[two](missing-2.md)\n' });
    expect((await repo.lint(['--baseline', BASELINE])).exitCode).toBe(0);

    const result = await repo.lint(['--baseline', BASELINE, '--report-unused-disables', '--format', 'json']);
    const baselineLines = (await repo.read(BASELINE)).split('\n');
    const lineOf = (entry: StoredEntry) => baselineLines.findIndex((line) => line.includes(entry.fingerprint)) + 1;
    const [, staleInA, staleInB] = stored.problems;
    expect(problems(result.stdout)).toEqual([
      `${BASELINE}:${lineOf(staleInA!)}:7 error baseline/unusedEntry`,
      `${BASELINE}:${lineOf(staleInB!)}:7 error baseline/unusedEntry`,
    ]);
    expect(JSON.parse(result.stdout).diagnostics.map((diagnostic: { message: string }) => diagnostic.message)).toEqual([
      'Unused baseline entry: 1 "test-link-targets" problem in a.md no longer reported ("Link target "missing-1.md" does not exist."). Run --write-baseline again to drop it.',
      'Unused baseline entry: 1 "test-link-targets" problem in b.md no longer reported ("Link target "missing-2.md" does not exist."). Run --write-baseline again to drop it.',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('reports the entries of a deleted file as stale even when other files are linted', async () => {
    await writeBaseline();
    await repo.remove('b.md');
    const result = await repo.lint(['--baseline', BASELINE, '--report-unused-disables', '--format', 'json', 'a.md']);
    expect(problems(result.stdout)).toEqual([
      expect.stringMatching(new RegExp(`^${BASELINE.replace('.', '\\.')}:\\d+:7 error baseline/unusedEntry$`)),
    ]);
    expect(JSON.parse(result.stdout).diagnostics[0].message).toContain('2 "test-link-targets" problems in b.md');
  });

  it('keeps the entries of files it did not lint when writing for some files', async () => {
    await writeBaseline();
    await repo.write({ 'a.md': '# A\n\n#### Skipped a level\n' });
    const result = await repo.lint(['--write-baseline', BASELINE, 'a.md']);
    expect(result.stderr).toBe(`agentops-lint: wrote 3 problems in 2 file(s) to ${BASELINE}.\n`);
    const stored = JSON.parse(await repo.read(BASELINE)) as { problems: StoredEntry[] };
    expect(stored.problems.map((entry) => `${entry.file} ${entry.rule} ${entry.count}`)).toEqual([
      'a.md heading-increment 1',
      'b.md test-link-targets 2',
    ]);
  });

  it('explains a missing or foreign baseline file, and refuses conflicting options', async () => {
    expect(await repo.lint(['--baseline', 'nope.json'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'agentops-lint: Baseline file not found: nope.json (create it with --write-baseline nope.json).\n',
    });
    await repo.write({ 'other.json': '{"version": 1, "problems": []}' });
    expect((await repo.lint(['--baseline', 'other.json'])).stderr).toBe(
      'agentops-lint: The baseline file other.json is not an agentops-lint baseline (version 1): tool: Invalid input: expected "agentops-lint".\n',
    );
    expect((await repo.lint(['--baseline', 'x.json', '--write-baseline', 'x.json'])).exitCode).toBe(2);
    expect((await repo.lint(['--write-baseline', 'x.json', '--changed-since', 'main'])).stderr).toBe(
      'agentops-lint: --write-baseline records every problem of the files linted; --staged and --changed-since report only some. Run it without them.\n',
    );
  });
});
