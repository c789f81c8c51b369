import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { formatGitlab } from '../../src/reporters/gitlab.js';
import { formatJobSummary, MAX_SUMMARY_ROWS } from '../../src/reporters/job-summary.js';
import { formatJunit } from '../../src/reporters/junit.js';
import type { LintReport } from '../../src/reporters/report.js';
import { STAND_IN_CONFIG } from '../helpers/stand-in-rules.js';
import { TempRepo } from '../helpers/temp-repo.js';

vi.mock('../../rules/index.js', async (importOriginal) =>
  (await import('../helpers/stand-in-rules.js')).withStandInRules(await importOriginal()),
);

function diagnostic(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    file: 'a.md',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 9,
    ruleId: 'test-link-targets',
    messageId: 'missingFile',
    severity: 'error',
    message: 'Link target "x.md" does not exist.',
    ...overrides,
  };
}

function reportOf(diagnostics: Diagnostic[], files?: string[]): LintReport {
  return {
    toolName: 'agentops-lint',
    toolVersion: '1.2.3',
    informationUri: 'https://example.com',
    cwd: '/r',
    root: '/r',
    filesChecked: files?.length ?? 2,
    ...(files ? { files } : {}),
    diagnostics,
    rules: [],
    color: false,
  };
}

const SAMPLE = [
  diagnostic({}),
  diagnostic({ line: 9, endLine: 9 }),
  diagnostic({
    file: 'docs/b|c.md',
    line: 5,
    endLine: 6,
    ruleId: 'heading-increment',
    messageId: 'skipped',
    severity: 'warn',
    message: 'Heading <4> & "more".',
    suggestion: 'Use ##.',
  }),
];

describe('gitlab (Code Quality)', () => {
  it('lists issues with unique fingerprints that do not depend on the line', () => {
    const issues = JSON.parse(formatGitlab(reportOf(SAMPLE)));
    expect(issues.map(({ fingerprint: _fingerprint, ...issue }: { fingerprint: string }) => issue)).toEqual([
      {
        type: 'issue',
        check_name: 'test-link-targets',
        description: 'Link target "x.md" does not exist.',
        severity: 'major',
        location: { path: 'a.md', lines: { begin: 3, end: 3 } },
      },
      {
        type: 'issue',
        check_name: 'test-link-targets',
        description: 'Link target "x.md" does not exist.',
        severity: 'major',
        location: { path: 'a.md', lines: { begin: 9, end: 9 } },
      },
      {
        type: 'issue',
        check_name: 'heading-increment',
        description: 'Heading <4> & "more". Use ##.',
        severity: 'minor',
        location: { path: 'docs/b|c.md', lines: { begin: 5, end: 6 } },
      },
    ]);
    const fingerprints = issues.map((issue: { fingerprint: string }) => issue.fingerprint);
    expect(new Set(fingerprints).size).toBe(3);
    const shifted = JSON.parse(
      formatGitlab(reportOf(SAMPLE.map((d) => ({ ...d, line: d.line + 10, endLine: d.endLine + 10 })))),
    );
    expect(shifted.map((issue: { fingerprint: string }) => issue.fingerprint)).toEqual(fingerprints);
    expect(formatGitlab(reportOf([]))).toBe('[]\n');
  });
});

describe('junit', () => {
  it('has a suite per file, failing errors, passing warnings and clean files, escaped XML', () => {
    expect(formatJunit(reportOf(SAMPLE, ['a.md', 'clean.md', 'docs/b|c.md']))).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="agentops-lint" tests="4" failures="2" errors="0">',
        '  <testsuite name="a.md" tests="2" failures="2" errors="0">',
        '    <testcase classname="a.md" name="test-link-targets at 3:1" file="a.md" line="3">',
        '      <failure type="test-link-targets" message="Link target &quot;x.md&quot; does not exist.">a.md:3:1 error Link target &quot;x.md&quot; does not exist. (test-link-targets)</failure>',
        '    </testcase>',
        '    <testcase classname="a.md" name="test-link-targets at 9:1" file="a.md" line="9">',
        '      <failure type="test-link-targets" message="Link target &quot;x.md&quot; does not exist.">a.md:9:1 error Link target &quot;x.md&quot; does not exist. (test-link-targets)</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="clean.md" tests="1" failures="0" errors="0">',
        '    <testcase classname="clean.md" name="agentops-lint" file="clean.md"/>',
        '  </testsuite>',
        '  <testsuite name="docs/b|c.md" tests="1" failures="0" errors="0">',
        '    <testcase classname="docs/b|c.md" name="heading-increment at 5:1" file="docs/b|c.md" line="5">',
        '      <system-out>docs/b|c.md:5:1 warn Heading &lt;4&gt; &amp; &quot;more&quot;. Use ##. (heading-increment)</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('replaces characters XML cannot carry', () => {
    expect(formatJunit(reportOf([diagnostic({ message: 'bad \u0001 byte' })]))).toContain('bad \uFFFD byte');
  });
});

