/**
 * Settings that one rule's options give to other rules. The user writes a name once, in the rule
 * it belongs to (a canonical mapping of mapping-consistency, a term of term-consistency), and the
 * rules that must accept it get it too, without reading another rule's options by its id: a rule
 * declares what it gives (`RuleMeta.shares`) and what it takes (`RuleMeta.uses`), by the names of
 * this table, and the config layer hands each taker what every giver in force for the same file
 * gives (src/config/file-settings.ts). Every shared setting is a list of names; the lists of all
 * givers are joined.
 */
import { z } from 'zod';

const namesSchema = z.array(z.string().min(1));

export const SHARED_SETTINGS = {
  acceptedNames: namesSchema.describe(
    "Names the config declares right as written (the user's own words): the sides of a canonical mapping, a concept vocabulary, the forms of a term, the replacement of a retired phrase.",
  ),
  kubernetesNames: namesSchema.describe(
    'Names the config declares Kubernetes concepts: the Kubernetes side of the canonical mapping.',
  ),
} as const;

export type SharedSettingName = keyof typeof SHARED_SETTINGS;

/** The value of each shared setting, as every giver in force gives it (joined). */
export type SharedSettings = { readonly [Name in SharedSettingName]: readonly string[] };

/** What a rule gives: for each shared setting it feeds, the names its options hold. */
export type SharedSettingGivers<Options> = {
  readonly [Name in SharedSettingName]?: (options: Options) => readonly string[];
};

/** What a rule takes: for each shared setting it reads, its options completed with the names others give. */
export type SharedSettingTakers<Options> = {
  readonly [Name in SharedSettingName]?: (options: Options, names: readonly string[]) => Options;
};

export const SHARED_SETTING_NAMES = Object.keys(SHARED_SETTINGS) as SharedSettingName[];

/**
 * What a giver returns, checked against the setting's schema: a rule (a plugin's among them) that
 * gives something other than a list of names is a bug of that rule, named as such.
 */
export function checkedSharedSetting(name: SharedSettingName, ruleId: string, value: unknown): readonly string[] {
  const parsed = SHARED_SETTINGS[name].safeParse(value);
  if (!parsed.success)
    throw new Error(`Rule "${ruleId}" gives the shared setting "${name}" something other than a list of names.`);
  return parsed.data;
}
