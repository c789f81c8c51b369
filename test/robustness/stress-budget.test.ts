/**
 * The budget, not the speed (issue 25): a repository of the crafted inputs of bench/stress-inputs.ts
 * at a small fixed scale beside a good file completes, with and without worker threads, with a
 * report that holds the good file's broken link and one entry (a finding or a parse-error) for
 * every crafted file, and the same report either way. The CLI runs as a child process (dist/).
 *
 * What is bounded is the CPU time each run costs. The per-file budget is wall-clock time, which on a
 * shared machine measures the load as much as the work (wide-table.md alone costs about 40 s of CPU,
 * its whole budget at the default): it is raised beyond reach, so that the report does not depend
 * on the machine.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOOD_FILE, STRESS_INPUTS } from '../../bench/stress-inputs.js';
import { tempProject } from '../helpers/cli-harness.js';
import { childUsage, REPORT_CHILD_USAGE } from '../helpers/cpu-time.js';

const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** CPU time of the whole process, worker threads included. */
  cpuSeconds: number;
}

function run(root: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', REPORT_CHILD_USAGE, CLI, ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '' }, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, ...childUsage(stderr) });
      },
    );
  });
}

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
}

const diagnosticsOf = (result: Run): JsonDiagnostic[] =>
  (JSON.parse(result.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;

// Hours, not minutes: the two runs cost about 2 minutes of CPU, which a machine shared 30 times over
// (a load of 25–30 on 2 cores) stretches past the 10 minutes this test used to allow.
describe('crafted inputs within the budget', { timeout: 3_600_000 }, () => {
  let threaded: Run;
  let mainThread: Run;
  beforeAll(async () => {
    // A budget no analysis reaches on any machine: every file completes and is reported, whatever
    // the load, and the CPU time bound below is what keeps each input cheap.
    const files: Record<string, string> = {
      [GOOD_FILE.name]: GOOD_FILE.text,
      'agentops-lint.config.yaml': 'extends: [recommended, kubernetes]\ntimeBudgetSeconds: 3600\n',
    };
    // The smallest scale of each input: large enough to have taken seconds to minutes before.
    for (const input of STRESS_INPUTS) files[`${input.name}.md`] = input.make(input.scales[0]);
    const root = tempProject(files);
    threaded = await run(root, ['--format', 'json', '--no-cache', '--threads', '2']);
    mainThread = await run(root, ['--format', 'json', '--no-cache', '--no-threads']);
  }, 3_600_000);

  it('reports the good file’s broken link and every crafted file, and exits 1', () => {
    for (const result of [threaded, mainThread]) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const found = diagnosticsOf(result);
      expect(found.find((diagnostic) => diagnostic.file === GOOD_FILE.name)).toMatchObject({
        line: 3,
        column: 17,
        ruleId: 'links',
        messageId: 'missing',
      });
      expect(found.some((diagnostic) => diagnostic.ruleId === 'rule-crash' || diagnostic.messageId === 'failed')).toBe(
        false,
      );
      // No analysis ran out of time: each was made linear or is estimated too costly before parsing.
      expect(
        found
          .filter((diagnostic) => diagnostic.messageId === 'timeout' || diagnostic.messageId === 'outOfMemory')
          .map((d) => `${d.file} ${d.messageId}`),
      ).toEqual([]);
      expect(
        found
          .filter((diagnostic) => diagnostic.ruleId === 'too-many-findings')
          .map((diagnostic) => diagnostic.file)
          .sort(),
      ).toEqual(expect.arrayContaining(['control-characters.md']));
      expect(
        found
          .filter((diagnostic) => diagnostic.messageId === 'tooCostly')
          .map((diagnostic) => diagnostic.file)
          .sort(),
      ).toEqual([]);
    }
  });

  it('reports the same with and without worker threads', () => {
    expect(diagnosticsOf(mainThread)).toEqual(diagnosticsOf(threaded));
  });

  it('within the budget', () => {
    // About 60 s of CPU a run (40 s of it wide-table.md), measured on a 2-core machine; the
    // inputs took minutes each before they were made linear or refused.
    for (const result of [threaded, mainThread]) expect(result.cpuSeconds).toBeLessThan(180);
  });
});
