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
    expect(
      result.stdout
        .split('\n')
        .filter((line) => line.includes('heading-increment'))
        .map((line) => line.split('  ')[0]),
    ).toEqual(['c.md:3:1', 'docs/a.md:3:1']);
    const inDocs = await runCli(['.'], { cwd: path.join(root, 'docs') });
    expect(inDocs.stdout).toContain('a.md:3:1  warn');
    expect(inDocs.stdout).not.toContain('docs/a.md');
    const glob = await runCli(['docs/*.md', '--format', 'json'], { cwd: root });
    expect(JSON.parse(glob.stdout).filesChecked).toBe(2);
  });

  it('an explicitly named but ignored file is skipped', async () => {
    const root = tempProject({
      'a.md': SKIP,
      'vendor/x.md': SKIP,
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["vendor/**"]\n',
    });
    const result = await runCli(['a.md', 'vendor/x.md', '--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).filesChecked).toBe(1);
  });

  it('only ignored files named (a commit touching nothing else): exit 0, said on stderr, and --debug says why each was skipped', async () => {
    const root = tempProject({
      'a.md': '# A\n',
      '_archived/x.md': SKIP,
      'node_modules/pkg/README.md': SKIP,
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["_archived/**"]\n',
    });
    expect(await runCli(['_archived/x.md'], { cwd: root })).toEqual({
      exitCode: 0,
      stdout: '✔ 0 files checked, no problems.\n',
      stderr:
        'agentops-lint: nothing to lint: every file named is skipped (1 file is ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml).\n',
    });
    const debug = await runCli(['_archived/x.md', 'node_modules/pkg/README.md', '--debug', '--format', 'json'], {
      cwd: root,
    });
    expect(debug.exitCode).toBe(0);
    expect(JSON.parse(debug.stdout)).toMatchObject({ filesChecked: 0, diagnostics: [] });
    expect(debug.stderr).toBe(
      [
        'agentops-lint: skipped _archived/x.md: ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml.',
        'agentops-lint: skipped node_modules/pkg/README.md: inside node_modules or .git (never linted).',
        'agentops-lint: nothing to lint: every file named is skipped (1 file is ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml; 1 file is inside node_modules or .git (never linted)).',
        "agentops-lint: links to the repository's own URLs are not checked as local links: no git remote and no repositoryUrls in the config.",
        '',
      ].join('\n'),
    );
    // A folder or a glob that reaches only ignored files matches nothing: still an error, which says why.
    const why = 'ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml';
    expect(await runCli(['_archived/'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `agentops-lint: No files matched "_archived/": 1 file is ${why}.\n`,
    });
    expect(await runCli(['_archived/*.md'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `agentops-lint: No files matched "_archived/*.md": 1 file is ${why}.\n`,
    });
    expect((await runCli(['_archived', '--no-error-on-unmatched-pattern'], { cwd: root })).exitCode).toBe(0);
  });

  it('"No files matched" names why for every kind of skip, and --debug lists each skipped path', async () => {
    const root = tempProject({
      'a.md': '# A\n',
      '_archived/x.md': SKIP,
      '_archived/y.md': SKIP,
      'docs/archive/old.md': SKIP,
      'docs/agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["archive/**"]\n',
      'img/diagram.png': 'png',
      'generated/notes.md': SKIP,
      '.gitignore': 'generated/\n',
      'node_modules/pkg/README.md': SKIP,
      'agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["_archived/**"]\n',
    });
    symlinkSync(path.join(root, 'a.md'), path.join(root, 'linked.md'));
    mkdirSync(path.join(root, 'empty'));
    const cases: [string, string][] = [
      ['_archived/', '2 files are ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml'],
      ['docs/archive', '1 file is ignored by ignore[0] "archive/**" in docs/agentops-lint.config.yaml'],
      ['generated', '1 file is ignored by .gitignore'],
      ['generated/*.md', '1 file is ignored by .gitignore'],
      ['img', '1 file is not Markdown by the default files ["**/*.md", "**/*.markdown"]'],
      ['empty', 'the folder holds no files'],
      ['linked.*', '1 file is a symbolic link (never followed)'],
      ['node_modules/pkg', 'it is inside node_modules or .git (never linted)'],
      ['nowhere.md', 'no such file or folder'],
      ['nowhere/*.md', 'the glob matches no path in the repository'],
    ];
    for (const [argument, reason] of cases) {
      expect(await runCli([argument], { cwd: root }), argument).toEqual({
        exitCode: 2,
        stdout: '',
        stderr: `agentops-lint: No files matched "${argument}": ${reason}.\n`,
      });
    }
    const debug = await runCli(['--debug'], { cwd: root });
    expect(debug.exitCode).toBe(0);
    expect(debug.stdout).toBe('✔ 1 file checked, no problems.\n');
    expect(debug.stderr.split('\n').sort()).toEqual(
      [
        '',
        'agentops-lint: skipped _archived/x.md: ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml.',
        'agentops-lint: skipped _archived/y.md: ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml.',
        'agentops-lint: skipped docs/archive/old.md: ignored by ignore[0] "archive/**" in docs/agentops-lint.config.yaml.',
        'agentops-lint: skipped generated/notes.md: ignored by .gitignore.',
        'agentops-lint: skipped linked.md: a symbolic link (never followed).',
        "agentops-lint: links to the repository's own URLs are not checked as local links: no git remote and no repositoryUrls in the config.",
      ].sort(),
    );
  });

  it('print-config says when a file is ignored and by what, and shows only the contracts whose globs match the file', async () => {
    const root = tempProject({
      'factors/01-intro.md': '# Intro\n',
      '_archived/old.md': SKIP,
      'generated/notes.md': SKIP,
      '.gitignore': 'generated/\n',
      'agentops-lint.config.yaml': [
        'ignore: ["_archived/**"]',
        'rules:',
        '  heading-increment: warn',
        '  word-count: [error, { "factors/*.md": { min: 100 }, "docs/*.md": { max: 900 } }]',
        '',
      ].join('\n'),
    });
    const matching = await runCli(['print-config', 'factors/01-intro.md'], { cwd: root });
    expect(matching.stderr).toBe('');
    expect(JSON.parse(matching.stdout)).toEqual({
      file: 'factors/01-intro.md',
      ignored: null,
      configFile: 'agentops-lint.config.yaml',
      globsRelativeTo: '.',
      extends: [],
      files: ['**/*.md', '**/*.markdown'],
      ignore: ['_archived/**'],
      rules: {
        'heading-increment': ['warn', {}],
        'word-count': [
          'error',
          {
            'factors/*.md': { min: 100, countCode: false, countFrontMatter: false, countHtml: false, countUrls: false },
          },
        ],
      },
      contractsNotMatching: { 'word-count': ['docs/*.md'] },
    });
    const ignored = await runCli(['print-config', '_archived/old.md'], { cwd: root });
    expect(ignored.stderr).toBe(
      'agentops-lint: _archived/old.md is not linted: it is ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml.\n',
    );
    expect(JSON.parse(ignored.stdout)).toMatchObject({
      ignored: 'ignored by ignore[0] "_archived/**" in agentops-lint.config.yaml',
      rules: {},
      contractsNotMatching: {},
    });
    const gitignored = await runCli(['print-config', 'generated/notes.md'], { cwd: root });
    expect(gitignored.stderr).toBe('agentops-lint: generated/notes.md is not linted: it is ignored by .gitignore.\n');
    expect(JSON.parse(gitignored.stdout)).toMatchObject({ ignored: 'ignored by .gitignore', rules: {} });
  });

  it('no matching files is exit 2 unless --no-error-on-unmatched-pattern', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    expect(await runCli(['missing/*.md'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'agentops-lint: No files matched "missing/*.md": the glob matches no path in the repository.\n',
    });
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
  const project = () =>
    tempProject({ 'a.md': SKIP, 'agentops-lint.config.yaml': 'rules: {heading-increment: warn}\n' });

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
    expect(version).toEqual({
      exitCode: 0,
      stdout: `${JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version}\n`,
      stderr: '',
    });
  });
});

describe('commands', () => {
  it('init writes a starter config that validates, and never overwrites', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    expect((await runCli(['init'], { cwd: root })).exitCode).toBe(0);
    expect(existsSync(path.join(root, 'agentops-lint.config.yaml'))).toBe(true);
    expect((await runCli([], { cwd: root })).exitCode).toBe(0);
    writeFileSync(path.join(root, 'agentops-lint.config.yaml'), '# mine\n');
    expect(await runCli(['init'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'agentops-lint: agentops-lint.config.yaml already exists; not overwriting it.\n',
    });
    expect(readFileSync(path.join(root, 'agentops-lint.config.yaml'), 'utf8')).toBe('# mine\n');
  });

  it('init writes what works: the globs of the extensions found, a versioned $schema URL, ignore suggested for generated folders in a comment', async () => {
    const root = tempProject({
      'README.md': '# Home\n',
      'docs/guide.md': '# Guide\n',
      '_archived/old.md': '# Old\n',
      'thoughts/shared/plan.md': '# Plan\n',
      ...Object.fromEntries(
        Array.from({ length: 10 }, (_, index) => [`logs/2025-01-${String(index + 10)}-session.md`, '# Session\n']),
      ),
    });
    const init = await runCli(['init'], { cwd: root });
    expect(init).toEqual({
      exitCode: 0,
      stdout:
        'Wrote agentops-lint.config.yaml. Run `agentops-lint` to lint this repository.\nFolders that look generated or archived (_archived/**, logs/**, thoughts/**) are linted; the config suggests ignoring them, in a comment.\n',
      stderr: '',
    });
    const written = readFileSync(path.join(root, 'agentops-lint.config.yaml'), 'utf8');
    const version = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')).version;
    const schemaUrl = `https://raw.githubusercontent.com/agentops-lint/agentops-lint/v${version}/schema.json`;
    expect(written).toContain(`# yaml-language-server: $schema=${schemaUrl}\n$schema: ${schemaUrl}\n`);
    expect(written).toContain('./node_modules/agentops-lint/schema.json');
    expect(written).toContain('\nfiles: ["**/*.md"]\n');
    expect(written).toContain(
      [
        'ignore: []',
        '# These folders look generated or archived; uncomment to skip them:',
        '#   _archived/**  (an archive, 1 Markdown file)',
        '#   logs/**  (files named by dates or ids, 10 Markdown files)',
        '#   thoughts/**  (agent notes, 1 Markdown file)',
        '# ignore: ["_archived/**", "logs/**", "thoughts/**"]',
        '',
      ].join('\n'),
    );
    // The schema's own id is the URL init writes; the config runs without a warning (no glob that matches nothing).
    expect(JSON.parse((await runCli(['schema'], { cwd: root })).stdout).$id).toBe(schemaUrl);
    expect(await runCli([], { cwd: root })).toEqual({
      exitCode: 0,
      stdout: '✔ 14 files checked, no problems.\n',
      stderr: '',
    });
  });

  it('init keeps **/*.markdown when there are .markdown files', async () => {
    const root = tempProject({ 'a.md': '# A\n', 'notes/b.markdown': '# B\n' });
    expect((await runCli(['init'], { cwd: root })).exitCode).toBe(0);
    expect(readFileSync(path.join(root, 'agentops-lint.config.yaml'), 'utf8')).toContain(
      '\nfiles: ["**/*.md", "**/*.markdown"]\n\n# Never linted',
    );
  });

  it('rules lists every rule with its docs link', async () => {
    const result = await runCli(['rules', '--format', 'json'], { cwd: PROJECT_ROOT });
    const rules = JSON.parse(result.stdout) as { id: string; docs: string }[];
    expect(rules.find((rule) => rule.id === 'heading-increment')?.docs).toMatch(/\/rules\/heading-increment\.md$/);
    expect((await runCli(['rules'], { cwd: PROJECT_ROOT })).stdout.split('\n')[0]).toMatch(
      /^rule +default +fixable +description$/,
    );
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
    expect(failing).toEqual({
      exitCode: 1,
      stdout:
        '::error file=a.md,line=3,col=1,endLine=3,endColumn=6,title=heading-increment::Heading level 3 follows level 1; expected level 2 or higher.\n',
      stderr: '',
    });
    const broken = tempProject({ 'a.md': '# A\n', 'agentops-lint.config.yaml': 'rulez: {}\n' });
    const config = await runBin([], broken);
    expect(config.exitCode).toBe(2);
    expect(config.stderr).toBe(
      'agentops-lint: invalid configuration\nagentops-lint.config.yaml:1:1: unknown key "rulez" (did you mean "rules"?)\n',
    );
  });

  it('lints the sample repository with the embedded defaults and finds real problems', async () => {
    mkdirSync(path.join(PROJECT_ROOT, 'fixtures/sample-docs'), { recursive: true });
    const result = await runBin(['fixtures/sample-docs', '--format', 'json'], PROJECT_ROOT);
    const report = JSON.parse(result.stdout);
    expect(result.exitCode).toBe(report.errorCount > 0 ? 1 : 0);
    expect(report.diagnostics.length).toBeGreaterThan(0);
  });
});
