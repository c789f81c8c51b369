/** The project's own README and rule docs pass agentops-lint with its embedded defaults. */
import { expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from './helpers/cli-harness.js';

it('README.md, rules/ and docs/ pass agentops-lint', async () => {
  const result = await runCli(['README.md', 'rules', 'docs', '--no-error-on-unmatched-pattern'], { cwd: PROJECT_ROOT });
  expect(result.stdout).toMatch(/no problems/);
  expect(result.exitCode).toBe(0);
});
