/**
 * The GitHub Action and the pre-commit hook definition, exercised as their hosts would run them:
 * the action's lint step is run with bash exactly as written in action.yml (inputs substituted
 * the way the runner does), from a copy of this repository as `uses:` checks it out (no
 * node_modules/, no dist/: the committed bundle runs), in a temporary git repository. The hooks
 * run through the real pre-commit framework in test/install/pre-commit.test.ts.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: action.yml's `${{ … }}` expressions are checked as written.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CACHE_FILE_NAME, DEFAULT_CACHE_LOCATION } from '../src/cache/phase1-cache.js';
import { CONFIG_FILE_NAMES } from '../src/config/load.js';
import { TOOL_VERSION } from '../src/core/tool.js';
import { runCli, tempProject } from './helpers/cli-harness.js';
import { createPackageCheckout, temporaryFolder, type PackageCheckout } from './helpers/package-checkout.js';
import { TempRepo } from './helpers/temp-repo.js';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

/** The action as the runner fetches it for `uses: agentops-lint/agentops-lint@<ref>`: the repository's files at that ref. */
let actionCheckout: PackageCheckout;
beforeAll(async () => {
  actionCheckout = await createPackageCheckout(await temporaryFolder('agentops-lint-action-'));
});
afterAll(() => fs.rm(path.dirname(actionCheckout.dir), { recursive: true, force: true }));

interface ActionStep {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as Action;

/** Replaces `${{ inputs.x }}` and `${{ github.action_path }}` as the runner does; anything else is an error. */
function substitute(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_whole, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? '';
    if (expression === 'github.action_path') return actionCheckout.dir;
    throw new Error(`unexpected expression in a run step: ${expression}`);
  });
}

