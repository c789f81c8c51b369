/**
 * The configs of a run, one per file. Each file gets the nearest config from its own folder
 * upwards to the root (above the root, the search goes on to the git root, as it always did), as
 * markdownlint-cli2 does; `--config` gives every file one config instead. The globs of each config
 * are relative to its folder, so a config is read the same wherever the linter is started.
 *
 * Lookups are cached per folder and each config file is loaded once, so asking for every file
 * of a large repository costs one map lookup a file.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { Rule } from '../core/rule.js';
import { formatKeyPath } from '../core/errors.js';
import { PATH_GLOB_OPTIONS } from '../core/path-globs.js';
import { FileSettings, type EnabledRule } from './file-settings.js';
import {
  configFileIn,
  defaultConfig,
  discoverConfigFile,
  loadConfigFile,
  type ConfigContext,
  type ResolvedConfig,
} from './load.js';

/** The configs of a run by number: what a worker thread needs to rebuild a file's settings. */
export interface ConfigTable {
  /** The number of the config that applies to a root-relative file. */
  indexOf(file: string): number;
  /** The config with that number. */
  at(index: number): ResolvedConfig;
}

/** Which root-relative paths are Markdown and which are ignored: what selecting files needs of configs. */
export interface FileSelection {
  /** Whether a path is Markdown by the `files` globs of its config. */
  isMarkdown(file: string): boolean;
  /** Whether a path is ignored by the `ignore` globs of a config in force for it. */
  isIgnored(file: string): boolean;
}

/** A loaded config, its globs compiled once, and the settings it gives files. */
interface LoadedConfig {
  config: ResolvedConfig;
  settings: FileSettings;
  selection: FileSelection;
  /** The config that applies to the folder above this config's folder, inside the root. */
  parent?: number;
}

export interface ConfigSetOptions {
  /** Absolute path of the repository root. */
  root: string;
  /** Where the user runs the tool: config files are named relative to it in messages. */
  cwd: string;
  context: ConfigContext;
  /** One config for every file (`--config`), instead of looking for one per folder. */
  only?: ResolvedConfig;
  /** Applied to every config as it is loaded (rules a flag switches on). */
  adjust?: (config: ResolvedConfig) => ResolvedConfig;
}

/** A list of globs as globby reads it: a path matches a positive glob and no `!` glob. */
function globListMatcher(globs: readonly string[]): (file: string) => boolean {
  const positive = globs.filter((glob) => !glob.startsWith('!'));
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const included = positive.length === 0 ? () => false : picomatch(positive, PATH_GLOB_OPTIONS);
  const excluded = negative.length === 0 ? () => false : picomatch(negative, PATH_GLOB_OPTIONS);
  return (file) => included(file) && !excluded(file);
}

const toPosix = (relative: string): string => relative.split(path.sep).join('/');

/** A root-relative path as the globs of `config` see it: relative to the config's folder. */
export function configRelativePath(config: ResolvedConfig, root: string, file: string): string {
  if (config.baseDirectory === root) return file;
  return toPosix(path.relative(config.baseDirectory, path.join(root, file)));
}

/** The file selection of one config alone, for a run where every file has it. */
export function fileSelectionOf(config: ResolvedConfig, root: string): FileSelection {
  const isMarkdown = globListMatcher(config.files);
  const isIgnored = config.ignore.length === 0 ? () => false : picomatch(config.ignore, PATH_GLOB_OPTIONS);
  return {
    isMarkdown: (file) => isMarkdown(configRelativePath(config, root, file)),
    isIgnored: (file) => isIgnored(configRelativePath(config, root, file)),
  };
}

/** The folder of a root-relative path ('' for the root). */
function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

export class ConfigSet implements ConfigTable, FileSelection {
  private readonly loaded: LoadedConfig[] = [];
  /** Root-relative folder → number of the config in force there. */
  private readonly byFolder = new Map<string, number>();
  /** Absolute config file → its number, so a file found from two folders is loaded once. */
  private readonly byFile = new Map<string, number>();

  constructor(private readonly options: ConfigSetOptions) {
    if (options.only) this.add(options.only);
  }

  get root(): string {
    return this.options.root;
  }

  /** The rules configs may set, by id (what their options declare, such as globs). */
  get rules(): ReadonlyMap<string, Rule> {
    return this.options.context.rules;
  }

  /** Whether every file has the one config given with --config. */
  get isSingle(): boolean {
    return this.options.only !== undefined;
  }

  indexOf(file: string): number {
    return this.options.only ? 0 : this.indexOfFolder(folderOf(file));
  }

  at(index: number): ResolvedConfig {
    const entry = this.loaded[index];
    if (!entry) throw new Error(`no config number ${index} in this run`);
    return entry.config;
  }

  /** The config that applies to a root-relative file. */
  configFor(file: string): ResolvedConfig {
    return this.at(this.indexOf(file));
  }

  /** Every config loaded so far, in the order they were first needed. */
  configs(): ResolvedConfig[] {
    return this.loaded.map((entry) => entry.config);
  }

