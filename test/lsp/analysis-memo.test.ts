import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../src/engine/analyze-file.js';
import type { LintProjectOptions, Phase1Job, Phase1Runner, ProjectSource } from '../../src/engine/lint-project.js';
import { AnalysisMemo } from '../../src/lsp/analysis-memo.js';

/** A runner that records what it was asked and "reads" each file (its stamp is recorded as read). */
function countingRunner(
  read: Map<string, string>,
  current: Map<string, string>,
): { runner: Phase1Runner; asked: string[][] } {
  const asked: string[][] = [];
  const runner: Phase1Runner = async (jobs) => {
    asked.push(jobs.map((job) => `${job.path}${job.factsOnly ? ' (facts)' : ''}`));
    for (const job of jobs) read.set(job.path, current.get(job.path)!);
    return jobs.map((job): FileAnalysis => ({ path: job.path, diagnostics: [], crashed: false }));
  };
  return { runner, asked };
}

const SOURCE = {} as ProjectSource;
const OPTIONS = {} as LintProjectOptions;

describe('AnalysisMemo', () => {
  it('answers a file again while its stamp is the same, and analyses it again when the stamp moves', async () => {
    const current = new Map([
      ['a.md', 'v1'],
      ['b.md', 'v1'],
    ]);
    const read = new Map<string, string>();
    const memo = new AnalysisMemo({ current: (file) => current.get(file), lastRead: (file) => read.get(file) });
    const { runner, asked } = countingRunner(read, current);
    const jobs: Phase1Job[] = [
      { path: 'a.md', factsOnly: false },
      { path: 'b.md', factsOnly: true },
    ];
    await memo.wrap(runner)(jobs, SOURCE, OPTIONS);
    await memo.wrap(runner)(jobs, SOURCE, OPTIONS);
    current.set('a.md', 'v2');
    const third = await memo.wrap(runner)(jobs, SOURCE, OPTIONS);
    expect(asked).toEqual([['a.md', 'b.md (facts)'], ['a.md']]);
    expect(third.map((analysis) => analysis.path)).toEqual(['a.md', 'b.md']);
    expect(memo.stats).toEqual({ hits: 3, misses: 3 });
  });

  it('does not answer a full analysis from facts only, nor keep texts handed in for one run', async () => {
    const current = new Map([['a.md', 'v1']]);
    const read = new Map<string, string>();
    const memo = new AnalysisMemo({ current: (file) => current.get(file), lastRead: (file) => read.get(file) });
    const { runner, asked } = countingRunner(read, current);
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: true }], SOURCE, OPTIONS);
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: false }], SOURCE, OPTIONS);
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: true }], SOURCE, OPTIONS);
    const overridden = { overrides: new Map([['a.md', 'fixed text']]) } as LintProjectOptions;
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: false }], SOURCE, overridden);
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: false }], SOURCE, overridden);
    expect(asked).toEqual([['a.md (facts)'], ['a.md'], ['a.md'], ['a.md']]);
  });

  it('keeps an analysis stale when the content changed while it was computed', async () => {
    const current = new Map([['a.md', 'v1']]);
    const read = new Map<string, string>();
    const memo = new AnalysisMemo({ current: (file) => current.get(file), lastRead: (file) => read.get(file) });
    const { runner, asked } = countingRunner(read, current);
    const editedMeanwhile: Phase1Runner = async (jobs, source, options) => {
      const result = await runner(jobs, source, options);
      current.set('a.md', 'v2');
      return result;
    };
    await memo.wrap(editedMeanwhile)([{ path: 'a.md', factsOnly: false }], SOURCE, OPTIONS);
    await memo.wrap(runner)([{ path: 'a.md', factsOnly: false }], SOURCE, OPTIONS);
    expect(asked).toEqual([['a.md'], ['a.md']]);
  });
});
