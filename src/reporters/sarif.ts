import type { Diagnostic } from '../core/diagnostic.js';
import type { TextEdit } from '../core/rule.js';
import type { LintReport } from './report.js';

const level = (severity: 'warn' | 'error'): 'warning' | 'error' => (severity === 'error' ? 'error' : 'warning');

/** What the certain fix is called in SARIF, beside the suggestions' own descriptions. */
export const SARIF_FIX_DESCRIPTION = 'Fix: agentops-lint --fix applies this edit';

/**
 * One SARIF fix: the edits as replacements of character ranges (UTF-16 code units of the file's
 * text after a byte-order mark, the offsets of the JSON report).
 */
function sarifFix(diagnostic: Diagnostic, description: string, edits: readonly TextEdit[]) {
  return {
    description: { text: description },
    artifactChanges: [
      {
        artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: '%SRCROOT%' },
        replacements: edits.map((edit) => ({
          deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
          insertedContent: { text: edit.text },
        })),
      },
    ],
  };
}

/** The certain fix first, then the suggestions, best first; absent when there is none. */
function sarifFixes(diagnostic: Diagnostic) {
  const fixes = [
    ...(diagnostic.fix ? [sarifFix(diagnostic, SARIF_FIX_DESCRIPTION, diagnostic.fix)] : []),
    ...(diagnostic.suggestions ?? []).map((suggestion) =>
      sarifFix(diagnostic, `Suggestion: ${suggestion.desc}`, suggestion.fix),
    ),
  ];
  return fixes.length === 0 ? {} : { fixes };
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: a rules table with help links, results with
 * repository-relative locations, a partial fingerprint so alerts survive line shifts, and the
 * fix and suggestions of a result as SARIF `fixes`.
 */
export function formatSarif(report: LintReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.toolName,
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: report.informationUri,
            rules: report.rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              helpUri: rule.docsUrl,
              help: {
                text: `${rule.description} See ${rule.docsUrl}`,
                markdown: `${rule.description} [Documentation](${rule.docsUrl})`,
              },
              defaultConfiguration: { level: level(rule.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${report.root.replace(/\\/g, '/').replace(/\/?$/, '/')}` } },
        results: report.diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.ruleId,
          ...(ruleIndex.has(diagnostic.ruleId) ? { ruleIndex: ruleIndex.get(diagnostic.ruleId) } : {}),
          level: level(diagnostic.severity),
          message: {
            text: diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message,
          },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: diagnostic.line,
                  startColumn: diagnostic.column,
                  endLine: diagnostic.endLine,
                  endColumn: Math.max(
                    diagnostic.endColumn,
                    diagnostic.endLine === diagnostic.line ? diagnostic.column + 1 : 1,
                  ),
                },
              },
            },
          ],
          partialFingerprints: {
            'agentopsLint/v1': `${diagnostic.ruleId}:${diagnostic.messageId}:${diagnostic.message}`,
          },
          ...sarifFixes(diagnostic),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
