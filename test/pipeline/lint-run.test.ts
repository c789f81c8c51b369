/**
 * The pipeline as a library: runLint takes a request (patterns, root, config, rules, options,
 * io) and answers with an outcome; it prints nothing to stdout, which is the CLI's job.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, resolveUserConfig } from '../../src/config/load.js';
import type { CliIo } from '../../src/core/io.js';
import { runLint } from '../../src/pipeline/lint-run.js';
import type { LintRunOptions } from '../../src/pipeline/lint-request.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';
import { tempProject } from '../helpers/cli-harness.js';

interface Captured {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
}

function capture(cwd: string): Captured {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      cwd,
      env: {},
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdoutIsTTY: false,
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

const README = '#Title\n\nSee [the guide](guide.md).\n';

async function lint(root: string, options: LintRunOptions = {}, config = defaultConfig(root, REGISTRY.configContext)) {
  const captured = capture(root);
  const outcome = await runLint({
    patterns: [],
    root,
    config,
    rules: REGISTRY.byId,
    rulesModule: RULES_MODULE,
    options,
    io: captured.io,
  });
  return { outcome, captured };
}

const brief = (outcome: Awaited<ReturnType<typeof lint>>['outcome']) =>
  outcome.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}/${d.messageId} ${d.severity}`);

describe('runLint', () => {
  it('answers with the files linted, the problems in report order and their counts, and prints nothing', async () => {
    const root = tempProject({ 'README.md': README, 'docs/a.md': '# A\n\n[x](missing.md)\n' });
    const { outcome, captured } = await lint(root);
    expect(outcome.root).toBe(root);
    expect(outcome.files).toEqual(['README.md', 'docs/a.md']);
    expect(brief(outcome)).toEqual([
      'README.md:1 heading-missing-space/missingSpace warn',
      'README.md:3 links/missing error',
      'docs/a.md:3 links/missing error',
    ]);
    expect(outcome.counts).toMatchObject({ errors: 2, warnings: 1 });
    expect(outcome.crashed).toBe(false);
    expect(outcome.fixes).toEqual({ files: [], written: false, patches: [] });
    expect(captured.stdout()).toBe('');
  });

  it('fix preview returns the diffs and leaves the files alone; fix write writes them', async () => {
    const root = tempProject({ 'README.md': README });
    const preview = await lint(root, { fix: 'preview' });
    expect(preview.outcome.fixes.files).toEqual(['README.md']);
    expect(preview.outcome.fixes.written).toBe(false);
    expect(preview.outcome.fixes.patches.join('')).toContain('-#Title\n+# Title\n');
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toBe(README);

    const written = await lint(root, { fix: 'write' });
    expect(written.outcome.fixes).toEqual({ files: ['README.md'], written: true, patches: [] });
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/^# Title\n/);
    expect(brief(written.outcome)).toEqual(['README.md:3 links/missing error']);
  });

  it('records a baseline, then suppresses what it recorded', async () => {
    const root = tempProject({ 'README.md': README });
    const recorded = await lint(root, { baseline: { write: 'baseline.json' } });
    expect(recorded.outcome.baselineWritten).toEqual({ file: 'baseline.json', problems: 2, files: 1 });
    expect(recorded.outcome.diagnostics).toEqual([]);
    expect(existsSync(path.join(root, 'baseline.json'))).toBe(true);
    const applied = await lint(root, { baseline: { apply: 'baseline.json' } });
    expect(applied.outcome.diagnostics).toEqual([]);
    expect(applied.outcome.baselineWritten).toBeUndefined();
  });

  it('switchOn turns a rule on where the config leaves it off; without the network its offline check still runs', async () => {
    const root = tempProject({
      'README.md': '# T\n\n[api](<https://api.example.com:80a/v1>) and [site](https://example.com/)\n',
    });
    expect(brief((await lint(root, { networkAllowed: false })).outcome)).toEqual([]);
    expect(brief((await lint(root, { switchOn: ['external-links'], networkAllowed: false })).outcome)).toEqual([
      'README.md:3 external-links/malformed error',
    ]);
  });

  it('external switches on the rules that declare network checks (external-links), without naming one', async () => {
    const root = tempProject({ 'README.md': '# T\n\n[api](<https://api.example.com:80a/v1>)\n' });
    expect(brief((await lint(root, { external: true, networkAllowed: false })).outcome)).toEqual([
      'README.md:3 external-links/malformed error',
    ]);
  });

  it('external with no rule that declares network checks is a usage error, not a silent pass', async () => {
    const root = tempProject({ 'README.md': '# T\n' });
    const captured = capture(root);
    const offline = new Map([...REGISTRY.byId].filter(([, rule]) => !rule.usesNetwork));
    await expect(
      runLint({
        patterns: [],
        root,
        config: defaultConfig(root, REGISTRY.configContext),
        rules: offline,
        rulesModule: RULES_MODULE,
        options: { external: true },
        io: captured.io,
      }),
    ).rejects.toThrow('--external: none of the rules checks links over the network.');
  });

  it('names the rule it cannot switch on', async () => {
    const root = tempProject({ 'README.md': '# T\n' });
    await expect(lint(root, { switchOn: ['no-such-rule'] })).rejects.toThrow(
      'Cannot switch on the rule "no-such-rule": there is no such rule.',
    );
  });

  it('keeps the options the config gives a rule it switches on', async () => {
    const root = tempProject({ 'README.md': '# T\n\n[api](<https://api.example.com:80a/v1>)\n' });
    const config = resolveUserConfig(
      {
        extends: ['recommended'],
        rules: new Map([['external-links', { severity: 'off', options: { exclude: ['api'] } }]]),
      },
      root,
      undefined,
      REGISTRY.configContext,
    );
    const { outcome } = await lint(root, { switchOn: ['external-links'], networkAllowed: false }, config);
    expect(brief(outcome)).toEqual(['README.md:3 external-links/malformed error']);
    expect(config.rules.get('external-links')?.severity).toBe('off');
  });
});
