/**
 * Finding, parsing and validating the config file. Every problem becomes a ConfigIssue with the
 * file, line, key path, the bad value and what was expected; nothing is silently ignored.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { Rule, Severity } from '../core/rule.js';
import { didYouMean } from '../text/did-you-mean.js';
import { ConfigError, type ConfigIssue } from '../core/errors.js';
import type { Preset } from './presets.js';
import { globProblem } from './glob-syntax.js';
import { optionGlobs } from './option-globs.js';
import { configSchema, type RepositoryUrlsConfig, type UserConfig } from './schema.js';
import { plainIssueMessage } from './zod-issues.js';
import { renamedOptionMessage, withCurrentOptionNames } from './option-names.js';

export const CONFIG_FILE_NAMES = [
  'agentops-lint.config.yaml',
  'agentops-lint.config.yml',
  'agentops-lint.config.json',
  '.agentops-lint.yaml',
  '.agentops-lint.yml',
  '.agentops-lint.json',
] as const;

export const PACKAGE_JSON_KEY = 'agentops-lint';

export const DEFAULT_FILES = ['**/*.md', '**/*.markdown'];

/** A rule's setting before options are merged and parsed for one file. */
export interface RuleSetting {
  severity: Severity;
  /** Option objects in the order they apply (preset first); merged shallowly, later keys win. */
  optionLayers: Record<string, unknown>[];
}

export interface ConfigOverride {
  files: string[];
  excludedFiles: string[];
  rules: Map<string, { severity: Severity; options?: Record<string, unknown> }>;
}

export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined for the embedded defaults. */
  filePath?: string;
  /** Folder that the globs in the config are relative to: the config file's (the current folder for --config). */
  baseDirectory: string;
  files: string[];
  /** Whether `files` was written in the config (else it is DEFAULT_FILES). */
  filesDeclared: boolean;
  ignore: string[];
  /** `maxFileSizeMb` as written; undefined for the default (src/engine/file-limits.ts). */
  maxFileSizeMb?: number;
  /** `strictConfig: true`: a glob of this config that matches no file fails the run. */
  strictConfig?: boolean;
  /** `repositoryUrls` as written (src/project/repository-urls.ts). */
  repositoryUrls?: RepositoryUrlsConfig;
  /** `maxFindingsPerRule` as written; undefined for the default (src/engine/findings-cap.ts). */
  maxFindingsPerRule?: number;
  /** `timeBudgetSeconds` as written; undefined for the default (src/engine/phase1-pool.ts). */
  timeBudgetSeconds?: number;
  rules: Map<string, RuleSetting>;
  /** The options each rule has in this config's own `rules` (not a preset's), as written: where its globs are. */
  writtenOptions?: Map<string, Record<string, unknown>>;
  overrides: ConfigOverride[];
  extends: string[];
  /** Option keys written with a deprecated name (src/config/option-names.ts): warned about, not errors. */
  deprecatedNames?: ConfigIssue[];
}

export interface ConfigContext {
  rules: ReadonlyMap<string, Rule>;
  presets: ReadonlyMap<string, Preset>;
}

/** The config file of exactly this folder, by the precedence of CONFIG_FILE_NAMES, then package.json. */
export function configFileIn(
  directory: string,
  displayName: (file: string) => string = (file) => file,
): { file: string; packageJson: boolean } | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(directory, name);
    if (existsSync(candidate)) return { file: candidate, packageJson: false };
  }
  const packageJson = path.join(directory, 'package.json');
  if (existsSync(packageJson) && packageJsonHasConfig(packageJson, displayName(packageJson)))
    return { file: packageJson, packageJson: true };
  return undefined;
}

/**
 * Whether a package.json holds an "agentops-lint" key. One that cannot be parsed is an error, not
 * a file to pass by: it may be the very config the user meant, and skipping it would lint with
 * other rules than theirs without a word. An empty file is no JSON and no config.
 */
function packageJsonHasConfig(file: string, shownAs: string): boolean {
  const text = readFileSync(file, 'utf8');
  // An empty file (a placeholder, a stripped checkout) holds no key at all: nothing to read.
  if (text.trim() === '') return false;
  const issue = jsonSyntaxIssue(text, shownAs);
  if (issue) {
    issue.message += `; agentops-lint reads its "${PACKAGE_JSON_KEY}" key. Fix the file, or put an agentops-lint.config.yaml beside it (it takes precedence)`;
    throw new ConfigError([issue]);
  }
  const parsed = JSON.parse(text) as unknown;
  return parsed !== null && typeof parsed === 'object' && PACKAGE_JSON_KEY in parsed;
}

