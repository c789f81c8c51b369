/** Runs the CLI in-process (through main) or as a child process through the real bin shim. */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI caches by default, in the root it lints: runs on the repository's own fixtures would
 * leave a cache folder in this checkout. Tests of the cache turn it back on (`--cache`, or the
 * variable set to '').
 */
export const WITHOUT_CACHE: Record<string, string> = { AGENTOPS_LINT_NO_CACHE: '1' };

export async function runCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const exitCode = await main(argv, {
    cwd: options.cwd,
    env: { ...WITHOUT_CACHE, ...options.env },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTTY: options.tty ?? false,
  });
  return { exitCode, stdout, stderr };
}

/**
 * The command line as a child process: the tsc build of src/cli.ts, which `npm test` compiles
 * first, so that child-process tests exercise the sources under test. The shipped bin (the
 * committed bundle) is tested against this build in test/install/bundle.test.ts.
 */
export const BIN = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function runBin(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...argv],
      { cwd, env: { PATH: process.env.PATH ?? '', ...WITHOUT_CACHE, ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode: code, stdout, stderr });
      },
    );
  });
}

/** Writes a project into a fresh temporary folder (with a .git folder so it is its own root). */
export function tempProject(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const root = mkdtempSync(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'agentops-lint-test-'));
  if (options.git !== false) mkdirSync(path.join(root, '.git'));
  for (const [file, content] of Object.entries(files)) {
    const absolute = path.join(root, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
  }
  return root;
}
