/**
 * One naming style for options (camelCase): the kebab-case names of earlier versions still work
 * for one minor version, renamed in one place (src/config/option-names.ts) and reported as
 * deprecated with the config file, the position, the key path and the new name.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const DOC = '# Notes\n\nOur Beta Program and Agent Ops.\n';
const FINDINGS = [
  'a.md:3:5  error  "Beta Program" is a retired phrase: use "preview".  deprecated-phrases',
  'a.md:3:22  error  Use "AgentOps" instead of "Agent Ops".  terminology',
  '',
  '✖ 2 problems (2 errors, 0 warnings) in 1 file checked',
  '  2 errors and 0 warnings potentially fixable with the `--fix` option.',
  '',
].join('\n');

function config(names: { caseSensitive: string; insteadOf: string; notPaths: string }): string {
  return [
    'rules:',
    '  deprecated-phrases:',
    '    - error',
    `    - phrases: [{ phrase: Beta Program, ${names.caseSensitive}: true, use: preview }]`,
    `  terminology: [error, { terms: [{ use: AgentOps, ${names.insteadOf}: [Agent Ops], ${names.caseSensitive}: false }], history: { ${names.notPaths}: [b.md] } }]`,
    '',
  ].join('\n');
}

describe('option names', () => {
  it('camelCase names work without a warning', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': config({
        caseSensitive: 'caseSensitive',
        insteadOf: 'insteadOf',
        notPaths: 'notPaths',
      }),
      'a.md': DOC,
    });
    expect(await runCli(['a.md'], { cwd: root })).toEqual({ exitCode: 1, stdout: FINDINGS, stderr: '' });
  });

  it('the old kebab-case names still work, each reported as deprecated with its file, position, key path and new name', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': config({
        caseSensitive: 'case-sensitive',
        insteadOf: 'instead-of',
        notPaths: 'not-paths',
      }),
      'a.md': DOC,
    });
    const result = await runCli(['a.md'], { cwd: root });
    expect(result.stdout).toBe(FINDINGS);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      [
        'agentops-lint: warning: agentops-lint.config.yaml:4:41: rules.deprecated-phrases[1].phrases[0].case-sensitive: "case-sensitive" is deprecated: write "caseSensitive" (the old name stops working in 0.2.0).',
        'agentops-lint: warning: agentops-lint.config.yaml:5:51: rules.terminology[1].terms[0].instead-of: "instead-of" is deprecated: write "insteadOf" (the old name stops working in 0.2.0).',
        'agentops-lint: warning: agentops-lint.config.yaml:5:76: rules.terminology[1].terms[0].case-sensitive: "case-sensitive" is deprecated: write "caseSensitive" (the old name stops working in 0.2.0).',
        'agentops-lint: warning: agentops-lint.config.yaml:5:113: rules.terminology[1].history.not-paths: "not-paths" is deprecated: write "notPaths" (the old name stops working in 0.2.0).',
        '',
      ].join('\n'),
    );
    // print-config shows the options under their new names, and warns the same way.
    const shown = await runCli(['print-config', 'a.md'], { cwd: root });
    expect(JSON.parse(shown.stdout).rules['deprecated-phrases'][1].phrases).toEqual([
      { phrase: 'Beta Program', caseSensitive: true, use: 'preview' },
    ]);
    expect(shown.stderr.split('\n').filter((line) => line.includes('is deprecated'))).toHaveLength(4);
  });

  it('an old name in an override is reported at its own key path', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml':
        'overrides:\n  - files: ["**"]\n    rules:\n      deprecated-phrases: [error, { phrases: [{ phrase: Beta Program, case-sensitive: true }] }]\n',
      'a.md': DOC,
    });
    const result = await runCli(['a.md'], { cwd: root });
    expect(result.stderr).toBe(
      'agentops-lint: warning: agentops-lint.config.yaml:4:71: overrides[0].rules.deprecated-phrases[1].phrases[0].case-sensitive: "case-sensitive" is deprecated: write "caseSensitive" (the old name stops working in 0.2.0).\n',
    );
    expect(result.exitCode).toBe(1);
  });

  it('both spellings of one key are an error, not one silently winning', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml':
        'rules:\n  deprecated-phrases: [error, { phrases: [{ phrase: Beta Program, case-sensitive: true, caseSensitive: false }] }]\n',
      'a.md': DOC,
    });
    const result = await runCli(['a.md'], { cwd: root });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('rules.deprecated-phrases[1].phrases[0]: unknown key "case-sensitive"');
  });
});