describe('job summary', () => {
  it('tabulates problems per rule and file, most errors first, with safe cells', () => {
    expect(formatJobSummary(reportOf(SAMPLE))).toBe(
      [
        '### agentops-lint',
        '',
        '✖ 3 problems (2 errors, 1 warning) in 2 files checked.',
        '',
        '| Rule | File | Errors | Warnings |',
        '| --- | --- | ---: | ---: |',
        '| `test-link-targets` | `a.md` | 2 | 0 |',
        '| `heading-increment` | `docs/b\\|c.md` | 0 | 1 |',
        '',
        '',
      ].join('\n'),
    );
    expect(formatJobSummary(reportOf([]))).toBe('### agentops-lint\n\n✔ 2 files checked, no problems.\n\n');
  });

  it('stops after a maximum number of rows', () => {
    const many = Array.from({ length: MAX_SUMMARY_ROWS + 5 }, (_, i) =>
      diagnostic({ file: `f${String(i).padStart(3, '0')}.md` }),
    );
    const summary = formatJobSummary(reportOf(many));
    expect(summary.split('\n').filter((line) => line.startsWith('| `test-link-targets`'))).toHaveLength(
      MAX_SUMMARY_ROWS,
    );
    expect(summary).toContain('\n…and 5 more rows; the annotations and reports list every problem.\n');
  });
});

describe('several reports in one run', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await TempRepo.create({
      'agentops-lint.config.yaml': STAND_IN_CONFIG,
      'a.md': '# A\n\n[x](x.md)\n',
      'b.md': '# B\n',
    });
    await repo.commit('docs');
  });
  afterAll(() => repo.cleanup());

  it('writes github annotations to stdout and SARIF, JUnit and GitLab reports to files', async () => {
    const result = await repo.lint([
      '--format',
      'github',
      '--format',
      'sarif:reports/lint.sarif',
      '--format',
      'junit:reports/junit.xml',
      '--format',
      'gitlab:gl.json',
    ]);
    expect(result.stdout).toBe(
      '::error file=a.md,line=3,col=1,endLine=3,endColumn=10,title=test-link-targets::Link target "x.md" does not exist.\n',
    );
    expect(result.exitCode).toBe(1);
    const sarif = JSON.parse(await repo.read('reports/lint.sarif'));
    expect(
      sarif.runs[0].results.map(
        (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`,
      ),
    ).toEqual(['test-link-targets a.md']);
    expect(await repo.read('reports/junit.xml')).toContain(
      '<testsuites name="agentops-lint" tests="2" failures="1" errors="0">',
    );
    expect(JSON.parse(await repo.read('gl.json'))).toHaveLength(1);
  });

  it('keeps -o for the formats without a file of their own, and - for stdout', async () => {
    const result = await repo.lint(['-f', 'json', '-o', 'out/report.json', '-f', 'github:-']);
    expect(result.stdout).toContain('::error file=a.md');
    expect(JSON.parse(await repo.read('out/report.json')).errorCount).toBe(1);
  });

  it('appends a job summary when $GITHUB_STEP_SUMMARY names a file', async () => {
    await repo.write({ 'summary.md': '## Earlier step\n\n' });
    const result = await repo.lint(['--format', 'github'], {
      env: { GITHUB_STEP_SUMMARY: path.join(repo.dir, 'summary.md') },
    });
    expect(result.exitCode).toBe(1);
    expect(await readFile(path.join(repo.dir, 'summary.md'), 'utf8')).toBe(
      '## Earlier step\n\n### agentops-lint\n\n✖ 1 problem (1 error, 0 warnings) in 3 files checked.\n\n| Rule | File | Errors | Warnings |\n| --- | --- | ---: | ---: |\n| `test-link-targets` | `a.md` | 1 | 0 |\n\n',
    );
  });

  it('warns, and still reports, when the job summary cannot be written', async () => {
    const result = await repo.lint(['--format', 'github'], {
      env: { GITHUB_STEP_SUMMARY: 'no/such/folder/summary.md' },
    });
    expect(result.stdout).toContain('::error file=a.md');
    expect(result.stderr).toMatch(
      /^agentops-lint: could not write the job summary to no\/such\/folder\/summary\.md \(ENOENT: .*\)\.\n$/,
    );
    expect(result.exitCode).toBe(1);
  });

  it('refuses two reports on one destination and unknown formats, with exit code 2', async () => {
    expect(await repo.lint(['-f', 'json', '-f', 'github'])).toEqual({
      exitCode: 2,
      stdout: '',
      stderr:
        'agentops-lint: --format json and --format github would both write to stdout; give each its own file, for example --format github:agentops-lint.txt.\n',
    });
    expect((await repo.lint(['-f', 'sarif:x.sarif', '-f', 'json:x.sarif'])).stderr).toBe(
      'agentops-lint: --format sarif and --format json would both write to x.sarif; give each its own file, for example --format json:agentops-lint.json.\n',
    );
    expect((await repo.lint(['-f', 'sarf:x.sarif'])).stderr).toBe(
      'agentops-lint: Unknown format "sarf" (did you mean "sarif"?); choose one of: stylish, json, sarif, github, gitlab, junit.\n',
    );
    expect((await repo.lint(['-f', 'sarif:'])).stderr).toBe(
      'agentops-lint: --format sarif:: the file after ":" is empty (write sarif:FILE, or sarif:- for stdout).\n',
    );
  });
});