describe('action.yml', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': 'rules:\n  heading-increment: error\n',
      'README.md': '# Docs\n\nFine.\n',
      'guide.md': '# Guide\n\n#### Skipped two levels\n',
    });
    await repo.commit('docs');
  });
  afterAll(() => repo.cleanup());

  it('is a composite action: set up Node, lint with the shipped build, upload SARIF when one was written', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((step) => step.uses ?? step.id ?? step.name)).toEqual([
      'actions/setup-node@v4',
      'cache-folder',
      'actions/cache@v4',
      'lint',
      'github/codeql-action/upload-sarif@v3',
    ]);
    expect(action.runs.steps[0]!.with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    expect(action.runs.steps[4]!.if).toBe("${{ always() && steps.lint.outputs.sarif != '' }}");
    expect(action.runs.steps[4]!.with).toEqual({
      sarif_file: '${{ steps.lint.outputs.sarif }}',
      category: 'agentops-lint',
    });
    expect(Object.keys(action.inputs)).toEqual(['args', 'sarif-file', 'node-version', 'working-directory', 'cache']);
    // Nothing is installed: no npm, and the lint step runs the bin of the action's own checkout.
    for (const step of action.runs.steps) expect(step.run ?? '', step.name).not.toMatch(/\bnp[mx]\b|\byarn\b|\bpnpm\b/);
    expect(action.runs.steps[3]!.env!.AGENTOPS_LINT_BIN).toBe('${{ github.action_path }}/bin/agentops-lint.js');
    expect(existsSync(path.join(actionCheckout.dir, 'node_modules'))).toBe(false);
    expect(existsSync(path.join(actionCheckout.dir, 'dist'))).toBe(false);
  });

  function runLintStep(inputs: Record<string, string>) {
    return runStep('lint', inputs);
  }

  /** Runs a `run:` step of the action as the runner would, in the test repository. */
  async function runStep(id: string, inputs: Record<string, string>) {
    const step = action.runs.steps.find((candidate) => candidate.id === id)!;
    expect(step.shell).toBe('bash');
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(value, inputs)]),
    );
    const outputFile = path.join(path.dirname(repo.dir), 'github-output');
    const summaryFile = path.join(path.dirname(repo.dir), 'step-summary.md');
    const runnerTemp = path.join(path.dirname(repo.dir), 'runner-temp');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    await fs.mkdir(runnerTemp, { recursive: true });
    const cwd = path.resolve(repo.dir, substitute(step['working-directory']!, inputs));
    // The runner runs `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`.
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd,
      env: {
        ...repo.env,
        ...env,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: runnerTemp,
      },
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        exitCode: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );
    // The step cleans up after itself: nothing is left in the runner's temporary folder.
    expect(await fs.readdir(runnerTemp)).toEqual([]);
    return { ...result, outputs: await readFile(outputFile, 'utf8'), summary: await readFile(summaryFile, 'utf8') };
  }

  it('annotates, writes SARIF and the job summary, records the SARIF path and fails on errors', async () => {
    const result = await runLintStep({ args: '--max-warnings 0 *.md', 'sarif-file': 'reports/agentops-lint.sarif' });
    expect(result.stdout).toBe(
      '::error file=guide.md,line=3,col=1,endLine=3,endColumn=24,title=heading-increment::Heading level 4 follows level 1; expected level 2 or higher.\n',
    );
    expect(result.exitCode).toBe(1);
    expect(result.outputs).toBe(`sarif=${path.join(repo.dir, 'reports/agentops-lint.sarif')}\n`);
    const sarif = JSON.parse(await repo.read('reports/agentops-lint.sarif'));
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual(['heading-increment']);
    expect(result.summary).toContain('| `heading-increment` | `guide.md` | 1 | 0 |');
  });

  it('prints a stdout format from args for the job log, then the annotations', async () => {
    const result = await runLintStep({ args: '--format stylish *.md' });
    expect(result.stdout).toBe(
      'guide.md:3:1  error  Heading level 4 follows level 1; expected level 2 or higher.  heading-increment\n\n✖ 1 problem (1 error, 0 warnings) in 2 files checked\n' +
        '::error file=guide.md,line=3,col=1,endLine=3,endColumn=24,title=heading-increment::Heading level 4 follows level 1; expected level 2 or higher.\n',
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
  });

  it('passes without SARIF on a clean folder', async () => {
    const result = await runLintStep({ args: 'README.md' });
    expect(result).toMatchObject({ exitCode: 0, stdout: '', outputs: '' });
    expect(result.summary).toBe('### agentops-lint\n\n✔ 1 file checked, no problems.\n\n');
  });

  it('records no SARIF path when the run fails before writing one', async () => {
    const result = await runLintStep({ args: '--config missing.yaml', 'sarif-file': 'never.sarif' });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('agentops-lint: Config file not found: missing.yaml\n');
    expect(result.outputs).toBe('');
  });

  it('keeps the folder the CLI caches in by default between runs with actions/cache, keyed by OS, version, config files and commit', async () => {
    const locate = action.runs.steps.find((step) => step.id === 'cache-folder')!;
    const cache = action.runs.steps.find((step) => step.uses === 'actions/cache@v4')!;
    expect(locate.if).toBe("${{ inputs.cache == 'true' }}");
    expect(cache.if).toBe("${{ inputs.cache == 'true' }}");
    expect(action.inputs.cache!.default).toBe('true');
    expect(cache.with!.path).toBe('${{ steps.cache-folder.outputs.dir }}');
    // Every config file name the CLI reads (and package.json, which may hold the config) is in the hash.
    const configHash = `\${{ hashFiles(${[...CONFIG_FILE_NAMES, 'package.json'].map((name) => `'**/${name}'`).join(', ')}, '!**/node_modules/**') }}`;
    const sameVersion = 'agentops-lint-${{ runner.os }}-${{ steps.cache-folder.outputs.version }}-';
    expect(cache.with!.key).toBe(`${sameVersion}${configHash}-\${{ github.sha }}`);
    expect(cache.with!['restore-keys']).toBe(`${sameVersion}${configHash}-\n${sameVersion}\n`);

    // The folder the step names is where the lint step's CLI writes its cache, also from a subfolder.
    const expected = `dir=${path.join(repo.dir, DEFAULT_CACHE_LOCATION)}\nversion=${TOOL_VERSION}\n`;
    const located = await runStep('cache-folder', {});
    expect(located).toMatchObject({ exitCode: 0, stdout: '', stderr: '', outputs: expected });
    await fs.mkdir(path.join(repo.dir, 'docs'), { recursive: true });
    expect((await runStep('cache-folder', { 'working-directory': 'docs' })).outputs).toBe(expected);
    await fs.rm(path.join(repo.dir, DEFAULT_CACHE_LOCATION), { recursive: true, force: true });
    await runLintStep({ args: 'README.md' });
    expect(existsSync(path.join(repo.dir, DEFAULT_CACHE_LOCATION, CACHE_FILE_NAME))).toBe(true);
  });

  it('is used by the example workflow with inputs it defines, on a full-history checkout', () => {
    const workflow = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples/github-workflow.yml'), 'utf8')) as {
      jobs: Record<string, { steps: ActionStep[] }>;
    };
    const steps = workflow.jobs['agentops-lint']!.steps;
    const uses = steps.find((step) => step.uses?.startsWith('agentops-lint/agentops-lint@'))!;
    for (const input of Object.keys(uses.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(uses.with!.args).toContain("format('--changed-since origin/{0}', github.base_ref)");
    expect(steps.find((step) => step.uses === 'actions/checkout@v4')!.with).toEqual({ 'fetch-depth': 0 });
    // The action keeps the cache itself: a second actions/cache step on the same folder would race it.
    expect(steps.find((step) => step.uses === 'actions/cache@v4')).toBeUndefined();
  });
});

