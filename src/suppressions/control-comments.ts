/**
 * Inline control comments:
 *   <!-- agentops-lint-disable [rule …] -->            until the matching enable (or end of file)
 *   <!-- agentops-lint-enable [rule …] -->
 *   <!-- agentops-lint-disable-next-line [rule …] -->  the next non-blank line
 *   <!-- agentops-lint-disable-file [rule …] -->       the whole file
 * Rule lists are separated by spaces or commas; text after ` -- ` is a free-form reason.
 */
import type { Directive, DirectiveKind } from '../core/facts.js';

const DIRECTIVE = /<!--\s*agentops-lint-(disable-next-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;

export function parseDirectives(
  commentSource: string,
  baseOffset: number,
  pointOf: (offset: number) => { line: number },
  nextContentLine: (line: number) => number,
): Directive[] {
  const result: Directive[] = [];
  for (const match of commentSource.matchAll(DIRECTIVE)) {
    const kind = match[1] as DirectiveKind;
    const argumentsText = match[2]!.split(/\s--\s/)[0]!;
    const argumentsStart = baseOffset + match.index + match[0].indexOf(match[1]!) + match[1]!.length;
    const rules: string[] = [];
    const ruleOffsets: number[] = [];
    for (const ruleMatch of argumentsText.matchAll(/[^\s,]+/g)) {
      rules.push(ruleMatch[0]);
      ruleOffsets.push(argumentsStart + ruleMatch.index);
    }
    const start = baseOffset + match.index;
    const line = pointOf(start).line;
    const directive: Directive = {
      kind,
      rules: rules.length > 0 ? rules : null,
      start,
      end: start + match[0].length,
      line,
      ruleOffsets,
    };
    if (kind === 'disable-next-line') directive.targetLine = nextContentLine(pointOf(directive.end).line);
    result.push(directive);
  }
  return result;
}

interface Silencer {
  directive: Directive;
  used: boolean;
}

/**
 * Decides which diagnostics the directives of one file silence, and remembers which directives
 * silenced something so that unused ones can be reported.
 */
export class SuppressionMap {
  private readonly silencers: Silencer[];

  constructor(private readonly directives: readonly Directive[]) {
    this.silencers = directives.filter((d) => d.kind !== 'enable').map((directive) => ({ directive, used: false }));
  }

  /** Returns true when the diagnostic of `ruleId` at `line` is silenced. */
  suppresses(ruleId: string, line: number): boolean {
    let silenced = false;
    for (const silencer of this.silencers) {
      if (!this.covers(silencer.directive, ruleId, line)) continue;
      silencer.used = true;
      silenced = true;
    }
    return silenced;
  }

  /**
   * The directives that silenced nothing. With `knownRuleIds`, rule ids that are not known are
   * left out (they are reported once, as unknown rules), and a directive that names only unknown
   * rules is not reported again as unused.
   */
  unused(knownRuleIds?: ReadonlySet<string>): Directive[] {
    const result: Directive[] = [];
    for (const { directive, used } of this.silencers) {
      if (used) continue;
      if (!knownRuleIds || directive.rules === null) {
        result.push(directive);
        continue;
      }
      const known = directive.rules.filter((ruleId) => knownRuleIds.has(ruleId));
      if (known.length > 0) result.push(known.length === directive.rules.length ? directive : { ...directive, rules: known });
    }
    return result;
  }

  private covers(directive: Directive, ruleId: string, line: number): boolean {
    if (directive.rules && !directive.rules.includes(ruleId)) return false;
    switch (directive.kind) {
      case 'disable-file':
        return true;
      case 'disable-next-line':
        return directive.targetLine === line;
      case 'disable':
        return line >= directive.line && line < this.reEnabledAt(directive, ruleId);
      default:
        return false;
    }
  }

  /** The line of the first enable after `disable` that re-enables `ruleId`. */
  private reEnabledAt(disable: Directive, ruleId: string): number {
    for (const directive of this.directives) {
      if (directive.kind !== 'enable' || directive.start < disable.end) continue;
      if (directive.rules === null || directive.rules.includes(ruleId)) return directive.line;
    }
    return Number.POSITIVE_INFINITY;
  }
}
