import { type LintReport } from './report.js';

const level = (severity: 'warn' | 'error'): 'warning' | 'error' => (severity === 'error' ? 'error' : 'warning');

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: a rules table with help links, results with
 * repository-relative locations, and a partial fingerprint so alerts survive line shifts.
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
              help: { text: `${rule.description} See ${rule.docsUrl}`, markdown: `${rule.description} [Documentation](${rule.docsUrl})` },
              defaultConfiguration: { level: level(rule.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${report.root.replace(/\\/g, '/').replace(/\/?$/, '/')}` } },
        results: report.diagnostics.map((diagnostic) => ({
          ruleId: diagnostic.ruleId,
          ...(ruleIndex.has(diagnostic.ruleId) ? { ruleIndex: ruleIndex.get(diagnostic.ruleId) } : {}),
          level: level(diagnostic.severity),
          message: { text: diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(diagnostic.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: diagnostic.line,
                  startColumn: diagnostic.column,
                  endLine: diagnostic.endLine,
                  endColumn: Math.max(diagnostic.endColumn, diagnostic.endLine === diagnostic.line ? diagnostic.column + 1 : 1),
                },
              },
            },
          ],
          partialFingerprints: { 'agentopsLint/v1': `${diagnostic.ruleId}:${diagnostic.messageId}:${diagnostic.message}` },
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
