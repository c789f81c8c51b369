import type { Rule } from '../core/rule.js';
import type { RuleEntry } from './schema.js';

export interface Preset {
  name: string;
  description: string;
  rules: Record<string, RuleEntry>;
}

/**
 * The built-in presets and what each is for. Which rules a preset turns on comes from rule
 * metadata only: `recommended: true`, every rule for `all`, and a rule's `presets` entry for the
 * others, so a rule joins a preset in its own file.
 */
const PRESET_DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['recommended', 'Every rule that needs no project-specific configuration, at its default severity.'],
  ['all', 'Every rule at its default severity (rules without configuration may report nothing).'],
  [
    'kubernetes',
    'Kubernetes terminology and mappings: the built-in kubernetes term pack, one spelling of each name across the repository, mapping consistency and real Kubernetes concepts.',
  ],
]);

export function builtInPresets(rules: readonly Rule[]): Map<string, Preset> {
  const presets = new Map<string, Preset>();
  for (const [name, description] of PRESET_DESCRIPTIONS) presets.set(name, { name, description, rules: {} });
  for (const rule of rules) {
    if (rule.recommended) presets.get('recommended')!.rules[rule.id] = rule.defaultSeverity;
    presets.get('all')!.rules[rule.id] = rule.defaultSeverity;
    for (const [name, setting] of Object.entries(rule.presets ?? {})) {
      const preset = presets.get(name);
      if (!preset || name === 'recommended' || name === 'all')
        throw new Error(`rule "${rule.id}" names an unknown preset "${name}"`);
      preset.rules[rule.id] = setting;
    }
  }
  return presets;
}
