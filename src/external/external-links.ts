/**
 * The network half of the `external-links` rule. Rules are synchronous and must not do I/O, so
 * the lint command calls this after lintProject: it collects the http(s) URLs of the linted
 * files from their FileFacts, checks each distinct URL once (cache, scheduler, SSRF guard), and
 * turns the answers into diagnostics of the rule, honouring per-file settings and inline
 * control comments like any other rule (a silenced link is not requested at all).
 */
import path from 'node:path';
import type { FileSettings } from '../config/file-settings.js';
import type { ResolvedConfig } from '../config/load.js';
import type { FileAnalysis } from '../engine/analyze-file.js';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.js';
import { SuppressionMap } from '../suppressions/control-comments.js';
import type { FileFacts, LinkFact } from '../core/facts.js';
import type { CliIo } from '../core/io.js';
import { linkLocation } from '../links/destination-edit.js';
import { offsetToPoint } from '../markdown/parse.js';
import { formatMessage, type Severity } from '../core/rule.js';
import externalLinksRule, { EXTERNAL_URL, malformedReason, type ExternalLinksOptions as ExternalLinkOptions } from '../../rules/external-links.js';
import type { AddressPolicy } from './address-guard.js';
import { HostScheduler } from './host-scheduler.js';
import { checkUrl, type HttpCheckOptions, type UrlCheckResult } from './http-check.js';
import { defaultCacheFile, ResultCache } from './result-cache.js';

export const EXTERNAL_LINKS_RULE_ID = externalLinksRule.id;

/** Answers that mean the link is broken; every other answer is a warning at most. */
const BROKEN: ReadonlySet<UrlCheckResult['kind']> = new Set(['notFound', 'hostNotFound']);

/** `--external`: switch the rule on at its default severity where the config leaves it off or unset. */
export function enableExternalLinks(config: ResolvedConfig): void {
  const setting = config.rules.get(EXTERNAL_LINKS_RULE_ID);
  if (!setting || setting.severity === 'off') {
    config.rules.set(EXTERNAL_LINKS_RULE_ID, { severity: externalLinksRule.defaultSeverity, optionLayers: setting?.optionLayers ?? [] });
  }
}

interface Occurrence {
  file: string;
  link: LinkFact;
  severity: Exclude<Severity, 'off'>;
}

export interface ExternalLinkCheck {
  analyses: ReadonlyMap<string, FileAnalysis>;
  settings: Pick<FileSettings, 'forFile' | 'base'>;
  root: string;
  io: CliIo;
  /** `--allow-private`. */
  allowPrivate: boolean;
  /** Narrows the SSRF guard in tests; the default refuses every private and local address. */
  isBlocked?: AddressPolicy;
}

/** Distinct URLs without their fragment (`…/page#a` and `…/page#b` are one request). */
function requestKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

function collect(check: ExternalLinkCheck): { byUrl: Map<string, Occurrence[]>; options?: ExternalLinkOptions } {
  const byUrl = new Map<string, Occurrence[]>();
  const base = check.settings.base().find((enabled) => enabled.rule.id === EXTERNAL_LINKS_RULE_ID);
  let options = base?.options as ExternalLinkOptions | undefined;
  for (const [file, analysis] of check.analyses) {
    const enabled = check.settings.forFile(file).find((candidate) => candidate.rule.id === EXTERNAL_LINKS_RULE_ID);
    if (!enabled || !analysis.facts) continue;
    const fileOptions = enabled.options as ExternalLinkOptions;
    options ??= fileOptions;
    const include = fileOptions.include.map((pattern) => new RegExp(pattern, 'u'));
    const exclude = fileOptions.exclude.map((pattern) => new RegExp(pattern, 'u'));
    const facts = analysis.facts;
    const suppressions = new SuppressionMap(facts.directives);
    for (const link of facts.links) {
      if (!EXTERNAL_URL.test(link.url) || malformedReason(link.url)) continue;
      if (include.length > 0 && !include.some((pattern) => pattern.test(link.url))) continue;
      if (exclude.some((pattern) => pattern.test(link.url))) continue;
      // A silenced link is not even requested: that is what a comment on a flaky URL is for.
      if (suppressions.suppresses(EXTERNAL_LINKS_RULE_ID, offsetToPoint(facts.lineStarts, linkLocation(link).start).line)) continue;
      const key = requestKey(link.url);
      const list = byUrl.get(key) ?? [];
      list.push({ file, link, severity: enabled.severity });
      byUrl.set(key, list);
    }
  }
  return options ? { byUrl, options } : { byUrl };
}

