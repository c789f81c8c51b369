/**
 * Issue 12, item 6, through the real command line: with paths, the report commands judge with
 * the whole repository as context, exactly as `lint` does, and only narrow what they print.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../../helpers/cli-harness.js';

const CONFIG = 'extends: [kubernetes]\n';

/** Two documents that disagree about what Pods map to, neither a section about mappings (which would outweigh the other): m1.md first, m2.md second. */
const PROJECT = {
  'agentops-lint.config.yaml': CONFIG,
  'm1.md': '# Workloads\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Workflows |\n| etcd | Git |\n',
  'm2.md': '# Sessions\n\n| Kubernetes | AgentOps |\n| --- | --- |\n| Pods | Task Runs |\n',
  'other.md': '# Other\n\nNothing to map.\n',
};

describe('mappings with paths', () => {
  it('shows the conflict that lint reports for the same file', async () => {
    const root = tempProject(PROJECT);
    const lint = await runCli(['m2.md', '--format', 'json'], { cwd: root });
    const [conflict] = (
      JSON.parse(lint.stdout) as { diagnostics: { file: string; line: number; ruleId: string; message: string }[] }
    ).diagnostics.filter((d) => d.ruleId === 'mapping-consistency');
    expect(conflict).toMatchObject({
      file: 'm2.md',
      line: 5,
      message: 'Pods is mapped to "Task Runs" here, but to "Workflows" in m1.md:5.',
    });

    const report = await runCli(['mappings', 'm2.md', '--format', 'json'], { cwd: root });
    expect(report.exitCode).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({
      filesChecked: 1,
      statements: 1,
      conflicts: 1,
      unknownConcepts: 0,
      canonical: false,
      concepts: [
        {
          concept: 'Pod',
          known: true,
          nearest: [],
          statements: [
            {
              kubernetes: 'Pods',
              project: 'Task Runs',
              file: 'm2.md',
              line: 5,
              column: 3,
              source: 'table',
              conflict: conflict!.message,
            },
          ],
        },
      ],
    });
  });

  it('prints only the files asked about, in the table too', async () => {
    const root = tempProject(PROJECT);
    const report = await runCli(['mappings', 'm2.md'], { cwd: root });
    expect(report.stdout).toBe(
      'Kubernetes concept  Written as  Project concept  Where    Problem\n' +
        'Pod                 Pods        Task Runs        m2.md:5  conflict: Pods is mapped to "Task Runs" here, but to "Workflows" in m1.md:5.\n' +
        '\n' +
        '1 mapping statement about 1 Kubernetes concept in 1 file, checked against each other: 1 conflict, 0 unknown concepts.\n',
    );
    const whole = JSON.parse((await runCli(['mappings', '--format', 'json'], { cwd: root })).stdout) as {
      filesChecked: number;
      statements: number;
      conflicts: number;
    };
    // Without paths, both sides of the disagreement are reported, as lint reports both.
    expect(whole).toMatchObject({ filesChecked: 3, statements: 3, conflicts: 2 });
  });

  it('terms with paths counts the files asked about, with the spellings their configs judge', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': CONFIG,
      'a.md': 'Kubernetes and kubernetes.\n',
      'b.md': 'We run K8S.\n',
    });
    const report = JSON.parse((await runCli(['terms', 'b.md', '--format', 'json'], { cwd: root })).stdout) as {
      filesChecked: number;
      terms: { term: string; forms: { form: string; status: string; files: { file: string }[] }[] }[];
    };
    expect(report.filesChecked).toBe(1);
    expect(
      report.terms.flatMap((term) =>
        term.forms.map(
          (form) => `${term.term}: ${form.form} ${form.status} in ${form.files.map((file) => file.file).join(', ')}`,
        ),
      ),
    ).toEqual(['K8s: K8S wrong in b.md']);
  });
});
