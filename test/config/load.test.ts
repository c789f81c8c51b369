import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverConfigFile } from '../../src/config/load.js';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const SKIP = '# A\n\n### C\n';

async function configError(configFile: string, content: string): Promise<{ exitCode: number; stderr: string }> {
  const root = tempProject({ [configFile]: content, 'doc.md': SKIP });
  const { exitCode, stderr } = await runCli([], { cwd: root });
  return { exitCode, stderr };
}

describe('config discovery', () => {
  it('finds the nearest config upwards, stopping at the git root', () => {
    const root = tempProject({
      'agentops-lint.config.yaml': 'rules: {}\n',
      'docs/deep/a.md': '# a\n',
      'docs/.agentops-lint.json': '{}',
    });
    expect(discoverConfigFile(path.join(root, 'docs/deep'))?.file).toBe(path.join(root, 'docs/.agentops-lint.json'));
    expect(discoverConfigFile(root)?.file).toBe(path.join(root, 'agentops-lint.config.yaml'));
    const nested = tempProject({ 'inner/a.md': '# a\n' });
    writeFileSync(path.join(nested, 'inner', 'package.json'), '{"name":"x"}');
    expect(discoverConfigFile(path.join(nested, 'inner'))).toBeUndefined();
  });

  it('reads the "agentops-lint" key of package.json', async () => {
    const root = tempProject({
      'package.json': JSON.stringify({ name: 'x', 'agentops-lint': { rules: { 'heading-increment': 'off' } } }),
      'doc.md': SKIP,
    });
    expect((await runCli([], { cwd: root })).exitCode).toBe(0);
  });

  it('uses the embedded recommended preset when there is no config', async () => {
    const root = tempProject({ 'doc.md': SKIP });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual([
      'heading-increment',
    ]);
  });

  it('--config overrides discovery; a missing --config file exits 2', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': 'rules: {heading-increment: off}\n',
      'other.yaml': 'rules: {heading-increment: error}\n',
      'doc.md': SKIP,
    });
    expect((await runCli([], { cwd: root })).exitCode).toBe(0);
    expect((await runCli(['--config', 'other.yaml'], { cwd: root })).exitCode).toBe(1);
    expect(await runCli(['--config', 'nope.yaml'], { cwd: root })).toMatchObject({
      exitCode: 2,
      stderr: 'agentops-lint: Config file not found: nope.yaml\n',
    });
  });
});

describe('config errors name the file, line, key path, value and expectation; exit 2', () => {
  const cases: [string, string, string, string][] = [
    [
      'misspelled top-level key',
      'agentops-lint.config.yaml',
      'extends: [recommended]\nrulez: {}\n',
      'agentops-lint.config.yaml:2:1: unknown key "rulez" (did you mean "rules"?)',
    ],
    [
      'unknown rule id',
      'agentops-lint.config.yaml',
      'rules:\n  heading-incremnt: warn\n',
      'agentops-lint.config.yaml:2:3: rules.heading-incremnt: unknown rule "heading-incremnt" (did you mean "heading-increment"?)',
    ],
    [
      'bad severity',
      'agentops-lint.config.yaml',
      'rules:\n  heading-increment: warning\n',
      'agentops-lint.config.yaml:2:22: rules.heading-increment: expected "off", "warn" or "error", or [severity, options] (got "warning")',
    ],
    [
      'unknown option key',
      'agentops-lint.config.yaml',
      'rules:\n  heading-increment: [warn, {levels: 2}]\n',
      'agentops-lint.config.yaml:2:30: rules.heading-increment[1]: unknown key "levels"',
    ],
    [
      'wrong type',
      'agentops-lint.config.yaml',
      'files: "**/*.md"\n',
      'agentops-lint.config.yaml:1:8: files: expected a list (got "**/*.md")',
    ],
    [
      'unknown preset',
      'agentops-lint.config.yaml',
      'extends: [recomended]\n',
      'agentops-lint.config.yaml:1:11: extends[0]: unknown preset "recomended" (did you mean "recommended"?); built-in presets:',
    ],
    ['invalid YAML', 'agentops-lint.config.yaml', 'rules:\n  a: [\n', 'agentops-lint.config.yaml:3:1: invalid YAML:'],
    [
      'invalid JSON',
      '.agentops-lint.json',
      '{"rules": {"heading-increment": "warn",}}',
      '.agentops-lint.json:1:40: invalid JSON:',
    ],
    [
      'override with unknown rule',
      'agentops-lint.config.yaml',
      'overrides:\n  - files: ["docs/**"]\n    rules: {linkz: off}\n',
      'agentops-lint.config.yaml:3:13: overrides[0].rules.linkz: unknown rule "linkz"',
    ],
    [
      'override without files',
      'agentops-lint.config.yaml',
      'overrides:\n  - rules: {}\n',
      'agentops-lint.config.yaml:2:5: overrides[0].files: is required: expected a list',
    ],
  ];
  for (const [name, file, content, expected] of cases) {
    it(name, async () => {
      const { exitCode, stderr } = await configError(file, content);
      expect(exitCode).toBe(2);
      expect(stderr.split('\n')[0]).toBe('agentops-lint: invalid configuration');
      expect(stderr.split('\n')[1]).toContain(expected);
      expect(stderr.split('\n')[1]!.startsWith(expected.split(':')[0]!)).toBe(true);
    });
  }

  it('reports every problem, not just the first', async () => {
    const { stderr } = await configError('agentops-lint.config.yaml', 'rules:\n  a-rule: warn\n  b-rule: error\n');
    expect(stderr.trim().split('\n')).toHaveLength(3);
  });
});

