/**
 * The per-file steps of the `terms` and `mappings` reports, as project rules that only extract
 * (their `check` reports nothing), so that the engine's phase 1 runs them: through the phase-1
 * cache, and on the worker pool as lint's rules are. This module is to the pool's workers what
 * rules/index.ts is for lint: they import it by its URL (REPORT_RULES_MODULE) and take its
 * `RULES` export, so it must stay light and name no rule of the rule list.
 */
import { z } from 'zod';
import type { ParsedFile, ProjectRule } from '../../core/rule.js';
import { kubernetesConcepts, type ConceptVocabulary } from '../../terms/concepts.js';
import { documentHistory, type HistoryOptions } from '../../terms/history.js';
import type { CanonicalEntry } from '../../terms/mapping-check.js';
import { matcherFor, type TermListOptions } from '../../terms/term-options.js';
import { mappingRows, type MappingRows } from './mappings-report.js';
import { termRows, type TermRow } from './terms-report.js';

/** A report-only rule: metadata the engine needs, never in the rule list, never reporting. */
function reportRule<Options, Row>(
  id: string,
  description: string,
  extract: (file: ParsedFile, options: Options) => Row,
): ProjectRule<Options, Row> {
  return {
    id,
    description,
    tags: [],
    defaultSeverity: 'warn',
    recommended: false,
    fixable: false,
    options: z.custom<Options>(),
    messages: {},
    scope: 'project',
    extract,
    check: () => {},
  };
}

/** What decides a file's term rows: plain data (it crosses to worker threads and keys the cache). */
export interface TermRowOptions {
  termList: TermListOptions;
  history: HistoryOptions;
}

/** Each file's term occurrences, with the records term-consistency leaves out by its `history` option. */
export const TERM_ROWS = reportRule<TermRowOptions, TermRow[]>(
  'terms-report',
  'the occurrences of terms the terms report counts',
  (file, options) =>
    termRows(
      file,
      matcherFor(options.termList),
      documentHistory(file.path, file.tree, file.text, options.history).history,
    ),
);

/** What decides a file's mapping rows: plain data (it crosses to worker threads and keys the cache). */
export interface MappingRowRuleOptions {
  /** k8s-concepts' extra concept names. */
  vocabulary: string[];
  canonical: CanonicalEntry[];
  history?: HistoryOptions | undefined;
}

/** The concept vocabulary of each options object (building one with extra names is not free). */
const vocabularies = new WeakMap<MappingRowRuleOptions, ConceptVocabulary>();

export function vocabularyOf(options: MappingRowRuleOptions): ConceptVocabulary {
  let vocabulary = vocabularies.get(options);
  if (!vocabulary) {
    vocabulary = kubernetesConcepts(options.vocabulary);
    vocabularies.set(options, vocabulary);
  }
  return vocabulary;
}

/** Each file's mapping statements and unreadable mapping-table rows. */
export const MAPPING_ROWS = reportRule<MappingRowRuleOptions, MappingRows>(
  'mappings-report',
  'the mapping statements the mappings report judges',
  (file, options) =>
    mappingRows(file, { vocabulary: vocabularyOf(options), canonical: options.canonical, history: options.history }),
);

/** What a worker thread of the report's pool looks its rules up in (the pool's `rulesModule` contract). */
export const RULES: readonly ProjectRule[] = [TERM_ROWS, MAPPING_ROWS] as readonly ProjectRule[];

/** The URL the pool hands its workers: this module, whose `RULES` they import (see rules/index.ts's RULES_MODULE). */
export const REPORT_RULES_MODULE = import.meta.url;
