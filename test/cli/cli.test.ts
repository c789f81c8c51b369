import { existsSync, readFileSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runBin, runCli, tempProject } from '../helpers/cli-harness.js';

const SKIP = '# A\n\n### C\n';

describe('file discovery', () => {
  it('lints *.md and *.markdown, honours .gitignore and config ignore, never walks node_modules', async () => {
    const root = tempProject({
      'a.md': SKIP,
      'b.markdown': SKIP,
      'notes.txt': SKIP,
      'node_modules/pkg/README.md': SKIP,
      'build/out.md': SKIP,
      '.gitignore': 'build/\n',
      'vendor/x.md': SKIP,
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["vendor/**"]\n',
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual(['a.md', 'b.markdown']);
  });

  it('accepts files, folders and globs; paths are shown relative to the cwd', async () => {
    const root = tempProject({ 'docs/a.md': SKIP, 'docs/b.md': SKIP, 'c.md': SKIP });
    const result = await runCli(['docs/a.md', 'c.md'], { cwd: root });
    expect(result.stdout.split('\n').filter((line) => line.includes('heading-increment')).map((line) => line.split('  ')[0])).toEqual(['c.md:3:1', 'docs/a.md:3:1']);
    const inDocs = await runCli(['.'], { cwd: path.join(root, 'docs') });
    expect(inDocs.stdout).toContain('a.md:3:1  warn');
    expect(inDocs.stdout).not.toContain('docs/a.md');
    const glob = await runCli(['docs/*.md', '--format', 'json'], { cwd: root });
    expect(JSON.parse(glob.stdout).filesChecked).toBe(2);
  });

  it('an explicitly named but ignored file is skipped', async () => {
    const root = tempProject({ 'a.md': SKIP, 'vendor/x.md': SKIP, 'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["vendor/**"]\n' });
    const result = await runCli(['a.md', 'vendor/x.md', '--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).filesChecked).toBe(1);
  });

  it('only ignored files named (a commit touching nothing else): exit 0, and --debug says why each was skipped', async () => {
    const root = tempProject({
      'a.md': '# A\n',
      '_archived/x.md': SKIP,
      'node_modules/pkg/README.md': SKIP,
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["_archived/**"]\n',
    });
    expect(await runCli(['_archived/x.md'], { cwd: root })).toEqual({ exitCode: 0, stdout: '✔ 0 files checked, no problems.\n', stderr: '' });
    const debug = await runCli(['_archived/x.md', 'node_modules/pkg/README.md', '--debug', '--format', 'json'], { cwd: root });
    expect(debug.exitCode).toBe(0);
    expect(JSON.parse(debug.stdout)).toMatchObject({ filesChecked: 0, diagnostics: [] });
    expect(debug.stderr).toBe(
      "agentops-lint: skipped _archived/x.md: the config's `ignore` globs match it.\nagentops-lint: skipped node_modules/pkg/README.md: files under node_modules or .git are never linted.\n" +
        "agentops-lint: links to the repository's own URLs are not checked as local links: no git remote and no repositoryUrls in the config.\n",
    );
    // A folder or a glob that reaches only ignored files matches nothing: still an error.
    expect(await runCli(['_archived'], { cwd: root })).toEqual({ exitCode: 2, stdout: '', stderr: 'agentops-lint: No files matched "_archived".\n' });
    expect(await runCli(['_archived/*.md'], { cwd: root })).toEqual({ exitCode: 2, stdout: '', stderr: 'agentops-lint: No files matched "_archived/*.md".\n' });
    expect((await runCli(['_archived', '--no-error-on-unmatched-pattern'], { cwd: root })).exitCode).toBe(0);
  });

  it('no matching files is exit 2 unless --no-error-on-unmatched-pattern', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    expect(await runCli(['missing/*.md'], { cwd: root })).toEqual({ exitCode: 2, stdout: '', stderr: 'agentops-lint: No files matched "missing/*.md".\n' });
    expect((await runCli(['missing/*.md', '--no-error-on-unmatched-pattern'], { cwd: root })).exitCode).toBe(0);
  });

  it('does not follow symbolic links', async () => {
    const outside = tempProject({ 'secret.md': SKIP });
    const root = tempProject({ 'a.md': '# A\n' });
    symlinkSync(outside, path.join(root, 'linked'));
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).filesChecked).toBe(1);
  });

  it('refuses paths outside the repository root', async () => {
    const root = tempProject({ 'sub/a.md': '# A\n', 'b.md': '# B\n' });
    const result = await runCli(['--root', 'sub', 'b.md'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`agentops-lint: "b.md" is outside the repository root ${path.join(root, 'sub')}\n`);
  });
});

describe('exit codes and output control', () => {
  const project = () => tempProject({ 'a.md': SKIP, 'agentops-lint.config.yaml': 'rules: {heading-increment: warn}\n' });

  it('warnings alone exit 0; --max-warnings 0 makes them exit 1', async () => {
    expect((await runCli([], { cwd: project() })).exitCode).toBe(0);
    const strict = await runCli(['--max-warnings', '0'], { cwd: project() });
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toBe('agentops-lint found too many warnings (1; the maximum is 0).\n');
  });

  it('errors exit 1; --quiet hides warnings but not errors', async () => {
    const root = tempProject({ 'a.md': SKIP, 'agentops-lint.config.yaml': 'rules: {heading-increment: error}\n' });
    expect((await runCli([], { cwd: root })).exitCode).toBe(1);
    expect((await runCli(['--quiet'], { cwd: project() })).stdout).toBe('✔ 1 file checked, no problems.\n');
  });

  it('stylish output is exact', async () => {
    const result = await runCli([], { cwd: project() });
    expect(result.stdout).toBe(
      'a.md:3:1  warn   Heading level 3 follows level 1; expected level 2 or higher.  heading-increment\n\n✖ 1 problem (0 errors, 1 warning) in 1 file checked\n',
    );
  });

  it('colours follow NO_COLOR, FORCE_COLOR and the terminal', async () => {
    expect((await runCli([], { cwd: project(), tty: true })).stdout).toContain('\u001b[');
    expect((await runCli([], { cwd: project(), tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli([], { cwd: project(), tty: false, env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli(['--no-color'], { cwd: project(), tty: true })).stdout).not.toContain('\u001b[');
  });

  it('--output-file writes the report to a file', async () => {
    const root = project();
    const result = await runCli(['--format', 'json', '--output-file', 'out/report.json'], { cwd: root });
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(root, 'out/report.json'), 'utf8')).warningCount).toBe(1);
  });

  it('bad arguments exit 2', async () => {
    const root = project();
    expect((await runCli(['--format', 'xml'], { cwd: root })).exitCode).toBe(2);
    expect((await runCli(['--max-warnings', 'many'], { cwd: root })).exitCode).toBe(2);
    expect((await runCli(['--no-such-flag'], { cwd: root })).exitCode).toBe(2);
  });

  it('--help and --version exit 0', async () => {
    const root = project();
    const help = await runCli(['--help'], { cwd: root });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--max-warnings <n>');
    const version = await runCli(['--version'], { cwd: root });
    expect(version).toEqual({ exitCode: 0, stdout: `${JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
  });
});

describe('commands', () => {
  it('init writes a starter config that validates, and never overwrites', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    expect((await runCli(['init'], { cwd: root })).exitCode).toBe(0);
    expect(existsSync(path.join(root, 'agentops-lint.config.yaml'))).toBe(true);
    expect((await runCli([], { cwd: root })).exitCode).toBe(0);
    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), '# mine\n');
    expect(await runCli(['init'], { cwd: root })).toEqual({ exitCode: 2, stdout: '', stderr: 'agentops-lint: agentops-lint.config.yaml already exists; not overwriting it.\n' });
    expect(readFileSync(path.join(root, 'agentops-lint.config.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('rules lists every rule with its docs link', async () => {
    const result = await runCli(['rules', '--format', 'json'], { cwd: PROJECT_ROOT });
    const rules = JSON.parse(result.stdout) as { id: string; docs: string }[];
    expect(rules.find((rule) => rule.id === 'heading-increment')?.docs).toMatch(/\/rules\/heading-increment\.md$/);
    expect((await runCli(['rules'], { cwd: PROJECT_ROOT })).stdout.split('\n')[0]).toMatch(/^rule +default +fixable +description$/);
  });

  it('schema prints the JSON Schema shipped as schema.json', async () => {
    const result = await runCli(['schema'], { cwd: PROJECT_ROOT });
    expect(result.stdout).toBe(readFileSync(path.join(PROJECT_ROOT, 'schema.json'), 'utf8'));
    const schema = JSON.parse(result.stdout);
    expect(schema.properties.rules.properties['heading-increment']).toBeDefined();
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('the real bin, as a child process', () => {
  it('exit codes 0, 1, 2', async () => {
    const clean = tempProject({ 'a.md': '# A\n' });
    expect((await runBin([], clean)).exitCode).toBe(0);
    const errors = tempProject({ 'a.md': SKIP, 'agentops-lint.config.yaml': 'rules: {heading-increment: error}\n' });
    const failing = await runBin(['--format', 'github'], errors);
    expect(failing).toEqual({ exitCode: 1, stdout: '::error file=a.md,line=3,col=1,endLine=3,endColumn=6,title=heading-increment::Heading level 3 follows level 1; expected level 2 or higher.\n', stderr: '' });
    const broken = tempProject({ 'a.md': '# A\n', 'agentops-lint.config.yaml': 'rulez: {}\n' });
    const config = await runBin([], broken);
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toBe('agentops-lint: invalid configuration\nagentops-lint.config.yaml:1:1: unknown key "rulez" (did you mean "rules"?)\n');
  });

  it('lints the sample repository with the embedded defaults and finds real problems', async () => {
    mkdirSync(path.join(PROJECT_ROOT, 'fixtures/sample-docs'), { recursive: true });
    const result = await runBin(['fixtures/sample-docs', '--format', 'json'], PROJECT_ROOT);
    const report = JSON.parse(result.stdout);
    expect(result.exitCode).toBe(report.errorCount > 0 ? 1 : 0);
    expect(report.diagnostics.length).toBeGreaterThan(0);
  });
});