function messageFor(result: UrlCheckResult, url: string, timeoutMs: number): { messageId: string; data: Record<string, string | number> } | undefined {
  switch (result.kind) {
    case 'ok':
      return undefined;
    case 'notFound':
    case 'httpError':
      return { messageId: result.kind, data: { url, status: result.status } };
    case 'serverError':
      return { messageId: result.kind, data: { url, status: result.status, attempts: result.attempts } };
    case 'rateLimited':
      return { messageId: result.kind, data: { url, attempts: result.attempts } };
    case 'timeout':
      return { messageId: result.kind, data: { url, seconds: timeoutMs / 1000, attempts: result.attempts } };
    case 'hostNotFound':
      return { messageId: result.kind, data: { url, host: result.host } };
    case 'unreachable':
      return { messageId: result.kind, data: { url, detail: result.detail } };
    case 'permanentRedirect':
    case 'tooManyRedirects':
      return { messageId: result.kind, data: { url, location: result.location } };
    case 'blocked':
      return { messageId: result.kind, data: { url, address: result.address } };
  }
}

function toDiagnostic(occurrence: Occurrence, facts: FileFacts, result: UrlCheckResult, timeoutMs: number): Diagnostic | undefined {
  const message = messageFor(result, occurrence.link.url, timeoutMs);
  if (!message) return undefined;
  const { start, end } = linkLocation(occurrence.link);
  const from = offsetToPoint(facts.lineStarts, start);
  const to = offsetToPoint(facts.lineStarts, end);
  return {
    file: occurrence.file,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
    ruleId: EXTERNAL_LINKS_RULE_ID,
    messageId: message.messageId,
    severity: occurrence.severity === 'error' && BROKEN.has(result.kind) ? 'error' : 'warn',
    message: formatMessage(externalLinksRule.messages[message.messageId]!, message.data),
  };
}

/** A one-line progress counter on a terminal, erased when done. */
function progressLine(io: CliIo, total: number): { tick(): void; done(): void } {
  if (!io.stdoutIsTTY || total === 0) return { tick: () => undefined, done: () => undefined };
  let checked = 0;
  let lastDrawn = 0;
  const draw = (): void => io.stderr(`\r\x1b[Kchecking external links: ${checked}/${total}`);
  draw();
  return {
    tick: () => {
      checked++;
      if (Date.now() - lastDrawn > 100 || checked === total) {
        lastDrawn = Date.now();
        draw();
      }
    },
    done: () => io.stderr('\r\x1b[K'),
  };
}

/** Checks the external URLs of the linted files; returns the rule's diagnostics (empty when the rule is off everywhere). */
export async function externalLinkDiagnostics(check: ExternalLinkCheck): Promise<Diagnostic[]> {
  const { byUrl, options } = collect(check);
  if (!options || byUrl.size === 0) return [];
  const cacheFile = options.cache === false ? undefined : options.cache === true ? defaultCacheFile(check.io.env) : path.resolve(check.root, options.cache);
  const cache = await ResultCache.open(cacheFile, options.cacheTtlSeconds * 1000);
  const scheduler = new HostScheduler({ total: options.concurrency, perHost: options.perHostConcurrency, delayMs: options.perHostDelayMs });
  const httpOptions: HttpCheckOptions = {
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    retryDelayMs: options.retryDelayMs,
    maxRetryAfterMs: options.maxRetryAfterMs,
    maxRedirects: options.maxRedirects,
    allowPrivate: check.allowPrivate || options.allowPrivate,
    userAgent: options.userAgent,
    ...(check.isBlocked ? { isBlocked: check.isBlocked } : {}),
  };
  const progress = progressLine(check.io, byUrl.size);
  const results = new Map<string, UrlCheckResult>();
  try {
    await Promise.all(
      [...byUrl.keys()].map(async (url) => {
        let result = cache.get(url);
        if (!result) {
          result = await checkUrl(url, httpOptions, scheduler);
          cache.set(url, result);
        }
        results.set(url, result);
        progress.tick();
      }),
    );
  } finally {
    progress.done();
    await cache.save();
  }

  const diagnostics: Diagnostic[] = [];
  for (const [url, occurrences] of byUrl) {
    for (const occurrence of occurrences) {
      const facts = check.analyses.get(occurrence.file)!.facts!;
      const diagnostic = toDiagnostic(occurrence, facts, results.get(url)!, options.timeoutMs);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  return diagnostics.sort(compareDiagnostics);
}
