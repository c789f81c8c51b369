import path from 'node:path';
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import { hasGlobKeys, type Rule, type Severity } from '../core/rule.js';
import { ConfigError, formatKeyPath } from '../core/errors.js';
import { checkedSharedSetting, SHARED_SETTING_NAMES, type SharedSettingName } from '../core/shared-settings.js';
import type { ResolvedConfig, RuleSetting } from './load.js';
import { plainIssueMessage } from './zod-issues.js';
import { sortByRuleId } from './rule-order.js';

/** A rule switched on for a file, with its options parsed. */
export interface EnabledRule {
  rule: Rule;
  severity: Exclude<Severity, 'off'>;
  options: unknown;
}

type Matcher = (relativePath: string) => boolean;

/**
 * Computes the rules in force for each file: the base settings, then every override whose globs
 * match, in order. Files that match the same overrides share one result, so options are parsed
 * once per distinct combination rather than once per file.
 */
export class FileSettings {
  private readonly overrideMatchers: { include: Matcher; exclude: Matcher }[];
  private readonly cache = new Map<string, EnabledRule[]>();
  /** The config's folder from the root ('' at the root), for the globs of per-glob rule options. */
  private readonly folderFromRoot: string;

  constructor(
    readonly config: ResolvedConfig,
    private readonly rules: ReadonlyMap<string, Rule>,
    /** Absolute path of the lint root; file paths given to `forFile` are relative to it. */
    private readonly root: string,
  ) {
    const compile = (globs: string[]): Matcher =>
      globs.length === 0 ? () => false : picomatch(globs, PATH_GLOB_OPTIONS);
    this.overrideMatchers = config.overrides.map((override) => ({
      include: compile(override.files),
      exclude: compile(override.excludedFiles),
    }));
    this.folderFromRoot = path.relative(root, config.baseDirectory).split(path.sep).join('/');
  }

  /** The rules in force with no override applied (project rules run with these options). */
  base(): EnabledRule[] {
    return this.resolve([]);
  }

  forFile(rootRelativePath: string): EnabledRule[] {
    const configRelative = path
      .relative(this.config.baseDirectory, path.join(this.root, rootRelativePath))
      .split(path.sep)
      .join('/');
    const matched: number[] = [];
    this.overrideMatchers.forEach((matcher, index) => {
      if (matcher.include(configRelative) && !matcher.exclude(configRelative)) matched.push(index);
    });
    return this.resolve(matched);
  }

  private resolve(overrideIndexes: number[]): EnabledRule[] {
    const key = overrideIndexes.join(',');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const settings = new Map<string, RuleSetting>(this.config.rules);
    for (const index of overrideIndexes) {
      for (const [ruleId, entry] of this.config.overrides[index]!.rules) {
        const previous = settings.get(ruleId);
        const layers = [...(previous?.optionLayers ?? [])];
        if (entry.options) layers.push(entry.options);
        settings.set(ruleId, { severity: entry.severity, optionLayers: layers });
      }
    }
    const enabled: EnabledRule[] = [];
    for (const [ruleId, setting] of settings) {
      const rule = this.rules.get(ruleId);
      if (!rule || setting.severity === 'off') continue;
      const merged = Object.assign({}, ...setting.optionLayers) as Record<string, unknown>;
      const parsed = rule.options.safeParse(merged, { error: plainIssueMessage });
      if (!parsed.success) {
        throw new ConfigError([
          {
            file: this.config.filePath ?? '(defaults)',
            path: ['rules', ruleId],
            message: `options are invalid once merged: ${parsed.error.issues.map((issue) => `${formatKeyPath(issue.path.map(String))}: ${issue.message}`).join('; ')}`,
          },
        ]);
      }
      enabled.push({ rule, severity: setting.severity, options: this.rebaseGlobKeys(rule, parsed.data) });
    }
    sortByRuleId(enabled, (entry) => entry.rule.id);
    withSharedSettings(enabled, settings, this.rules);
    this.cache.set(key, enabled);
    return enabled;
  }

  /**
   * Per-glob rule options (`{ "guides/*.md": { … } }`) are written relative to the config's folder,
   * like its other globs; rules match them against root-relative paths, so a config in `docs/`
   * has its keys prefixed with `docs/`. A config whose folder is outside the root (found above a
   * `--root`, or given with --config from a folder outside it) keeps them as written: no prefix
   * leads from there into the root.
   */
  private rebaseGlobKeys(rule: Rule, options: unknown): unknown {
    const prefix = this.folderFromRoot;
    if (prefix === '' || prefix.startsWith('..') || path.isAbsolute(prefix) || !hasGlobKeys(rule)) return options;
    return Object.fromEntries(
      Object.entries(options as Record<string, unknown>).map(([glob, value]) => [
        glob.startsWith('!') ? `!${prefix}/${glob.slice(1)}` : `${prefix}/${glob}`,
        value,
      ]),
    );
  }
}

/**
 * Hands each enabled rule that takes shared settings (`uses`) the names every rule the config sets
 * for the file gives (`shares`), switched off ones included: the user's names stay the user's names
 * where the rule that holds them is off. Options that do not parse give nothing (they fail where
 * the rule is on).
 */
function withSharedSettings(
  enabled: EnabledRule[],
  settings: ReadonlyMap<string, RuleSetting>,
  rules: ReadonlyMap<string, Rule>,
): void {
  if (!enabled.some((entry) => entry.rule.uses)) return;
  const given = new Map<SharedSettingName, string[]>();
  for (const [ruleId, setting] of settings) {
    const rule = rules.get(ruleId);
    if (!rule?.shares) continue;
    const parsed = rule.options.safeParse(Object.assign({}, ...setting.optionLayers));
    if (!parsed.success) continue;
    for (const name of SHARED_SETTING_NAMES) {
      const give = rule.shares[name];
      if (!give) continue;
      const names = checkedSharedSetting(name, ruleId, give(parsed.data));
      if (names.length > 0) given.set(name, [...(given.get(name) ?? []), ...names]);
    }
  }
  for (const entry of enabled) {
    const uses = entry.rule.uses;
    if (!uses) continue;
    for (const name of SHARED_SETTING_NAMES) {
      const names = given.get(name);
      const take = uses[name];
      if (take && names) entry.options = take(entry.options, names);
    }
  }
}
