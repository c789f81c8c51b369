/**
 * The example config for a twelve-factor framework repository, run end to end through main()
 * (in-process, with --config and --format json) against two fixture repositories:
 * fixtures/framework-good passes, and fixtures/framework-broken (the same repository with problems
 * planted in it) fails with exactly those problems.
 *
 * Config globs are relative to the config file, so each run copies the fixture to a temporary
 * folder and puts the example config at its root, where a repository would keep it.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { runCli, type CliResult } from '../helpers/cli-harness.js';
import { REGISTRY } from '../../rules/index.js';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
const exampleConfig = path.join(repositoryRoot, 'examples/framework.config.yaml');

const temporaryFolders: string[] = [];
afterEach(() => {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function checkout(fixture: string): string {
  const folder = mkdtempSync(path.join(process.env.AGENTOPS_LINT_TEST_TMP ?? tmpdir(), 'agentops-lint-example-'));
  temporaryFolders.push(folder);
  cpSync(path.join(repositoryRoot, 'fixtures', fixture), folder, { recursive: true });
  copyFileSync(exampleConfig, path.join(folder, 'agentops-lint.config.yaml'));
  return folder;
}

function lint(folder: string, ...extra: string[]): Promise<CliResult> {
  return runCli(['--config', 'agentops-lint.config.yaml', ...extra], { cwd: folder });
}

interface ReportedDiagnostic {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  messageId: string;
  severity: string;
  message: string;
  suggestion?: string;
}

function diagnosticsOf(stdout: string): ReportedDiagnostic[] {
  const report = JSON.parse(stdout) as { diagnostics: ReportedDiagnostic[] };
  return report.diagnostics.map(({ file, line, column, ruleId, messageId, severity, message, suggestion }) => ({
    file,
    line,
    column,
    ruleId,
    messageId,
    severity,
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
  }));
}

type Row = [
  file: string,
  line: number,
  column: number,
  ruleId: string,
  messageId: string,
  message: string,
  suggestion?: string,
];

/** Every problem planted in fixtures/framework-broken, in report order. */
const PLANTED: Row[] = [
  [
    'PRODUCT.md',
    1,
    1,
    'required-sections',
    'missing',
    'Missing required section "Target Personas" (a level-2 "##" heading).',
    'Found the heading "Personas" on line 8: the contract wants exactly "Target Personas".',
  ],
  [
    'PRODUCT.md',
    20,
    1,
    'unclosed-html-comment',
    'unclosed',
    'HTML comment is never closed ("-->" is missing): GitHub hides everything after it.',
  ],
  [
    'README.md',
    1,
    1,
    'required-content',
    'missingAll',
    'Missing required text "Operational Discipline": The README introduces Operational Discipline.',
  ],
  ['README.md', 1, 1, 'word-count', 'tooShort', 'Has 723 words of prose; at least 800 words are required.'],
  [
    'README.md',
    11,
    1,
    'stripped-html',
    'shownAsText',
    '<iframe> is shown as text on GitHub: its tag filter escapes the tag, so the tag and what it holds appear on the page as written.',
  ],
  [
    '_archived/factors-v1',
    1,
    1,
    'required-files',
    'tooFew',
    '"_archived/factors-v1/" has no matching file; at least 1 is required: The archive keeps at least one retired factor beside its mapping.',
  ],
  [
    'factors/01-context-is-code.md',
    9,
    43,
    'mojibake',
    'mojibake',
    'Mojibake "â€™" (UTF-8 read as Windows-1252); it should read "’".',
  ],
  [
    'factors/01-context-is-code.md',
    49,
    1,
    'duplicate-heading-anchor',
    'ambiguous',
    'Heading "Example" has the same anchor "#example" as line 15; the link to "#example" (line 17) lands on line 15, never here (this one is "#example-1"). Rename one of the headings.',
  ],
  [
    'factors/02-validation-gates.md',
    1,
    1,
    'required-sections',
    'missing',
    'Missing required section "Without Tooling".',
  ],
  [
    'factors/03-observable-agents.md',
    3,
    9,
    'frontmatter',
    'wrongType',
    'Front matter key "factor" must be an integer, not a string.',
  ],
  [
    'factors/04-least-privilege-tools.md',
    1,
    1,
    'required-sections',
    'missing',
    'Missing required section "What Good Looks Like".',
  ],
  [
    'factors/05-reproducible-environments.md',
    11,
    1,
    'heading-increment',
    'skipped',
    'Heading level 3 follows level 1; expected level 2 or higher.',
  ],
  [
    'factors/05-reproducible-environments.md',
    11,
    1,
    'required-sections',
    'wrongLevel',
    'Section "The Rule" is a level-3 heading ("###"); it must be level 2 ("##").',
  ],
  [
    'factors/06-human-in-the-loop.md',
    1,
    1,
    'word-count',
    'tooShort',
    'Has 236 words of prose; at least 500 words are required.',
  ],
  [
    'factors/07-progressive-delivery.md',
    1,
    1,
    'required-files',
    'wrongCase',
    'Required file "factors/07-progressive-delivery.md" is missing; "factors/07-Progressive-Delivery.md" differs only in case, and GitHub paths are case-sensitive.',
  ],
  [
    'factors/09-incident-response.md',
    52,
    1,
    'nested-code-fence',
    'nested',
    'Fence "```sh" is inside the code block opened at line 49, so it is content, not a nested block; the block really closes at line 54. Open the outer block with a longer fence ("````").',
  ],
  [
    'factors/09-incident-response.md',
    55,
    1,
    'unclosed-code-fence',
    'unclosed',
    'Code fence "```" is never closed: everything after it, to the end of the file, renders as code.',
  ],
  [
    'factors/10-multi-agent-orchestration.md',
    41,
    1,
    'heading-missing-space',
    'missingSpace',
    '"##Checklist" renders as text, not a heading: put a space after "##".',
  ],
  [
    'factors/11-self-healing-workflows.md',
    1,
    1,
    'required-content',
    'missingAny',
    'Missing required text: none of "optional", "advanced" appears: Factors 10 to 12 say that they are optional or advanced.',
  ],
  [
    'factors/11-self-healing-workflows.md',
    15,
    1,
    'single-h1',
    'extraH1',
    'Another level-1 heading "Why It Matters"; the title is already "Factor 11: Self-Healing Workflows" (line 7). Use "##" for sections.',
  ],
  [
    'factors/12-continuous-evaluation.md',
    1,
    1,
    'required-files',
    'missing',
    'Required file "factors/12-continuous-evaluation.md" is missing.',
    'Did you mean "factors/12-continuous-evaluations.md"?',
  ],
  [
    'foundations/kubernetes-mappings.md',
    13,
    1,
    'table-column-count',
    'tooMany',
    'Table row has 4 cells; the header has 3 cells. GitHub drops the extra cells.',
  ],
  [
    'foundations/kubernetes-mappings.md',
    22,
    1,
    'required-sections',
    'outOfOrder',
    'Section "Why This Matters" is out of order: it should come after "Cloud-Native Principles".',
  ],
  [
    'patterns/canary-prompts.md',
    12,
    1,
    'required-sections',
    'empty',
    'Section "Why This Works" is empty: nothing is written under the heading.',
  ],
  ['patterns/circuit-breaker.md', 1, 1, 'required-sections', 'missing', 'Missing required section "Why This Works".'],
  [
    'patterns/circuit-breaker.md',
    16,
    41,
    'deprecated-phrases',
    'replaced',
    '"Shift-Left Validation" is a retired phrase: use "validation gates".',
  ],
  [
    'patterns/validation-gates.md',
    3,
    1,
    'frontmatter',
    'invalidYaml',
    'Front matter is not valid YAML: missed comma between flow collection entries.',
  ],
];

