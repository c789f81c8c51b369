import path from 'node:path';
import picomatch from 'picomatch';
import type { Rule, Severity } from '../core/rule.js';
import { ConfigError } from '../core/errors.js';
import type { ResolvedConfig, RuleSetting } from './load.js';

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

  constructor(
    readonly config: ResolvedConfig,
    private readonly rules: ReadonlyMap<string, Rule>,
    /** Absolute path of the lint root; file paths given to `forFile` are relative to it. */
    private readonly root: string,
  ) {
    const compile = (globs: string[]): Matcher => (globs.length === 0 ? () => false : picomatch(globs, { dot: true }));
    this.overrideMatchers = config.overrides.map((override) => ({
      include: compile(override.files),
      exclude: compile(override.excludedFiles),
    }));
  }

  /** The rules in force with no override applied (project rules run with these options). */
  base(): EnabledRule[] {
    return this.resolve([]);
  }

  forFile(rootRelativePath: string): EnabledRule[] {
    const configRelative = path.relative(this.config.baseDirectory, path.join(this.root, rootRelativePath)).split(path.sep).join('/');
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
      const parsed = rule.options.safeParse(merged);
      if (!parsed.success) {
        throw new ConfigError([
          {
            file: this.config.filePath ?? '(defaults)',
            path: ['rules', ruleId],
            message: `options are invalid once merged: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
          },
        ]);
      }
      enabled.push({ rule, severity: setting.severity, options: parsed.data });
    }
    enabled.sort((a, b) => a.rule.id.localeCompare(b.rule.id));
    this.cache.set(key, enabled);
    return enabled;
  }
}
