/**
 * Issue 20: a gate that never passes silently. Every glob a config can hold, in every position
 * (the config's own lists, overrides, and each rule option a rule declares as globs), through the
 * real command line: an invalid glob is a config error naming file:line:col and the key path (exit
 * 2); a valid glob that matches no file is a warning naming the config, the key path and the glob,
 * with a did-you-mean where one is clear, and an error (exit 2) with --strict-config or
 * `strictConfig: true`; a correct glob does its job (the findings it causes).
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/cli-harness.js';

const PROJECT = {
  'README.md': '# Project\n\nThe project.\n',
  'factors/01-context.md': '# Context\n\nA few words here.\n',
  'docs/guide.md': '# Guide\n\nSome text.\n',
  'diagrams/flow.svg': '<svg xmlns="http://www.w3.org/2000/svg"><text>the master node</text></svg>\n',
};

/** Both Markdown folders fail this contract, so that each glob position shows what it selects. */
const WORD_COUNT_BOTH = '  word-count: [error, { "factors/*.md": { min: 50 }, "docs/*.md": { min: 50 } }]\n';
/** Every Markdown file fails this one (a contract on files `files` leaves out or `ignore` drops would be reported as checking nothing). */
const WORD_COUNT_ALL = '  word-count: [error, { "**/*.md": { min: 50 } }]\n';

interface GlobPosition {
  name: string;
  /** The config with GLOB where the glob under test goes. */
  config: string;
  /** The key path of the glob as messages name it. */
  keyPath: (glob: string) => string;
  /** A glob that selects what it should, and the findings (file and rule) the run then reports. */
  correct: string;
  findings: string[];
  /** A glob one letter away from an existing folder: it matches nothing. */
  typo: string;
  /** What the warning suggests instead. */
  nearest: string;
  /** Where the glob's folders start, as the warning says. */
  where?: string;
}

const UNDER_ROOT = "under the repository root (the config's folder)";

const POSITIONS: GlobPosition[] = [
  {
    name: 'files',
    config: `extends: []\nfiles: ["GLOB", "README.md"]\nrules:\n${WORD_COUNT_ALL}`,
    keyPath: () => 'files[0]',
    correct: 'factors/*.md',
    findings: ['README.md word-count', 'factors/01-context.md word-count'],
    typo: 'factor/*.md',
    nearest: 'factors/*.md',
  },
  {
    name: 'ignore',
    config: `extends: []\nignore: ["GLOB"]\nrules:\n${WORD_COUNT_ALL}`,
    keyPath: () => 'ignore[0]',
    correct: 'docs/**',
    findings: ['README.md word-count', 'factors/01-context.md word-count'],
    typo: 'doc/**',
    nearest: 'docs/**',
  },
  {
    name: 'overrides[].files',
    config:
      'extends: []\nrules:\n' +
      WORD_COUNT_BOTH +
      'overrides:\n  - files: ["GLOB"]\n    rules:\n      word-count: off\n',
    keyPath: () => 'overrides[0].files[0]',
    correct: 'docs/*.md',
    findings: ['factors/01-context.md word-count'],
    typo: 'doc/*.md',
    nearest: 'docs/*.md',
  },
  {
    name: 'overrides[].excludedFiles',
    config:
      'extends: []\nrules:\n' +
      WORD_COUNT_BOTH +
      'overrides:\n  - files: ["**/*.md"]\n    excludedFiles: ["GLOB"]\n    rules:\n      word-count: off\n',
    keyPath: () => 'overrides[0].excludedFiles[0]',
    correct: 'docs/*.md',
    findings: ['docs/guide.md word-count'],
    typo: 'doc/*.md',
    nearest: 'docs/*.md',
  },
  {
    name: 'word-count option key',
    config: 'extends: []\nrules:\n  word-count:\n    - error\n    - "GLOB": { min: 50 }\n',
    keyPath: (glob) => `rules.word-count[1][${JSON.stringify(glob)}]`,
    correct: 'factors/*.md',
    findings: ['factors/01-context.md word-count'],
    typo: 'factor/*.md',
    nearest: 'factors/*.md',
  },
  {
    name: 'required-sections option key',
    config: 'extends: []\nrules:\n  required-sections:\n    - error\n    - "GLOB": { sections: [Summary] }\n',
    keyPath: (glob) => `rules.required-sections[1][${JSON.stringify(glob)}]`,
    correct: 'factors/*.md',
    findings: ['factors/01-context.md required-sections'],
    typo: 'factor/*.md',
    nearest: 'factors/*.md',
  },
  {
    name: 'required-content option key',
    config: 'extends: []\nrules:\n  required-content:\n    - error\n    - "GLOB": [{ allOf: [Operational] }]\n',
    keyPath: (glob) => `rules.required-content[1][${JSON.stringify(glob)}]`,
    correct: 'docs/*.md',
    findings: ['docs/guide.md required-content'],
    typo: 'doc/*.md',
    nearest: 'docs/*.md',
  },
  {
    name: 'frontmatter option key',
    config: 'extends: []\nrules:\n  frontmatter:\n    - error\n    - "GLOB": { required: [title] }\n',
    keyPath: (glob) => `rules.frontmatter[1][${JSON.stringify(glob)}]`,
    correct: 'factors/*.md',
    findings: ['factors/01-context.md frontmatter'],
    typo: 'factor/*.md',
    nearest: 'factors/*.md',
  },
  {
    name: 'deprecated-phrases plainTextFiles',
    config:
      'extends: []\nrules:\n  deprecated-phrases:\n    - error\n    - phrases: [master node]\n      plainTextFiles: ["GLOB"]\n',
    keyPath: () => 'rules.deprecated-phrases[1].plainTextFiles[0]',
    correct: 'diagrams/*.svg',
    findings: ['diagrams/flow.svg deprecated-phrases'],
    typo: 'diagram/*.svg',
    nearest: 'diagrams/*.svg',
    where: "in the repository (this option's globs are relative to the repository root)",
  },
  {
    name: 'a rule option key in an override',
    config:
      'extends: []\noverrides:\n  - files: ["**/*.md"]\n    rules:\n      word-count: [error, { "GLOB": { min: 50 } }]\n',
    keyPath: (glob) => `overrides[0].rules.word-count[1][${JSON.stringify(glob)}]`,
    correct: 'factors/*.md',
    findings: ['factors/01-context.md word-count'],
    typo: 'factor/*.md',
    nearest: 'factors/*.md',
  },
];

