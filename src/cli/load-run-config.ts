import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConfigSet } from '../config/config-set.js';
import { loadConfigFile, type ResolvedConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import type { CliIo } from '../core/io.js';
import { runConfigs } from '../pipeline/lint-run.js';
import { REGISTRY } from '../../rules/index.js';

/** The folder the repository root is looked for from: the first path argument's folder, else the cwd. */
export function discoveryStart(cwd: string, patterns: readonly string[]): string {
  const first = patterns[0];
  if (first === undefined) return cwd;
  const absolute = path.resolve(cwd, first);
  if (existsSync(absolute)) return statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
  return cwd;
}

/**
 * `--config FILE`: one config for every file. Its globs are relative to the current folder, as
 * ESLint reads the globs of a config given with --config: a shared config, or one kept in a
 * folder of configs, selects the same files as if it were in the folder the tool is run from.
 */
export function loadExplicitConfig(cwd: string, configOption: string): ResolvedConfig {
  const file = path.resolve(cwd, configOption);
  if (!existsSync(file)) throw new UsageError(`Config file not found: ${configOption}`);
  return { ...loadConfigFile(file, REGISTRY.configContext, configOption), baseDirectory: cwd };
}

/**
 * The configs of a command that reads the project (print-config, terms, mappings): as `lint` would
 * have them, with `switchOn` rules on where the configs leave them off (the rule a report shows).
 */
export function openConfigs(
  io: CliIo,
  root: string,
  configOption: string | undefined,
  switchOn: readonly string[] = [],
): ConfigSet {
  const config = configOption === undefined ? undefined : loadExplicitConfig(io.cwd, configOption);
  return runConfigs({ root, rules: REGISTRY.byId, io, ...(config ? { config } : {}) }, switchOn);
}
