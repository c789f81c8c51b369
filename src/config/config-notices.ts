/**
 * Notices about configs that are valid but cannot be what their author meant: a config that
 * turns no rule on, and globs that match no file (most often written from the wrong folder: a
 * config's globs are relative to its own folder; or a typo in a contract's glob, which would
 * switch the contract off). They warn, or fail the run where the config says `strictConfig: true`
 * or the command line says --strict-config.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConfigError, formatKeyPath, type ConfigIssue } from '../core/errors.js';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import type { RepositoryPaths } from '../core/facts.js';
import type { Rule } from '../core/rule.js';
import { closestMatches, editDistance } from '../text/did-you-mean.js';
import type { ConfigSet } from './config-set.js';
import { locateConfigKey, type ResolvedConfig } from './load.js';
import { optionGlobs } from './option-globs.js';

/** A notice about one config: printed as a warning, or one issue of a ConfigError where strict. */
export interface ConfigNotice {
  config: ResolvedConfig;
  /** The warning as printed (after "agentops-lint: warning: "). */
  text: string;
  /** Where it is in the config and what is wrong, for the error it becomes where strict. */
  issue: Omit<ConfigIssue, 'file' | 'line' | 'column'>;
  /** The position to name: the key itself (a glob that is a key) rather than its value. */
  atKey: boolean;
  /** A contradiction rather than a doubt: an error whether the config is strict or not. */
  alwaysError?: boolean;
}

/** Whether a config switches no rule on anywhere: it checks nothing. */
export function turnsNoRuleOn(config: ResolvedConfig): boolean {
  const on = (severity: string): boolean => severity !== 'off';
  const inRules = [...config.rules.values()].some((setting) => on(setting.severity));
  const inOverrides = config.overrides.some((override) =>
    [...override.rules.values()].some((entry) => on(entry.severity)),
  );
  return !inRules && !inOverrides;
}

interface GlobEntry {
  keyPath: (string | number)[];
  glob: string;
  /** Folders count as matches (ignore-like globs), not only files. */
  matchesFolders: boolean;
  /** The glob is matched against root-relative paths, not paths relative to the config's folder. */
  rootRelative: boolean;
  /** The glob is an object key (a rule's per-glob options). */
  isKey: boolean;
  /** Only files the run lints count as matches (GlobOption.lintedOnly). */
  lintedOnly: boolean;
}

/** The globs of a rule's options as written at `optionsPath`, where the rule declares them; negated ones match "everything but" and are left alone. */
function optionGlobEntries(
  rule: Rule | undefined,
  options: Record<string, unknown> | undefined,
  optionsPath: (string | number)[],
): GlobEntry[] {
  if (!rule || !options) return [];
  return optionGlobs(rule, options)
    .filter((found) => !found.declared.syntaxOnly && !found.glob.startsWith('!'))
    .map((found) => ({
      keyPath: [...optionsPath, ...found.keyPath],
      glob: found.glob,
      matchesFolders: false,
      rootRelative: found.declared.relativeTo === 'root',
      isKey: found.isKey,
      lintedOnly: found.declared.lintedOnly === true,
    }));
}

function globsOf(config: ResolvedConfig, rules: ReadonlyMap<string, Rule>): GlobEntry[] {
  const entries: GlobEntry[] = [];
  const listEntry = (keyPath: (string | number)[], glob: string, matchesFolders: boolean): GlobEntry => ({
    keyPath,
    glob,
    matchesFolders,
    rootRelative: false,
    isKey: false,
    lintedOnly: false,
  });
  if (config.filesDeclared)
    for (const [index, glob] of config.files.entries()) entries.push(listEntry(['files', index], glob, false));
  for (const [index, glob] of config.ignore.entries()) entries.push(listEntry(['ignore', index], glob, true));
  for (const [ruleId, options] of config.writtenOptions ?? [])
    entries.push(...optionGlobEntries(rules.get(ruleId), options, ['rules', ruleId, 1]));
  config.overrides.forEach((override, overrideIndex) => {
    for (const [index, glob] of override.files.entries())
      entries.push(listEntry(['overrides', overrideIndex, 'files', index], glob, true));
    for (const [index, glob] of override.excludedFiles.entries())
      entries.push(listEntry(['overrides', overrideIndex, 'excludedFiles', index], glob, true));
    for (const [ruleId, entry] of override.rules)
      entries.push(
        ...optionGlobEntries(rules.get(ruleId), entry.options, ['overrides', overrideIndex, 'rules', ruleId, 1]),
      );
  });
  return entries;
}

