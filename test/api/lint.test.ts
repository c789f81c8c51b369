/**
 * The programmatic API (src/api/lint.ts, src/api/format.ts): the CLI's run, as a call. Each
 * result is compared with what `agentops-lint lint` prints and returns for the same folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, format, lint, UsageError } from '../../src/index.js';
import { runCli, tempProject } from '../helpers/cli-harness.js';

/** A repository with a broken link, a missing required file, and a config glob that matches nothing. */
function sampleRepository(): string {
  return tempProject({
    'README.md': '# Docs\n\nSee [the guide](docs/guide.md) and [setup](docs/setup.md).\n',
    'docs/guide.md': '# Guide\n\nBack to the [readme](../README.md).\n',
    'agentops-lint.config.yaml': [
      'extends: recommended',
      'ignore:',
      '  - "drafts/**"',
      'rules:',
      '  required-files: [error, { files: [CONTRIBUTING.md] }]',
      '',
    ].join('\n'),
  });
}

describe('lint()', () => {
  it('finds the config from cwd as the CLI does, and answers per file with counts, exit code and warnings', async () => {
    const root = sampleRepository();
    const result = await lint({ cwd: root });
    expect(result).toEqual({
      cwd: root,
      root,
      files: [
        {
          file: 'CONTRIBUTING.md',
          checked: false,
          diagnostics: [
            expect.objectContaining({ ruleId: 'required-files', messageId: 'missing', line: 1, column: 1 }),
          ],
        },
        {
          file: 'README.md',
          checked: true,
          diagnostics: [
            {
              file: 'README.md',
              line: 3,
              column: 44,
              endLine: 3,
              endColumn: 57,
              ruleId: 'links',
              messageId: 'missing',
              severity: 'error',
              message: 'Link target "docs/setup.md" does not exist.',
            },
          ],
        },
        { file: 'docs/guide.md', checked: true, diagnostics: [] },
      ],
      diagnostics: [result.files[0]!.diagnostics[0], result.files[1]!.diagnostics[0]],
      counts: { errors: 2, warnings: 0, fixableErrors: 0, fixableWarnings: 0 },
      exitCode: 1,
      crashed: false,
      warnings: [
        'agentops-lint.config.yaml: ignore[0] "drafts/**" matches no file under the repository root (the config\'s folder).',
      ],
      notices: [],
    });
    const cli = await runCli(['--format', 'json'], { cwd: root });
    expect(cli.exitCode).toBe(result.exitCode);
    expect(cli.stderr).toBe(`agentops-lint: warning: ${result.warnings[0]}\n`);
  });

  it('lints only the paths given, relative to cwd, and finds the root upwards from them', async () => {
    const root = sampleRepository();
    const result = await lint({ cwd: path.join(root, 'docs'), paths: ['guide.md'] });
    expect(result.root).toBe(root);
    expect(result.files).toEqual([
      {
        file: 'CONTRIBUTING.md',
        checked: false,
        diagnostics: [expect.objectContaining({ ruleId: 'required-files', messageId: 'missing' })],
      },
      { file: 'docs/guide.md', checked: true, diagnostics: [] },
    ]);
  });

  it('takes a config object instead of the config files, its globs relative to cwd', async () => {
    const root = sampleRepository();
    const result = await lint({ cwd: root, config: { extends: 'recommended', ignore: ['README.md'] } });
    expect(result.files).toEqual([{ file: 'docs/guide.md', checked: true, diagnostics: [] }]);
    expect(result).toMatchObject({ exitCode: 0, warnings: [], counts: { errors: 0, warnings: 0 } });
  });

  it('takes a config file path relative to cwd, as --config does', async () => {
    const root = tempProject({
      'README.md': '# Docs\n\n## Docs\n\nSee [setup](setup.md).\n',
      'configs/strict.json': '{ "rules": { "links": "warn" } }\n',
    });
    const result = await lint({ cwd: root, config: 'configs/strict.json' });
    expect(result.diagnostics).toEqual([
      {
        file: 'README.md',
        line: 5,
        column: 13,
        endLine: 5,
        endColumn: 21,
        ruleId: 'links',
        messageId: 'missing',
        severity: 'warn',
        message: 'Link target "setup.md" does not exist.',
      },
    ]);
    expect(result).toMatchObject({ exitCode: 0, counts: { errors: 0, warnings: 1 } });
    expect((await runCli(['--config', 'configs/strict.json'], { cwd: root })).exitCode).toBe(0);
  });

  it('says as a notice, not on stderr, that every file named is ignored, and passes', async () => {
    const root = tempProject({
      'README.md': '# Docs\n',
      'drafts/idea.md': '# Idea\n\nSee [nothing](nothing.md).\n',
      'agentops-lint.config.yaml': 'extends: recommended\nignore: ["drafts/**"]\n',
    });
    const result = await lint({ cwd: root, paths: ['drafts/idea.md'] });
    expect(result).toMatchObject({ files: [], diagnostics: [], exitCode: 0, warnings: [] });
    expect(result.notices).toEqual([
      'nothing to lint: every file named is skipped (1 file is ignored by ignore[0] "drafts/**" in agentops-lint.config.yaml).',
    ]);
    expect(await runCli(['drafts/idea.md'], { cwd: root })).toEqual({
      exitCode: 0,
      stdout: '✔ 0 files checked, no problems.\n',
      stderr: `agentops-lint: ${result.notices[0]}\n`,
    });
  });

  it('writes the cache under the root only when asked to', async () => {
    const root = sampleRepository();
    await lint({ cwd: root });
    expect(existsSync(path.join(root, '.agentops-lint-cache'))).toBe(false);
    await lint({ cwd: root, cache: true });
    expect(existsSync(path.join(root, '.agentops-lint-cache'))).toBe(true);
  });

  it('rejects an invalid config object with a ConfigError that lists every problem', async () => {
    const root = sampleRepository();
    const rejected = lint({ cwd: root, config: { rules: { nope: 'error', links: ['error', { bogus: 1 }] } } });
    await expect(rejected).rejects.toThrow(ConfigError);
    await expect(rejected).rejects.toMatchObject({
      issues: [
        { file: 'lint() config', path: ['rules', 'nope'], message: 'unknown rule "nope"' },
        { file: 'lint() config', path: ['rules', 'links', 1], message: 'unknown key "bogus"' },
      ],
    });
  });

  it('rejects with the UsageError the CLI exits 2 with when there is nothing to lint', async () => {
    const root = tempProject({ 'notes.txt': 'no Markdown here\n' });
    const message = 'No files matched ".": 1 file is not Markdown by the default files ["**/*.md", "**/*.markdown"].';
    await expect(lint({ cwd: root })).rejects.toThrow(new UsageError(message));
    expect(await runCli([], { cwd: root })).toEqual({ exitCode: 2, stdout: '', stderr: `agentops-lint: ${message}\n` });
  });
});

describe('format()', () => {
  it.each(['stylish', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const)(
    'gives what `--format %s` prints for the same run',
    async (name) => {
      const root = sampleRepository();
      const cli = await runCli(['--format', name], { cwd: root });
      expect(format(await lint({ cwd: root }), name)).toBe(cli.stdout);
    },
  );

  it('refuses an unknown format, naming the choices', async () => {
    const result = await lint({ cwd: sampleRepository() });
    expect(() => format(result, 'sarf' as 'sarif')).toThrow(
      new UsageError(
        'Unknown format "sarf" (did you mean "sarif"?); choose one of: stylish, json, sarif, github, gitlab, junit.',
      ),
    );
  });
});