const CONFIG_FILE = 'agentops-lint.config.yaml';

/** The 1-based line and column where `"glob"` is written in the config. */
function positionOf(config: string, glob: string): string {
  const offset = config.indexOf(`"${glob}"`);
  const before = config.slice(0, offset);
  return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

async function lint(
  config: string,
  ...args: string[]
): Promise<{ exitCode: number; findings: string[]; stdout: string; stderr: string }> {
  const root = tempProject({ ...PROJECT, [CONFIG_FILE]: config });
  const result = await runCli([...args, '--format', 'json'], { cwd: root });
  const findings =
    result.stdout === ''
      ? []
      : (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics.map(
          (d) => `${d.file} ${d.ruleId}`,
        );
  return { exitCode: result.exitCode, findings, stdout: result.stdout, stderr: result.stderr };
}

describe.each(POSITIONS)('a glob in $name', (position) => {
  const withGlob = (glob: string): string => position.config.replace('GLOB', glob);

  it('is a config error naming file:line:col and the key path when its syntax is invalid (exit 2)', async () => {
    const glob = position.correct.replace('/', '/[0-9-');
    const config = withGlob(glob);
    const result = await lint(config);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `agentops-lint: invalid configuration\n${CONFIG_FILE}:${positionOf(config, glob)}: ${position.keyPath(glob)}: "${glob}" is not a valid glob: "[" is never closed by "]" (write "\\[" for a literal "[")\n`,
    );
  });

  it('warns, naming the config, the key path and the glob with the nearest existing path, when it matches no file; exit code unaffected', async () => {
    const config = withGlob(position.typo);
    const result = await lint(config);
    expect(result.stderr).toBe(
      `agentops-lint: warning: ${CONFIG_FILE}: ${position.keyPath(position.typo)} "${position.typo}" matches no file ${position.where ?? UNDER_ROOT} (did you mean "${position.nearest}"?).\n`,
    );
    const correct = await lint(withGlob(position.correct));
    // What the run reports is what it reports without the glob's effect; the exit code follows the findings only.
    expect(result.exitCode).toBe(result.findings.length > 0 ? 1 : 0);
    expect(result.findings).not.toEqual(correct.findings);
  });

  it('is a config error (exit 2) with --strict-config, and with strictConfig: true in the config', async () => {
    const config = withGlob(position.typo);
    const expected = (why: string, text: string): string =>
      `agentops-lint: invalid configuration\n${CONFIG_FILE}:${positionOf(text, position.typo)}: ${position.keyPath(position.typo)}: "${position.typo}" matches no file ${position.where ?? UNDER_ROOT} (did you mean "${position.nearest}"?) (an error with ${why})\n`;
    const flagged = await lint(config, '--strict-config');
    expect(flagged).toEqual({ exitCode: 2, findings: [], stdout: '', stderr: expected('--strict-config', config) });
    const strictConfig = `strictConfig: true\n${config}`;
    const keyed = await lint(strictConfig);
    expect(keyed).toEqual({
      exitCode: 2,
      findings: [],
      stdout: '',
      stderr: expected('strictConfig: true', strictConfig),
    });
  });

  it('selects what it names when it is correct: the findings it causes, no warning', async () => {
    const result = await lint(withGlob(position.correct), '--strict-config');
    expect(result.stderr).toBe('');
    expect(result.findings).toEqual(position.findings);
    expect(result.exitCode).toBe(1);
  });
});

describe('globs a rule counts itself (required-files)', () => {
  const config = (glob: string): string =>
    `extends: []\nrules:\n  required-files: [error, { files: ["README.md", { glob: "${glob}", min: 1 }] }]\n`;

  it('an invalid glob is a config error with its position and key path', async () => {
    const text = config('factors/[0-9-*.md');
    const result = await lint(text);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `agentops-lint: invalid configuration\n${CONFIG_FILE}:${positionOf(text, 'factors/[0-9-*.md')}: rules.required-files[1].files[1].glob: "factors/[0-9-*.md" is not a valid glob: "[" is never closed by "]" (write "\\[" for a literal "[")\n`,
    );
  });

  it('a glob that matches no file is the finding of the rule, not a config notice, even with --strict-config', async () => {
    const result = await lint(config('factor/*.md'), '--strict-config');
    expect(result.stderr).toBe('');
    expect(result.findings).toEqual(['factor required-files']);
    expect(result.exitCode).toBe(1);
  });
});

