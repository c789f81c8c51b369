/**
 * Issue 23: `terms` and `mappings` analyse their files on the worker pool `lint` uses. Worker
 * threads give each file the report options of its own config, exactly as one thread does, and a
 * file whose analysis goes over its time budget is stopped and left out with a warning, while the
 * others are reported.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../../helpers/cli-harness.js';

/** One section of a long page, with a term and a mapping table (the shape of test/mcp/mcp-concurrency.test.ts's pages). */
function section(n: number): string {
  return [
    `## Section ${n}`,
    '',
    `Part ${n} runs on k8s. See [the next part](#section-${n + 1}).`,
    '',
    `- point ${n}`,
    '  continued',
    '',
    '| key | value |',
    '| --- | --- |',
    `| a${n} | b${n} |`,
    '',
    '> a note',
    'that continues lazily.',
    '',
  ].join('\n');
}

function longPage(bytes: number): string {
  const parts = ['# A long page\n\n'];
  let length = parts[0]!.length;
  for (let n = 1; length < bytes; n++) {
    const next = section(n);
    parts.push(next);
    length += next.length;
  }
  return parts.join('');
}

describe('the report commands on worker threads', () => {
  it.each(['terms', 'mappings'])(
    '%s: two threads give what one gives, each file with its own config',
    { timeout: 120_000 },
    async (command) => {
      const files: Record<string, string> = {
        'agentops-lint.config.yaml': 'extends: [kubernetes]\n',
        // A folder whose config turns a term off: its files must be counted by their own options on a worker too.
        'b/agentops-lint.config.yaml':
          'extends: [kubernetes]\nrules:\n  terminology: [error, { disable: [Kubernetes] }]\n',
      };
      for (let index = 0; index < 30; index++) {
        files[`a/${index}.md`] =
          `# A ${index}\n\nRuns on k8s.\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n`;
        files[`b/${index}.md`] =
          `# B ${index}\n\nRuns on k8s.\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Task Runs |\n`;
      }
      const root = tempProject(files);
      const threaded = await runCli([command, '--format', 'json', '--threads', '2'], { cwd: root });
      const single = await runCli([command, '--format', 'json', '--no-threads'], { cwd: root });
      expect(threaded).toEqual(single);
      expect(threaded.exitCode).toBe(0);
      const report = JSON.parse(threaded.stdout) as Record<string, unknown>;
      if (command === 'terms') {
        const terms = report.terms as { term: string; forms: { form: string; files: { file: string }[] }[] }[];
        const formsOf = (name: string): [string, number][] | undefined =>
          terms.find((term) => term.term === name)?.forms.map((form) => [form.form, form.files.length]);
        expect(formsOf('K8s')).toEqual([['k8s', 60]]);
        // b/'s config disables the term Kubernetes: only a/'s tables count it.
        expect(formsOf('Kubernetes')).toEqual([['Kubernetes', 30]]);
        const kubernetes = terms.find((term) => term.term === 'Kubernetes')!;
        expect(kubernetes.forms[0]!.files.every((file) => file.file.startsWith('a/'))).toBe(true);
      } else {
        expect(report).toMatchObject({ filesChecked: 60, statements: 60, conflicts: 60 });
      }
    },
  );

  it.each(['terms', 'mappings'])(
    '%s: a file over its time budget is stopped and left out with a warning; the others are reported',
    {
      timeout: 120_000,
    },
    async (command) => {
      const root = tempProject({
        'agentops-lint.config.yaml': 'extends: [kubernetes]\ntimeBudgetSeconds: 0.05\n',
        'long.md': longPage(300_000),
        'short.md': '# Short\n\nRuns on k8s.\n',
      });
      const result = await runCli([command, '--format', 'json'], { cwd: root });
      expect(result.stderr).toBe(
        'agentops-lint: warning: long.md is left out of the report: This file is not analysed: its analysis took longer than its time budget of 0.1 s and was stopped. The other files were checked.\n',
      );
      expect(result.exitCode).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ filesChecked: 1 });
    },
  );
});
