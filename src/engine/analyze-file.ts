/**
 * Phase 1: a pure function of (path, bytes, enabled rules). It decodes and parses the file once,
 * walks the tree once for the fact collectors and the handlers of all file rules, runs whole-file
 * rules and the extract steps of project rules, and returns plain data (FileFacts and pending
 * diagnostics). The tree does not outlive this call.
 */
import { countLines, fileFactsCollector } from '../markdown/facts.js';
import { computeLineStarts, parseMarkdownWithLimits } from '../markdown/parse.js';
import { MAX_NESTING_DEPTH, type SkippedNesting } from '../markdown/nesting.js';
import { decodeMarkdown, type DecodeResult } from '../markdown/decode.js';
import { parseCostExcess } from '../markdown/parse-cost.js';
import {
  BrokenSymlinkError,
  FileTooLargeError,
  formatBytes,
  NotRegularFileError,
  OutsideRepositoryError,
} from './file-limits.js';
import { combineHandlers, walkWithHandlers, type UntypedHandler } from '../markdown/walk.js';
import {
  formatMessage,
  type FileRuleContext,
  type Location,
  type NodeHandlers,
  type ParsedFile,
  type ReportDescriptor,
  type TextEdit,
} from '../core/rule.js';
import type { EnabledRule } from '../config/file-settings.js';
import type { FileFacts } from '../core/facts.js';
import type { PendingDiagnostic } from '../core/diagnostic.js';
import { FILE_READ, PARSE_ERROR, RULE_CRASH } from '../core/engine-rules.js';

export interface FileAnalysis {
  path: string;
  /** Undefined when the file could not be decoded. */
  facts?: FileFacts;
  text?: string;
  bom?: boolean;
  diagnostics: PendingDiagnostic[];
  /** True when a rule threw: the run must end with exit code 2. */
  crashed: boolean;
  /** True when the analysis was stopped (over its time budget, out of memory): it depends on the machine, so it is never cached. */
  stopped?: boolean;
}

export function locationRange(at: Location): { start: number; end: number } {
  if ('start' in at && typeof at.start === 'number') return { start: at.start, end: (at as { end: number }).end };
  const position = (at as { position?: { start: { offset?: number }; end: { offset?: number } } }).position;
  return { start: position?.start.offset ?? 0, end: position?.end.offset ?? position?.start.offset ?? 0 };
}

export function toPending(
  file: string,
  ruleId: string,
  severity: PendingDiagnostic['severity'],
  messages: Readonly<Record<string, string>>,
  descriptor: ReportDescriptor,
): PendingDiagnostic {
  const template = messages[descriptor.messageId];
  if (template === undefined) throw new Error(`rule "${ruleId}" reported unknown messageId "${descriptor.messageId}"`);
  const { start, end } = locationRange(descriptor.at);
  const pending: PendingDiagnostic = {
    file,
    start,
    end: Math.max(start, end),
    ruleId,
    messageId: descriptor.messageId,
    severity,
    message: formatMessage(template, descriptor.data),
  };
  if (descriptor.suggestion !== undefined) pending.suggestion = descriptor.suggestion;
  if (descriptor.fix !== undefined) pending.fix = ([] as TextEdit[]).concat(descriptor.fix);
  if (descriptor.verifyFix && pending.fix) pending.verifyFix = true;
  if (descriptor.suggestions?.length)
    pending.suggestions = descriptor.suggestions.map(({ desc, fix }) => ({
      desc,
      fix: ([] as TextEdit[]).concat(fix),
    }));
  return pending;
}

/** What the rule-crash diagnostic says of a rule that threw `error`. */
export function ruleCrashData(ruleId: string, error: unknown): { rule: string; error: string } {
  return { rule: ruleId, error: error instanceof Error ? error.message : String(error) };
}

/** The rule-crash diagnostic of a rule that threw, at the start of `file` (file and project rules alike). */
export function ruleCrashDiagnostic(file: string, ruleId: string, error: unknown): PendingDiagnostic {
  return toPending(file, RULE_CRASH.id, 'error', RULE_CRASH.messages, {
    messageId: 'crashed',
    data: ruleCrashData(ruleId, error),
    at: { start: 0, end: 0 },
  });
}

/**
 * One enabled rule's part of a file's analysis. Each rule keeps its own diagnostics, so they come
 * out grouped by rule in the order of the enabled rules, as when every rule walked the tree alone,
 * although the handlers of all rules now run interleaved in one walk.
 */
class RuleRun {
  readonly diagnostics: PendingDiagnostic[] = [];
  crashed = false;

  constructor(
    private readonly file: ParsedFile,
    readonly enabled: EnabledRule,
  ) {}

  context(): FileRuleContext<unknown> {
    const { rule, severity, options } = this.enabled;
    return {
      file: this.file,
      options,
      report: (descriptor) =>
        this.diagnostics.push(toPending(this.file.path, rule.id, severity, rule.messages, descriptor)),
    };
  }