describe('did-you-mean', () => {
  it('is left out when no existing folder is near', async () => {
    const result = await lint('extends: []\nrules:\n  word-count: [error, { "chapters/*.md": { min: 50 } }]\n');
    expect(result.stderr).toBe(
      `agentops-lint: warning: ${CONFIG_FILE}: rules.word-count[1]["chapters/*.md"] "chapters/*.md" matches no file ${UNDER_ROOT}.\n`,
    );
    expect(result.exitCode).toBe(0);
  });

  it('names a nearby file for a plain path, relative to the config folder of a nested config', async () => {
    const root = tempProject({
      ...PROJECT,
      [CONFIG_FILE]: 'extends: []\nrules:\n  single-h1: error\n',
      'docs/.agentops-lint.yaml':
        'extends: []\nrules:\n  required-sections: [error, { "guid.md": { sections: [Summary] } }]\n',
    });
    const result = await runCli(['--format', 'json'], { cwd: root });
    expect(result.stderr).toBe(
      'agentops-lint: warning: docs/.agentops-lint.yaml: rules.required-sections[1]["guid.md"] "guid.md" matches no file under docs/ (a config\'s globs are relative to its own folder) (did you mean "guide.md"?).\n',
    );
    expect(result.exitCode).toBe(0);
  });
});

describe('a contract glob that matches only files the run does not lint', () => {
  it('warns with the file it matches, and fails with --strict-config: the contract would check nothing', async () => {
    const config = 'extends: []\nignore: ["docs/**"]\nrules:\n  word-count: [error, { "docs/*.md": { min: 50 } }]\n';
    const warned = await lint(config);
    expect(warned).toEqual({
      exitCode: 0,
      findings: [],
      stdout: expect.any(String),
      stderr: `agentops-lint: warning: ${CONFIG_FILE}: rules.word-count[1]["docs/*.md"] "docs/*.md" matches only files that are not linted (ignored, or not Markdown by "files"), such as "docs/guide.md".\n`,
    });
    const strict = await lint(config, '--strict-config');
    expect(strict.exitCode).toBe(2);
    expect(strict.stderr).toBe(
      `agentops-lint: invalid configuration\n${CONFIG_FILE}:${positionOf(config, 'docs/*.md')}: rules.word-count[1]["docs/*.md"]: "docs/*.md" matches only files that are not linted (ignored, or not Markdown by "files"), such as "docs/guide.md" (an error with --strict-config)\n`,
    );
  });

  it('is not reported for required-content, whose requirements can apply to files that are not Markdown', async () => {
    const result = await lint(
      'extends: []\nrules:\n  required-content: [error, { "diagrams/*.svg": [{ allOf: [master], plainText: true }] }]\n',
      '--strict-config',
    );
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });
});