/** Walks up from `startDirectory` to the git root (or the file-system root) looking for a config. */
export function discoverConfigFile(
  startDirectory: string,
  displayName?: (file: string) => string,
): { file: string; packageJson: boolean } | undefined {
  let directory = path.resolve(startDirectory);
  for (;;) {
    const found = configFileIn(directory, displayName);
    if (found) return found;
    const parent = path.dirname(directory);
    if (existsSync(path.join(directory, '.git')) || parent === directory) return undefined;
    directory = parent;
  }
}

/** The embedded default: the `recommended` preset, every Markdown file. */
export function defaultConfig(baseDirectory: string, context: ConfigContext): ResolvedConfig {
  return resolveUserConfig({ extends: ['recommended'] }, baseDirectory, undefined, context);
}

export function loadConfigFile(
  file: string,
  context: ConfigContext,
  displayName = file,
  packageJson = false,
): ResolvedConfig {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new Error('is a directory');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([
      { file: displayName, path: [], message: `cannot read config file: ${(error as Error).message}` },
    ]);
  }
  return parseConfigText(text, file, context, displayName, packageJson || path.basename(file) === 'package.json');
}

export function parseConfigText(
  text: string,
  file: string,
  context: ConfigContext,
  displayName = file,
  packageJson = false,
): ResolvedConfig {
  const lineCounter = new LineCounter();
  if (file.endsWith('.json')) checkJsonSyntax(text, displayName);
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors = document.errors.map((error): ConfigIssue => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return {
      file: displayName,
      path: [],
      line,
      column: col,
      message: `invalid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${error.message.split('\n')[0]}`,
    };
  });
  if (syntaxErrors.length > 0) throw new ConfigError(syntaxErrors);

  const prefix = packageJson ? [PACKAGE_JSON_KEY] : [];
  let raw: unknown = document.toJS();
  if (packageJson) raw = (raw as Record<string, unknown> | null)?.[PACKAGE_JSON_KEY];
  if (raw === null || raw === undefined) raw = {};

  const locate = (keyPath: (string | number)[], atKey: boolean): Pick<ConfigIssue, 'line' | 'column'> => {
    const offset = locateInDocument(document, [...prefix, ...keyPath], atKey);
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return validatedAndResolved(raw, context, { displayName, prefix, locate, baseDirectory: path.dirname(file), file });
}

/**
 * A config given as a value rather than a file (the programmatic API's `config` object): checked
 * as a file's content is, with the same messages but no line numbers, its globs relative to
 * `baseDirectory`. `displayName` names it in messages.
 */
export function resolveConfigValue(
  raw: unknown,
  baseDirectory: string,
  context: ConfigContext,
  displayName: string,
): ResolvedConfig {
  return validatedAndResolved(raw ?? {}, context, { displayName, prefix: [], locate: () => ({}), baseDirectory });
}

/** Validates a config's content (a ConfigError lists every problem) and resolves it. */
function validatedAndResolved(
  raw: unknown,
  context: ConfigContext,
  source: {
    displayName: string;
    /** The key path of the config inside its document (["agentops-lint"] in a package.json). */
    prefix: readonly string[];
    locate(keyPath: (string | number)[], atKey: boolean): Pick<ConfigIssue, 'line' | 'column'>;
    baseDirectory: string;
    /** Absolute path of the config file, when it is one. */
    file?: string;
  },
): ResolvedConfig {
  const { displayName, prefix, locate } = source;
  const issues: ConfigIssue[] = [];
  const deprecatedNames: ConfigIssue[] = [];
  const parsed = validateUserConfig(
    raw,
    context,
    (keyPath, message, keyToLocate) => {
      issues.push({
        file: displayName,
        path: [...prefix, ...keyPath],
        message,
        ...locate(keyToLocate ?? keyPath, keyToLocate !== undefined),
      });
    },
    (keyPath, message) => {
      deprecatedNames.push({ file: displayName, path: [...prefix, ...keyPath], message, ...locate(keyPath, true) });
    },
  );
  if (issues.length > 0 || parsed === undefined) throw new ConfigError(issues);
  const resolved = resolveUserConfig(parsed, source.baseDirectory, source.file, context);
  return deprecatedNames.length === 0 ? resolved : { ...resolved, deprecatedNames };
}

