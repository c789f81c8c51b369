/** Fixes and suggestions as the machine-readable reports carry them (JSON `fix`/`suggestions`, SARIF `fixes`). */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { formatJson } from '../../src/reporters/json.js';
import type { LintReport } from '../../src/reporters/report.js';
import { formatSarif, SARIF_FIX_DESCRIPTION } from '../../src/reporters/sarif.js';
import { REGISTRY } from '../../rules/index.js';

const base = { file: 'docs/a b.md', line: 1, column: 5, endLine: 1, endColumn: 12, severity: 'error' as const };

const fixed: Diagnostic = {
  ...base,
  ruleId: 'links',
  messageId: 'wrongCase',
  message: 'Wrong case.',
  fix: [{ start: 4, end: 11, text: 'b.md' }],
};
const suggested: Diagnostic = {
  ...base,
  line: 2,
  ruleId: 'anchors',
  messageId: 'missing',
  message: 'No anchor.',
  suggestion: 'did you mean "#uninstall"?',
  suggestions: [
    { desc: 'Point the link at "#uninstall"', fix: [{ start: 30, end: 37, text: 'uninstall' }] },
    { desc: 'Point the link at "#usage"', fix: [{ start: 30, end: 37, text: 'usage' }] },
  ],
};
/** A diagnostic whose fix was never settled (a library caller that skipped the fix step): the flag stays internal. */
const unsettled: Diagnostic = {
  ...base,
  line: 3,
  ruleId: 'heading-missing-space',
  messageId: 'missingSpace',
  message: 'Space.',
  fix: [{ start: 40, end: 40, text: ' ' }],
  verifyFix: true,
};

const report: LintReport = {
  toolName: 'agentops-lint',
  toolVersion: '1.2.3',
  informationUri: 'https://example.invalid/agentops-lint',
  cwd: '/repo',
  root: '/repo',
  filesChecked: 1,
  color: false,
  rules: REGISTRY.reportedRules,
  diagnostics: [fixed, suggested, unsettled],
};

describe('json', () => {
  it('carries fix and suggestions with their edits, and only documented fields', () => {
    const { diagnostics } = JSON.parse(formatJson(report)) as { diagnostics: Record<string, unknown>[] };
    expect(diagnostics[0]).toEqual(fixed);
    expect(diagnostics[1]).toEqual(suggested);
    expect(Object.keys(diagnostics[1]!)).toEqual([
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'ruleId',
      'messageId',
      'severity',
      'message',
      'suggestion',
      'suggestions',
    ]);
    expect(diagnostics[2]).not.toHaveProperty('verifyFix');
  });
});

describe('sarif', () => {
  const results = (JSON.parse(formatSarif(report)) as { runs: { results: { fixes?: unknown }[] }[] }).runs[0]!.results;

  it('gives the certain fix as the first SARIF fix, as replacements of character ranges', () => {
    expect(results[0]!.fixes).toEqual([
      {
        description: { text: SARIF_FIX_DESCRIPTION },
        artifactChanges: [
          {
            artifactLocation: { uri: 'docs/a%20b.md', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: 4, charLength: 7 }, insertedContent: { text: 'b.md' } }],
          },
        ],
      },
    ]);
  });

  it('gives each suggestion as a fix described by its desc, best first', () => {
    expect((results[1]!.fixes as { description: { text: string } }[]).map((fix) => fix.description.text)).toEqual([
      'Suggestion: Point the link at "#uninstall"',
      'Suggestion: Point the link at "#usage"',
    ]);
  });

  it('has no fixes for a result without edits', () => {
    const plain = JSON.parse(
      formatSarif({
        ...report,
        diagnostics: [{ ...base, ruleId: 'links', messageId: 'missing', message: 'Missing.' }],
      }),
    ) as { runs: { results: object[] }[] };
    expect(plain.runs[0]!.results[0]).not.toHaveProperty('fixes');
  });
});
