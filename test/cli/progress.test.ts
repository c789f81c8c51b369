/**
 * Issue 12, item 8, through the command line: on a terminal, a long run says how far it is (files
 * analysed of the total, then the project step) on stderr and erases the line at the end; in CI,
 * through a pipe and with --quiet it draws nothing. A clock that runs fast stands in for a long run.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempProject } from '../helpers/cli-harness.js';

async function lintOnTerminal(args: string[], options: { env?: Record<string, string>; stderrIsTTY?: boolean } = {}) {
  const root = tempProject({ 'a.md': '# A\n', 'b.md': '# B\n\n[a](a.md)\n', 'docs/c.md': '# C\n' });
  let stdout = '';
  let stderr = '';
  let clock = 0;
  const exitCode = await main(['--no-threads', ...args], {
    cwd: root,
    env: options.env ?? {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: options.stderrIsTTY ?? true,
    now: () => (clock += 1000),
  });
  return { exitCode, stdout, stderr };
}

const ERASE = '\r\x1b[K';

describe('progress on long runs', () => {
  it('counts the files, then the project step, on stderr, and erases the line', async () => {
    const result = await lintOnTerminal(['--format', 'json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).filesChecked).toBe(3);
    expect(result.stderr).toBe(
      [
        'analysing files: 0/3',
        'analysing files: 1/3',
        'analysing files: 2/3',
        'analysing files: 3/3',
        'checking across files (links, anchors, consistency)',
        '',
      ]
        .map((text) => `${ERASE}${text}`)
        .join(''),
    );
  });

  it('never in CI, through a pipe, or with --quiet', async () => {
    expect((await lintOnTerminal([], { env: { CI: 'true' } })).stderr).toBe('');
    expect((await lintOnTerminal([], { stderrIsTTY: false })).stderr).toBe('');
    expect((await lintOnTerminal(['--quiet'])).stderr).toBe('');
  });
});
