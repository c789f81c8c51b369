/**
 * The report commands `terms` and `mappings`: read the same files `lint` would, with the same
 * config, and print what the terminology and mapping rules see (table, JSON or Markdown).
 */
import type { EnabledRule } from '../config/file-settings.js';
import { UsageError } from '../core/errors.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { kubernetesConcepts, type ConceptVocabulary } from '../terms/concepts.js';
import { documentHistory, historyOptionSchema, type HistoryOptions } from '../terms/history.js';
import { canonicalEntries, type CanonicalEntry } from '../terms/mapping-check.js';
import { matcherFor, type TermListOptions } from '../terms/term-options.js';
import {
  formatMappingsReport,
  judgeMappingRows,
  mappingRows,
  type MappingRows,
  type MappingsReport,
} from './inventories/mappings-report.js';
import { REPORT_FORMATS, type ReportFormat } from './inventories/tables.js';
import {
  countTermRows,
  formatTermsReport,
  termRows,
  type TermRow,
  type TermsReport,
} from './inventories/terms-report.js';
import {
  extractFromTargets,
  openProject,
  reportRule,
  type OpenProject,
  type OpenProjectOptions,
} from './open-project.js';
import type { Phase1Cache } from '../cache/phase1-cache.js';
import { cacheSummary, cacheWanted, openDiskCache, savePhase1Cache } from '../pipeline/phase1-cache-step.js';
import { REGISTRY } from '../../rules/index.js';

/** What the report commands and the MCP inventory tools share: where the project is, and the cache. */
export interface ReportRunOptions extends OpenProjectOptions {
  /** Keep each file's rows in the cache folder `lint` uses: on unless --no-cache (false) or AGENTOPS_LINT_NO_CACHE. */
  cache?: boolean;
  cacheLocation?: string;
  /** Say on stderr how much of the run the cache answered. */
  debug?: boolean;
}

export interface ReportCommandOptions extends ReportRunOptions {
  format: ReportFormat;
}

/** The reports' cache files, beside lint's in its folder. */
export const TERMS_CACHE_FILE_NAME = 'terms-cache.bin';
export const MAPPINGS_CACHE_FILE_NAME = 'mappings-cache.bin';

/** When neither terminology nor term-consistency is configured, the report shows the Kubernetes pack. */
const DEFAULT_TERM_LIST: TermListOptions = { packs: ['kubernetes'], terms: [], disable: [] };

function checkFormat(format: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`Unknown format "${format}"; choose one of: ${REPORT_FORMATS.join(', ')}.`);
  return format as ReportFormat;
}

function optionsOf<T>(enabled: readonly EnabledRule[], ruleId: string): T | undefined {
  return enabled.find((rule) => rule.rule.id === ruleId)?.options as T | undefined;
}

/** The report's cache, in lint's cache folder (see openDiskCache for why a file of its own). */
async function openReportCache(
  project: OpenProject,
  options: ReportRunOptions,
  io: CliIo,
  fileName: string,
): Promise<Phase1Cache | undefined> {
  return cacheWanted(options, io) ? openDiskCache(options.cacheLocation, io, project.root, fileName) : undefined;
}

async function closeReportCache(cache: Phase1Cache | undefined, options: ReportRunOptions, io: CliIo): Promise<void> {
  await savePhase1Cache(cache, io);
  if (options.debug && cache?.file !== undefined) io.stderr(cacheSummary(cache, io));
}

export async function termsCommand(
  patterns: readonly string[],
  options: ReportCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = checkFormat(options.format);
  io.stdout(formatTermsReport(await termsReport(patterns, options, io), format));
  return EXIT_OK;
}

interface TermRowOptions {
  termList: TermListOptions;
  history: HistoryOptions;
}

/** Each file's term occurrences, with the records term-consistency leaves out by its `history` option. */
const TERM_ROWS = reportRule<TermRowOptions, TermRow[]>(
  'terms-report',
  'the occurrences of terms the terms report counts',
  (file, options) =>
    termRows(
      file,
      matcherFor(options.termList),
      documentHistory(file.path, file.tree, file.text, options.history).history,
    ),
);

