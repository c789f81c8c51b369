/**
 * The contract between the engine and a rule. A rule is a plain object: metadata, an options
 * schema, message templates, and a check function (or, for file rules that read the tree,
 * `create`, which returns handlers by node type). Rules never touch the file system or
 * `process`: file rules read the parsed tree, project rules read the ProjectIndex. The one
 * exception is a project rule's asynchronous step (`checkAsync`, the network check of external
 * links), which may do I/O with what its RuleEnvironment hands it.
 */
import type { Nodes, Parents, Root } from 'mdast';
import type { z } from 'zod';
import type { FileFacts, ProjectIndex } from './facts.js';
import type { SharedSettingGivers, SharedSettingTakers } from './shared-settings.js';

export type Severity = 'off' | 'warn' | 'error';

/** How a preset turns a rule on: a severity, or a severity and options. */
export type PresetSetting = Exclude<Severity, 'off'> | [Exclude<Severity, 'off'>, Record<string, unknown>];

/** A rule as reports describe it (configurable rules and engine diagnostics alike). */
export interface ReportedRule {
  id: string;
  description: string;
  docsUrl: string;
  defaultSeverity: 'warn' | 'error';
}

/** A replacement of the half-open range [start, end) of a file's text (offsets in UTF-16 units). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Where a diagnostic points: a node with a position, or a range of offsets. */
export type Location =
  | { position?: { start: { offset?: number | undefined }; end: { offset?: number | undefined } } | undefined }
  | { start: number; end: number };

/**
 * A repair that is likely but not certain (the nearest anchor, the only file with that name): it is
 * shown and carried in reports, and applied only when the user asks for suggestions
 * (`--fix-type suggestion`), never by a plain `--fix`.
 */
export interface SuggestionDescriptor {
  /** What the edit does, for people: `Point the link at "../guides/setup.md"`. */
  desc: string;
  /** Its edits; all of them are applied or none. */
  fix: TextEdit | TextEdit[];
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  at: Location;
  /** "Did you mean …" text shown after the message. */
  suggestion?: string;
  /**
   * Edits that certainly repair the problem; all of them are applied or none. `--fix` applies them
   * without asking, so only a certain answer belongs here: a rename git recorded, a correction of
   * letter case to the one path or anchor that exists, a replacement the config declares. A good
   * guess is a suggestion.
   */
  fix?: TextEdit | TextEdit[];
  /**
   * The fix is right only when the rest of the file agrees (a `#Heading` that must not become a
   * second title): the fix step applies it in memory and lints the file again with the rules in
   * force there, and keeps it only when this problem is gone and no other appeared; otherwise it
   * is offered as a suggestion. File rules only (a project rule cannot be checked on one file).
   */
  verifyFix?: boolean;
  /** Likely repairs, best first; `--fix-type suggestion` applies the first one where there is no fix. */
  suggestions?: SuggestionDescriptor[];
}

export interface ProjectReportDescriptor extends Omit<ReportDescriptor, 'verifyFix'> {
  /**
   * Root-relative path of the file the diagnostic belongs to. It may also be a path that is not a
   * file of the repository (a required file that is missing, a folder): such repository-level
   * diagnostics are reported at line 1, column 1, whatever files were linted.
   */
  file: string;
  /**
   * The finding is a warning even where the rule is set to `error` (the engine caps the
   * severity): for answers that say "could not tell" rather than "broken", such as a timeout.
   */
  atMostWarning?: boolean;
}

/** A Markdown file as file rules see it. */
export interface ParsedFile {
  /** Root-relative path with forward slashes. */
  path: string;
  /** Decoded text (BOM removed); every offset refers to it. */
  text: string;
  tree: Root;
  /** Offsets at which each line starts; lineStarts[0] === 0. */
  lineStarts: readonly number[];
}

export interface FileRuleContext<Options> {
  file: ParsedFile;
  options: Options;
  report(descriptor: ReportDescriptor): void;
}

/**
 * The nodes above the one a handler receives: the root first, its parent last. The engine reuses
 * the array as the walk goes on, so it is only valid during the call: copy it to keep it.
 */
export type Ancestors = readonly Parents[];

/** The mdast node of one type: `NodeOfType<'heading'>` is `Heading`. */
export type NodeOfType<Type extends Nodes['type']> = Extract<Nodes, { type: Type }>;

/**
 * What a tree-reading file rule's `create` returns, as ESLint's selectors: a handler per mdast
 * node type, called for every node of that type in document order (pre-order, parents before
 * their children), and `root:exit`, called once after the whole tree was seen — for what needs
 * all of it, such as a definition that follows its first use.
 */
