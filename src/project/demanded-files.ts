/**
 * Demand-driven reading for rules that compare documents across the repository
 * (ProjectRule.readsAllFiles): a run on a few named files reads every project file's bytes, but
 * parses only those whose raw text may add something to such a rule (ProjectRule.mayContribute, a
 * superset test) under the rules in force for that file. Files the named files link to are added
 * by the engine as usual. A file that no comparing rule is on for, or whose text surely holds
 * nothing for them, adds nothing to their `extract`, so leaving it out cannot change a result.
 */
import type { EnabledRule } from '../config/file-settings.js';
import type { ProjectRule } from '../core/rule.js';
import { decodeMarkdown } from '../markdown/decode.js';

/** How many files are read at once. */
const READ_CONCURRENCY = 32;

/** The rules in force for a file that compare it with every other file, with their options. */
export function comparingRules(enabled: readonly EnabledRule[]): { rule: ProjectRule; options: unknown }[] {
  const result: { rule: ProjectRule; options: unknown }[] = [];
  for (const { rule, options } of enabled) if (rule.scope === 'project' && rule.readsAllFiles?.(options)) result.push({ rule, options });
  return result;
}

export interface DemandQuestion {
  /** The project's files besides the targets (which are always parsed). */
  candidates: readonly string[];
  read(file: string): Promise<Uint8Array>;
  /** The rules in force for a file. */
  rulesFor(file: string): readonly EnabledRule[];
}

async function mayContribute(file: string, question: DemandQuestion): Promise<boolean> {
  const rules = comparingRules(question.rulesFor(file));
  if (rules.length === 0) return false;
  if (rules.some(({ rule }) => rule.mayContribute === undefined)) return true;
  let bytes: Uint8Array;
  try {
    bytes = await question.read(file);
  } catch {
    return true; // the engine reads it again and says what is wrong, as a full run would
  }
  const decoded = decodeMarkdown(bytes);
  // A file that is not UTF-8 text is left to the engine, which decides what a full run would.
  if (!decoded.ok) return true;
  return rules.some(({ rule, options }) => rule.mayContribute!(decoded.text, options));
}

/** The candidates that comparing rules may need, in their order. */
export async function filesThatMayContribute(question: DemandQuestion): Promise<string[]> {
  const { candidates } = question;
  const needed = new Array<boolean>(candidates.length).fill(false);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const index = next++;
      needed[index] = await mayContribute(candidates[index]!, question);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, candidates.length) }, worker));
  return candidates.filter((_, index) => needed[index]);
}
