import type { Diagnostic } from '../core/diagnostic.js';
import type { LintReport } from './report.js';

/** Characters XML 1.0 cannot carry at all, even escaped. */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function describe(diagnostic: Diagnostic): string {
  return diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message;
}

function testCase(diagnostic: Diagnostic): string {
  const where = `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
  const attributes = `classname="${escapeXml(diagnostic.file)}" name="${escapeXml(`${diagnostic.ruleId} at ${diagnostic.line}:${diagnostic.column}`)}" file="${escapeXml(diagnostic.file)}" line="${diagnostic.line}"`;
  const detail = escapeXml(`${where} ${diagnostic.severity} ${describe(diagnostic)} (${diagnostic.ruleId})`);
  // Warnings do not fail the run, so they are not failures here either: they pass, with their text as output.
  if (diagnostic.severity === 'warn')
    return `    <testcase ${attributes}>\n      <system-out>${detail}</system-out>\n    </testcase>`;
  return `    <testcase ${attributes}>\n      <failure type="${escapeXml(diagnostic.ruleId)}" message="${escapeXml(describe(diagnostic))}">${detail}</failure>\n    </testcase>`;
}

/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines): one test
 * suite per file, one test case per problem (errors fail, warnings pass with output), and one
 * passing case for each clean file so that the report shows what was checked.
 */
export function formatJunit(report: LintReport): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const file of report.files ?? []) byFile.set(file, []);
  for (const diagnostic of report.diagnostics)
    byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of [...byFile.keys()].sort()) {
    const diagnostics = byFile.get(file)!;
    const fileFailures = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    const cases =
      diagnostics.length > 0
        ? diagnostics.map(testCase)
        : [
            `    <testcase classname="${escapeXml(file)}" name="${escapeXml(report.toolName)}" file="${escapeXml(file)}"/>`,
          ];
    tests += cases.length;
    failures += fileFailures;
    suites.push(
      `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(report.toolName)}" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