/**
 * Where a key path is in a loaded config file (its key, with `atKey`), read again from disk: for
 * problems found after loading, such as a glob that matches no file. Empty when the file is gone
 * or the path is not there.
 */
export function locateConfigKey(
  config: ResolvedConfig,
  keyPath: readonly (string | number)[],
  atKey: boolean,
): Pick<ConfigIssue, 'line' | 'column'> {
  if (config.filePath === undefined) return {};
  let text: string;
  try {
    text = readFileSync(config.filePath, 'utf8');
  } catch {
    return {};
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const prefix = path.basename(config.filePath) === 'package.json' ? [PACKAGE_JSON_KEY] : [];
  const offset = locateInDocument(document, [...prefix, ...keyPath], atKey);
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * The offset of the value at `keyPath` (or of its key, with `atKey`), falling back to the nearest
 * ancestor that exists.
 */
function locateInDocument(
  document: Document,
  keyPath: readonly (string | number)[],
  atKey: boolean,
): number | undefined {
  let node: unknown = document.contents;
  let offset: number | undefined = (node as YamlNode | null)?.range?.[0];
  let keyOffset: number | undefined;
  for (const segment of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return offset;
      keyOffset = (pair.key as YamlNode).range?.[0];
      offset = keyOffset ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      keyOffset = undefined;
      offset = (node as YamlNode | undefined)?.range?.[0] ?? offset;
    } else return offset;
  }
  if (atKey && keyOffset !== undefined) return keyOffset;
  return (node as YamlNode | null)?.range?.[0] ?? offset;
}

/** YAML accepts what JSON does not (trailing commas, comments): a .json file must be strict JSON. */
function checkJsonSyntax(text: string, displayName: string): void {
  const issue = jsonSyntaxIssue(text, displayName);
  if (issue) throw new ConfigError([issue]);
}

/** Where and why `text` is not JSON, or undefined when it is. */
function jsonSyntaxIssue(text: string, displayName: string): ConfigIssue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const issue: ConfigIssue = {
      file: displayName,
      path: [],
      message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    };
    if (position) {
      const before = text.slice(0, Number(position[1]));
      issue.line = before.split('\n').length;
      issue.column = before.length - before.lastIndexOf('\n');
    }
    return issue;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** `keyToLocate`, when given, is a key whose own position (not its value's) the problem is about. */
type Report = (keyPath: (string | number)[], message: string, keyToLocate?: (string | number)[]) => void;

function reportZodIssues(
  error: z.ZodError,
  basePath: (string | number)[],
  value: unknown,
  report: Report,
  knownKeys?: (p: (string | number)[]) => string[],
): void {
  for (const issue of error.issues) {
    const issuePath = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const candidates = knownKeys?.(issuePath) ?? [];
        report([...basePath, ...issuePath], `unknown key "${key}"${didYouMean(key, candidates)}`, [
          ...basePath,
          ...issuePath,
          key,
        ]);
      }
      continue;
    }
    const bad = issuePath.reduce<unknown>(
      (current, segment) => (current as Record<string | number, unknown> | undefined)?.[segment],
      value,
    );
    // A message that quotes the value already (an invalid glob) does not repeat it.
    const quoted = typeof bad === 'string' && issue.message.includes(`"${bad}"`);
    report(
      [...basePath, ...issuePath],
      bad === undefined || quoted ? issue.message : `${issue.message} (got ${describeValue(bad)})`,
    );
  }
}

