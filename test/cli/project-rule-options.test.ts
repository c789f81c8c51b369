/**
 * Issue 20: a project rule's findings on a file use the options in force for that file (overrides
 * and folder configs included), exactly as file rules do, whatever the order of the path
 * arguments; an option that is one setting for the whole repository cannot be set per folder.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

async function findings(root: string, args: string[]): Promise<{ exitCode: number; lines: string[]; stderr: string }> {
  const result = await runCli([...args, '--format', 'json'], { cwd: root });
  const diagnostics =
    result.stdout === ''
      ? []
      : (
          JSON.parse(result.stdout) as {
            diagnostics: { file: string; line: number; ruleId: string; message: string }[];
          }
        ).diagnostics;
  return {
    exitCode: result.exitCode,
    lines: diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`),
    stderr: result.stderr,
  };
}

/** Every argument order gives the same findings; returns them. */
async function sameInEveryOrder(
  root: string,
  orders: string[][],
): Promise<{ exitCode: number; lines: string[]; stderr: string }> {
  const results: { exitCode: number; lines: string[]; stderr: string }[] = [];
  for (const order of orders) results.push(await findings(root, order));
  for (const result of results.slice(1)) expect(result).toEqual(results[0]);
  return results[0]!;
}

const LINKED = {
  'docs/a.md': '# A\n\n[one](missing-draft.md) and [two](gone-page.md).\n',
  'guides/b.md': '# B\n\n[one](missing-draft.md) and [two](gone-page.md).\n',
};

