/** The progress line: drawn on a terminal once a run lasts, redrawn in place, erased at the end; never in CI or when unwanted. */
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/core/io.js';
import type { Phase1Runner, ProjectSource } from '../../src/engine/lint-project.js';
import { progressAllowed, runProgress } from '../../src/pipeline/progress-line.js';

/** A terminal whose clock moves `step` ms each time it is read. */
function terminal(options: { step: number; env?: Record<string, string>; stderrIsTTY?: boolean }): {
  io: CliIo;
  stderr: () => string;
} {
  let stderr = '';
  let clock = 0;
  const io: CliIo = {
    cwd: '/',
    env: options.env ?? {},
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? true,
    now: () => (clock += options.step),
  };
  return { io, stderr: () => stderr };
}

const source = {} as ProjectSource;
const jobs = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ path: `${index}.md`, factsOnly: false }));

describe('progressAllowed', () => {
  it('only on a terminal (stderr; stdout when stderr is not known), outside CI, when wanted', () => {
    const io = terminal({ step: 0 }).io;
    expect(progressAllowed(io, true)).toBe(true);
    expect(progressAllowed(io, false)).toBe(false);
    expect(progressAllowed({ ...io, stderrIsTTY: false, stdoutIsTTY: true }, true)).toBe(false);
    expect(progressAllowed({ ...io, stderrIsTTY: undefined, stdoutIsTTY: true }, true)).toBe(true);
    for (const ci of ['true', '1', 'yes']) expect(progressAllowed({ ...io, env: { CI: ci } }, true), ci).toBe(false);
    for (const ci of ['', '0', 'false']) expect(progressAllowed({ ...io, env: { CI: ci } }, true), ci).toBe(true);
  });
});

describe('runProgress', () => {
  it('counts the files of a batch, then shows the project step, and erases the line at the end', async () => {
    const { io, stderr } = terminal({ step: 1000 });
    const progress = runProgress(io, true);
    const runner: Phase1Runner = async (batch) => {
      for (const _job of batch) progress.filesAnalysed(1);
      return [];
    };
    await progress.trackPhase1(runner)(jobs(3), source, {} as never);
    await progress.trackPhase1(runner)([], source, {} as never);
    progress.finish();
    const erase = '\r\x1b[K';
    expect(stderr()).toBe(
      `${erase}analysing files: 0/3${erase}analysing files: 1/3${erase}analysing files: 2/3${erase}analysing files: 3/3${erase}checking across files (links, anchors, consistency)${erase}`,
    );
  });

  it('draws nothing while the run is young, and nothing to erase then', async () => {
    const { io, stderr } = terminal({ step: 1 });
    const progress = runProgress(io, true);
    await progress.trackPhase1(async (batch) => {
      progress.filesAnalysed(batch.length);
      return [];
    })(jobs(5), source, {} as never);
    progress.finish();
    expect(stderr()).toBe('');
  });

  it('redraws at most every 100 ms, but always the last count', async () => {
    const { io, stderr } = terminal({ step: 30 });
    const progress = runProgress(io, true, 0);
    await progress.trackPhase1(async (batch) => {
      for (const _job of batch) progress.filesAnalysed(1);
      return [];
    })(jobs(10), source, {} as never);
    const drawn = stderr()
      .split('\r\x1b[K')
      .filter((text) => text !== '');
    expect(drawn[0]).toBe('analysing files: 0/10');
    expect(drawn).toContain('analysing files: 10/10');
    expect(drawn.length).toBeLessThan(8);
  });

  it('a network check counts at once; warnings are printed on a clean line', () => {
    const { io, stderr } = terminal({ step: 1 });
    const progress = runProgress(io, true);
    const counter = progress.sink.begin('checking external links', 2);
    counter.tick();
    progress.print('agentops-lint: warning: something\n');
    counter.tick();
    counter.done();
    progress.finish();
    const erase = '\r\x1b[K';
    expect(stderr()).toBe(
      `${erase}checking external links: 0/2${erase}agentops-lint: warning: something\n${erase}checking external links: 2/2${erase}`,
    );
  });

  it('in CI, nothing at all', async () => {
    const { io, stderr } = terminal({ step: 1000, env: { CI: 'true' } });
    const progress = runProgress(io, true);
    progress.sink.begin('checking external links', 2).tick();
    await progress.trackPhase1(async () => [])(jobs(2), source, {} as never);
    progress.print('a warning\n');
    progress.finish();
    expect(stderr()).toBe('a warning\n');
  });
});