  /** Runs a step of the rule; the first one that throws becomes its rule-crash diagnostic and ends it for this file. */
  attempt(step: () => void): void {
    if (this.crashed) return;
    try {
      step();
    } catch (error) {
      this.crash(error);
    }
  }

  /**
   * The rule's handlers, each run as a step: once one throws, none of them is called again.
   * (attempt's logic inlined: this runs for every node, and a closure per call shows.)
   */
  isolate(handlers: NodeHandlers): NodeHandlers {
    const isolated: Record<string, UntypedHandler> = {};
    for (const [key, handler] of Object.entries(handlers) as [string, UntypedHandler | undefined][]) {
      if (handler === undefined) continue;
      isolated[key] = (node, ancestors) => {
        if (this.crashed) return;
        try {
          handler(node, ancestors);
        } catch (error) {
          this.crash(error);
        }
      };
    }
    return isolated as NodeHandlers;
  }

  private crash(error: unknown): void {
    this.crashed = true;
    this.diagnostics.push(ruleCrashDiagnostic(this.file.path, this.enabled.rule.id, error));
  }
}

/** The steps of analysing a file that belong to no rule: a failure in one is the file's parse-error. */
type AnalysisStep = 'decoding' | 'parsing' | 'collecting facts';

/**
 * A file whose analysis failed outside the rules (a bug, or input the parser cannot take): one
 * parse-error diagnostic, no facts, and the run goes on with the other files. Its text is kept
 * when it was decoded, as for any analysed file.
 */
function failedAnalysis(path: string, step: AnalysisStep, error: unknown, text?: string): FileAnalysis {
  const detail =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const diagnostic = toPending(path, PARSE_ERROR.id, 'error', PARSE_ERROR.messages, {
    messageId: 'failed',
    data: { step, error: detail },
    at: { start: 0, end: 0 },
  });
  return { path, ...(text === undefined ? {} : { text }), diagnostics: [diagnostic], crashed: false };
}

/** The diagnostic for what nested too deep to be analysed (see src/markdown/nesting.ts). */
function tooDeepDiagnostic(path: string, skipped: SkippedNesting): PendingDiagnostic {
  return toPending(path, PARSE_ERROR.id, 'error', PARSE_ERROR.messages, {
    messageId: 'tooDeep',
    data: {
      limit: MAX_NESTING_DEPTH,
      more:
        skipped.places === 1
          ? ''
          : ` and in ${skipped.places - 1} more place${skipped.places === 2 ? '' : 's'} of this file`,
    },
    at: { start: skipped.start, end: skipped.start },
  });
}

/**
 * Parses the file, then walks its tree once: the fact collectors and the handlers of every
 * tree-reading file rule see each node in turn. Whole-file rules and the extract steps of project
 * rules run after the walk. Whatever fails outside a rule becomes the file's parse-error
 * diagnostic (a rule that throws is that rule's rule-crash, as before): one bad file never costs
 * the report on the others.
 */
export function analyzeText(
  path: string,
  text: string,
  enabledRules: readonly EnabledRule[],
  factsOnly = false,
): FileAnalysis {
  let step: AnalysisStep = 'parsing';
  const costly = parseCostExcess(text);
  if (costly)
    return notAnalysed(
      path,
      'tooCostly',
      { what: costly.what, count: costly.count.toLocaleString('en-US'), limit: costly.limit.toLocaleString('en-US') },
      costly.offset,
    );
  try {
    const lineStarts = computeLineStarts(text);
    const parsed = parseMarkdownWithLimits(text);
    step = 'collecting facts';
    const file: ParsedFile = { path, text, tree: parsed.tree, lineStarts };
    const factsCollector = fileFactsCollector(file);
    const runs = enabledRules.map((enabled) => new RuleRun(file, enabled));

    const handlerSets: NodeHandlers[] = [factsCollector.handlers];
    for (const run of factsOnly ? [] : runs) {
      const { rule } = run.enabled;
      if (rule.scope === 'file' && rule.create)
        run.attempt(() => handlerSets.push(run.isolate(rule.create!(run.context()))));
    }
    walkWithHandlers(file.tree, combineHandlers(handlerSets));

    const facts = factsCollector.facts();
    for (const run of runs) {
      const { rule, options } = run.enabled;
      if (rule.scope === 'file') {
        if (!factsOnly && rule.check) run.attempt(() => rule.check!(run.context()));
      } else if (rule.extract) {
        run.attempt(() => {
          facts.extracted[rule.id] = rule.extract!(file, options);
        });
      }
    }
    const diagnostics = runs.flatMap((run) => run.diagnostics);
    if (parsed.skipped) diagnostics.unshift(tooDeepDiagnostic(path, parsed.skipped));
    return { path, facts, text, diagnostics, crashed: runs.some((run) => run.crashed) };
  } catch (error) {
    return failedAnalysis(path, step, error, text);
  }
}