describe('project rules take the options of each file', () => {
  it('links: overrides in two folders each ignore their own destinations, the root options elsewhere', async () => {
    const root = tempProject({
      ...LINKED,
      'notes/c.md': '# C\n\n[one](missing-draft.md).\n',
      'agentops-lint.config.yaml': [
        'extends: []',
        'rules:',
        '  links: error',
        'overrides:',
        '  - files: ["docs/**"]',
        '    rules:',
        '      links: [error, { ignorePatterns: ["^missing-"] }]',
        '  - files: ["guides/**"]',
        '    rules:',
        '      links: [error, { ignorePatterns: ["^gone-"] }]',
        '',
      ].join('\n'),
    });
    const result = await sameInEveryOrder(root, [
      [],
      ['docs', 'guides', 'notes'],
      ['notes', 'guides', 'docs'],
      ['guides/b.md', 'docs/a.md', 'notes/c.md'],
      ['notes/c.md', 'docs/a.md', 'guides/b.md'],
    ]);
    expect(result.lines).toEqual([
      'docs/a.md:3 links Link target "gone-page.md" does not exist.',
      'guides/b.md:3 links Link target "missing-draft.md" does not exist.',
      'notes/c.md:3 links Link target "missing-draft.md" does not exist.',
    ]);
    expect(result.exitCode).toBe(1);
  });

  it('links: switched on only by overrides with different options, the first file named no longer decides for the others', async () => {
    const root = tempProject({
      ...LINKED,
      'agentops-lint.config.yaml': [
        'extends: []',
        'rules:',
        '  single-h1: error',
        'overrides:',
        '  - files: ["docs/**"]',
        '    rules:',
        '      links: [error, { ignorePatterns: ["^missing-"] }]',
        '  - files: ["guides/**"]',
        '    rules:',
        '      links: [warn, { ignorePatterns: ["^gone-"] }]',
        '',
      ].join('\n'),
    });
    const result = await sameInEveryOrder(root, [
      ['docs/a.md', 'guides/b.md'],
      ['guides/b.md', 'docs/a.md'],
      ['docs', 'guides'],
      ['guides', 'docs'],
    ]);
    expect(result.lines).toEqual([
      'docs/a.md:3 links Link target "gone-page.md" does not exist.',
      'guides/b.md:3 links Link target "missing-draft.md" does not exist.',
    ]);
  });

  it('term-consistency: scope repository in one folder, file in another', async () => {
    const files = {
      'a/one.md': '# One\n\nWe run K8s daily. K8s is fine.\n',
      'a/two.md': '# Two\n\nWe run k8s.\n',
      'b/one.md': '# One\n\nWe run K8s daily. K8s is fine.\n',
      'b/two.md': '# Two\n\nWe run k8s.\n',
    };
    const root = tempProject({
      ...files,
      'agentops-lint.config.yaml': [
        'extends: []',
        'rules:',
        '  term-consistency: warn',
        'overrides:',
        '  - files: ["a/**"]',
        '    rules:',
        '      term-consistency: [warn, { scope: repository }]',
        '',
      ].join('\n'),
    });
    const result = await sameInEveryOrder(root, [
      [],
      ['a', 'b'],
      ['b', 'a'],
      ['a/two.md', 'b/two.md'],
      ['b/two.md', 'a/two.md'],
    ]);
    expect(result.lines).toEqual([
      'a/two.md:3 term-consistency "k8s" here; write "K8s" (2 uses in the prose of the repository, first in a/one.md:3; "k8s" 2), the term\'s preferred form.',
    ]);
    expect(result.exitCode).toBe(0);
  });

  it('the cache and worker threads give the same findings: per-file options are not cached away', async () => {
    const root = tempProject({
      ...LINKED,
      'agentops-lint.config.yaml':
        'extends: []\nrules:\n  links: error\noverrides:\n  - files: ["docs/**"]\n    rules:\n      links: [error, { ignorePatterns: ["^missing-"] }]\n',
    });
    const expected = [
      'docs/a.md:3 links Link target "gone-page.md" does not exist.',
      'guides/b.md:3 links Link target "missing-draft.md" does not exist.',
      'guides/b.md:3 links Link target "gone-page.md" does not exist.',
    ];
    const run = async (args: string[]): Promise<string[]> => {
      const result = await runCli([...args, '--format', 'json'], { cwd: root, env: { AGENTOPS_LINT_NO_CACHE: '' } });
      return (
        JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; ruleId: string; message: string }[] }
      ).diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId} ${d.message}`);
    };
    expect(await run(['guides/b.md', 'docs/a.md'])).toEqual(expected);
    // The second run answers phase 1 from the cache; the third names the files in the other order.
    expect(await run(['docs/a.md', 'guides/b.md'])).toEqual(expected);
    expect(await run(['--threads', '2'])).toEqual(expected);
  });

  it('a folder config gives a project rule its own options there', async () => {
    const root = tempProject({
      ...LINKED,
      'agentops-lint.config.yaml': 'extends: []\nrules:\n  links: [error, { ignorePatterns: ["^gone-"] }]\n',
      'docs/.agentops-lint.yaml': 'extends: []\nrules:\n  links: [error, { ignorePatterns: ["^missing-"] }]\n',
    });
    const result = await sameInEveryOrder(root, [[], ['docs/a.md', 'guides/b.md'], ['guides/b.md', 'docs/a.md']]);
    expect(result.lines).toEqual([
      'docs/a.md:3 links Link target "gone-page.md" does not exist.',
      'guides/b.md:3 links Link target "missing-draft.md" does not exist.',
    ]);
  });
});

describe('options that are one setting for the whole repository', () => {
  it.each([
    [
      'required-files: the list of required files',
      'extends: []\nrules:\n  required-files: [error, { files: [README.md] }]\noverrides:\n  - files: ["docs/**"]\n    rules:\n      required-files: [error, { files: [docs/index.md] }]\n',
      'agentops-lint.config.yaml:7:33: overrides[0].rules.required-files[1].files: "files" is one setting for the whole repository and cannot be set for some files in an override: set it under the top-level "rules" (rule "required-files")',
    ],
    [
      'external-links: the limits of the network check',
      'extends: []\nrules:\n  links: error\noverrides:\n  - files: ["docs/**"]\n    rules:\n      external-links: [warn, { include: ["^https://example"], timeoutMs: 500 }]\n',
      'agentops-lint.config.yaml:7:63: overrides[0].rules.external-links[1].timeoutMs: "timeoutMs" is one setting for the whole repository and cannot be set for some files in an override: set it under the top-level "rules" (rule "external-links")',
    ],
  ])('%s in an override is a config error naming the key path (exit 2)', async (_name, config, message) => {
    const root = tempProject({ ...LINKED, 'README.md': '# R\n', 'agentops-lint.config.yaml': config });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(result).toEqual({ exitCode: 2, stdout: '', stderr: `agentops-lint: invalid configuration\n${message}\n` });
  });

  it('a folder config that gives one another value than the root config is a config error; the same value is fine', async () => {
    const files = {
      ...LINKED,
      'README.md': '# R\n',
      'agentops-lint.config.yaml': 'extends: []\nrules:\n  required-files: [error, { files: [README.md] }]\n',
    };
    const root = tempProject({
      ...files,
      'docs/.agentops-lint.yaml': 'extends: []\nrules:\n  required-files: [warn, { files: [docs/index.md] }]\n',
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: invalid configuration\ndocs/.agentops-lint.yaml:3:28: rules.required-files[1].files: "files" of rule "required-files" is one setting for the whole repository: this config gives ["docs/index.md"], the root config (agentops-lint.config.yaml) ["README.md"]; set it in the root config only\n',
    });
    const same = tempProject({
      ...files,
      'docs/.agentops-lint.yaml': 'extends: []\nrules:\n  required-files: [warn, { files: [README.md] }]\n',
    });
    expect(await runCli(['--format', 'json'], { cwd: same })).toMatchObject({ exitCode: 0, stderr: '' });
  });

  it('the same keys under the top-level rules, and the per-file ones in an override, are accepted', async () => {
    const root = tempProject({
      ...LINKED,
      'README.md': '# R\n',
      'agentops-lint.config.yaml':
        'extends: []\nrules:\n  required-files: [error, { files: [README.md] }]\n  external-links: [off, { timeoutMs: 500 }]\noverrides:\n  - files: ["docs/**"]\n    rules:\n      required-files: warn\n      external-links: [off, { include: ["^https://example"] }]\n',
    });
    const result = await runCli(['--format', 'json', '--no-external'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