export type NodeHandlers = {
  readonly [Type in Nodes['type']]?: (node: NodeOfType<Type>, ancestors: Ancestors) => void;
} & {
  readonly 'root:exit'?: (root: Root) => void;
};

export interface ProjectRuleContext<Options> {
  index: ProjectIndex;
  /**
   * The options in force for the files this call reports on. When files have different options
   * (overrides, a config in a subfolder), `check` is called once for each set of options, and a
   * report stands only on a file those options apply to: findings on a file follow its options,
   * as for file rules. Keys in `repositoryWideOptions` are the same everywhere.
   */
  options: Options;
  /** What this rule's extract step returned for a file, if it ran there. */
  extracted<T>(file: FileFacts): T | undefined;
  /**
   * The files that are not Markdown which this rule asked for (`plainTextFiles`) and the run
   * covers, by root-relative path: their text, decoded as UTF-8. Reports on them get lines and
   * columns in that text; control comments do not apply there, and fixes are not applied.
   */
  plainTexts: ReadonlyMap<string, string>;
  report(descriptor: ProjectReportDescriptor): void;
}

/** A counter shown while a long step runs (a terminal progress line); silent where nobody watches. */
export interface ProgressCounter {
  tick(): void;
  done(): void;
}

export interface ProgressSink {
  /** Starts a counted step: `label: 0/total`, then one tick per item, then done. */
  begin(label: string, total: number): ProgressCounter;
}

/**
 * The world outside the files, handed to the asynchronous steps of project rules (`checkAsync`).
 * It is the only way such a step reaches the environment: rules still never read `process`.
 */
export interface RuleEnvironment {
  /** Absolute path of the repository root (option paths such as a cache file resolve from it). */
  root: string;
  /** Environment variables (the user's cache folder). */
  env: Readonly<Record<string, string | undefined>>;
  /** Whether requests over the network may be made (`--no-external` says no). */
  networkAllowed: boolean;
  /** `--allow-private`: requests may reach loopback, private and link-local addresses. */
  allowPrivate: boolean;
  /** Which addresses the SSRF guard refuses; tests narrow it (the default refuses every private one). */
  isBlocked?: (address: string) => boolean;
  progress: ProgressSink;
}

/**
 * What `checkAsync` gets: everything `check` gets, plus the environment and two questions about
 * where reports would land, so that work whose findings would be dropped is never done.
 */
export interface ProjectRuleAsyncContext<Options> extends ProjectRuleContext<Options> {
  environment: RuleEnvironment;
  /**
   * Whether a report of this rule at `at` in `file` would be dropped: the file is not linted, an
   * override switches the rule off there, or a control comment silences the rule on that line
   * (which then counts as used, for --report-unused-disables).
   */
  isSuppressed(file: string, at: Location): boolean;
  /**
   * The rule's options where it reports on `file` (overrides applied), or undefined where it does
   * not: an override switches it off there, or the file is only context.
   */
  optionsFor(file: string): Options | undefined;
}

interface RuleMeta<Options> {
  /** Kebab-case id, also the basename of the rule's source, doc and test files. */
  id: string;
  /** One sentence. */
  description: string;
  tags: readonly string[];
  /** Severity when a preset enables the rule without saying one. */
  defaultSeverity: Exclude<Severity, 'off'>;
  /** Whether the `recommended` preset turns the rule on. */
  recommended: boolean;
  /**
   * Other built-in presets that turn the rule on, with the setting each gives it (for example
   * `{ kubernetes: ['warn', { packs: ['kubernetes'] }] }`). `recommended` and `all` are derived.
   */
  presets?: Readonly<Record<string, PresetSetting>>;
  fixable: boolean;
  /** Options schema; parsing `{}` must give the defaults. */
  options: z.ZodType<Options>;
  /** messageId → template with `{placeholders}`. */
  messages: Readonly<Record<string, string>>;
  /**
   * The shared settings (src/core/shared-settings.ts) this rule's options give other rules: for
   * each, the names they hold (mapping-consistency gives the names of its canonical mapping). They
   * are given wherever the config sets the rule's options, switched on or off: the user's names
   * stay the user's names where the rule that holds them is off.
   */
  shares?: SharedSettingGivers<Options>;
  /**
   * The shared settings this rule takes: for each, its options completed with the names every
   * rule set for the same file gives (terminology accepts the names of the canonical mapping as
   * right). Called once per combination of settings, only when some rule gives names.
   */
  uses?: SharedSettingTakers<Options>;
  /**
   * A rule that makes requests over the network (in `checkAsync`): `--external` (a run with
   * `external: true`) switches it on where the config leaves it off, and it stays offline where
   * the environment says the network is not allowed (`--no-external`).
   */
  usesNetwork?: boolean;
  /**
   * Where the options hold globs, so that the config layer checks every one of them the same way
   * (invalid syntax is a config error; a glob that matches no file is a warning, an error with
   * --strict-config): rules declare them and never check them themselves. See GlobOption.
   */
  globOptions?: readonly GlobOption[];
  /**
   * Top-level option keys that hold one setting for the whole repository (a list of required
   * files, the network limits of external link checks): an override that sets one of them for
   * some files is a config error. Every other option of a project rule applies per file, with
   * the overrides in force there, as for file rules.
   */
  repositoryWideOptions?: readonly string[];
}