export function analyzeBytes(
  path: string,
  bytes: Uint8Array,
  enabledRules: readonly EnabledRule[],
  factsOnly = false,
): FileAnalysis {
  let decoded: DecodeResult;
  try {
    decoded = decodeMarkdown(bytes);
  } catch (error) {
    return failedAnalysis(path, 'decoding', error);
  }
  if (!decoded.ok) return fileReadProblem(path, decoded.reason, { detail: decoded.detail });
  return { ...analyzeText(path, decoded.text, enabledRules, factsOnly), bom: decoded.bom };
}

const FILE_READ_MESSAGE_IDS: Record<Exclude<DecodeResult, { ok: true }>['reason'], string> = {
  binary: 'binary',
  'invalid-utf8': 'invalidUtf8',
  utf16: 'utf16',
};

/** Why a file was not read at all (file-read message ids). */
type ReadRefusal = 'tooLarge' | 'unreadable' | 'notRegular' | 'outsideRepository' | 'brokenSymlink';

/**
 * A file that is not analysed although it could be read: too costly to parse (parse-cost.ts), over
 * its time budget or out of memory (phase1-pool.ts). One parse-error at `offset`; no facts.
 */
export function notAnalysed(
  path: string,
  messageId: 'tooCostly' | 'timeout' | 'outOfMemory',
  data: Record<string, string | number>,
  offset = 0,
): FileAnalysis {
  return {
    path,
    diagnostics: [
      toPending(path, PARSE_ERROR.id, 'error', PARSE_ERROR.messages, {
        messageId,
        data,
        at: { start: offset, end: offset },
      }),
    ],
    crashed: false,
  };
}

/** A file that could not be read as UTF-8 Markdown: one file-read diagnostic at its start. */
function fileReadProblem(
  path: string,
  reason: keyof typeof FILE_READ_MESSAGE_IDS | ReadRefusal,
  data: Record<string, string | number>,
): FileAnalysis {
  const messageId =
    reason in FILE_READ_MESSAGE_IDS ? FILE_READ_MESSAGE_IDS[reason as keyof typeof FILE_READ_MESSAGE_IDS] : reason;
  return {
    path,
    diagnostics: [
      toPending(path, FILE_READ.id, 'error', FILE_READ.messages, { messageId, data, at: { start: 0, end: 0 } }),
    ],
    crashed: false,
  };
}

/** A file over the size limit: not read, not analysed (see file-limits.ts). */
export function tooLargeFile(path: string, size: number, limit: number): FileAnalysis {
  return fileReadProblem(path, 'tooLarge', { size: formatBytes(size), limit: formatBytes(limit) });
}

/** A file whose read failed: too large for the limit, or an error of the file system. */
export function unreadableFile(path: string, error: unknown): FileAnalysis {
  if (error instanceof FileTooLargeError) return tooLargeFile(path, error.size, error.limit);
  if (error instanceof NotRegularFileError) return fileReadProblem(path, 'notRegular', { kind: error.kind });
  if (error instanceof OutsideRepositoryError) return fileReadProblem(path, 'outsideRepository', {});
  if (error instanceof BrokenSymlinkError) return fileReadProblem(path, 'brokenSymlink', { detail: error.detail });
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return fileReadProblem(path, 'unreadable', { detail });
}

/** What every control comment starts with (suppressions/control-comments.ts): a file without it holds none. */
const CONTROL_COMMENT_MARK = 'agentops-lint-';

/**
 * Phase 1 of a file whose tree no rule of the run reads (only paths are compared, as by
 * required-files alone): decoded, so that what cannot be read is still reported, but not parsed;
 * its facts are empty. Returns undefined when the file must be parsed after all, because its raw
 * text may hold a control comment, which the engine checks in every file.
 */
export function analyzeWithoutTree(
  path: string,
  source: { bytes: Uint8Array } | { text: string },
): FileAnalysis | undefined {
  let text: string;
  let bom: boolean | undefined;
  if ('text' in source) text = source.text;
  else {
    let decoded: DecodeResult;
    try {
      decoded = decodeMarkdown(source.bytes);
    } catch (error) {
      return failedAnalysis(path, 'decoding', error);
    }
    if (!decoded.ok) return fileReadProblem(path, decoded.reason, { detail: decoded.detail });
    text = decoded.text;
    bom = decoded.bom;
  }
  if (text.includes(CONTROL_COMMENT_MARK)) return undefined;
  const lineStarts = computeLineStarts(text);
  const facts: FileFacts = {
    path,
    lineStarts,
    lineCount: countLines(text, lineStarts),
    headings: [],
    htmlAnchors: [],
    links: [],
    definitions: [],
    references: [],
    directives: [],
    extracted: {},
  };
  return { path, facts, text, diagnostics: [], crashed: false, ...(bom === undefined ? {} : { bom }) };
}
