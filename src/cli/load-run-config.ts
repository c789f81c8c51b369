import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig, discoverConfigFile, loadConfigFile, type ResolvedConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import { REGISTRY } from '../../rules/index.js';

/** The folder config discovery starts from: the first path argument's folder, else the cwd. */
export function discoveryStart(cwd: string, patterns: readonly string[]): string {
  const first = patterns[0];
  if (first === undefined) return cwd;
  const absolute = path.resolve(cwd, first);
  if (existsSync(absolute)) return statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  return cwd;
}

/**
 * `--config FILE` if given, else the nearest config file, else the embedded defaults.
 *
 * Every glob of a config (`files`, `ignore`, `overrides`, and the per-glob options of rules) is
 * relative to the repository root, wherever the config file lives: rule options are matched
 * against root-relative paths, so the other globs must be too, and a config passed with
 * `--config` from elsewhere (a shared config, an example) must never make globs reach outside
 * the root.
 */
export function loadRunConfig(cwd: string, configOption: string | undefined, startDirectory: string, root: string): ResolvedConfig {
  return { ...loadConfigForRoot(cwd, configOption, startDirectory, root), baseDirectory: root };
}

function loadConfigForRoot(cwd: string, configOption: string | undefined, startDirectory: string, root: string): ResolvedConfig {
  if (configOption !== undefined) {
    const file = path.resolve(cwd, configOption);
    if (!existsSync(file)) throw new UsageError(`Config file not found: ${configOption}`);
    return loadConfigFile(file, REGISTRY.configContext, configOption);
  }
  const found = discoverConfigFile(startDirectory);
  if (!found) return defaultConfig(root, REGISTRY.configContext);
  return loadConfigFile(found.file, REGISTRY.configContext, path.relative(cwd, found.file) || found.file, found.packageJson);
}
