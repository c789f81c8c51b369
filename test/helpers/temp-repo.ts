/**
 * Temporary git repositories for end-to-end tests: files written, committed, staged and branched
 * by the test, and the CLI run in-process through main() with the repository as its cwd.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';

const run = promisify(execFile);

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A clean environment: no user or system git config, no CI variables leaking in from outside. */
function cleanEnv(home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    // Never find a repository above the test's own folder.
    GIT_CEILING_DIRECTORIES: path.dirname(home),
    GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
}

export class TempRepo {
  private constructor(
    readonly dir: string,
    readonly env: Record<string, string>,
  ) {}

  static async create(files: Record<string, string> = {}): Promise<TempRepo> {
    const base = await fs.mkdtemp(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? os.tmpdir(), 'agentops-lint-'));
    const dir = path.join(base, 'repo');
    await fs.mkdir(dir);
    const repo = new TempRepo(dir, cleanEnv(base));
    await fs.writeFile(path.join(base, '.gitconfig'), '');
    await repo.git('init', '-q', '-b', 'main');
    await repo.write(files);
    return repo;
  }

  async git(...args: string[]): Promise<string> {
    const { stdout } = await run('git', args, { cwd: this.dir, env: this.env });
    return stdout;
  }

  async write(files: Record<string, string>): Promise<void> {
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(this.dir, file)), { recursive: true });
      await fs.writeFile(path.join(this.dir, file), text);
    }
  }

  async read(file: string): Promise<string> {
    return fs.readFile(path.join(this.dir, file), 'utf8');
  }

  async remove(file: string): Promise<void> {
    await fs.rm(path.join(this.dir, file));
  }

  async rename(from: string, to: string): Promise<void> {
    await fs.mkdir(path.dirname(path.join(this.dir, to)), { recursive: true });
    await fs.rename(path.join(this.dir, from), path.join(this.dir, to));
  }

  /** Stages everything and commits it. */
  async commit(message: string): Promise<void> {
    await this.git('add', '-A');
    await this.git('commit', '-q', '--no-verify', '-m', message);
  }

  /** Runs the CLI in-process, in `subfolder` of the repository if given. */
  async lint(args: string[], options: { env?: Record<string, string>; subfolder?: string } = {}): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const exitCode = await main(args, {
      cwd: options.subfolder ? path.join(this.dir, options.subfolder) : this.dir,
      env: { ...this.env, ...options.env },
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdoutIsTTY: false,
    });
    return { exitCode, stdout, stderr };
  }

  async cleanup(): Promise<void> {
    await fs.rm(path.dirname(this.dir), { recursive: true, force: true });
  }
}

/** The diagnostics of a `--format json` run, reduced to what the tests compare. */
export function problems(stdout: string): string[] {
  const report = JSON.parse(stdout) as {
    diagnostics: { file: string; line: number; column: number; ruleId: string; messageId: string; severity: string }[];
  };
  return report.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}/${d.messageId}`);
}