/** The `terms` report as data (the command prints it; the MCP server returns it). */
export async function termsReport(
  patterns: readonly string[],
  options: ReportRunOptions,
  io: CliIo,
): Promise<TermsReport> {
  const project = await openProject(patterns, options, io);
  const cache = await openReportCache(project, options, io, TERMS_CACHE_FILE_NAME);
  const files = await extractFromTargets(
    project,
    {
      rule: TERM_ROWS,
      optionsFor: (file) => {
        const enabled = project.settings.forFile(file);
        return {
          termList:
            optionsOf<TermListOptions>(enabled, 'terminology') ??
            optionsOf<TermListOptions>(enabled, 'term-consistency') ??
            DEFAULT_TERM_LIST,
          history: historyOptionSchema.parse(
            optionsOf<{ history?: HistoryOptions }>(enabled, 'term-consistency')?.history,
          ),
        };
      },
    },
    cache,
  );
  await closeReportCache(cache, options, io);
  return countTermRows(files);
}

export async function mappingsCommand(
  patterns: readonly string[],
  options: ReportCommandOptions,
  io: CliIo,
): Promise<number> {
  const format = checkFormat(options.format);
  io.stdout(formatMappingsReport(await mappingsReport(patterns, options, io), format));
  return EXIT_OK;
}

interface MappingRowRuleOptions {
  /** k8s-concepts' extra concept names. */
  vocabulary: string[];
  canonical: CanonicalEntry[];
  history?: HistoryOptions | undefined;
}

/** The concept vocabulary of each options object (building one with extra names is not free). */
const vocabularies = new WeakMap<MappingRowRuleOptions, ConceptVocabulary>();

function vocabularyOf(options: MappingRowRuleOptions): ConceptVocabulary {
  let vocabulary = vocabularies.get(options);
  if (!vocabulary) {
    vocabulary = kubernetesConcepts(options.vocabulary);
    vocabularies.set(options, vocabulary);
  }
  return vocabulary;
}

/** Each file's mapping statements and unreadable mapping-table rows. */
const MAPPING_ROWS = reportRule<MappingRowRuleOptions, MappingRows>(
  'mappings-report',
  'the mapping statements the mappings report judges',
  (file, options) =>
    mappingRows(file, { vocabulary: vocabularyOf(options), canonical: options.canonical, history: options.history }),
);

/**
 * The `mappings` report as data (the command prints it; the MCP server returns it). Statements
 * are judged as `lint` judges them, against every file the plan reads (for named files, the whole
 * repository), and only those in the files asked about are shown.
 */
export async function mappingsReport(
  patterns: readonly string[],
  options: ReportRunOptions,
  io: CliIo,
): Promise<MappingsReport> {
  const project = await openProject(patterns, options, io, 'mapping-consistency');
  const base = project.settings.base();
  const mapping =
    optionsOf<{ mapping: Parameters<typeof canonicalEntries>[0] }>(base, 'mapping-consistency')?.mapping ?? [];
  // One set of options for every file: the report judges the repository by its base config.
  const rowOptions: MappingRowRuleOptions = {
    vocabulary: optionsOf<{ vocabulary: string[] }>(base, 'k8s-concepts')?.vocabulary ?? [],
    canonical: canonicalEntries(mapping),
    history: optionsOf<{ history?: HistoryOptions }>(base, 'mapping-consistency')?.history,
  };
  const cache = await openReportCache(project, options, io, MAPPINGS_CACHE_FILE_NAME);
  const extracted = await extractFromTargets(
    project,
    { rule: MAPPING_ROWS, optionsFor: () => rowOptions },
    cache,
    true,
  );
  await closeReportCache(cache, options, io);
  // Files where the configuration switches mapping checks off (an archive) are left out, as in lint.
  const files = extracted.filter((file) =>
    project.settings.forFile(file.path).some((rule) => rule.rule.id === 'mapping-consistency'),
  );
  const shown = new Set(project.source.targets);
  return judgeMappingRows({
    files,
    shown: (file) => shown.has(file),
    vocabulary: vocabularyOf(rowOptions),
    canonical: rowOptions.canonical,
    messages: REGISTRY.byId.get('mapping-consistency')?.messages ?? {},
  });
}