describe('a CI run on a fresh checkout with the cache folder restored', () => {
  const FILES = {
    'agentops-lint.config.yaml': 'rules:\n  heading-increment: error\n',
    'README.md': '# Docs\n\nSee [the guide](guide.md#skipped-two-levels).\n',
    'guide.md': '# Guide\n\n#### Skipped two levels\n',
  };
  /** As in CI: the cache on (no AGENTOPS_LINT_NO_CACHE), and --debug to hear what it answered. */
  const lintAsCi = (root: string) =>
    runCli(['--debug', '--no-threads', '--format', 'json'], { cwd: root, env: { AGENTOPS_LINT_NO_CACHE: '' } });
  // --debug also says the checkout has no remote (so its own URLs are not resolved locally).
  const noRemote =
    "agentops-lint: links to the repository's own URLs are not checked as local links: no git remote and no repositoryUrls in the config.\n";
  const cacheLine = (fromCache: string, analysed: number) =>
    `${noRemote}agentops-lint: cache ${DEFAULT_CACHE_LOCATION}/${CACHE_FILE_NAME}: ${fromCache} from the cache, ${analysed} analysed.\n`;

  it('parses nothing when nothing changed, and only the changed file after an edit', async () => {
    const first = tempProject(FILES);
    const firstRun = await lintAsCi(first);
    expect(firstRun.exitCode).toBe(1);
    expect(firstRun.stderr).toBe(cacheLine('0 files', 2));

    // actions/cache restores the folder into another checkout: other paths, other mtimes, same contents.
    const second = tempProject(FILES);
    await fs.cp(path.join(first, DEFAULT_CACHE_LOCATION), path.join(second, DEFAULT_CACHE_LOCATION), {
      recursive: true,
    });
    const secondRun = await lintAsCi(second);
    expect(secondRun.stderr).toBe(cacheLine('2 files', 0));
    expect(JSON.parse(secondRun.stdout).diagnostics).toEqual(JSON.parse(firstRun.stdout).diagnostics);
    expect(secondRun.exitCode).toBe(1);

    await writeFile(path.join(second, 'guide.md'), '# Guide\n\n## Skipped two levels\n');
    const afterEdit = await lintAsCi(second);
    expect(afterEdit.stderr).toBe(cacheLine('1 file', 1));
    expect(afterEdit.exitCode).toBe(0);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<
    string,
    unknown
  >[];
  const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };

  it('defines a script hook on Markdown files, passing their names, and one for the whole commit', () => {
    expect(hooks).toEqual([
      {
        id: 'agentops-lint',
        name: 'agentops-lint',
        description: expect.any(String),
        entry: 'bin/agentops-lint.js',
        language: 'script',
        types: ['markdown'],
        pass_filenames: true,
        args: ['--cache'],
        require_serial: true,
        minimum_pre_commit_version: '2.9.0',
      },
      {
        id: 'agentops-lint-staged',
        name: 'agentops-lint (whole commit)',
        description: expect.any(String),
        entry: 'bin/agentops-lint.js --staged',
        language: 'script',
        pass_filenames: false,
        always_run: true,
        args: ['--cache'],
        require_serial: true,
        minimum_pre_commit_version: '2.9.0',
      },
    ]);
    // A script hook's entry is a path in pre-commit's clone of this repository: the package's bin.
    for (const hook of hooks) expect(Object.values(packageJson.bin)).toContain(String(hook.entry).split(' ')[0]);
  });

  it('fails a commit whose staged file breaks, as pre-commit runs it (entry, then the file names)', async () => {
    const repo = await TempRepo.create({
      'agentops-lint.config.yaml': 'rules:\n  heading-increment: error\n',
      'a.md': '# A\n',
      'b.md': '# B\n',
    });
    try {
      await repo.commit('docs');
      await repo.write({ 'b.md': '# B\n\n### Skipped\n' });
      await repo.git('add', 'b.md');
      // pre-commit runs a script hook as <its clone>/<entry> <args> <file names>.
      const [script, ...entryArgs] = String(hooks[0]!.entry).split(' ');
      const args = [...entryArgs, ...(hooks[0]!.args as string[]), 'b.md'];
      const result = await run(path.join(PACKAGE_ROOT, script!), args, { cwd: repo.dir, env: repo.env }).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect('code' in result ? result.code : 0).toBe(1);
      expect(result.stdout).toBe(
        'b.md:3:1  error  Heading level 3 follows level 1; expected level 2 or higher.  heading-increment\n\n✖ 1 problem (1 error, 0 warnings) in 1 file checked\n',
      );
      expect(existsSync(path.join(repo.dir, '.agentops-lint-cache/phase1-cache.bin'))).toBe(true);

      // The whole-commit hook reads the index: a problem staged and then fixed only on disk still fails.
      await repo.write({ 'a.md': '# A\n\n### Skipped in the index\n' });
      await repo.git('add', 'a.md');
      await repo.write({ 'a.md': '# A\n\n## Fine on disk\n' });
      const [wholeScript, ...wholeEntryArgs] = String(hooks[1]!.entry).split(' ');
      const wholeArgs = [...wholeEntryArgs, ...(hooks[1]!.args as string[]), '--format', 'github'];
      const whole = await run(path.join(PACKAGE_ROOT, wholeScript!), wholeArgs, { cwd: repo.dir, env: repo.env }).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect('code' in whole ? whole.code : 0).toBe(1);
      expect(whole.stdout).toBe(
        '::error file=a.md,line=3,col=1,endLine=3,endColumn=25,title=heading-increment::Heading level 3 follows level 1; expected level 2 or higher.\n::error file=b.md,line=3,col=1,endLine=3,endColumn=12,title=heading-increment::Heading level 3 follows level 1; expected level 2 or higher.\n',
      );
    } finally {
      await repo.cleanup();
    }
  });
});
