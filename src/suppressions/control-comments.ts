/**
 * Inline control comments:
 *   <!-- agentops-lint-disable [rule …] -->            until the matching enable (or end of file)
 *   <!-- agentops-lint-enable [rule …] -->
 *   <!-- agentops-lint-disable-next-line [rule …] -->  the next non-blank line
 *   <!-- agentops-lint-disable-file [rule …] -->       the whole file
 * Rule lists are separated by spaces or commas; text after ` -- ` is a free-form reason.
 */
import type { Directive, DirectiveKind } from '../core/facts.js';
import { partitionPoint } from '../core/sorted-search.js';

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

/** What silences one rule: its silencers by kind, each disable with the line its rule is enabled again. */
interface RuleSilencers {
  wholeFile: Silencer[];
  byTargetLine: Map<number, Silencer[]>;
  /** Disables in order of their line, each covering [line, until). */
  ranges: { silencer: Silencer; line: number; until: number }[];
  /** The greatest `until` of ranges[0..i]: whether any range that starts at or before a line still covers it. */
  reachUntil: number[];
}

/**
 * Decides which diagnostics the directives of one file silence, and remembers which directives
 * silenced something so that unused ones can be reported. The directives that can silence a rule
 * are indexed once per rule asked about, so that a question costs the directives that answer it,
 * not all of them: 50,000 control comments used to take minutes.
 */
export class SuppressionMap {
  private readonly silencers: Silencer[];
  private readonly byRule = new Map<string, RuleSilencers>();

  constructor(private readonly directives: readonly Directive[]) {
    this.silencers = directives.filter((d) => d.kind !== 'enable').map((directive) => ({ directive, used: false }));
  }

  /** Returns true when the diagnostic of `ruleId` at `line` is silenced. */
  suppresses(ruleId: string, line: number): boolean {
    const index = this.indexFor(ruleId);
    let silenced = false;
    const use = (silencer: Silencer): void => {
      silencer.used = true;
      silenced = true;
    };
    index.wholeFile.forEach(use);
    index.byTargetLine.get(line)?.forEach(use);
    // The disables that start at or before the line, walked back while one of them can still cover it.
    let last = upperBound(index.ranges, line) - 1;
    while (last >= 0 && index.reachUntil[last]! > line) {
      const range = index.ranges[last]!;
      if (range.until > line) use(range.silencer);
      last--;
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
      if (known.length > 0)
        result.push(known.length === directive.rules.length ? directive : { ...directive, rules: known });
    }
    return result;
  }

  /** The silencers of `ruleId`, indexed in one pass over the directives in file order. */
  private indexFor(ruleId: string): RuleSilencers {
    const known = this.byRule.get(ruleId);
    if (known) return known;
    const index: RuleSilencers = { wholeFile: [], byTargetLine: new Map(), ranges: [], reachUntil: [] };
    const silencerOf = new Map(this.silencers.map((silencer) => [silencer.directive, silencer]));
    // Disables of this rule not yet enabled again: the next enable that names it (or every rule) ends them.
    let open: { silencer: Silencer; line: number; until: number; end: number }[] = [];
    const ordered = [...this.directives].sort((a, b) => a.start - b.start);
    for (const directive of ordered) {
      if (directive.rules && !directive.rules.includes(ruleId)) continue;
      if (directive.kind === 'enable') {
        // An enable ends the disables that closed before it started.
        const still: typeof open = [];
        for (const range of open) {
          if (range.end <= directive.start) range.until = directive.line;
          else still.push(range);
        }
        open = still;
        continue;
      }
      const silencer = silencerOf.get(directive)!;
      if (directive.kind === 'disable-file') index.wholeFile.push(silencer);
      else if (directive.kind === 'disable-next-line') {
        if (directive.targetLine === undefined) continue;
        const list = index.byTargetLine.get(directive.targetLine) ?? [];
        list.push(silencer);
        index.byTargetLine.set(directive.targetLine, list);
      } else {
        const range = { silencer, line: directive.line, until: Number.POSITIVE_INFINITY, end: directive.end };
        index.ranges.push(range);
        open.push(range);
      }
    }
    index.ranges.sort((a, b) => a.line - b.line);
    let reach = Number.NEGATIVE_INFINITY;
    for (const range of index.ranges) {
      reach = Math.max(reach, range.until);
      index.reachUntil.push(reach);
    }
    this.byRule.set(ruleId, index);
    return index;
  }
}

/** The number of ranges whose line is at or before `line` (they are sorted by line). */
function upperBound(ranges: readonly { line: number }[], line: number): number {
  return partitionPoint(ranges.length, (index) => ranges[index]!.line <= line);
}
