/** One temporary folder per test run for every project the tests write, removed at the end. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'agentops-lint-tests-'));
  process.env.AGENTOPS_LINT_TEST_TMP = folder;
  return () => rmSync(folder, { recursive: true, force: true });
}
