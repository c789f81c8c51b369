/**
 * Warnings about configs that are valid but cannot be what their author meant: a config that
 * turns no rule on, and globs that match no file (most often written from the wrong folder:
 * a config's globs are relative to its own folder). They warn and never fail the run.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import { formatKeyPath } from '../core/errors.js';
import type { RepositoryPaths } from '../core/facts.js';
import type { ConfigSet } from './config-set.js';
import type { ResolvedConfig } from './load.js';

/** Whether a config switches no rule on anywhere: it checks nothing. */
export function turnsNoRuleOn(config: ResolvedConfig): boolean {
  const on = (severity: string): boolean => severity !== 'off';
  const inRules = [...config.rules.values()].some((setting) => on(setting.severity));
  const inOverrides = config.overrides.some((override) => [...override.rules.values()].some((entry) => on(entry.severity)));
  return !inRules && !inOverrides;
}

interface GlobEntry {
  keyPath: (string | number)[];
  glob: string;
  /** Folders count as matches (ignore-like globs), not only files. */
  matchesFolders: boolean;
}

function globsOf(config: ResolvedConfig): GlobEntry[] {
  const entries: GlobEntry[] = [];
  if (config.filesDeclared) config.files.forEach((glob, index) => entries.push({ keyPath: ['files', index], glob, matchesFolders: false }));
  config.ignore.forEach((glob, index) => entries.push({ keyPath: ['ignore', index], glob, matchesFolders: true }));
  config.overrides.forEach((override, overrideIndex) => {
    override.files.forEach((glob, index) => entries.push({ keyPath: ['overrides', overrideIndex, 'files', index], glob, matchesFolders: true }));
    override.excludedFiles.forEach((glob, index) => entries.push({ keyPath: ['overrides', overrideIndex, 'excludedFiles', index], glob, matchesFolders: true }));
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

/** The paths of the listing as a config's globs see them: relative to its folder, those inside it. */
function pathsUnder(configs: ConfigSet, config: ResolvedConfig, paths: RepositoryPaths): { files: string[]; folders: string[] } {
  const relative = (list: Iterable<string>): string[] => [...list].map((file) => configs.relativeTo(config, file)).filter((file) => !file.startsWith('../'));
  return { files: relative(paths.files), folders: relative(paths.directories) };
}

function unmatchedGlobNotices(configs: ConfigSet, config: ResolvedConfig, paths: RepositoryPaths): string[] {
  const entries = globsOf(config);
  if (entries.length === 0) return [];
  const under = pathsUnder(configs, config, paths);
  const notices: string[] = [];
  for (const entry of entries) {
    const pattern = entry.glob.startsWith('!') ? entry.glob.slice(1) : entry.glob;
    const isMatch = picomatch(pattern, PATH_GLOB_OPTIONS);
    const matches = (file: string): boolean => isMatch(file);
    if (under.files.some(matches) || (entry.matchesFolders && (under.folders.some(matches) || namesExistingFolder(pattern, config.baseDirectory)))) continue;
    notices.push(`${configs.shownName(config)}: ${formatKeyPath(entry.keyPath)} "${entry.glob}" matches no file ${whereGlobsStart(configs, config)}.`);
  }
  return notices;
}

function whereGlobsStart(configs: ConfigSet, config: ResolvedConfig): string {
  if (configs.isSingle) return 'under the current folder (with --config, globs are relative to the current folder)';
  const folder = path.relative(configs.root, config.baseDirectory).split(path.sep).join('/');
  return folder === '' ? "under the repository root (the config's folder)" : `under ${folder}/ (a config's globs are relative to its own folder)`;
}

/** The warnings about every config the run has used so far, given the repository's paths. */
export function configNotices(configs: ConfigSet, paths: RepositoryPaths): string[] {
  const notices: string[] = [];
  for (const config of configs.configs()) {
    if (config.filePath === undefined) continue;
    if (turnsNoRuleOn(config)) {
      notices.push(`${configs.shownName(config)}: no rule is on: the config has no "extends" and turns no rule on. Add "extends: [recommended]" to start from the recommended rules.`);
    }
    notices.push(...unmatchedGlobNotices(configs, config, paths));
  }
  return notices;
}
