/**
 * A cap on findings per rule per file (issue 25): past `maxFindingsPerRule` (or
 * --max-findings-per-rule) a rule's problems in a file are summed up in one too-many-findings
 * problem, in every output format; --fix fixes within the cap, pass after pass, and the summary
 * left says how many remain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const CONFIG = 'extends: []\nrules:\n  mojibake: error\n';
/** 1,500 mojibake findings on line 3, each 3 columns apart. */
const MANY = `# Title\n\n${'Ã© '.repeat(1500)}\n`;

describe('findings per rule per file are capped', () => {
  it('the default lists 1,000 and sums up the other 500 at the first left out', async () => {
    const root = tempProject({ 'agentops-lint.config.yaml': CONFIG, 'a.md': MANY });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(result.exitCode).toBe(1);
    const { diagnostics, errorCount } = JSON.parse(result.stdout) as {
      errorCount: number;
      diagnostics: { ruleId: string; line: number; column: number; severity: string; message: string }[];
    };
    expect(errorCount).toBe(1001);
    expect(diagnostics.filter((found) => found.ruleId === 'mojibake')).toHaveLength(1000);
    expect(diagnostics.at(-1)).toMatchObject({
      ruleId: 'too-many-findings',
      line: 3,
      column: 3001,
      severity: 'error',
      message:
        '…and 500 more "mojibake" problems in this file, not listed (maxFindingsPerRule: 1,000); fix the ones listed, or raise the limit.',
    });
  });

  it('the config key and the flag set the cap; the summary is in every output format', async () => {
    const root = tempProject({ 'agentops-lint.config.yaml': `maxFindingsPerRule: 3\n${CONFIG}`, 'a.md': MANY });
    const summary =
      '…and 1,497 more "mojibake" problems in this file, not listed (maxFindingsPerRule: 3); fix the ones listed, or raise the limit.';
    const stylish = await runCli([], { cwd: root });
    expect(stylish.stdout).toContain(`a.md:3:10  error  ${summary}  too-many-findings\n`);
    expect(stylish.stdout).toContain('✖ 4 problems (4 errors, 0 warnings) in 1 file checked');
    const flagged = await runCli(['--max-findings-per-rule', '2'], { cwd: root });
    expect(flagged.stdout).toContain(
      'a.md:3:7  error  …and 1,498 more "mojibake" problems in this file, not listed (maxFindingsPerRule: 2)',
    );
    for (const format of ['json', 'sarif', 'github', 'gitlab', 'junit']) {
      const result = await runCli(['--format', format], { cwd: root });
      expect(result.exitCode, format).toBe(1);
      expect(result.stdout, format).toContain('1,497 more');
      expect(result.stdout, format).toContain('too-many-findings');
    }
  });

  it('--fix fixes within the cap pass after pass and the summary says how many remain', async () => {
    const root = tempProject({ 'agentops-lint.config.yaml': `maxFindingsPerRule: 3\n${CONFIG}`, 'a.md': MANY });
    const result = await runCli(['--fix'], { cwd: root });
    expect(result.exitCode).toBe(1);
    // Ten passes of three fixes each.
    expect(readFileSync(path.join(root, 'a.md'), 'utf8')).toBe(`# Title\n\n${'é '.repeat(30)}${'Ã© '.repeat(1470)}\n`);
    expect(result.stdout).toContain(
      '…and 1,467 more "mojibake" problems in this file, not listed (maxFindingsPerRule: 3)',
    );
  });

  it('refuses a cap of 0', async () => {
    const root = tempProject({ 'agentops-lint.config.yaml': CONFIG, 'a.md': MANY });
    const result = await runCli(['--max-findings-per-rule', '0'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      "option '--max-findings-per-rule <n>' argument '0' is invalid. expected a whole number of 1 or more.",
    );
  });
});