/**
 * An ignore-like glob whose fixed folder exists (`node_modules/**`, `build/**` when .gitignore
 * hides build/) points at something real: the listing just does not show it.
 */
function namesExistingFolder(glob: string, baseDirectory: string): boolean {
  const base = picomatch.scan(glob).base;
  return base !== '' && existsSync(path.join(baseDirectory, base));
}

interface PathsSeen {
  files: string[];
  folders: string[];
}

/** The paths of the listing as a config's globs see them: relative to its folder, those inside it. */
function pathsUnder(configs: ConfigSet, config: ResolvedConfig, paths: RepositoryPaths): PathsSeen {
  const relative = (list: Iterable<string>): string[] =>
    [...list].map((file) => configs.relativeTo(config, file)).filter((file) => !file.startsWith('../'));
  return { files: relative(paths.files), folders: relative(paths.directories) };
}

/**
 * The glob with its fixed folder replaced by the nearest existing folder (`factor/*.md` →
 * `factors/*.md`), or a plain path replaced by the nearest existing file, where that matches
 * files: a did-you-mean only where the answer is clear.
 */
function nearestGlob(glob: string, seen: PathsSeen): string | undefined {
  const scan = picomatch.scan(glob);
  // A plain path: a file one or two letters away (a typo), not merely the most similar one.
  if (!scan.isGlob)
    return closestMatches(glob, seen.files).find(
      (file) => editDistance(glob.toLowerCase(), file.toLowerCase(), 2) <= 2,
    );
  const base = scan.base;
  if (base === '' || seen.folders.includes(base)) return undefined;
  for (const folder of closestMatches(base, seen.folders, 3)) {
    const candidate = `${folder}${glob.slice(base.length)}`;
    const isMatch = picomatch(candidate, PATH_GLOB_OPTIONS);
    if (seen.files.some((file) => isMatch(file))) return candidate;
  }
  return undefined;
}

/** Paths of the listing as a config's globs saw them, back to root-relative ones (the config's folder is inside the root). */
function rootRelativeOf(
  configs: ConfigSet,
  config: ResolvedConfig,
  files: readonly string[],
  rootRelative: boolean,
): string[] | undefined {
  if (rootRelative) return [...files];
  const folder = path.relative(configs.root, config.baseDirectory).split(path.sep).join('/');
  if (folder.startsWith('..') || path.isAbsolute(folder)) return undefined;
  return folder === '' ? [...files] : files.map((file) => `${folder}/${file}`);
}

function unmatchedGlobNotices(configs: ConfigSet, config: ResolvedConfig, paths: RepositoryPaths): ConfigNotice[] {
  const entries = globsOf(config, configs.rules);
  if (entries.length === 0) return [];
  const under = pathsUnder(configs, config, paths);
  const fromRoot: PathsSeen = { files: [...paths.files], folders: [...paths.directories] };
  const notices: ConfigNotice[] = [];
  for (const entry of entries) {
    const pattern = entry.glob.startsWith('!') ? entry.glob.slice(1) : entry.glob;
    const isMatch = picomatch(pattern, PATH_GLOB_OPTIONS);
    const matches = (file: string): boolean => isMatch(file);
    const seen = entry.rootRelative ? fromRoot : under;
    const matched = seen.files.filter(matches);
    let problem: string;
    if (matched.length > 0) {
      const linted = (file: string): boolean => configs.isMarkdown(file) && !configs.isIgnored(file);
      // A config outside the root (found above it, or given with --config) is not second-guessed.
      const candidates = entry.lintedOnly ? rootRelativeOf(configs, config, matched, entry.rootRelative) : undefined;
      if (candidates === undefined || candidates.some(linted)) continue;
      problem = `"${entry.glob}" matches only files that are not linted (ignored, or not Markdown by "files"), such as "${[...matched].sort()[0]}"`;
    } else {
      if (entry.matchesFolders && (seen.folders.some(matches) || namesExistingFolder(pattern, config.baseDirectory)))
        continue;
      const nearest = nearestGlob(pattern, seen);
      const hint = nearest === undefined ? '' : ` (did you mean "${entry.glob.startsWith('!') ? '!' : ''}${nearest}"?)`;
      const where = entry.rootRelative
        ? "in the repository (this option's globs are relative to the repository root)"
        : whereGlobsStart(configs, config);
      problem = `"${entry.glob}" matches no file ${where}${hint}`;
    }
    notices.push({
      config,
      text: `${configs.shownName(config)}: ${formatKeyPath(entry.keyPath)} ${problem}.`,
      issue: { path: entry.keyPath, message: problem },
      atKey: entry.isKey,
    });
  }
  return notices;
}