/** Known keys of a zod object schema, for did-you-mean on unknown keys. */
function objectKeys(schema: z.ZodType, keyPath: readonly (string | number)[]): string[] {
  let current: unknown = schema;
  for (const segment of keyPath) {
    current = unwrap(current);
    const def = (
      current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }
    ).def;
    if (def?.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def?.type === 'array') current = def.element;
    else if (def?.type === 'record') current = def.valueType;
    else return [];
  }
  const def = (unwrap(current) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(schema: unknown): unknown {
  type Schema = { def?: { type?: string; innerType?: unknown; in?: unknown; options?: Schema[] } } | undefined;
  let current = schema as Schema;
  for (;;) {
    if (current?.def && ['optional', 'default', 'nullable', 'prefault', 'pipe'].includes(current.def.type ?? '')) {
      current = (current.def.innerType ?? current.def.in) as Schema;
    } else if (current?.def?.type === 'union') {
      // A shorthand-or-object union ("path" or { glob, min }): key paths lead into the object form.
      const objectForm = current.def.options?.find((option) => (unwrap(option) as Schema)?.def?.type === 'object');
      if (!objectForm) return current;
      current = objectForm;
    } else return current;
  }
}

const SEVERITIES = ['off', 'warn', 'error'];

/**
 * What the options schema cannot say: every glob the rule declares (Rule.globOptions) is a glob
 * that can match, and an override sets none of the rule's repository-wide options.
 */
function optionsHold(
  rule: Rule,
  options: Record<string, unknown>,
  optionsPath: (string | number)[],
  inOverride: boolean,
  report: Report,
): boolean {
  let holds = true;
  for (const found of optionGlobs(rule, options)) {
    const problem = globProblem(found.glob);
    if (problem === undefined) continue;
    holds = false;
    const keyPath = [...optionsPath, ...found.keyPath];
    report(keyPath, problem, found.isKey ? keyPath : undefined);
  }
  if (inOverride) {
    for (const key of rule.repositoryWideOptions ?? []) {
      if (!(key in options)) continue;
      holds = false;
      report(
        [...optionsPath, key],
        `"${key}" is one setting for the whole repository and cannot be set for some files in an override: set it under the top-level "rules" (rule "${rule.id}")`,
        [...optionsPath, key],
      );
    }
  }
  return holds;
}

function validateRuleEntries(
  rulesValue: Record<string, unknown>,
  basePath: (string | number)[],
  context: ConfigContext,
  report: Report,
  deprecated: Report,
): Map<string, { severity: Severity; options?: Record<string, unknown> }> {
  const result = new Map<string, { severity: Severity; options?: Record<string, unknown> }>();
  for (const [ruleId, entry] of Object.entries(rulesValue)) {
    const rule = context.rules.get(ruleId);
    const entryPath = [...basePath, ruleId];
    if (!rule) {
      report(entryPath, `unknown rule "${ruleId}"${didYouMean(ruleId, context.rules.keys())}`, entryPath);
      continue;
    }
    const [severity, written, extra] = Array.isArray(entry) ? entry : [entry];
    const severityPath = Array.isArray(entry) ? [...entryPath, 0] : entryPath;
    if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) {
      report(
        severityPath,
        `expected "off", "warn" or "error", or [severity, options] (got ${describeValue(severity)})`,
      );
      continue;
    }
    if (Array.isArray(entry) && entry.length > 2) {
      report([...entryPath, 2], `expected at most [severity, options] (got ${describeValue(extra)})`);
      continue;
    }
    if (written !== undefined && (typeof written !== 'object' || written === null || Array.isArray(written))) {
      report([...entryPath, 1], `expected an options object (got ${describeValue(written)})`);
      continue;
    }
    // Old option names are renamed before validation, and warned about (src/config/option-names.ts).
    const current = written === undefined ? undefined : withCurrentOptionNames(rule.options, written);
    for (const renamed of current?.renamed ?? [])
      deprecated([...entryPath, 1, ...renamed.path], renamedOptionMessage(renamed));
    const options = current?.value;
    if (options !== undefined) {
      const checked = rule.options.safeParse(options, { error: plainIssueMessage });
      if (!checked.success) {
        reportZodIssues(checked.error, [...entryPath, 1], options, report, (p) => objectKeys(rule.options, p));
        continue;
      }
      if (
        !optionsHold(rule, options as Record<string, unknown>, [...entryPath, 1], basePath[0] === 'overrides', report)
      )
        continue;
    }
    result.set(ruleId, {
      severity: severity as Severity,
      ...(options === undefined ? {} : { options: options as Record<string, unknown> }),
    });
  }
  return result;
}

export interface ValidatedConfig {
  extends: string[];
  files?: string[];
  ignore?: string[];
  maxFileSizeMb?: number;
  strictConfig?: boolean;
  repositoryUrls?: RepositoryUrlsConfig;
  maxFindingsPerRule?: number;
  timeBudgetSeconds?: number;
  rules: Map<string, { severity: Severity; options?: Record<string, unknown> }>;
  overrides: ConfigOverride[];
}

