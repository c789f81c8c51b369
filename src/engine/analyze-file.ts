/**
 * Phase 1: a pure function of (path, bytes, enabled rules). It decodes and parses the file once,
 * runs the file rules and the extract steps of project rules on the tree, and returns plain data
 * (FileFacts and pending diagnostics). The tree does not outlive this call.
 */
import { collectFileFacts } from '../markdown/facts.js';
import { computeLineStarts, parseMarkdown } from '../markdown/parse.js';
import { decodeMarkdown } from '../markdown/decode.js';
import { formatMessage, type Location, type ParsedFile, type ReportDescriptor, type TextEdit } from '../core/rule.js';
import type { EnabledRule } from '../config/file-settings.js';
import type { FileFacts } from '../core/facts.js';
import type { PendingDiagnostic } from '../core/diagnostic.js';
import { FILE_READ, RULE_CRASH } from '../core/engine-rules.js';

export interface FileAnalysis {
  path: string;
  /** Undefined when the file could not be decoded. */
  facts?: FileFacts;
  text?: string;
  bom?: boolean;
  diagnostics: PendingDiagnostic[];
  /** True when a rule threw: the run must end with exit code 2. */
  crashed: boolean;
}

export function locationRange(at: Location): { start: number; end: number } {
  if ('start' in at && typeof at.start === 'number') return { start: at.start, end: (at as { end: number }).end };
  const position = (at as { position?: { start: { offset?: number }; end: { offset?: number } } }).position;
  return { start: position?.start.offset ?? 0, end: position?.end.offset ?? position?.start.offset ?? 0 };
}

export function toPending(file: string, ruleId: string, severity: PendingDiagnostic['severity'], messages: Readonly<Record<string, string>>, descriptor: ReportDescriptor): PendingDiagnostic {
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
  return pending;
}

function crashDiagnostic(file: string, ruleId: string, error: unknown): PendingDiagnostic {
  const message = error instanceof Error ? error.message : String(error);
  return toPending(file, RULE_CRASH.id, 'error', RULE_CRASH.messages, { messageId: 'crashed', data: { rule: ruleId, error: message }, at: { start: 0, end: 0 } });
}

export function analyzeText(path: string, text: string, enabledRules: readonly EnabledRule[], factsOnly = false): FileAnalysis {
  const lineStarts = computeLineStarts(text);
  const file: ParsedFile = { path, text, tree: parseMarkdown(text), lineStarts };
  const facts = collectFileFacts(file);
  const diagnostics: PendingDiagnostic[] = [];
  let crashed = false;
  for (const { rule, severity, options } of enabledRules) {
    try {
      if (rule.scope === 'file') {
        if (factsOnly) continue;
        rule.check({ file, options, report: (descriptor) => diagnostics.push(toPending(path, rule.id, severity, rule.messages, descriptor)) });
      } else if (rule.extract) {
        facts.extracted[rule.id] = rule.extract(file, options);
      }
    } catch (error) {
      crashed = true;
      diagnostics.push(crashDiagnostic(path, rule.id, error));
    }
  }
  return { path, facts, text, diagnostics, crashed };
}

export function analyzeBytes(path: string, bytes: Uint8Array, enabledRules: readonly EnabledRule[], factsOnly = false): FileAnalysis {
  const decoded = decodeMarkdown(bytes);
  if (!decoded.ok) {
    const messageId = decoded.reason === 'binary' ? 'binary' : 'invalidUtf8';
    return {
      path,
      diagnostics: [toPending(path, FILE_READ.id, 'error', FILE_READ.messages, { messageId, data: { detail: decoded.detail }, at: { start: 0, end: 0 } })],
      crashed: false,
    };
  }
  return { ...analyzeText(path, decoded.text, enabledRules, factsOnly), bom: decoded.bom };
}

export function unreadableFile(path: string, error: unknown): FileAnalysis {
  const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return {
    path,
    diagnostics: [toPending(path, FILE_READ.id, 'error', FILE_READ.messages, { messageId: 'unreadable', data: { detail }, at: { start: 0, end: 0 } })],
    crashed: false,
  };
}
