/**
 * The project's own documentation passes agentops-lint with its embedded defaults: the README,
 * CONTRIBUTING.md, CHANGELOG.md, the manual in docs/ and the rule docs in rules/. Every relative link and
 * anchor in them resolves, as it must on GitHub.
 */
import { expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from './helpers/cli-harness.js';

const DOCUMENTATION = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs', 'rules'];

it('README.md, CONTRIBUTING.md, CHANGELOG.md, docs/ and rules/ pass agentops-lint', async () => {
  const result = await runCli([...DOCUMENTATION, '--format', 'json'], { cwd: PROJECT_ROOT });
  expect(result.stderr).toBe('');
  const report = JSON.parse(result.stdout) as {
    filesChecked: number;
    diagnostics: { file: string; line: number; column: number; ruleId: string; message: string }[];
  };
  const findings = report.diagnostics.map(
    (diagnostic) =>
      `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.ruleId}: ${diagnostic.message}`,
  );
  expect(findings).toEqual([]);
  // Every page of docs/ and every rule doc was linted, not only the two top-level files.
  expect(report.filesChecked).toBeGreaterThan(DOCUMENTATION.length);
  expect(result.exitCode).toBe(0);
});
