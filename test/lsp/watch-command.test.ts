/**
 * `agentops-lint --watch`, the command line on the language server's live project: the real bin
 * as a child process, a file edited on disk, the report printed again.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runCli, tempProject } from '../helpers/cli-harness.js';

const GUIDE = '# Guide\n\n## Install steps\n';
const BROKEN = '# Index\n\nSee [x](guide.md#instal-steps).\n';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

/** Starts `agentops-lint --watch`; `reports(n)` resolves once n reports have been printed. */
function watch(root: string): { stdout: () => string; reports: (count: number) => Promise<void> } {
  const child = spawn(process.execPath, [BIN, '--watch'], { cwd: root, env: { PATH: process.env.PATH ?? '' } });
  stop = () => child.kill();
  let stdout = '';
  let stderr = '';
  const waiting: { count: number; resolve: () => void }[] = [];
  const printed = (): number => stderr.split('\n').filter((line) => line.startsWith('agentops-lint: watching ')).length;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiting]) if (printed() >= waiter.count) waiter.resolve();
  });
  return {
    stdout: () => stdout,
    reports: (count) =>
      new Promise((resolve, reject) => {
        if (printed() >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`${count} reports expected; stdout:\n${stdout}\nstderr:\n${stderr}`)),
          // Catches a report that never comes; a loaded machine can take a minute for one that does.
          120_000,
        );
        waiting.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
}

describe('agentops-lint --watch', () => {
  it('prints the report, then again after each change on disk', async () => {
    const root = tempProject({ 'guide.md': GUIDE, 'index.md': BROKEN });
    const watching = watch(root);
    await watching.reports(1);
    const first =
      'index.md:3:9  error  No heading or anchor "#instal-steps" in "guide.md". did you mean "#install-steps"?  anchors\n\n✖ 1 problem (1 error, 0 warnings) in 2 files checked\n';
    expect(watching.stdout()).toBe(first);

    writeFileSync(path.join(root, 'index.md'), BROKEN.replace('#instal-steps', '#install-steps'));
    await watching.reports(2);
    expect(watching.stdout()).toBe(`${first}✔ 2 files checked, no problems.\n`);

    // A new file is a new target.
    writeFileSync(path.join(root, 'new.md'), '# New\n\n[x](gone.md)\n');
    await watching.reports(3);
    expect(watching.stdout().slice(first.length + '✔ 2 files checked, no problems.\n'.length)).toBe(
      'new.md:3:5  error  Link target "gone.md" does not exist.  links\n\n✖ 1 problem (1 error, 0 warnings) in 3 files checked\n',
    );
  });

  it('refuses the flags that need a run to end', async () => {
    const root = tempProject({ 'guide.md': GUIDE });
    const result = await runCli(['--watch', '--fix'], { cwd: root });
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: --watch cannot be combined with --fix: fixes are written once; run --fix, then --watch.\n',
    });
    expect((await runCli(['--watch', '--staged'], { cwd: root })).stderr).toBe(
      'agentops-lint: --watch cannot be combined with --staged: it lints the next commit, which a watch of the working tree does not see.\n',
    );
  });
});
