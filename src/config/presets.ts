import type { Rule } from '../rule.js';
import type { RuleEntry } from './schema.js';

export interface Preset {
  name: string;
  description: string;
  rules: Record<string, RuleEntry>;
}

/**
 * Built-in presets. `recommended` is derived from rule metadata so that a new rule only has to
 * say `recommended: true`; other presets are data contributed by the rule families.
 */
export function builtInPresets(rules: readonly Rule[], extra: readonly Preset[] = []): Map<string, Preset> {
  const recommended: Preset = {
    name: 'recommended',
    description: 'Every rule that needs no project-specific configuration, at its default severity.',
    rules: Object.fromEntries(rules.filter((rule) => rule.recommended).map((rule) => [rule.id, rule.defaultSeverity])),
  };
  const all: Preset = {
    name: 'all',
    description: 'Every rule at its default severity (rules without configuration may report nothing).',
    rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.defaultSeverity])),
  };
  return new Map([recommended, all, ...extra].map((preset) => [preset.name, preset]));
}