function whereGlobsStart(configs: ConfigSet, config: ResolvedConfig): string {
  if (configs.isSingle) return 'under the current folder (with --config, globs are relative to the current folder)';
  const folder = path.relative(configs.root, config.baseDirectory).split(path.sep).join('/');
  return folder === ''
    ? "under the repository root (the config's folder)"
    : `under ${folder}/ (a config's globs are relative to its own folder)`;
}

const spelled = (value: unknown): string => JSON.stringify(value) ?? 'nothing';

/**
 * A folder's config that gives a rule another value of a repository-wide option
 * (Rule.repositoryWideOptions) than the root config does, where both turn the rule on: the rule
 * has one such setting for the run, so one of the two would be ignored without a word.
 */
function repositoryWideConflicts(configs: ConfigSet): ConfigNotice[] {
  const root = configs.rootConfig();
  const rootRules = new Map(configs.base().map((enabled) => [enabled.rule.id, enabled]));
  const notices: ConfigNotice[] = [];
  for (const config of configs.configs()) {
    if (config === root || config.filePath === undefined) continue;
    for (const enabled of configs.baseOf(config)) {
      const atRoot = rootRules.get(enabled.rule.id);
      if (!atRoot) continue;
      for (const key of enabled.rule.repositoryWideOptions ?? []) {
        const here = (enabled.options as Record<string, unknown>)[key];
        const there = (atRoot.options as Record<string, unknown>)[key];
        if (spelled(here) === spelled(there)) continue;
        const written = config.writtenOptions?.get(enabled.rule.id)?.[key] !== undefined;
        const keyPath = written ? ['rules', enabled.rule.id, 1, key] : ['rules', enabled.rule.id];
        const message = `"${key}" of rule "${enabled.rule.id}" is one setting for the whole repository: this config gives ${spelled(here)}, the root config (${configs.shownName(root)}) ${spelled(there)}; set it in the root config only`;
        notices.push({
          config,
          text: `${configs.shownName(config)}: ${formatKeyPath(keyPath)}: ${message}.`,
          issue: { path: keyPath, message },
          atKey: written,
          alwaysError: true,
        });
      }
    }
  }
  return notices;
}

/** The notices about every config the run has used so far, given the repository's paths. */
export function configNotices(configs: ConfigSet, paths: RepositoryPaths): ConfigNotice[] {
  const notices: ConfigNotice[] = [];
  for (const config of configs.configs()) {
    if (config.filePath === undefined) continue;
    if (turnsNoRuleOn(config)) {
      const message =
        'no rule is on: the config has no "extends" and turns no rule on. Add "extends: [recommended]" to start from the recommended rules';
      notices.push({
        config,
        text: `${configs.shownName(config)}: ${message}.`,
        issue: { path: [], message },
        atKey: false,
      });
    }
    notices.push(...unmatchedGlobNotices(configs, config, paths));
  }
  notices.push(...repositoryWideConflicts(configs));
  return notices;
}

/**
 * Prints each notice as a warning, except those of a strict config (`strictConfig: true`, or every
 * config with --strict-config) and contradictions: they fail the run together, as one ConfigError
 * (exit code 2), once the others are printed.
 */
export function reportConfigNotices(
  notices: readonly ConfigNotice[],
  configs: ConfigSet,
  warn: (message: string) => void,
  strictEverywhere: boolean,
): void {
  const errors: ConfigIssue[] = [];
  for (const notice of notices) {
    const strict = strictEverywhere || notice.config.strictConfig === true;
    if (!strict && !notice.alwaysError) {
      warn(notice.text);
      continue;
    }
    const why = notice.alwaysError
      ? ''
      : ` (an error with ${strictEverywhere ? '--strict-config' : 'strictConfig: true'})`;
    errors.push({
      file: configs.shownName(notice.config),
      ...notice.issue,
      message: `${notice.issue.message}${why}`,
      ...locateConfigKey(notice.config, notice.issue.path, notice.atKey),
    });
  }
  if (errors.length > 0) throw new ConfigError(errors);
}
