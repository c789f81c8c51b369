/**
 * A cap on the findings of one rule in one file. A crafted file can make a rule report hundreds of
 * thousands of problems (100,000 control characters, each a mojibake finding): past the cap they
 * are summed up in one too-many-findings problem, so that the report, the memory it takes and the
 * fixes of a pass stay bounded. --fix applies the fixes of the problems listed; the next pass lints
 * again and lists the next ones, and the summary of the last pass says how many remain.
 */
import type { PendingDiagnostic } from '../core/diagnostic.js';
import { TOO_MANY_FINDINGS } from '../core/engine-rules.js';
import { toPending } from './analyze-file.js';

/** The default of the config's `maxFindingsPerRule`. */
export const DEFAULT_MAX_FINDINGS_PER_RULE = 1000;

/**
 * The findings of one file with at most `limit` per rule, in their order; each rule's findings
 * beyond it become one too-many-findings problem where the first of them was, with that one's
 * severity.
 */
export function capFindings(file: string, findings: readonly PendingDiagnostic[], limit: number): PendingDiagnostic[] {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
  if ([...counts.values()].every((count) => count <= limit)) return [...findings];
  const seen = new Map<string, number>();
  const kept: PendingDiagnostic[] = [];
  for (const finding of findings) {
    const index = (seen.get(finding.ruleId) ?? 0) + 1;
    seen.set(finding.ruleId, index);
    if (index <= limit) kept.push(finding);
    else if (index === limit + 1) {
      const count = counts.get(finding.ruleId)! - limit;
      kept.push(
        toPending(file, TOO_MANY_FINDINGS.id, finding.severity, TOO_MANY_FINDINGS.messages, {
          messageId: 'more',
          data: { count: count.toLocaleString('en-US'), rule: finding.ruleId, limit: limit.toLocaleString('en-US') },
          at: { start: finding.start, end: finding.start },
        }),
      );
    }
  }
  return kept;
}