/**
 * One place in a rule's options that holds globs, as a path from the options object: a key names
 * itself, `"[]"` stands for every item of an array, and `"<glob>"` for every key of an object whose
 * keys are globs (the key is the glob; a path may go on into its value). Where the path ends on
 * anything other than `"<glob>"`, the strings found there are the globs (other values are skipped:
 * `files[]` of required-files holds paths as strings and objects alike).
 */
export interface GlobOption {
  path: readonly string[];
  /**
   * What the globs are relative to: the config file's folder (the default, like `files` and
   * `overrides`; the engine prefixes them for a config in a subfolder) or the repository root.
   */
  relativeTo?: 'config' | 'root';
  /**
   * A glob that matches no file is what the rule itself reports (required-files counts matches):
   * the config layer checks only its syntax.
   */
  syntaxOnly?: boolean;
  /**
   * The globs select Markdown files the run lints (a contract on documents): one that matches
   * only files the config ignores or does not take for Markdown checks nothing, and is reported
   * as a glob that matches nothing is.
   */
  lintedOnly?: boolean;
}

/** The glob-keyed object at the top of a rule's options, if it declares one (its keys are rebased for a config in a subfolder). */
export function hasGlobKeys(rule: Pick<RuleMeta<unknown>, 'globOptions'>): boolean {
  return (
    rule.globOptions?.some(
      (option) =>
        option.path.length === 1 && option.path[0] === GLOB_KEYS && (option.relativeTo ?? 'config') === 'config',
    ) ?? false
  );
}

/** In a GlobOption path: every key of this object is a glob. */
export const GLOB_KEYS = '<glob>';
/** In a GlobOption path: every item of this array. */
export const EACH_ITEM = '[]';

/**
 * A file rule that reads the tree: the engine walks each file's tree once for all such rules
 * and calls the handlers `create` returns. A handler that throws ends the rule for that file
 * (one rule-crash diagnostic); the other rules go on.
 */
// biome-ignore lint/suspicious/noExplicitAny: rule lists mix option types; with `unknown` as the default no rule with typed options fits them (44 errors).
export interface TreeFileRule<Options = any> extends RuleMeta<Options> {
  scope: 'file';
  create(context: FileRuleContext<Options>): NodeHandlers;
  check?: never;
}

/** A file rule that needs the whole file at once (the raw text), run after the walk. */
// biome-ignore lint/suspicious/noExplicitAny: rule lists mix option types; with `unknown` as the default no rule with typed options fits them (44 errors).
export interface WholeFileRule<Options = any> extends RuleMeta<Options> {
  scope: 'file';
  check(context: FileRuleContext<Options>): void;
  create?: never;
}

// biome-ignore lint/suspicious/noExplicitAny: rule lists mix option types; with `unknown` as the default no rule with typed options fits them (44 errors).
export type FileRule<Options = any> = TreeFileRule<Options> | WholeFileRule<Options>;

/** What a project rule's reports on a file can depend on besides the file (ProjectRule.dependsOn). */
export type Dependency = 'paths' | 'linkTargets' | 'incomingLinks' | 'extracts';

/** The dependencies a rule declares with these options, or undefined when it declares none. */
export function dependenciesOf(rule: ProjectRule, options: unknown): readonly Dependency[] | undefined {
  return typeof rule.dependsOn === 'function' ? rule.dependsOn(options) : rule.dependsOn;
}

/** What ProjectRule.demandedBy is told of the named files of a run. */
export interface DemandContext<Extracted> {
  /** The facts of each named file (headings, links, paths). */
  files: readonly FileFacts[];
  /** The rule's extracted data of each named file it is on for. */
  extracted: readonly Extracted[];
  /** The rule's extracted data of the files chosen so far (empty in the first round). */
  demanded: readonly Extracted[];
}

