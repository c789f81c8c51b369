import { EXTRA_PRESETS, RULES } from '../rules/index.js';
import type { ConfigContext } from './config/load.js';
import { builtInPresets } from './config/presets.js';
import { ENGINE_RULES } from './engine/engine-rules.js';
import type { ReportedRule } from './reporters/report.js';
import type { Rule } from './rule.js';
import { ENGINE_DOCS_URL, ruleDocsUrl } from './tool.js';

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.id, rule]));

export const PRESETS = builtInPresets(RULES, EXTRA_PRESETS);

export const CONFIG_CONTEXT: ConfigContext = { rules: RULES_BY_ID, presets: PRESETS };

/** Configurable rules and engine diagnostics, as SARIF and the rules list describe them. */
export function reportedRules(): ReportedRule[] {
  return [
    ...RULES.map((rule) => ({ id: rule.id, description: rule.description, docsUrl: ruleDocsUrl(rule.id), defaultSeverity: rule.defaultSeverity })),
    ...ENGINE_RULES.map((rule) => ({ id: rule.id, description: rule.description, docsUrl: ENGINE_DOCS_URL, defaultSeverity: 'error' as const })),
  ];
}
