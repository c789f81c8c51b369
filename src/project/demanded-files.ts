/**
 * Demand-driven reading for rules that compare documents across the repository
 * (ProjectRule.readsAllFiles): a run on a few named files analyses those files first, then asks
 * each such rule which other files can change what it reports on them (ProjectRule.demandedBy,
 * from what the named files extracted; else ProjectRule.mayContribute). Only the files whose raw
 * text passes that superset test are parsed; when no rule needs another file (the usual case: the
 * named files use no compared term and state no mapping), no other file is even read. A rule may
 * ask again once the chosen files are analysed (a second step: the mappings that decide whether a
 * statement is compared at all); the files left out are tested again only with tests that changed.
 * Files the named files link to are added by the engine as usual. Leaving out a file that surely
 * adds nothing a rule reports on the named files cannot change a result.
 */
import type { EnabledRule } from '../config/file-settings.js';
import type { FileFacts } from '../core/facts.js';
import { mapConcurrently } from '../core/concurrency.js';
import type { DemandTest, ProjectRule } from '../core/rule.js';
import { decodeMarkdown } from '../markdown/decode.js';

/** How many files are read at once. */
const READ_CONCURRENCY = 32;

/** The rules in force for a file that compare it with every other file, with their options. */
export function comparingRules(enabled: readonly EnabledRule[]): { rule: ProjectRule; options: unknown }[] {
  const result: { rule: ProjectRule; options: unknown }[] = [];
  for (const { rule, options } of enabled)
    if (rule.scope === 'project' && rule.readsAllFiles?.(options)) result.push({ rule, options });
  return result;
}

export interface DemandQuestion {
  /** The project's files besides the targets (which are always analysed). */
  candidates: readonly string[];
  read(file: string): Promise<Uint8Array>;
  /** The rules in force for a file. */
  rulesFor(file: string): readonly EnabledRule[];
  /**
   * The rules that compare documents for the targets (readsAllFiles where the targets are linted).
   * A file whose own config gives such a rule other options still feeds it: its test then runs
   * with that file's options. Without it, the rules that read every file under the file's own config.
   */
  ruleIds?: ReadonlySet<string>;
}

/** What the analysed files hold so far: the targets', and those of the files chosen in earlier rounds. */
export interface DemandKnowledge {
  targets?: ReadonlyMap<string, FileFacts>;
  demanded?: ReadonlyMap<string, FileFacts>;
}

/** A test, or what is known without reading: 'always' (no test), 'never' (nothing needed). */
type Demand = DemandTest | 'always' | 'never';

const MAY_CONTRIBUTE_KEY = 'mayContribute';

/** Each rule's extracted data from a set of files. */
function extractedBy(ruleId: string, files: ReadonlyMap<string, FileFacts> | undefined): unknown[] {
  const data: unknown[] = [];
  for (const facts of files?.values() ?? [])
    if (facts.extracted[ruleId] !== undefined) data.push(facts.extracted[ruleId]);
  return data;
}

/**
 * The files of a run on named files that comparing rules need, found in rounds: `next` returns
 * the files not chosen before that the rules' tests now choose.
 */
export class DemandedFiles {
  private readonly chosen = new Set<string>();
  /** Per rule and options object, the keys of the tests already applied to every file not chosen. */
  private readonly applied = new Map<ProjectRule, Map<unknown, Set<string>>>();

  constructor(private readonly question: DemandQuestion) {}

  async next(knowledge: DemandKnowledge): Promise<string[]> {
    const demands = new Map<ProjectRule, Map<unknown, Demand>>();
    const demandOf = (rule: ProjectRule, options: unknown): Demand => {
      let byOptions = demands.get(rule);
      if (!byOptions) {
        byOptions = new Map();
        demands.set(rule, byOptions);
      }
      let demand = byOptions.get(options);
      if (demand === undefined) {
        demand = this.build(rule, options, knowledge);
        byOptions.set(options, demand);
      }
      return demand;
    };
    const candidates = this.question.candidates.filter((file) => !this.chosen.has(file));
    const needed = await mapConcurrently(candidates, READ_CONCURRENCY, (file) => this.isDemanded(file, demandOf));
    this.remember(demands);
    const result = candidates.filter((_, index) => needed[index]);
    for (const file of result) this.chosen.add(file);
    return result;
  }

  private build(rule: ProjectRule, options: unknown, knowledge: DemandKnowledge): Demand {
    if (knowledge.targets && rule.demandedBy) {
      const named = {
        files: [...knowledge.targets.values()],
        extracted: extractedBy(rule.id, knowledge.targets),
        demanded: extractedBy(rule.id, knowledge.demanded),
      };
      return rule.demandedBy(named, options) ?? 'never';
    }
    if (rule.mayContribute)
      return { key: MAY_CONTRIBUTE_KEY, text: (rawText) => rule.mayContribute!(rawText, options) };
    return 'always';
  }

  private wasApplied(rule: ProjectRule, options: unknown, test: DemandTest): boolean {
    return this.applied.get(rule)?.get(options)?.has(test.key) ?? false;
  }

  private remember(demands: ReadonlyMap<ProjectRule, ReadonlyMap<unknown, Demand>>): void {
    for (const [rule, byOptions] of demands) {
      for (const [options, demand] of byOptions) {
        if (typeof demand !== 'object') continue;
        let applied = this.applied.get(rule);
        if (!applied) {
          applied = new Map();
          this.applied.set(rule, applied);
        }
        let keys = applied.get(options);
        if (!keys) {
          keys = new Set();
          applied.set(options, keys);
        }
        keys.add(demand.key);
      }
    }
  }

  private async isDemanded(file: string, demandOf: (rule: ProjectRule, options: unknown) => Demand): Promise<boolean> {
    const { question } = this;
    const enabled = question.rulesFor(file);
    const rules = question.ruleIds
      ? enabled.filter(({ rule }) => rule.scope === 'project' && question.ruleIds!.has(rule.id))
      : comparingRules(enabled);
    let tests: DemandTest[] = [];
    for (const { rule, options } of rules) {
      const demand = demandOf(rule as ProjectRule, options);
      if (demand === 'always') return true;
      // A test applied in an earlier round already left this file out.
      if (demand !== 'never' && !this.wasApplied(rule as ProjectRule, options, demand)) tests.push(demand);
    }
    tests = tests.filter((test) => test.path?.(file) ?? true);
    // No rule can use this file: it is not even read.
    if (tests.length === 0) return false;
    let bytes: Uint8Array;
    try {
      bytes = await question.read(file);
    } catch {
      return true; // the engine reads it again and says what is wrong, as a full run would
    }
    const decoded = decodeMarkdown(bytes);
    // A file that is not UTF-8 text is left to the engine, which decides what a full run would.
    if (!decoded.ok) return true;
    return tests.some((test) => test.text(decoded.text, file));
  }
}

/** The candidates that comparing rules may need, in one round (for tests and tools). */
export async function demandedFiles(question: DemandQuestion & DemandKnowledge): Promise<string[]> {
  return new DemandedFiles(question).next(question);
}