/** ProjectRule.demandedBy's superset test of whether a file can matter; a file is parsed when both parts pass. */
export interface DemandTest {
  /**
   * What the test searches for, as a string: after the files it chose are analysed, the rule is
   * asked again (with their extracted data), and the files it left out are tested again only when
   * the key changes.
   */
  key: string;
  /** By its root-relative path alone, before it is read (a document the rule's extract always leaves out). */
  path?(path: string): boolean;
  /** By its raw text (decoded, not parsed), and its root-relative path. */
  text(rawText: string, path: string): boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: rule lists mix option types; with `unknown` as the default no rule with typed options fits them (44 errors).
export interface ProjectRule<Options = any, Extracted = unknown> extends RuleMeta<Options> {
  scope: 'project';
  /** Runs in phase 1 on each file where the rule is enabled; returns plain, serialisable data. */
  extract?(file: ParsedFile, options: Options): Extracted;
  /**
   * What `check` reads of the files: their facts (the default: headings, links, extracted data)
   * or only the repository's paths (`index.paths`). When every project rule of a run reads only
   * paths, a file that no file rule and no `extract` is on for is decoded but not parsed.
   */
  reads?: 'facts' | 'paths';
  /**
   * What, besides a file's own text and options, `check`'s reports on that file depend on, so that
   * a run comparing two states of the repository (--changed-since, --staged) re-checks only the
   * untouched files a change can affect: `paths` (which files and folders exist), `linkTargets`
   * (the facts of the files it links to), `incomingLinks` (the links other files make to it),
   * `extracts` (what `extract` returned for other files, a file whose extract equals an empty
   * document's adding nothing). `[]`: nothing else. Without it, anything: every untouched file is
   * re-checked.
   */
  dependsOn?: readonly Dependency[] | ((options: Options) => readonly Dependency[]);
  /**
   * Whether `check` needs the facts of every Markdown file of the project. Without it, a run on
   * explicitly named files (a pre-commit hook) reads only those files and the files they link
   * to, instead of parsing the whole repository.
   */
  readsAllFiles?(options: Options): boolean;
  /**
   * For a rule that reads every file: whether a file with this raw text (decoded, not parsed) can
   * add anything to what `extract` returns with these options. It must be a superset test (true
   * for every file whose extract could return something, false only when it surely returns
   * nothing): a run on named files then reads every file's bytes but parses only the files that
   * pass, with results equal to parsing them all. Without it, every file is parsed.
   */
  mayContribute?(rawText: string, options: Options): boolean;
  /**
   * For a rule that reads every file, once the named files are analysed: which other files can
   * change what `check` reports on the named files, given what `extract` returned for them
   * (DemandContext: the named files' facts and the rule's extracted data of each, and that of the
   * files chosen so far, for a rule that needs a second step). It returns a raw-text
   * test for a file whose extract runs with `options`, or undefined when no other file can change
   * those reports (a rule that reports only where its extract found something, when the named
   * files extract nothing, needs no other file). Like mayContribute, the test must be a superset:
   * false only for a file whose extract surely changes nothing reported on the named files. Without
   * it, mayContribute decides.
   */
  demandedBy?(named: DemandContext<Extracted>, options: Options): DemandTest | undefined;
  /**
   * Globs (root-relative, picomatch) of files that are not Markdown whose text `check` searches as
   * plain text (`context.plainTexts`): the labels of an SVG, a text file. The engine reads them
   * between the phases, so the rule never touches the file system. Only files the run covers are
   * read: those its path arguments name, not ignored; none for --staged and --changed-since.
   */
  plainTextFiles?(options: Options): readonly string[];
  check(context: ProjectRuleContext<Options>): void;
  /**
   * Asynchronous work after `check` (requests over the network), awaited by the engine; its
   * reports go through the same severity, control-comment and position handling as `check`'s.
   * It is a separate step, not a `check` that returns a Promise, because it runs once per lint:
   * only on the final result of --fix passes, never in the project-rules-only comparison runs of
   * --changed-since, and only when the caller hands the engine a RuleEnvironment. Since it runs
   * after the fix passes, fixes it reports are never applied.
   */
  checkAsync?(context: ProjectRuleAsyncContext<Options>): Promise<void>;
}

export type Rule = FileRule | ProjectRule;

/** Identity helpers that give rule authors type inference for their options. */
export function defineFileRule<Options>(rule: FileRule<Options>): FileRule<Options> {
  return rule;
}

export function defineProjectRule<Options, Extracted = unknown>(
  rule: ProjectRule<Options, Extracted>,
): ProjectRule<Options, Extracted> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
