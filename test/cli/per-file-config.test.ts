/**
 * Issue 12, items 1 and 2, through the CLI: each file gets the nearest config from its own folder
 * (not the first path argument's), a config's globs are read from its folder, --config applies
 * one config to every file with globs from the current folder, print-config names the config file
 * from the root, and worker threads get each file's config too.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

interface Reported {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  severity: string;
}

const brief = (stdout: string): string[] =>
  (JSON.parse(stdout) as { diagnostics: Reported[] }).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId}/${d.messageId}`,
  );

/** The repository of the issue: a package with a broken link, and drafts whose config turns links off. */
const TWO_CONFIGS = {
  'packages/app/README.md': '# App\n\nSee [the guide](guide.md).\n',
  'docs/drafts/d.md': '# Draft\n\nSee [later](later.md).\n',
  'docs/agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  links: off\n',
};

describe('config per file', () => {
  it('does not depend on the order of the path arguments', async () => {
    const root = tempProject(TWO_CONFIGS);
    const forward = await runCli(['--format', 'json', 'packages/app/README.md', 'docs/drafts/d.md'], { cwd: root });
    const swapped = await runCli(['--format', 'json', 'docs/drafts/d.md', 'packages/app/README.md'], { cwd: root });
    expect(brief(forward.stdout)).toEqual(['packages/app/README.md:3:17 error links/missing']);
    expect(brief(swapped.stdout)).toEqual(brief(forward.stdout));
    expect([forward.exitCode, swapped.exitCode]).toEqual([1, 1]);
  });

  it('gives every file of a whole-repository run its own folder config', async () => {
    const root = tempProject({
      ...TWO_CONFIGS,
      'agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  heading-increment: error\n',
      'docs/skip.md': '# A\n\n### C\n',
      'skip.md': '# A\n\n### C\n',
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(brief(result.stdout)).toEqual([
      'docs/skip.md:3:1 warn heading-increment/skipped',
      'packages/app/README.md:3:17 error links/missing',
      'skip.md:3:1 error heading-increment/skipped',
    ]);
  });

  it('reads the globs of a config from its folder wherever the tool is started', async () => {
    const root = tempProject({
      'docs/agentops-lint.config.yaml': 'extends: [recommended]\nignore: ["drafts/**"]\n',
      'docs/drafts/d.md': '# Draft\n\n[x](nowhere.md)\n',
      'docs/guide.md': '# Guide\n\n[y](nowhere.md)\n',
    });
    const inDocs = await runCli(['--format', 'json'], { cwd: path.join(root, 'docs') });
    const atRoot = await runCli(['--format', 'json'], { cwd: root });
    expect(brief(inDocs.stdout)).toEqual(['docs/guide.md:3:5 error links/missing']);
    expect(brief(atRoot.stdout)).toEqual(brief(inDocs.stdout));
  });

  it('with --config, one config for every file, its globs relative to the current folder', async () => {
    const root = tempProject({
      'ci/lint.yaml': 'extends: [recommended]\nignore: ["drafts/**"]\n',
      'docs/agentops-lint.config.yaml': 'rules: {}\n',
      'docs/drafts/d.md': '# Draft\n\n[x](nowhere.md)\n',
      'docs/guide.md': '# Guide\n\n[y](nowhere.md)\n',
    });
    const result = await runCli(['--config', '../ci/lint.yaml', '--format', 'json'], { cwd: path.join(root, 'docs') });
    expect(brief(result.stdout)).toEqual(['docs/guide.md:3:5 error links/missing']);
    expect(result.stderr).toBe('');
  });

  it('still resolves "/" links at the repository root from a config in a subfolder', async () => {
    const root = tempProject({
      'docs/agentops-lint.config.yaml': 'extends: [recommended]\n',
      'docs/a.md': '# A\n\n[root](/README.md) [gone](/docs/gone.md)\n',
      'README.md': '# R\n',
    });
    const result = await runCli(['--format', 'json'], { cwd: path.join(root, 'docs') });
    expect(brief(result.stdout)).toEqual(['docs/a.md:3:27 error links/missing']);
  });

  it('warns, without failing, about a glob that matches no file, and when no rule is on', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml':
        'extends: [recommended]\noverrides:\n  - files: ["plans/**"]\n    rules: {heading-increment: off}\n',
      'docs/.agentops-lint.yaml': 'rules: {}\n',
      'a.md': '# A\n',
      'docs/b.md': '# B\n',
    });
    const result = await runCli([], { cwd: root });
    expect(result).toEqual({
      exitCode: 0,
      stdout: '✔ 2 files checked, no problems.\n',
      stderr: [
        'agentops-lint: warning: agentops-lint.config.yaml: overrides[0].files[0] "plans/**" matches no file under the repository root (the config\'s folder).',
        'agentops-lint: warning: docs/.agentops-lint.yaml: no rule is on: the config has no "extends" and turns no rule on. Add "extends: [recommended]" to start from the recommended rules.',
        '',
      ].join('\n'),
    });
  });

  it('points at the glob when nothing is left to lint', async () => {
    const root = tempProject({
      'docs/agentops-lint.config.yaml': 'extends: [recommended]\nfiles: ["docs/**/*.md"]\n',
      'docs/a.md': '# A\n',
    });
    const result = await runCli([], { cwd: path.join(root, 'docs') });
    expect(result).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: warning: agentops-lint.config.yaml: files[0] "docs/**/*.md" matches no file under docs/ (a config\'s globs are relative to its own folder).\nagentops-lint: No files matched ".": 2 files are not Markdown by files ["docs/**/*.md"] in agentops-lint.config.yaml.\n',
    });
  });

  it('print-config names the config file that applies, from the root, and the folder its globs start in', async () => {
    const root = tempProject({ ...TWO_CONFIGS, 'agentops-lint.config.yaml': 'extends: [recommended]\n' });
    const drafts = JSON.parse((await runCli(['print-config', 'drafts/d.md'], { cwd: path.join(root, 'docs') })).stdout);
    expect([drafts.file, drafts.configFile, drafts.globsRelativeTo]).toEqual([
      'docs/drafts/d.md',
      'docs/agentops-lint.config.yaml',
      'docs',
    ]);
    expect(drafts.rules.links).toBeUndefined();
    const app = JSON.parse((await runCli(['print-config', 'packages/app/README.md'], { cwd: root })).stdout);
    expect([app.configFile, app.globsRelativeTo, app.rules.links?.[0]]).toEqual([
      'agentops-lint.config.yaml',
      '.',
      'error',
    ]);
    const defaults = JSON.parse(
      (await runCli(['print-config', 'a.md'], { cwd: tempProject({ 'a.md': '# A\n' }) })).stdout,
    );
    expect([defaults.configFile, defaults.globsRelativeTo]).toEqual([null, '.']);
  });

  it('worker threads give each file its own config, exactly as one thread does', async () => {
    const files: Record<string, string> = {
      'agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  heading-increment: error\n',
      'b/agentops-lint.config.yaml': 'extends: [recommended]\nrules:\n  heading-increment: off\n  single-h1: warn\n',
    };
    for (let index = 0; index < 40; index++) {
      files[`a/${index}.md`] = '# One\n\n### Skip\n';
      files[`b/${index}.md`] = '# One\n\n# Two\n\n### Skip\n';
    }
    const root = tempProject(files);
    const threaded = await runCli(['--format', 'json', '--threads', '2'], { cwd: root });
    const single = await runCli(['--format', 'json', '--no-threads'], { cwd: root });
    expect(threaded.stdout).toBe(single.stdout);
    const found = brief(threaded.stdout);
    expect(found).toHaveLength(80);
    expect(
      found.filter((line) => line.startsWith('a/')).every((line) => line.endsWith('error heading-increment/skipped')),
    ).toBe(true);
    expect(
      found.filter((line) => line.startsWith('b/')).every((line) => line.endsWith('3:1 warn single-h1/extraH1')),
    ).toBe(true);
  });
});
