/** The commands that describe the tool rather than lint: rules, schema, print-config, init. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { jsonSchema } from '../config/schema.js';
import { findRoot, toPosix } from '../project/discover.js';
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
    io.stdout(`${JSON.stringify(REGISTRY.rules.map((rule) => ({ id: rule.id, description: rule.description, scope: rule.scope, defaultSeverity: rule.defaultSeverity, recommended: rule.recommended, fixable: rule.fixable, tags: rule.tags, docs: ruleDocsUrl(rule.id) })), null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = REGISTRY.rules.map((rule) => [rule.id, rule.recommended ? rule.defaultSeverity : `(${rule.defaultSeverity})`, rule.fixable ? 'yes' : '', rule.description]);
  const widths = [0, 1, 2].map((column) => Math.max(['rule', 'default', 'fixable'][column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ');
  io.stdout(`${line(['rule', 'default', 'fixable', 'description'])}\n`);
  for (const row of rows) io.stdout(`${line(row)}\n`);
  io.stdout(`\nDefaults in parentheses apply only when a preset or config turns the rule on. Docs: ${ruleDocsUrl('<rule>')}\n`);
  io.stdout(`Engine diagnostics (always on): ${REGISTRY.reportedRules.filter((rule) => !REGISTRY.byId.has(rule.id)).map((rule) => rule.id).join(', ')}\n`);
  return EXIT_OK;
}

/**
 * The settings in force for one file, and where they come from: the config file (from the root;
 * null for the embedded defaults) and the folder its globs are relative to.
 */
export function printConfigCommand(file: string, configOption: string | undefined, io: CliIo): number {
  const absolute = path.resolve(io.cwd, file);
  const root = findRoot(discoveryStart(io.cwd, [file]));
  const relative = toPosix(path.relative(root, absolute));
  if (relative.startsWith('..')) throw new UsageError(`"${file}" is outside the repository root ${root}`);
  const configs = openConfigs(io, root, configOption);
  const config = configs.configFor(relative);
  const rules = Object.fromEntries(configs.forFile(relative).map((enabled) => [enabled.rule.id, [enabled.severity, enabled.options]]));
  const shown = {
    file: relative,
    configFile: config.filePath === undefined ? null : toPosix(path.relative(root, config.filePath)),
    globsRelativeTo: toPosix(path.relative(root, config.baseDirectory)) || '.',
    extends: config.extends,
    files: config.files,
    ignore: config.ignore,
    rules,
  };
  io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  return EXIT_OK;
}

export const STARTER_CONFIG = `# agentops-lint configuration — https://github.com/agentops-lint/agentops-lint#configuration
# yaml-language-server: $schema=./node_modules/agentops-lint/schema.json
$schema: ./node_modules/agentops-lint/schema.json

# Built-in presets, applied in order: run \`agentops-lint rules\` to see what each rule does.
extends:
  - recommended

# Which files are Markdown. Every glob in this file is relative to this file's folder.
files: ["**/*.md", "**/*.markdown"]

# Never linted, on top of .gitignore.
ignore: []

# Rule id → off | warn | error, or [severity, { options }].
rules: {}
#  heading-increment: warn

# Settings for some files only; later entries win.
overrides: []
#  - files: ["docs/plans/**"]
#    rules:
#      heading-increment: off
`;

export async function initCommand(io: CliIo): Promise<number> {
  const file = path.join(io.cwd, 'agentops-lint.config.yaml');
  if (existsSync(file)) throw new UsageError('agentops-lint.config.yaml already exists; not overwriting it.');
  await fs.writeFile(file, STARTER_CONFIG, { flag: 'wx' });
  io.stdout('Wrote agentops-lint.config.yaml. Run `agentops-lint` to lint this repository.\n');
  return EXIT_OK;
}
