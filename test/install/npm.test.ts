/**
 * npm installs from git as the README shows them, from a repository holding this checkout:
 * `npm install -g git+…`, `npm install --save-dev git+…` and `npx` (npm exec) of a git spec.
 * Each runs with `--offline` and an empty npm cache, and without this repository's node_modules
 * on the PATH: the install needs no registry, no TypeScript and no devDependencies, because the
 * package holds its bundled build and depends on nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPackageCheckout,
  isolatedGitEnv,
  PACKAGE_ROOT,
  temporaryFolder,
  type PackageCheckout,
} from '../helpers/package-checkout.js';

const run = promisify(execFile);
const VERSION = (JSON.parse(await fs.readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

describe('npm installs from git', () => {
  let base: string;
  let checkout: PackageCheckout;
  let env: Record<string, string>;
  let spec: string;
  /** A small docs folder with one broken link, to lint with each install. */
  let docs: string;

  async function command(file: string, args: string[], cwd: string): Promise<CommandResult> {
    return run(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        exitCode: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );
  }

  /** npm's options for every run: its own empty cache and no registry, so anything it would download fails the install. */
  const npmOptions = (): string[] => [
    '--offline',
    '--cache',
    path.join(base, 'npm-cache'),
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--loglevel',
    'error',
  ];

  function npm(subcommand: string, args: string[], cwd: string): Promise<CommandResult> {
    return command('npm', [subcommand, ...npmOptions(), ...args], cwd);
  }

  async function expectLintsDocs(bin: string, binArgs: string[] = []): Promise<void> {
    const result = await command(bin, [...binArgs, '--format', 'github'], docs);
    expect(result).toEqual({
      exitCode: 1,
      stdout:
        '::error file=README.md,line=3,col=12,endLine=3,endColumn=22,title=links::Link target "missing.md" does not exist.\n',
      stderr: '',
    });
  }

  beforeAll(async () => {
    base = await temporaryFolder('agentops-lint-npm-');
    checkout = await createPackageCheckout(base);
    env = isolatedGitEnv(base);
    spec = `git+file://${checkout.dir}#${checkout.commit}`;
    docs = path.join(base, 'docs');
    await fs.mkdir(path.join(docs, '.git'), { recursive: true });
    await fs.writeFile(path.join(docs, 'README.md'), '# Docs\n\nSee [this](missing.md).\n');
  });
  afterAll(() => fs.rm(base, { recursive: true, force: true }));

  it('npm install -g git+file://… gives a working agentops-lint, with no dependency installed', async () => {
    const prefix = path.join(base, 'global');
    const installed = await npm('install', ['--global', '--prefix', prefix, spec], base);
    expect(installed.stderr).toBe('');
    expect(installed.stdout).toMatch(/^\s*added 1 package in /);
    expect(installed.exitCode).toBe(0);
    const packageDir = path.join(prefix, 'lib/node_modules/agentops-lint');
    expect(existsSync(path.join(packageDir, 'node_modules'))).toBe(false);
    expect((await fs.readdir(packageDir)).sort()).toEqual([
      'CHANGELOG.md',
      'README.md',
      'bin',
      'bundle',
      'docs',
      'package.json',
      'rules',
      'schema.json',
    ]);
    const bin = path.join(prefix, 'bin/agentops-lint');
    expect(await command(bin, ['--version'], base)).toEqual({ exitCode: 0, stdout: `${VERSION}\n`, stderr: '' });
    await expectLintsDocs(bin);
  });

  it('npm install --save-dev git+file://… in a project, then npx agentops-lint', async () => {
    const project = path.join(base, 'project');
    await fs.mkdir(project);
    await fs.writeFile(path.join(project, 'package.json'), '{ "name": "docs-project", "private": true }\n');
    const installed = await npm('install', ['--save-dev', spec], project);
    expect(installed.exitCode).toBe(0);
    const manifest = JSON.parse(await fs.readFile(path.join(project, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(manifest.devDependencies).toEqual({ 'agentops-lint': spec });
    expect(await fs.readdir(path.join(project, 'node_modules'))).toEqual(expect.arrayContaining(['agentops-lint']));
    expect((await fs.readdir(path.join(project, 'node_modules'))).filter((entry) => !entry.startsWith('.'))).toEqual([
      'agentops-lint',
    ]);
    // The schema the README's config example points editors at.
    expect(existsSync(path.join(project, 'node_modules/agentops-lint/schema.json'))).toBe(true);
    await expectLintsDocs(path.join(project, 'node_modules/.bin/agentops-lint'));
  });

  it('npx with a git spec, as `npx github:…` runs it', async () => {
    const result = await command('npx', ['--yes', ...npmOptions(), spec, '--help'], docs);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: agentops-lint \[options\] \[command\]\n/);
    expect(result.exitCode).toBe(0);
  });
});
