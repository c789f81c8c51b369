/**
 * Issue 12, item 5: every user mistake and odd environment ends in a clear message and the
 * documented exit code, never an "internal error", a stack trace or a hang. Each case runs the
 * command line: in-process through main(), or as the real bin in a child process where the
 * process itself is under test (pipes closed early, folders that cannot be created).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempProject, type CliResult } from '../helpers/cli-harness.js';
import { TempRepo } from '../helpers/temp-repo.js';

const SKIP = '# A\n\n### C\n';

/** The bin as a child process; `closeStdout` closes the read end of its stdout before it writes (a reader gone, as `| head` is). */
function spawnBin(
  args: string[],
  cwd: string,
  options: { closeStdout?: boolean } = {},
): Promise<CliResult & { timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    if (options.closeStdout) child.stdout.destroy();
    else
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Catches a run that hangs; a loaded machine can take a minute for one that does not.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? -1, stdout, stderr, timedOut });
    });
  });
}

async function withConfig(
  config: string,
  args: string[] = [],
  files: Record<string, string> = { 'a.md': '# A\n' },
): Promise<CliResult> {
  return runCli(args, { cwd: tempProject({ ...files, 'agentops-lint.config.yaml': config }) });
}

describe('regular expressions in options are checked with the config (exit 2, key path), not when a rule runs', () => {
  const cases: [string, string, string][] = [
    [
      'links ignorePatterns',
      'rules:\n  links: [error, { ignorePatterns: ["(unclosed"] }]\n',
      'agentops-lint.config.yaml:2:37: rules.links[1].ignorePatterns[0]: not a valid regular expression (JavaScript syntax, "u" flag): Unterminated group (got "(unclosed")',
    ],
    [
      'anchors ignorePatterns',
      'rules:\n  anchors: [error, { ignorePatterns: ["[a-"] }]\n',
      'agentops-lint.config.yaml:2:39: rules.anchors[1].ignorePatterns[0]: not a valid regular expression (JavaScript syntax, "u" flag): Unterminated character class (got "[a-")',
    ],
    [
      'external-links exclude',
      'rules:\n  external-links: [error, { exclude: ["*.example"] }]\n',
      'agentops-lint.config.yaml:2:39: rules.external-links[1].exclude[0]: not a valid regular expression (JavaScript syntax, "u" flag): Nothing to repeat (got "*.example")',
    ],
    [
      'external-links include',
      'rules:\n  external-links: [error, { include: ["a{2,1}"] }]\n',
      'agentops-lint.config.yaml:2:39: rules.external-links[1].include[0]: not a valid regular expression (JavaScript syntax, "u" flag): numbers out of order in {} quantifier (got "a{2,1}")',
    ],
  ];
  for (const [name, config, message] of cases) {
    it(name, async () => {
      const result = await withConfig(config, ['--no-external'], {
        'a.md': '# A\n\n[x](b.md) [y](#nowhere) <https://example.com/>\n',
      });
      expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `agentops-lint: invalid configuration\n${message}\n` });
    });
  }
});

describe('output files', () => {
  beforeAll(() => {
    if (!existsSync('/proc/self'))
      throw new Error('these cases need /proc (Linux): a folder no one can create a folder in');
  });

  it('-o into a folder that cannot be created fails at once, naming it', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    const result = await spawnBin(['-o', '/proc/agentops-lint/out/report.txt'], root);
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: Cannot write the stylish report to /proc/agentops-lint/out/report.txt: cannot create the folder /proc/agentops-lint: the file system takes no new folder there (ENOENT).\n',
      timedOut: false,
    });
  });

  it('--format NAME:FILE into such a folder too, before anything is linted', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    const result = await spawnBin(['--format', 'stylish', '--format', 'sarif:/proc/agentops-lint/lint.sarif'], root);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'agentops-lint: Cannot write the sarif report to /proc/agentops-lint/lint.sarif: cannot create the folder /proc/agentops-lint: the file system takes no new folder there (ENOENT).\n',
    );
  });

  it('a file where a folder should be is named, in-process too', async () => {
    const root = tempProject({ 'a.md': '# A\n', out: 'a file\n' });
    expect(await runCli(['--format', 'json:out/report.json'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: `agentops-lint: Cannot write the json report to out/report.json: ${path.join(root, 'out')} is a file, not a folder.\n`,
    });
  });
});

