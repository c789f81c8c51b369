/**
 * The shipped build (bundle/, see scripts/bundle-build.ts): committed, current, and equal in
 * behaviour to the tsc build the other tests run, worker threads included.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, writeCorpus } from '../../bench/generate-corpus.js';
import {
  BUNDLE_DIRECTORY,
  BUNDLE_ENTRY_POINTS,
  buildBundle,
  buildTypes,
  TYPES_FILE,
} from '../../scripts/bundle-build.js';
import { PACKAGE_ROOT, pathWithoutPackageTools, temporaryFolder } from '../helpers/package-checkout.js';

const run = promisify(execFile);
const COMMITTED = path.join(PACKAGE_ROOT, BUNDLE_DIRECTORY);
const TSC_CLI = path.join(PACKAGE_ROOT, 'dist/src/cli.js');

let base: string;
beforeAll(async () => {
  base = await temporaryFolder('agentops-lint-bundle-');
});
afterAll(() => fs.rm(base, { recursive: true, force: true }));

async function filesOf(folder: string): Promise<string[]> {
  return existsSync(folder) ? (await fs.readdir(folder)).sort() : [];
}

describe('the committed bundle', () => {
  it('is exactly what `npm run bundle` builds from the sources in this checkout', async () => {
    const fresh = path.join(base, 'fresh');
    const built = [...(await buildBundle(PACKAGE_ROOT, fresh)), await buildTypes(PACKAGE_ROOT, fresh)].sort();
    expect(built).toEqual(await filesOf(fresh));
    const stale: string[] = [];
    for (const file of new Set([...built, ...(await filesOf(COMMITTED))])) {
      const committed = path.join(COMMITTED, file);
      if (!existsSync(committed)) stale.push(`${file}: missing from ${BUNDLE_DIRECTORY}/`);
      else if (!built.includes(file)) stale.push(`${file}: no longer built`);
      else if (!(await fs.readFile(committed)).equals(await fs.readFile(path.join(fresh, file))))
        stale.push(`${file}: differs`);
    }
    expect(stale, `${BUNDLE_DIRECTORY}/ is stale: run \`npm run bundle\` and commit ${BUNDLE_DIRECTORY}/`).toEqual([]);
  });

  it('has one module per entry point, and bin/ and package.json use it, never dist/', async () => {
    const files = await filesOf(COMMITTED);
    for (const entry of Object.keys(BUNDLE_ENTRY_POINTS)) expect(files).toContain(`${entry}.js`);
    expect(files).toContain(TYPES_FILE);
    const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(packageJson).toMatchObject({
      bin: { 'agentops-lint': 'bin/agentops-lint.js' },
      main: `${BUNDLE_DIRECTORY}/index.js`,
      types: `${BUNDLE_DIRECTORY}/${TYPES_FILE}`,
      exports: { '.': { types: `./${BUNDLE_DIRECTORY}/${TYPES_FILE}`, import: `./${BUNDLE_DIRECTORY}/index.js` } },
    });
    expect(packageJson.files).toContain(BUNDLE_DIRECTORY);
    expect(packageJson.files).not.toContain('dist');
    // The bundle holds every dependency: an install from git installs nothing more.
    expect(packageJson.dependencies).toBeUndefined();
    // npm builds a git dependency (installing its devDependencies) when it has one of these.
    for (const script of ['prepare', 'prepack', 'build', 'preinstall', 'install', 'postinstall'])
      expect(packageJson.scripts, script).not.toHaveProperty(script);
    expect(readFileSync(path.join(PACKAGE_ROOT, 'bin/agentops-lint.js'), 'utf8')).toContain(
      `await import('../${BUNDLE_DIRECTORY}/cli.js');`,
    );
  });
});

describe('what the bundle leaves out', () => {
  it("has zod's English messages and none of its other locales (nothing selects one)", async () => {
    const slim = path.join(base, 'locales');
    const built = await buildBundle(PACKAGE_ROOT, slim);
    const zodModules = new Set<string>();
    for (const file of built) {
      for (const [, module] of (await fs.readFile(path.join(slim, file), 'utf8')).matchAll(
        /^\/\/ \S*?node_modules\/zod\/(v4\/locales\/\S+)$/gm,
      ))
        zodModules.add(module!);
    }
    expect([...zodModules]).toEqual(['v4/locales/en.js']);
  });
});

describe('a bundled run gives what the tsc build gives', () => {
  beforeAll(() => {
    expect(existsSync(TSC_CLI), 'the tsc build is missing: run `npm run compile` (npm test does)').toBe(true);
  });

  /** Runs a CLI module with a preload that counts the worker threads it starts (one stderr line each). */
  async function lintJson(
    cli: string,
    cwd: string,
    args: string[],
  ): Promise<{ exitCode: number; report: unknown; workers: number }> {
    const counter = path.join(base, 'count-workers.mjs');
    await fs.writeFile(counter, "process.on('worker', () => process.stderr.write('worker thread started\\n'));\n");
    const result = await run(process.execPath, ['--import', counter, cli, '--format', 'json', ...args], {
      cwd,
      env: { PATH: pathWithoutPackageTools() },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        exitCode: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );
    const workers = result.stderr.split('\n').filter((line) => line === 'worker thread started').length;
    expect(result.stderr.replaceAll('worker thread started\n', '')).toBe('');
    return { exitCode: result.exitCode, report: JSON.parse(result.stdout), workers };
  }

  it('on fixtures/sample-docs (too few files for threads)', async () => {
    const args = ['--threads', '4', 'fixtures/sample-docs'];
    const bundled = await lintJson(path.join(COMMITTED, 'cli.js'), PACKAGE_ROOT, args);
    const compiled = await lintJson(TSC_CLI, PACKAGE_ROOT, args);
    expect(bundled.exitCode).toBe(1);
    expect(bundled).toEqual(compiled);
    expect((bundled.report as { diagnostics: unknown[] }).diagnostics.length).toBeGreaterThan(0);
  });

  it('on an invalid config: the same messages, from the same zod error map', async () => {
    const project = path.join(base, 'invalid-config');
    await fs.mkdir(project);
    await fs.writeFile(path.join(project, 'a.md'), '# A\n');
    await fs.writeFile(
      path.join(project, 'agentops-lint.config.yaml'),
      'maxFileSizeMb: -1\nfiles: 3\nrules:\n  links: [error, {bogus: 1}]\n  heading-increment: [warn, 7]\n',
    );
    const lint = (cli: string) =>
      run(process.execPath, [cli, '--no-cache', 'a.md'], {
        cwd: project,
        env: { PATH: pathWithoutPackageTools() },
      }).then(
        () => ({ exitCode: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ exitCode: error.code, stderr: error.stderr }),
      );
    const bundled = await lint(path.join(COMMITTED, 'cli.js'));
    expect(bundled).toEqual(await lint(TSC_CLI));
    expect(bundled.exitCode).toBe(2);
    expect(bundled.stderr).toContain('maxFileSizeMb: expected a number above 0 (got -1)');
  });

  it('on a generated 200-file project, parsed on worker threads that load the bundled worker and rules', async () => {
    const project = path.join(base, 'generated-200');
    writeCorpus(project, generateCorpus({ files: 200, seed: 11 }));
    await fs.mkdir(path.join(project, '.git'));
    const args = ['--threads', '3', '.'];
    const bundled = await lintJson(path.join(COMMITTED, 'cli.js'), project, args);
    const compiled = await lintJson(TSC_CLI, project, args);
    // 200 files: every file is parsed on workers, one a thread (--threads 3), none on the main thread.
    expect(bundled.workers).toBe(3);
    expect(bundled).toEqual(compiled);
    expect(bundled.exitCode).toBe(1);
    expect((bundled.report as { filesChecked: number }).filesChecked).toBe(200);
  });
});
