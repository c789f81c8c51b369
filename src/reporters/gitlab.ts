import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostic.js';
import type { LintReport } from './report.js';

/**
 * GitLab Code Quality (a subset of the Code Climate spec): an array of issues that the merge
 * request widget compares between the source and target branches. GitLab matches issues by
 * fingerprint, so it must be unique per issue and stable when unrelated lines move: it hashes the
 * file, rule, message and the issue's rank among identical issues in that file — not the line.
 */
export function formatGitlab(report: LintReport): string {
  const seen = new Map<string, number>();
  const issues = report.diagnostics.map((diagnostic) => {
    const identity = JSON.stringify([diagnostic.file, diagnostic.ruleId, diagnostic.messageId, diagnostic.message]);
    const rank = seen.get(identity) ?? 0;
    seen.set(identity, rank + 1);
    return {
      type: 'issue',
      check_name: diagnostic.ruleId,
      description: describe(diagnostic),
      severity: diagnostic.severity === 'error' ? 'major' : 'minor',
      fingerprint: createHash('sha256').update(`${identity}\0${rank}`).digest('hex').slice(0, 32),
      location: { path: diagnostic.file, lines: { begin: diagnostic.line, end: diagnostic.endLine } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function describe(diagnostic: Diagnostic): string {
  return diagnostic.suggestion ? `${diagnostic.message} ${diagnostic.suggestion}` : diagnostic.message;
}
