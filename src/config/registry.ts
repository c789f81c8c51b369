/**
 * Everything derived from the rule list: rules by id, the built-in presets, what config loading
 * needs, and the rule table of reports (SARIF, `rules`). rules/index.ts holds the one list and
 * builds the one registry from it; nothing else lists rules.
 */
import { ENGINE_RULES } from '../core/engine-rules.js';
import type { ReportedRule, Rule } from '../core/rule.js';
import { ENGINE_DOCS_URL, ruleDocsUrl } from '../core/tool.js';
import type { ConfigContext } from './load.js';
import { builtInPresets, type Preset } from './presets.js';
import { sortByRuleId } from './rule-order.js';
import { jsonSchema } from './schema.js';

export interface Registry {
  /** Every configurable rule, sorted by id. */
  rules: readonly Rule[];
  byId: ReadonlyMap<string, Rule>;
  presets: ReadonlyMap<string, Preset>;
  configContext: ConfigContext;
  /** Configurable rules and engine diagnostics, as SARIF and the rules list describe them. */
  reportedRules: readonly ReportedRule[];
  /** The JSON Schema of the config file (`agentops-lint schema`, schema.json). */
  configJsonSchema(): Record<string, unknown>;
}

export function createRegistry(unsorted: readonly Rule[]): Registry {
  const rules = sortByRuleId([...unsorted], (rule) => rule.id);
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  if (byId.size !== rules.length) throw new Error('two rules share an id');
  const presets = builtInPresets(rules);
  return {
    rules,
    byId,
    presets,
    configContext: { rules: byId, presets },
    reportedRules: [
      ...rules.map((rule) => ({
        id: rule.id,
        description: rule.description,
        docsUrl: ruleDocsUrl(rule.id),
        defaultSeverity: rule.defaultSeverity,
      })),
      ...ENGINE_RULES.map((rule) => ({
        id: rule.id,
        description: rule.description,
        docsUrl: ENGINE_DOCS_URL,
        defaultSeverity: 'error' as const,
      })),
    ],
    configJsonSchema: () => jsonSchema(rules, [...presets.keys()]),
  };
}
