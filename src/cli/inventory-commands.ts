/**
 * The report commands `terms` and `mappings`: read the same files `lint` would, with the same
 * config, and print what the terminology and mapping rules see (table, JSON or Markdown).
 */
import type { EnabledRule } from '../config/file-settings.js';
import { UsageError } from '../core/errors.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { historyOptionSchema, type HistoryOptions } from '../terms/history.js';
import { canonicalEntries } from '../terms/mapping-check.js';
import type { TermListOptions } from '../terms/term-options.js';
import { formatMappingsReport, judgeMappingRows, type MappingsReport } from './inventories/mappings-report.js';
import { MAPPING_ROWS, TERM_ROWS, vocabularyOf, type MappingRowRuleOptions } from './inventories/report-rules.js';
import { REPORT_FORMATS, type ReportFormat } from './inventories/tables.js';
import { countTermRows, formatTermsReport, type TermsReport } from './inventories/terms-report.js';
import {
  extractFromTargets,
  openProject,
  type OpenProject,
  type OpenProjectOptions,
  type ReportAnalysisOptions,
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
  /** Most threads that analyse files (default: one per core); false for this thread only. */
  threads?: number | false;
  /** Analyse no file on this thread (a server's, which must stay free to answer other calls). */
  keepThreadFree?: boolean;
  /** Stops the report (an MCP client cancelled it): its analysis stops and it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** A step of the report's work, for a client's progress display. */
  progress?: (message: string) => void;
}

/** How many analysed files make one progress message. */
const PROGRESS_EVERY_FILES = 50;

const filesWord = (count: number): string => `${count} ${count === 1 ? 'file' : 'files'}`;

/**
 * How the report's files are analysed: on the worker pool, stopping when the caller gives up, with
 * progress as the files are analysed, and a warning for each file the analysis had to leave out.
 */
function analysisOptions(options: ReportRunOptions, io: CliIo): ReportAnalysisOptions {
  const { progress } = options;
  let total = 0;
  let analysed = 0;
  let told = 0;
  return {
    maxThreads: options.threads === false ? 1 : options.threads,
    keepThreadFree: options.keepThreadFree,
    signal: options.signal,
    onAnalysing: (files) => {
      total += files;
      progress?.(`Analysing ${filesWord(files)}`);
    },
    onAnalysed: (count) => {
      analysed += count;
      if (progress && (analysed - told >= PROGRESS_EVERY_FILES || analysed === total)) {
        told = analysed;
        progress(`Analysed ${analysed} of ${filesWord(total)}`);
      }
    },
    onLeftOut: (file, why) => io.stderr(`agentops-lint: warning: ${file} is left out of the report: ${why}\n`),
  };
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
    false,
    analysisOptions(options, io),
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
    analysisOptions(options, io),
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
