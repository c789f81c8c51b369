/**
 * Issue 12, item 3, through the real command line: `--fix` applies only certain edits (a rename
 * git recorded, a correction of letter case, a fix checked against the rest of the file); every
 * other repair is a suggestion, shown in the message, carried in JSON and SARIF, and applied only
 * with `--fix-type suggestion`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';
import { TempRepo } from '../helpers/temp-repo.js';

const ONLY = (rules: Record<string, string>): string =>
  `extends: []\nrules:\n${Object.entries(rules)
    .map(([id, severity]) => `  ${id}: ${severity}`)
    .join('\n')}\n`;

const read = (root: string, file: string): string => readFileSync(path.join(root, file), 'utf8');

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  message: string;
  suggestion?: string;
  fix?: unknown;
  suggestions?: { desc: string; fix: { start: number; end: number; text: string }[] }[];
}

const diagnosticsOf = (stdout: string): JsonDiagnostic[] =>
  (JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;

describe('--fix applies only certain edits', () => {
  it('"#install" with headings "Uninstall" and "Usage" is not rewritten to "#uninstall"; the guess is a suggestion', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': ONLY({ anchors: 'error' }),
      'README.md': '[install it](guide.md#install)\n',
      'guide.md': '# Guide\n\n## Uninstall\n\n## Usage\n',
    });
    const fixed = await runCli(['--fix', '--format', 'json'], { cwd: root });
    expect(fixed.exitCode).toBe(1);
    expect(read(root, 'README.md')).toBe('[install it](guide.md#install)\n');
    expect(diagnosticsOf(fixed.stdout)).toEqual([
      {
        file: 'README.md',
        line: 1,
        column: 14,
        endLine: 1,
        endColumn: 30,
        ruleId: 'anchors',
        messageId: 'missing',
        severity: 'error',
        message: 'No heading or anchor "#install" in "guide.md".',
        suggestion: 'did you mean "#uninstall"?',
        suggestions: [{ desc: 'Point the link at "#uninstall"', fix: [{ start: 22, end: 29, text: 'uninstall' }] }],
      },
    ]);

    const stylish = await runCli(['--fix'], { cwd: root });
    expect(stylish.stdout).toBe(
      'README.md:1:14  error  No heading or anchor "#install" in "guide.md". did you mean "#uninstall"?  anchors\n\n✖ 1 problem (1 error, 0 warnings) in 2 files checked\n',
    );

    const suggested = await runCli(['--fix', '--fix-type', 'suggestion'], { cwd: root });
    expect(suggested.exitCode).toBe(0);
    expect(read(root, 'README.md')).toBe('[install it](guide.md#uninstall)\n');
  });

  it("[license](LICENSE.md) is not pointed at the only LICENSE.md there is, a third party's, without a rename in git", async () => {
    const repo = await TempRepo.create({
      'agentops-lint.config.yaml': ONLY({ links: 'error' }),
      'README.md': 'See the [license](LICENSE.md).\n',
      'third_party/libfoo/LICENSE.md': 'MIT\n',
    });
    try {
      await repo.commit('initial');
      const fixed = await repo.lint(['--fix', '--format', 'json']);
      expect(fixed.exitCode).toBe(1);
      expect(await repo.read('README.md')).toBe('See the [license](LICENSE.md).\n');
      const [diagnostic] = diagnosticsOf(fixed.stdout);
      expect(diagnostic).toMatchObject({
        message: 'Link target "LICENSE.md" does not exist.',
        suggestion: 'did you mean "third_party/libfoo/LICENSE.md"? (the only other "LICENSE.md" in the repository)',
      });
      expect(diagnostic!.fix).toBeUndefined();

      // A rename git recorded is certain: --fix follows it.
      await repo.write({ 'docs/guide.md': '# Guide\n', 'README.md': 'See the [guide](docs/guide.md).\n' });
      await repo.commit('guide');
      await repo.git('mv', 'docs/guide.md', 'docs/handbook.md');
      await repo.commit('rename');
      expect((await repo.lint(['--fix'])).exitCode).toBe(0);
      expect(await repo.read('README.md')).toBe('See the [guide](docs/handbook.md).\n');
    } finally {
      await repo.cleanup();
    }
  });

  it('heading-missing-space leaves a hashtag in a list item, and a would-be second title, as they are', async () => {
    const notes = '# Social guidelines\n\n- #Shoutouts (from #shoutouts slack channel)\n\n#Metrics\n\n##Details\n';
    const root = tempProject({
      'agentops-lint.config.yaml': ONLY({
        'heading-missing-space': 'warn',
        'single-h1': 'warn',
        'heading-increment': 'warn',
      }),
      'notes.md': notes,
    });
    const before = diagnosticsOf((await runCli(['--format', 'json'], { cwd: root })).stdout);
    expect(
      before.map(({ line, ruleId, fix, suggestion }) => ({ line, ruleId, fixed: fix !== undefined, suggestion })),
    ).toEqual([
      {
        line: 3,
        ruleId: 'heading-missing-space',
        fixed: false,
        suggestion:
          'Not fixed automatically: in a list item, a word that starts with "#" is usually a tag or a channel name, and a heading there is rarely meant.',
      },
      {
        line: 5,
        ruleId: 'heading-missing-space',
        fixed: false,
        suggestion: 'Not fixed automatically: it would be a second level-1 heading (the title is on line 1).',
      },
      { line: 7, ruleId: 'heading-missing-space', fixed: true, suggestion: undefined },
    ]);
    expect((await runCli(['--fix'], { cwd: root })).exitCode).toBe(0);
    expect(read(root, 'notes.md')).toBe(
      '# Social guidelines\n\n- #Shoutouts (from #shoutouts slack channel)\n\n#Metrics\n\n## Details\n',
    );
    // The next run finds nothing the file did not have: no new single-h1 or heading-increment problem.
    const after = diagnosticsOf((await runCli(['--format', 'json'], { cwd: root })).stdout);
    expect(after.map(({ line, ruleId }) => `${line} ${ruleId}`)).toEqual([
      '3 heading-missing-space',
      '5 heading-missing-space',
    ]);
  });

  it('two fixes at the same offset, one inserting, are applied in separate passes: "#Ã©" becomes "# é" (issue 25: it became "#é©")', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': ONLY({ mojibake: 'error', 'heading-missing-space': 'error' }),
      'a.md': '#Ã©\n',
    });
    const before = diagnosticsOf((await runCli(['--format', 'json'], { cwd: root })).stdout);
    expect(
      before.map(({ ruleId, column, fix, suggestions }) => ({
        ruleId,
        column,
        certain: fix !== undefined,
        suggested: suggestions !== undefined,
      })),
    ).toEqual([
      { ruleId: 'heading-missing-space', column: 1, certain: true, suggested: false },
      { ruleId: 'mojibake', column: 2, certain: true, suggested: false },
    ]);
    expect(await runCli(['--fix-dry-run'], { cwd: root })).toMatchObject({
      exitCode: 0,
      stdout: expect.stringContaining('\n-#Ã©\n+# é\n') as unknown,
    });
    expect(await runCli(['--fix', '--fix-type', 'suggestion'], { cwd: root })).toMatchObject({ exitCode: 0 });
    expect(read(root, 'a.md')).toBe('# é\n');
  });

  it('--fix-type needs --fix or --fix-dry-run, and takes fix or suggestion', async () => {
    const root = tempProject({ 'README.md': '# Title\n' });
    expect(await runCli(['--fix-type', 'suggestion'], { cwd: root })).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'agentops-lint: --fix-type says what --fix or --fix-dry-run applies: add one of them.\n',
    });
    const wrong = await runCli(['--fix', '--fix-type', 'all'], { cwd: root });
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain(
      "option '--fix-type <type>' argument 'all' is invalid. Allowed choices are fix, suggestion.",
    );
  });

  it('--fix-dry-run --fix-type suggestion shows the suggestions as a diff and writes nothing', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': ONLY({ links: 'error' }),
      'README.md': '[guide](guide.md)\n',
      'docs/guide.md': '# Guide\n',
    });
    const preview = await runCli(['--fix-dry-run', '--fix-type', 'suggestion'], { cwd: root });
    expect(preview.stdout).toContain('-[guide](guide.md)\n+[guide](docs/guide.md)\n');
    expect(read(root, 'README.md')).toBe('[guide](guide.md)\n');
  });
});

describe('suggestions in machine-readable reports', () => {
  it('SARIF carries the fix and the suggestions as `fixes`', async () => {
    const root = tempProject({
      'agentops-lint.config.yaml': ONLY({ links: 'error' }),
      'README.md': '[a](Docs/guide.md) [b](guide.md)\n',
      'docs/guide.md': '# Guide\n',
    });
    const sarif = JSON.parse((await runCli(['--format', 'sarif'], { cwd: root })).stdout) as {
      runs: { results: { fixes?: unknown[] }[] }[];
    };
    expect(sarif.runs[0]!.results.map((result) => result.fixes)).toEqual([
      [
        {
          description: { text: 'Fix: agentops-lint --fix applies this edit' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'README.md', uriBaseId: '%SRCROOT%' },
              replacements: [
                { deletedRegion: { charOffset: 4, charLength: 13 }, insertedContent: { text: 'docs/guide.md' } },
              ],
            },
          ],
        },
      ],
      [
        {
          description: { text: 'Suggestion: Point the link at "docs/guide.md"' },
          artifactChanges: [
            {
              artifactLocation: { uri: 'README.md', uriBaseId: '%SRCROOT%' },
              replacements: [
                { deletedRegion: { charOffset: 23, charLength: 8 }, insertedContent: { text: 'docs/guide.md' } },
              ],
            },
          ],
        },
      ],
    ]);
  });
});