describe('a reader that goes away (| head) is no error', () => {
  for (const args of [['rules'], ['schema'], ['-f', 'json']]) {
    it(`agentops-lint ${args.join(' ')}`, async () => {
      const root = tempProject({ 'a.md': SKIP });
      const result = await spawnBin(args, root, { closeStdout: true });
      expect(result).toEqual({ exitCode: 0, stdout: '', stderr: '', timedOut: false });
    });
  }
});

describe('flags, environment and package.json', () => {
  it('--color wins over NO_COLOR (what the user typed for this run)', async () => {
    const root = tempProject({ 'a.md': SKIP });
    expect((await runCli(['--color'], { cwd: root, env: { NO_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli([], { cwd: root, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('a package.json that is not JSON, with no other config, is an error naming it', async () => {
    const root = tempProject({ 'a.md': SKIP, 'package.json': '{\n  "name": "docs",\n}\n' });
    expect(await runCli([], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: invalid configuration\npackage.json:3:1: invalid JSON: Expected double-quoted property name; agentops-lint reads its "agentops-lint" key. Fix the file, or put an agentops-lint.config.yaml beside it (it takes precedence)\n',
    });
  });

  it('an empty package.json (a placeholder) holds no config and is passed by', async () => {
    const root = tempProject({ 'a.md': '# A\n', 'docs/b.md': '# B\n', 'docs/package.json': '' });
    expect(await runCli([], { cwd: root })).toEqual({
      exitCode: 0,
      stdout: expect.stringContaining('no problems'),
      stderr: '',
    });
  });

  it('a config beside a broken package.json takes precedence, and the package.json is not read', async () => {
    const root = tempProject({
      'a.md': '# A\n',
      'package.json': '{ broken',
      'agentops-lint.config.yaml': 'extends: [recommended]\n',
    });
    expect((await runCli([], { cwd: root })).exitCode).toBe(0);
  });

  it('an empty config warns that no rule is on', async () => {
    expect(await withConfig('# nothing yet\n', [], { 'a.md': SKIP })).toEqual({
      exitCode: 0,
      stdout: '✔ 1 file checked, no problems.\n',
      stderr:
        'agentops-lint: warning: agentops-lint.config.yaml: no rule is on: the config has no "extends" and turns no rule on. Add "extends: [recommended]" to start from the recommended rules.\n',
    });
  });

  it('a glob with an unclosed bracket is a config error that says so', async () => {
    expect(await withConfig('files: ["**/*.md["]\n')).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: invalid configuration\nagentops-lint.config.yaml:1:9: files[0]: "**/*.md[" is not a valid glob: "[" is never closed by "]" (write "\\[" for a literal "[")\n',
    });
  });
});

describe('the verdict line tells the truth', () => {
  const warningOnly = () =>
    tempProject({ 'a.md': SKIP, 'agentops-lint.config.yaml': 'rules: {heading-increment: warn}\n' });

  it('-q --max-warnings 0 with only warnings: no "no problems", exit 1, and why', async () => {
    expect(await runCli(['-q', '--max-warnings', '0'], { cwd: warningOnly() })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'agentops-lint found too many warnings (1; the maximum is 0) (--quiet does not show them).\n',
    });
  });

  it('--max-warnings -1 means no limit', async () => {
    const result = await runCli(['--max-warnings', '-1'], { cwd: warningOnly() });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect((await runCli(['--max-warnings', '-2'], { cwd: warningOnly() })).stderr).toBe(
      "error: option '--max-warnings <n>' argument '-2' is invalid. expected a whole number of 0 or more, or -1 for no limit.\n",
    );
  });

  it('--write-baseline says what it recorded, and not "no problems"', async () => {
    const root = warningOnly();
    const result = await runCli(['--write-baseline', 'baseline.json'], { cwd: root });
    expect(result).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: 'agentops-lint: wrote 1 problem in 1 file(s) to baseline.json.\n',
    });
    expect(JSON.parse(readFileSync(path.join(root, 'baseline.json'), 'utf8'))).toBeTruthy();
  });

  describe('--staged', () => {
    let repo: TempRepo;
    beforeAll(async () => {
      repo = await TempRepo.create({ 'a.md': '# Title\n\nIt\u00e2\u20ac\u2122s here.\n' });
      await repo.git('add', 'a.md');
    });
    afterAll(() => repo.cleanup());

    it('does not point at --fix, which it refuses', async () => {
      const staged = await repo.lint(['--staged']);
      expect(staged.stdout).toBe(
        'a.md:3:3  error  Mojibake "â€™" (UTF-8 read as Windows-1252); it should read "’".  mojibake\n\n✖ 1 problem (1 error, 0 warnings) in 1 file checked\n',
      );
      const plain = await repo.lint([]);
      expect(plain.stdout).toContain('1 error and 0 warnings potentially fixable with the `--fix` option.');
    });
  });
});

describe('reports', () => {
  it('an unknown rule in a control comment is reported once, also with --report-unused-disables', async () => {
    const root = tempProject({
      'a.md':
        '# A\n\n<!-- agentops-lint-disable-next-line no-such-rule, heading-increment -->\n### C\n\n<!-- agentops-lint-disable-next-line nosuch -->\nText.\n',
    });
    const result = await runCli(['--report-unused-disables'], { cwd: root });
    expect(result.stdout).toBe(
      [
        'a.md:3:38  error  Unknown rule "no-such-rule" in control comment.  control-comments',
        'a.md:6:38  error  Unknown rule "nosuch" in control comment.  control-comments',
        '',
        '✖ 2 problems (2 errors, 0 warnings) in 1 file checked',
        '',
      ].join('\n'),
    );
  });

  // CR and LF in messages: test/reporters/reporters.test.ts (no rule message carries them from a file).
  it('github annotations escape "%" in messages, and ":" and "," in properties', async () => {
    const root = tempProject({ 'a,b:c.md': '# A\n\n[x](100%25.md)\n' });
    const result = await runCli(['--format', 'github'], { cwd: root });
    expect(result.stdout).toBe(
      '::error file=a%2Cb%3Ac.md,line=3,col=5,endLine=3,endColumn=14,title=links::Link target "100%2525.md" does not exist.\n',
    );
  });
});

/** Mistakes people make in config files: each one is exit 2 with the file and key path, in plain words. */
const BAD_CONFIGS: [name: string, file: string, content: string, firstLine: string][] = [
  [
    'rules as a list',
    'agentops-lint.config.yaml',
    'rules: [links]\n',
    'agentops-lint.config.yaml:1:8: rules: expected a mapping (key: value) (got ["links"])',
  ],
  [
    'overrides as a mapping',
    'agentops-lint.config.yaml',
    'overrides: {files: ["a/**"]}\n',
    'agentops-lint.config.yaml:1:12: overrides: expected a list (got {"files":["a/**"]})',
  ],
  [
    'extends as a number',
    'agentops-lint.config.yaml',
    'extends: 5\n',
    'agentops-lint.config.yaml:1:10: extends: expected text or a list (got 5)',
  ],
  [
    'files as text',
    'agentops-lint.config.yaml',
    'files: "**/*.md"\n',
    'agentops-lint.config.yaml:1:8: files: expected a list (got "**/*.md")',
  ],
  [
    'an empty glob',
    'agentops-lint.config.yaml',
    'ignore: [""]\n',
    'agentops-lint.config.yaml:1:10: ignore[0]: cannot be empty (got "")',
  ],
  [
    'a glob from "/"',
    'agentops-lint.config.yaml',
    'ignore: ["/drafts/**"]\n',
    'agentops-lint.config.yaml:1:10: ignore[0]: "/drafts/**" starts with "/", but globs are relative to the config file\'s folder: write "drafts/**"',
  ],
  [
    'an unclosed brace in an override',
    'agentops-lint.config.yaml',
    'overrides:\n  - files: ["{a,b"]\n    rules: {}\n',
    'agentops-lint.config.yaml:2:13: overrides[0].files[0]: "{a,b" is not a valid glob: "{" is never closed by "}" (write "\\{" for a literal "{")',
  ],
  [
    'an override with no files',
    'agentops-lint.config.yaml',
    'overrides:\n  - files: []\n    rules: {}\n',
    'agentops-lint.config.yaml:2:12: overrides[0].files: cannot be empty (got [])',
  ],
  [
    'an override without rules',
    'agentops-lint.config.yaml',
    'overrides:\n  - files: ["a/**"]\n',
    'agentops-lint.config.yaml:2:5: overrides[0].rules: is required: expected a mapping (key: value)',
  ],
  [
    'a severity as a number',
    'agentops-lint.config.yaml',
    'rules:\n  links: 2\n',
    'agentops-lint.config.yaml:2:10: rules.links: expected "off", "warn" or "error", or [severity, options] (got 2)',
  ],
  [
    'options that are a list',
    'agentops-lint.config.yaml',
    'rules:\n  links: [error, [x]]\n',
    'agentops-lint.config.yaml:2:18: rules.links[1]: expected an options object (got ["x"])',
  ],
  [
    'an option of the wrong type',
    'agentops-lint.config.yaml',
    'rules:\n  anchors: [error, {strictCase: "yes"}]\n',
    'agentops-lint.config.yaml:2:33: rules.anchors[1].strictCase: expected true or false (got "yes")',
  ],
  [
    'a list option given as text',
    'agentops-lint.config.yaml',
    'rules:\n  links: [error, {ignorePatterns: "^x"}]\n',
    'agentops-lint.config.yaml:2:35: rules.links[1].ignorePatterns: expected a list (got "^x")',
  ],
  [
    'a per-glob contract of the wrong shape',
    'agentops-lint.config.yaml',
    'rules:\n  word-count: [error, {"*.md": 100}]\n',
    'agentops-lint.config.yaml:2:32: rules.word-count[1]["*.md"]: expected a mapping (key: value) (got 100)',
  ],
  [
    'an invalid regular expression',
    'agentops-lint.config.yaml',
    'rules:\n  links: [error, {ignorePatterns: ["+"]}]\n',
    'agentops-lint.config.yaml:2:36: rules.links[1].ignorePatterns[0]: not a valid regular expression (JavaScript syntax, "u" flag): Nothing to repeat (got "+")',
  ],
  [
    'a config that is a list',
    'agentops-lint.config.yaml',
    '- recommended\n',
    'agentops-lint.config.yaml:1:1: expected a mapping (key: value) (got ["recommended"])',
  ],
  [
    'a config that is text',
    '.agentops-lint.json',
    '"recommended"',
    '.agentops-lint.json:1:1: expected a mapping (key: value) (got "recommended")',
  ],
  ['YAML tabs', 'agentops-lint.config.yaml', 'rules:\n\tlinks: off\n', 'agentops-lint.config.yaml:2:1: invalid YAML:'],
  ['JSON with a comment', '.agentops-lint.json', '{ // rules\n}', '.agentops-lint.json:1:3: invalid JSON:'],
  [
    'a broken package.json key',
    'package.json',
    '{"agentops-lint": {"rules": 5}}',
    'package.json:1:29: agentops-lint.rules: expected a mapping (key: value) (got 5)',
  ],
];

describe('bad configs: exit 2 with the file and key path, never an internal error or zod wording', () => {
  for (const [name, file, content, firstLine] of BAD_CONFIGS) {
    it(name, async () => {
      const result = await runCli(['--no-external'], {
        cwd: tempProject({ 'a.md': '# A\n\n[x](b.md)\n', [file]: content }),
      });
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toBe('');
      const [header, first] = result.stderr.split('\n');
      expect(header).toBe('agentops-lint: invalid configuration');
      expect(first!.startsWith(firstLine)).toBe(true);
      expect(result.stderr).not.toMatch(
        /internal error|received|Invalid input|Too small|Too big|Unrecognized|expected (array|object|record|string|boolean|number)\b/,
      );
    });
  }

  it('the same configs through print-config, terms and mappings', async () => {
    for (const [name, file, content] of BAD_CONFIGS) {
      const root = tempProject({ 'a.md': '# A\n', [file]: content });
      for (const args of [['print-config', 'a.md'], ['terms'], ['mappings']]) {
        const result = await runCli(args, { cwd: root });
        expect(result.exitCode, `${name}: ${args[0]}`).toBe(2);
        expect(result.stderr, `${name}: ${args[0]}`).toMatch(/^agentops-lint: invalid configuration\n/);
      }
    }
  });
});

describe('a config written without the tool', () => {
  it('a file that is not valid UTF-8 YAML is a config error too', async () => {
    const root = tempProject({ 'a.md': '# A\n' });
    writeFileSync(
      path.join(root, 'agentops-lint.config.yaml'),
      Buffer.from([0x72, 0x75, 0x6c, 0x65, 0x73, 0x3a, 0x20, 0x7b, 0x0a]),
    );
    const result = await runCli([], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /^agentops-lint: invalid configuration\nagentops-lint\.config\.yaml:\d+:\d+: invalid YAML:/,
    );
  });
});