  /** The rules in force for a root-relative file, with its config's overrides applied. */
  forFile(file: string): EnabledRule[] {
    return this.entryFor(file).settings.forFile(file);
  }

  /** The rules of the root folder's config with no override applied: project rules also run with these options, for what they report about the repository itself. */
  base(): EnabledRule[] {
    return this.loaded[this.options.only ? 0 : this.indexOfFolder('')]!.settings.base();
  }

  /** The root folder's config (the one given with --config, when there is one). */
  rootConfig(): ResolvedConfig {
    return this.at(this.options.only ? 0 : this.indexOfFolder(''));
  }

  /** The rules a loaded config turns on with no override applied, with their options. */
  baseOf(config: ResolvedConfig): EnabledRule[] {
    const entry = this.loaded.find((loaded) => loaded.config === config);
    if (!entry) throw new Error('baseOf: a config this run has not loaded');
    return entry.settings.base();
  }

  /** Whether a root-relative path is Markdown by its config's `files` globs. */
  isMarkdown(file: string): boolean {
    return this.entryFor(file).selection.isMarkdown(file);
  }

  /**
   * Whether a root-relative path is ignored: by its own config's `ignore`, or by the `ignore` of a
   * config further up, so that a folder the root config ignores stays ignored even when a config
   * of its own is inside it (a vendored project, a submodule).
   */
  isIgnored(file: string): boolean {
    let index: number | undefined = this.indexOf(file);
    while (index !== undefined) {
      const entry: LoadedConfig = this.loaded[index]!;
      if (entry.selection.isIgnored(file)) return true;
      index = entry.parent;
    }
    return false;
  }

  /**
   * Which `ignore` glob skips a root-relative path, as a message names it (`ignore[0] "_archived/**"
   * in agentops-lint.config.yaml`), or undefined when no config ignores it. The config nearest the
   * file is asked first, as isIgnored does.
   */
  ignoredBy(file: string): string | undefined {
    let index: number | undefined = this.indexOf(file);
    while (index !== undefined) {
      const entry: LoadedConfig = this.loaded[index]!;
      const relative = this.relativeTo(entry.config, file);
      const position = entry.config.ignore.findIndex((glob) => picomatch(glob, PATH_GLOB_OPTIONS)(relative));
      if (position >= 0)
        return `${formatKeyPath(['ignore', position])} "${entry.config.ignore[position]}" in ${this.shownName(entry.config)}`;
      index = entry.parent;
    }
    return undefined;
  }

  /** The `files` globs that decide whether a path is Markdown, as a message names them. */
  markdownGlobsFor(file: string): string {
    const config = this.configFor(file);
    const globs = JSON.stringify(config.files).replaceAll(',', ', ');
    return config.filesDeclared ? `files ${globs} in ${this.shownName(config)}` : `the default files ${globs}`;
  }

  /** A root-relative path as the globs of `config` see it: relative to its folder. */
  relativeTo(config: ResolvedConfig, file: string): string {
    return configRelativePath(config, this.options.root, file);
  }

  /** A config file as messages name it: relative to the current folder. */
  shownName(config: ResolvedConfig): string {
    if (config.filePath === undefined) return '(the embedded defaults)';
    return toPosix(path.relative(this.options.cwd, config.filePath)) || config.filePath;
  }

  private entryFor(file: string): LoadedConfig {
    return this.loaded[this.indexOf(file)]!;
  }

  private indexOfFolder(folder: string): number {
    const known = this.byFolder.get(folder);
    if (known !== undefined) return known;
    const index = folder === '' ? this.rootFolderConfig() : this.folderConfig(folder);
    this.byFolder.set(folder, index);
    return index;
  }

  /** The root's own config, else the nearest above it up to the git root, else the embedded defaults. */
  private rootFolderConfig(): number {
    const found = discoverConfigFile(this.options.root, (file) => this.shownFile(file));
    if (found) return this.loadFile(found.file, found.packageJson, undefined);
    return this.add(defaultConfig(this.options.root, this.options.context));
  }

  private folderConfig(folder: string): number {
    const found = configFileIn(path.join(this.options.root, folder), (file) => this.shownFile(file));
    if (!found) return this.indexOfFolder(folderOf(folder));
    return this.loadFile(found.file, found.packageJson, this.indexOfFolder(folderOf(folder)));
  }

  private loadFile(file: string, packageJson: boolean, parent: number | undefined): number {
    const known = this.byFile.get(file);
    if (known !== undefined) return known;
    const index = this.add(loadConfigFile(file, this.options.context, this.shownFile(file), packageJson), parent);
    this.byFile.set(file, index);
    return index;
  }

  private add(loaded: ResolvedConfig, parent?: number): number {
    const config = this.options.adjust ? this.options.adjust(loaded) : loaded;
    this.loaded.push({
      config,
      settings: new FileSettings(config, this.options.context.rules, this.options.root),
      selection: fileSelectionOf(config, this.options.root),
      ...(parent === undefined ? {} : { parent }),
    });
    return this.loaded.length - 1;
  }

  private shownFile(file: string): string {
    return toPosix(path.relative(this.options.cwd, file)) || file;
  }
}