describe('overrides', () => {
  it('later entries win and excludedFiles is honoured', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': [
        'rules: {heading-increment: error}',
        'overrides:',
        '  - files: ["docs/**"]',
        '    rules: {heading-increment: off}',
        '  - files: ["docs/keep/**"]',
        '    rules: {heading-increment: warn}',
        '  - files: ["docs/**"]',
        '    excludedFiles: ["docs/keep/**", "docs/x.md"]',
        '    rules: {heading-increment: error}',
        '',
      ].join('\n'),
      'docs/a.md': SKIP,
      'docs/x.md': SKIP,
      'docs/keep/b.md': SKIP,
      'c.md': SKIP,
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    const got = JSON.parse(result.stdout).diagnostics.map(
      (d: { file: string; severity: string }) => `${d.file}:${d.severity}`,
    );
    expect(got).toEqual(['c.md:error', 'docs/a.md:error', 'docs/keep/b.md:warn']);
  });

  it('print-config shows the effective settings for one file', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': 'overrides:\n  - files: ["docs/**"]\n    rules: {heading-increment: off}\n',
      'docs/a.md': '# a\n',
      'b.md': '# b\n',
    });
    const inDocs = JSON.parse((await runCli(['print-config', 'docs/a.md'], { cwd: root })).stdout);
    expect(inDocs.rules).toEqual({});
    const outside = JSON.parse((await runCli(['print-config', 'b.md'], { cwd: root })).stdout);
    expect(outside).toEqual({
      file: 'b.md',
      ignored: null,
      configFile: 'agentops-lint.config.yaml',
      globsRelativeTo: '.',
      extends: [],
      files: ['**/*.md', '**/*.markdown'],
      ignore: [],
      rules: {},
      contractsNotMatching: {},
    });
  });
});

describe("a config's globs are relative to its own folder", () => {
  it('a --config file outside the root never makes globs reach outside it', async () => {
    const outside = tempProject({
      'shared.yaml': 'extends: [recommended]\nfiles: ["**/*.md", "../**/*.md"]\n',
      'elsewhere.md': SKIP,
    });
    const root = tempProject({ 'docs/a.md': SKIP });
    const result = await runCli(['--config', path.join(outside, 'shared.yaml'), '--format', 'json', '.'], {
      cwd: root,
    });
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual(['docs/a.md']);
  });

  it('a config found in a subfolder matches its globs from that folder', async () => {
    const root = tempProject({
      'docs/.agentops-lint.yaml': 'extends: [recommended]\nignore: ["old/**"]\n',
      'docs/old/a.md': SKIP,
      'docs/b.md': SKIP,
      'old/c.md': SKIP,
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual([
      'docs/b.md',
      'old/c.md',
    ]);
    expect(result.stderr).toBe('');
  });

  it('a glob still written from the root (the old reading) matches nothing, and says so', async () => {
    const root = tempProject({
      'docs/.agentops-lint.yaml': 'extends: [recommended]\nignore: ["docs/old/**"]\n',
      'docs/old/a.md': SKIP,
      'docs/b.md': SKIP,
    });
    const result = await runCli(['docs', '--format', 'json'], { cwd: root });
    expect(JSON.parse(result.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual([
      'docs/b.md',
      'docs/old/a.md',
    ]);
    expect(result.stderr).toBe(
      'agentops-lint: warning: docs/.agentops-lint.yaml: ignore[0] "docs/old/**" matches no file under docs/ (a config\'s globs are relative to its own folder).\n',
    );
    expect(result.exitCode).toBe(0);
  });
});