/** `deprecated` is told of each option key written with an old name (accepted, renamed). */
export function validateUserConfig(
  raw: unknown,
  context: ConfigContext,
  report: Report,
  deprecated: Report = () => undefined,
): ValidatedConfig | undefined {
  const top = configSchema.safeParse(raw, { error: plainIssueMessage });
  if (!top.success) {
    reportZodIssues(top.error, [], raw, report, (p) => objectKeys(configSchema, p));
    return undefined;
  }
  const config: UserConfig = top.data;
  let failed = false;
  const counting: Report = (keyPath, message, keyToLocate) => {
    failed = true;
    report(keyPath, message, keyToLocate);
  };
  const presetNames = typeof config.extends === 'string' ? [config.extends] : (config.extends ?? []);
  presetNames.forEach((name, index) => {
    if (!context.presets.has(name)) {
      const keyPath = typeof config.extends === 'string' ? ['extends'] : ['extends', index];
      counting(
        keyPath,
        `unknown preset "${name}"${didYouMean(name, context.presets.keys())}; built-in presets: ${[...context.presets.keys()].join(', ')}`,
      );
    }
  });
  const rules = validateRuleEntries(config.rules ?? {}, ['rules'], context, counting, deprecated);
  const overrides = (config.overrides ?? []).map(
    (override, index): ConfigOverride => ({
      files: override.files,
      excludedFiles: override.excludedFiles ?? [],
      rules: validateRuleEntries(override.rules, ['overrides', index, 'rules'], context, counting, deprecated),
    }),
  );
  if (failed) return undefined;
  return {
    extends: presetNames,
    ...(config.files ? { files: config.files } : {}),
    ...(config.ignore ? { ignore: config.ignore } : {}),
    ...(config.maxFileSizeMb === undefined ? {} : { maxFileSizeMb: config.maxFileSizeMb }),
    ...(config.strictConfig === undefined ? {} : { strictConfig: config.strictConfig }),
    ...(config.repositoryUrls === undefined ? {} : { repositoryUrls: config.repositoryUrls }),
    ...(config.maxFindingsPerRule === undefined ? {} : { maxFindingsPerRule: config.maxFindingsPerRule }),
    ...(config.timeBudgetSeconds === undefined ? {} : { timeBudgetSeconds: config.timeBudgetSeconds }),
    rules,
    overrides,
  };
}

export function resolveUserConfig(
  config: ValidatedConfig | { extends: string[] },
  baseDirectory: string,
  filePath: string | undefined,
  context: ConfigContext,
): ResolvedConfig {
  const rules = new Map<string, RuleSetting>();
  const apply = (ruleId: string, severity: Severity, options: unknown): void => {
    const previous = rules.get(ruleId);
    const layers = previous ? [...previous.optionLayers] : [];
    if (options && typeof options === 'object') layers.push(options as Record<string, unknown>);
    rules.set(ruleId, { severity, optionLayers: layers });
  };
  for (const presetName of config.extends) {
    const preset = context.presets.get(presetName);
    for (const [ruleId, entry] of Object.entries(preset?.rules ?? {})) {
      const [severity, options] = Array.isArray(entry) ? entry : [entry];
      apply(ruleId, severity, options);
    }
  }
  const validated = config as Partial<ValidatedConfig>;
  const writtenOptions = new Map<string, Record<string, unknown>>();
  for (const [ruleId, entry] of validated.rules ?? []) {
    apply(ruleId, entry.severity, entry.options);
    if (entry.options) writtenOptions.set(ruleId, entry.options);
  }
  return {
    ...(filePath ? { filePath } : {}),
    baseDirectory,
    files: validated.files ?? DEFAULT_FILES,
    filesDeclared: validated.files !== undefined,
    ignore: validated.ignore ?? [],
    ...(validated.maxFileSizeMb === undefined ? {} : { maxFileSizeMb: validated.maxFileSizeMb }),
    ...(validated.strictConfig ? { strictConfig: true } : {}),
    ...(validated.repositoryUrls === undefined ? {} : { repositoryUrls: validated.repositoryUrls }),
    ...(validated.maxFindingsPerRule === undefined ? {} : { maxFindingsPerRule: validated.maxFindingsPerRule }),
    ...(validated.timeBudgetSeconds === undefined ? {} : { timeBudgetSeconds: validated.timeBudgetSeconds }),
    rules,
    writtenOptions,
    overrides: validated.overrides ?? [],
    extends: config.extends,
  };
}
