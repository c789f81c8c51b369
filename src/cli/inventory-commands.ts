/**
 * The report commands `terms` and `mappings`: read the same files `lint` would, with the same
 * config, and print what the terminology and mapping rules see (table, JSON or Markdown).
 */
import type { EnabledRule } from '../config/file-settings.js';
import { UsageError } from '../core/errors.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { kubernetesConcepts } from '../terms/concepts.js';
import { documentHistory, historyOptionSchema, type HistoryOptions } from '../terms/history.js';
import { canonicalEntries, type CanonicalEntry } from '../terms/mapping-check.js';
import { matcherFor, type TermListOptions } from '../terms/term-options.js';
import { buildMappingsReport, formatMappingsReport, type MappingsReport } from './inventories/mappings-report.js';
import { REPORT_FORMATS, type ReportFormat } from './inventories/tables.js';
import { countTerms, formatTermsReport, type TermsReport } from './inventories/terms-report.js';
import { openProject, parseTargets, type OpenProjectOptions } from './open-project.js';
import { REGISTRY } from '../../rules/index.js';

export interface ReportCommandOptions {
  config?: string;
  root?: string;
  format: ReportFormat;
}

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
  options: OpenProjectOptions,
  io: CliIo,
): Promise<TermsReport> {
  const project = await openProject(patterns, options, io);
  const { files } = await parseTargets(project);
  return countTerms(
    files,
    (file) => {
      const enabled = project.settings.forFile(file.path);
      return matcherFor(
        optionsOf<TermListOptions>(enabled, 'terminology') ??
          optionsOf<TermListOptions>(enabled, 'term-consistency') ??
          DEFAULT_TERM_LIST,
      );
    },
    // The records term-consistency leaves out, by its own `history` option where it is configured.
    (file) =>
      documentHistory(
        file.path,
        file.tree,
        file.text,
        historyOptionSchema.parse(
          optionsOf<{ history?: HistoryOptions }>(project.settings.forFile(file.path), 'term-consistency')?.history,
        ),
      ).history,
  );
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
  options: OpenProjectOptions,
  io: CliIo,
): Promise<MappingsReport> {
  const project = await openProject(patterns, options, io, 'mapping-consistency');
  const { files: parsed } = await parseTargets(project, true);
  // Files where the configuration switches mapping checks off (an archive) are left out, as in lint.
  const files = parsed.filter((file) =>
    project.settings.forFile(file.path).some((rule) => rule.rule.id === 'mapping-consistency'),
  );
  const base = project.settings.base();
  const mapping =
    optionsOf<{ mapping: Parameters<typeof canonicalEntries>[0] }>(base, 'mapping-consistency')?.mapping ?? [];
  const canonical: CanonicalEntry[] = canonicalEntries(mapping);
  const vocabulary = kubernetesConcepts(optionsOf<{ vocabulary: string[] }>(base, 'k8s-concepts')?.vocabulary ?? []);
  const shown = new Set(project.source.targets);
  const history = optionsOf<{ history?: HistoryOptions }>(base, 'mapping-consistency')?.history;
  return buildMappingsReport({
    files,
    shown: (file) => shown.has(file),
    vocabulary,
    canonical,
    messages: REGISTRY.byId.get('mapping-consistency')?.messages ?? {},
    ...(history ? { history } : {}),
  });
}
