/** The commands that describe the tool rather than lint: rules, schema, print-config, init. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { formatConfigIssue, UsageError } from '../core/errors.js';
import { jsonSchema } from '../config/schema.js';
import { isGitIgnoredSync } from 'globby';
import type { ConfigSet } from '../config/config-set.js';
import { matchesGlob } from '../contracts/per-glob.js';
import { hasGlobKeys } from '../core/rule.js';
import { configIgnoreReason, findRoot, listRepositoryPaths, toPosix } from '../project/discover.js';
import { generatedFolders, starterConfig } from './starter-config.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { ruleDocsUrl } from '../core/tool.js';
import { discoveryStart, openConfigs } from './load-run-config.js';
import { REGISTRY } from '../../rules/index.js';

export function configJsonSchema(): Record<string, unknown> {
  return jsonSchema(REGISTRY.rules, [...REGISTRY.presets.keys()]);
}

export function schemaCommand(io: CliIo): number {
  io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
  return EXIT_OK;
}

export function rulesCommand(format: 'table' | 'json', io: CliIo): number {
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        REGISTRY.rules.map((rule) => ({
          id: rule.id,
          description: rule.description,
          scope: rule.scope,
          defaultSeverity: rule.defaultSeverity,
          recommended: rule.recommended,
          fixable: rule.fixable,
          tags: rule.tags,
          docs: ruleDocsUrl(rule.id),
        })),
        null,
        2,
      )}\n`,
    );
    return EXIT_OK;
  }
  const rows = REGISTRY.rules.map((rule) => [
    rule.id,
    rule.recommended ? rule.defaultSeverity : `(${rule.defaultSeverity})`,
    rule.fixable ? 'yes' : '',
    rule.description,
  ]);
  const widths = [0, 1, 2].map((column) =>
    Math.max(['rule', 'default', 'fixable'][column]!.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (row: string[]) =>
    row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  io.stdout(`${line(['rule', 'default', 'fixable', 'description'])}\n`);
  for (const row of rows) io.stdout(`${line(row)}\n`);
  io.stdout(
    `\nDefaults in parentheses apply only when a preset or config turns the rule on. Docs: ${ruleDocsUrl('<rule>')}\n`,
  );
  io.stdout(
    `Engine diagnostics (always on): ${REGISTRY.reportedRules
      .filter((rule) => !REGISTRY.byId.has(rule.id))
      .map((rule) => rule.id)
      .join(', ')}\n`,
  );
  return EXIT_OK;
}

/**
 * The settings in force for one file, and where they come from: the config file (from the root;
 * null for the embedded defaults) and the folder its globs are relative to. An ignored file shows
 * what ignores it and no rules (none run on it). Of a rule whose options are contracts keyed by
 * globs, only the contracts whose glob matches the file are shown; the other globs are listed
 * under `contractsNotMatching`, so a glob that misses the file is seen rather than assumed.
 */
export function printConfigCommand(file: string, configOption: string | undefined, io: CliIo): number {
  const absolute = path.resolve(io.cwd, file);
  const root = findRoot(discoveryStart(io.cwd, [file]));
  const relative = toPosix(path.relative(root, absolute));
  if (relative.startsWith('..')) throw new UsageError(`"${file}" is outside the repository root ${root}`);
  const configs = openConfigs(io, root, configOption);
  const config = configs.configFor(relative);
  const ignored = whyIgnored(configs, root, relative);
  const rules: Record<string, unknown> = {};
  const contractsNotMatching: Record<string, string[]> = {};
  for (const enabled of ignored === null ? configs.forFile(relative) : []) {
    if (!hasGlobKeys(enabled.rule)) {
      rules[enabled.rule.id] = [enabled.severity, enabled.options];
      continue;
    }
    const contracts = Object.entries(enabled.options as Record<string, unknown>);
    rules[enabled.rule.id] = [
      enabled.severity,
      Object.fromEntries(contracts.filter(([glob]) => matchesGlob(glob, relative))),
    ];
    const missing = contracts.filter(([glob]) => !matchesGlob(glob, relative)).map(([glob]) => glob);
    if (missing.length > 0) contractsNotMatching[enabled.rule.id] = missing;
  }
  const shown = {
    file: relative,
    ignored,
    configFile: config.filePath === undefined ? null : toPosix(path.relative(root, config.filePath)),
    globsRelativeTo: toPosix(path.relative(root, config.baseDirectory)) || '.',
    extends: config.extends,
    files: config.files,
    ignore: config.ignore,
    rules,
    contractsNotMatching,
  };
  for (const issue of config.deprecatedNames ?? []) io.stderr(`agentops-lint: warning: ${formatConfigIssue(issue)}\n`);
  if (ignored !== null) io.stderr(`agentops-lint: ${relative} is not linted: it is ${ignored}.\n`);
  io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  return EXIT_OK;
}

/** What keeps a file from ever being linted (node_modules or .git, a config `ignore` glob, .gitignore), or null. */
function whyIgnored(configs: ConfigSet, root: string, file: string): string | null {
  const byConfig = configIgnoreReason(configs, file);
  if (byConfig !== undefined) return byConfig;
  return isGitIgnoredSync({ cwd: root })(path.join(root, file)) ? 'ignored by .gitignore' : null;
}

export async function initCommand(io: CliIo): Promise<number> {
  const file = path.join(io.cwd, 'agentops-lint.config.yaml');
  if (existsSync(file)) throw new UsageError('agentops-lint.config.yaml already exists; not overwriting it.');
  const paths = await listRepositoryPaths(io.cwd);
  await fs.writeFile(file, starterConfig(paths), { flag: 'wx' });
  io.stdout('Wrote agentops-lint.config.yaml. Run `agentops-lint` to lint this repository.\n');
  const suggested = generatedFolders(paths);
  if (suggested.length > 0) {
    io.stdout(
      `Folders that look generated or archived (${suggested.map((suggestion) => suggestion.glob).join(', ')}) are linted; the config suggests ignoring them, in a comment.\n`,
    );
  }
  return EXIT_OK;
}
