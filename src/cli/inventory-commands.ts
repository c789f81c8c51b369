/**
 * The report commands `terms` and `mappings`: read the same files `lint` would, with the same
 * config, and print what the terminology and mapping rules see (table, JSON or Markdown).
 */
import type { EnabledRule } from '../config/file-settings.js';
import { UsageError } from '../core/errors.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { kubernetesConcepts } from '../terms/concepts.js';
import { canonicalEntries, type CanonicalEntry } from '../terms/mapping-check.js';
import { matcherFor, type TermListOptions } from '../terms/term-options.js';
import { buildMappingsReport, formatMappingsReport } from './inventories/mappings-report.js';
import { REPORT_FORMATS, type ReportFormat } from './inventories/tables.js';
import { countTerms, formatTermsReport } from './inventories/terms-report.js';
import { openProject, parseTargets } from './open-project.js';
import { REGISTRY } from '../../rules/index.js';

export interface ReportCommandOptions {
  config?: string;
  root?: string;
  format: ReportFormat;
}

/** When neither terminology nor term-consistency is configured, the report shows the Kubernetes pack. */
const DEFAULT_TERM_LIST: TermListOptions = { packs: ['kubernetes'], terms: [], disable: [] };

function checkFormat(format: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`Unknown format "${format}"; choose one of: ${REPORT_FORMATS.join(', ')}.`);
  return format as ReportFormat;
}

function optionsOf<T>(enabled: readonly EnabledRule[], ruleId: string): T | undefined {
  return enabled.find((rule) => rule.rule.id === ruleId)?.options as T | undefined;
}

export async function termsCommand(patterns: readonly string[], options: ReportCommandOptions, io: CliIo): Promise<number> {
  const format = checkFormat(options.format);
  const project = await openProject(patterns, options, io);
  const { files } = await parseTargets(project);
  const report = countTerms(files, (file) => {
    const enabled = project.settings.forFile(file.path);
    return matcherFor(optionsOf<TermListOptions>(enabled, 'terminology') ?? optionsOf<TermListOptions>(enabled, 'term-consistency') ?? DEFAULT_TERM_LIST);
  });
  io.stdout(formatTermsReport(report, format));
  return EXIT_OK;
}

export async function mappingsCommand(patterns: readonly string[], options: ReportCommandOptions, io: CliIo): Promise<number> {
  const format = checkFormat(options.format);
  const project = await openProject(patterns, options, io);
  const { files: parsed } = await parseTargets(project);
  const base = project.settings.base();
  // Files where the configuration switches mapping checks off (an archive) are left out, as in lint.
  const checked = (ruleId: string): boolean => base.some((rule) => rule.rule.id === ruleId);
  const files = checked('mapping-consistency') ? parsed.filter((file) => project.settings.forFile(file.path).some((rule) => rule.rule.id === 'mapping-consistency')) : parsed;
  const mapping = optionsOf<{ mapping: Parameters<typeof canonicalEntries>[0] }>(base, 'mapping-consistency')?.mapping ?? [];
  const canonical: CanonicalEntry[] = canonicalEntries(mapping);
  const vocabulary = kubernetesConcepts(optionsOf<{ vocabulary: string[] }>(base, 'k8s-concepts')?.vocabulary ?? []);
  const report = buildMappingsReport({ files, vocabulary, canonical, messages: REGISTRY.byId.get('mapping-consistency')?.messages ?? {} });
  io.stdout(formatMappingsReport(report, format));
  return EXIT_OK;
}
