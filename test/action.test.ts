/**
 * The GitHub Action and the pre-commit hook definition, exercised as their hosts would run them:
 * the action's lint step is run with bash exactly as written in action.yml (inputs substituted
 * the way the runner does), against the built CLI in bin/, in a temporary git repository.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TempRepo } from './helpers/temp-repo.js';

const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

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
    if (expression === 'github.action_path') return PACKAGE_ROOT;
    throw new Error(`unexpected expression in a run step: ${expression}`);
  });
}

describe('action.yml', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    expect(existsSync(path.join(PACKAGE_ROOT, 'dist/src/cli.js')), 'the CLI is not built: run `npm run build` (npm test does)').toBe(true);
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': 'rules:\n  heading-increment: error\n',
      'README.md': '# Docs\n\nFine.\n',
      'guide.md': '# Guide\n\n#### Skipped two levels\n',
    });
    await repo.commit('docs');
  });
  afterAll(() => repo.cleanup());

  it('is a composite action: set up Node, install, lint, upload SARIF when one was written', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((step) => step.uses ?? step.id ?? step.name)).toEqual(['actions/setup-node@v4', 'Install agentops-lint', 'lint', 'github/codeql-action/upload-sarif@v3']);
    expect(action.runs.steps[0]!.with).toEqual({ 'node-version': '${{ inputs.node-version }}' });
    expect(action.runs.steps[3]!.if).toBe("${{ always() && steps.lint.outputs.sarif != '' }}");
    expect(action.runs.steps[3]!.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif }}', category: 'agentops-lint' });
    expect(Object.keys(action.inputs)).toEqual(['args', 'sarif-file', 'node-version', 'working-directory']);
  });

  async function runLintStep(inputs: Record<string, string>) {
    const step = action.runs.steps.find((candidate) => candidate.id === 'lint')!;
    expect(step.shell).toBe('bash');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, substitute(value, inputs)]));
    const outputFile = path.join(path.dirname(repo.dir), 'github-output');
    const summaryFile = path.join(path.dirname(repo.dir), 'step-summary.md');
    await writeFile(outputFile, '');
    await writeFile(summaryFile, '');
    const cwd = path.resolve(repo.dir, substitute(step['working-directory']!, inputs));
    // The runner runs `bash --noprofile --norc -eo pipefail {0}` for `shell: bash`.
    const result = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd,
      env: { ...repo.env, ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile },
    }).then(
      ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ exitCode: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
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

  it('is used by the example workflow with inputs it defines, on a full-history checkout', () => {
    const workflow = parse(readFileSync(path.join(PACKAGE_ROOT, 'examples/github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: ActionStep[] }> };
    const steps = workflow.jobs['agentops-lint']!.steps;
    const uses = steps.find((step) => step.uses?.startsWith('agentops-lint/agentops-lint@'))!;
    for (const input of Object.keys(uses.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    expect(uses.with!.args).toContain("format('--changed-since origin/{0}', github.base_ref)");
    expect(steps.find((step) => step.uses === 'actions/checkout@v4')!.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.find((step) => step.uses === 'actions/cache@v4')!.with!.path).toBe('node_modules/.cache/agentops-lint');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const packageJson = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };

  it('defines a node hook on Markdown files, passing their names, and one for the whole commit', () => {
    expect(hooks).toEqual([
      {
        id: 'agentops-lint',
        name: 'agentops-lint',
        description: expect.any(String),
        entry: 'agentops-lint',
        language: 'node',
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
        entry: 'agentops-lint --staged',
        language: 'node',
        pass_filenames: false,
        always_run: true,
        args: ['--cache'],
        require_serial: true,
        minimum_pre_commit_version: '2.9.0',
      },
    ]);
    for (const hook of hooks) expect(Object.keys(packageJson.bin)).toContain(String(hook.entry).split(' ')[0]);
  });

  it('fails a commit whose staged file breaks, as pre-commit runs it (entry, then the file names)', async () => {
    const repo = await TempRepo.create({ 'agentops-lint.config.yaml': 'rules:\n  heading-increment: error\n', 'a.md': '# A\n', 'b.md': '# B\n' });
    try {
      await repo.commit('docs');
      await repo.write({ 'b.md': '# B\n\n### Skipped\n' });
      await repo.git('add', 'b.md');
      const [binary, ...entryArgs] = String(hooks[0]!.entry).split(' ');
      const args = [...entryArgs, ...(hooks[0]!.args as string[]), 'b.md'];
      const result = await run('node', [path.join(PACKAGE_ROOT, packageJson.bin[binary!]!), ...args], { cwd: repo.dir, env: repo.env }).catch((error: { code: number; stdout: string }) => error);
      expect('code' in result ? result.code : 0).toBe(1);
      expect(result.stdout).toBe(
        'b.md:3:1  error  Heading level 3 follows level 1; expected level 2 or higher.  heading-increment\n\n✖ 1 problem (1 error, 0 warnings) in 1 file checked\n',
      );
      expect(existsSync(path.join(repo.dir, 'node_modules/.cache/agentops-lint/phase1-cache.bin'))).toBe(true);

      // The whole-commit hook reads the index: a problem staged and then fixed only on disk still fails.
      await repo.write({ 'a.md': '# A\n\n### Skipped in the index\n' });
      await repo.git('add', 'a.md');
      await repo.write({ 'a.md': '# A\n\n## Fine on disk\n' });
      const [wholeBinary, ...wholeEntryArgs] = String(hooks[1]!.entry).split(' ');
      const wholeArgs = [...wholeEntryArgs, ...(hooks[1]!.args as string[]), '--format', 'github'];
      const whole = await run('node', [path.join(PACKAGE_ROOT, packageJson.bin[wholeBinary!]!), ...wholeArgs], { cwd: repo.dir, env: repo.env }).catch(
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