const expected = (rows: Row[]): ReportedDiagnostic[] =>
  rows.map(([file, line, column, ruleId, messageId, message, suggestion]) => ({
    file,
    line,
    column,
    ruleId,
    messageId,
    severity: 'error',
    message,
    ...(suggestion === undefined ? {} : { suggestion }),
  }));

describe('examples/framework.config.yaml', () => {
  it('is a valid config', () => {
    expect(() => loadConfigFile(exampleConfig, REGISTRY.configContext)).not.toThrow();
  });

  it('passes on the good framework repository', async () => {
    const result = await lint(checkout('framework-good'), '--format', 'json');
    expect(result.stderr).toBe('');
    expect(diagnosticsOf(result.stdout)).toEqual([]);
    expect(JSON.parse(result.stdout)).toMatchObject({ filesChecked: 21, errorCount: 0, warningCount: 0 });
    expect(result.exitCode).toBe(0);
  });

  it('reports exactly the planted problems on the broken copy', async () => {
    const result = await lint(checkout('framework-broken'), '--format', 'json');
    expect(result.stderr).toBe('');
    expect(diagnosticsOf(result.stdout)).toEqual(expected(PLANTED));
    expect(result.exitCode).toBe(1);
  });

  it('--fix repairs the mojibake, the heading and the retired phrase, and nothing else', async () => {
    const folder = checkout('framework-broken');
    expect((await lint(folder, '--fix', '--format', 'json')).exitCode).toBe(1);
    expect(readFileSync(path.join(folder, 'factors/01-context-is-code.md'), 'utf8')).toContain(
      'the context it’s given',
    );
    expect(readFileSync(path.join(folder, 'factors/10-multi-agent-orchestration.md'), 'utf8')).toContain(
      '\n## Checklist\n',
    );
    const after = await lint(folder, '--format', 'json');
    const fixed = new Set(['mojibake', 'heading-missing-space', 'deprecated-phrases']);
    expect(diagnosticsOf(after.stdout)).toEqual(expected(PLANTED.filter(([, , , ruleId]) => !fixed.has(ruleId))));
  });
});

describe('examples/', () => {
  const examples = readdirSync(path.join(repositoryRoot, 'examples')).filter((name) => /\.config\.ya?ml$/.test(name));
  it.each(examples)('%s is a valid config with a $schema', (name) => {
    const file = path.join(repositoryRoot, 'examples', name);
    expect(readFileSync(file, 'utf8')).toMatch(/^\$schema: \.\.\/schema\.json$/m);
    expect(() => loadConfigFile(file, REGISTRY.configContext)).not.toThrow();
  });
});
