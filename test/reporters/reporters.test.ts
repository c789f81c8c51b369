import { describe, expect, it } from 'vitest';
import { REPORTERS } from '../../src/reporters/index.js';
import type { LintReport } from '../../src/reporters/report.js';
import { REGISTRY } from '../../rules/index.js';

const report: LintReport = {
  toolName: 'agentops-lint',
  toolVersion: '1.2.3',
  informationUri: 'https://example.invalid/agentops-lint',
  cwd: '/repo/docs',
  root: '/repo',
  filesChecked: 3,
  color: false,
  rules: REGISTRY.reportedRules,
  diagnostics: [
    {
      file: 'docs/a b.md',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 9,
      ruleId: 'heading-increment',
      messageId: 'skipped',
      severity: 'error',
      message: 'Bad, 100%: see\nnext',
    },
    {
      file: 'docs/c.md',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      ruleId: 'file-read',
      messageId: 'binary',
      severity: 'warn',
      message: 'Binary.',
      suggestion: '(did you mean "x"?)',
      fix: [{ start: 0, end: 1, text: 'y' }],
    },
  ],
};

describe('json', () => {
  it('has a versioned, documented shape', () => {
    const parsed = JSON.parse(REPORTERS.json!(report));
    expect(Object.keys(parsed)).toEqual([
      'version',
      'tool',
      'filesChecked',
      'errorCount',
      'warningCount',
      'diagnostics',
    ]);
    expect(parsed).toMatchObject({
      version: 1,
      tool: { name: 'agentops-lint', version: '1.2.3' },
      filesChecked: 3,
      errorCount: 1,
      warningCount: 1,
    });
    expect(parsed.diagnostics[1]).toEqual(report.diagnostics[1]);
  });
});

describe('sarif', () => {
  const sarif = JSON.parse(REPORTERS.sarif!(report));
  const run = sarif.runs[0];
  it('is SARIF 2.1.0 with a rules table whose entries link to docs', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(run.tool.driver.name).toBe('agentops-lint');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'heading-increment');
    expect(rule.helpUri).toMatch(/rules\/heading-increment\.md$/);
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.defaultConfiguration.level).toBe('warning');
  });
  it('results carry ruleId, ruleIndex, level, message and a repository-relative region', () => {
    expect(run.results).toHaveLength(2);
    const [first, second] = run.results;
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('heading-increment');
    expect(first).toMatchObject({
      ruleId: 'heading-increment',
      level: 'error',
      message: { text: 'Bad, 100%: see\nnext' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'docs/a%20b.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 },
          },
        },
      ],
    });
    expect(second.level).toBe('warning');
    expect(second.message.text).toBe('Binary. (did you mean "x"?)');
    // GitHub rejects an empty region: a zero-width point becomes one column wide.
    expect(second.locations[0].physicalLocation.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 2,
    });
    expect(first.partialFingerprints['agentopsLint/v1']).toBeTypeOf('string');
  });
});

describe('github', () => {
  it('emits escaped workflow commands', () => {
    expect(REPORTERS.github!(report)).toBe(
      '::error file=docs/a b.md,line=2,col=3,endLine=2,endColumn=9,title=heading-increment::Bad, 100%25: see%0Anext\n' +
        '::warning file=docs/c.md,line=1,col=1,endLine=1,endColumn=1,title=file-read::Binary. (did you mean "x"?)\n',
    );
  });
});

describe('stylish', () => {
  it('prints paths relative to the cwd, a summary and the fixable count', () => {
    expect(REPORTERS.stylish!(report)).toBe(
      'a b.md:2:3  error  Bad, 100%: see\nnext  heading-increment\n\n' +
        'c.md:1:1  warn   Binary. (did you mean "x"?)  file-read\n\n' +
        '✖ 2 problems (1 error, 1 warning) in 3 files checked\n' +
        '  0 errors and 1 warning potentially fixable with the `--fix` option.\n',
    );
  });

  it('does not point at --fix where it is refused', () => {
    expect(REPORTERS.stylish!({ ...report, offerFix: false })).toBe(
      'a b.md:2:3  error  Bad, 100%: see\nnext  heading-increment\n\n' +
        'c.md:1:1  warn   Binary. (did you mean "x"?)  file-read\n\n' +
        '✖ 2 problems (1 error, 1 warning) in 3 files checked\n',
    );
  });

  it('says "no problems" only when it may: not when the run fails on problems it does not list', () => {
    expect(REPORTERS.stylish!({ ...report, diagnostics: [] })).toBe('✔ 3 files checked, no problems.\n');
    expect(REPORTERS.stylish!({ ...report, diagnostics: [], mayClaimNoProblems: false })).toBe('');
  });
});
