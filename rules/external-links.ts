import path from 'node:path';
import { z } from 'zod';
import { regularExpressionSchema } from '../src/config/option-schemas.js';
import type { LinkFact } from '../src/core/facts.js';
import { linkLocation } from '../src/links/destination-edit.js';
import { resolvedLocally } from '../src/links/self-urls.js';
import { defineProjectRule, type ProjectRuleAsyncContext, type RuleEnvironment } from '../src/core/rule.js';
import { REPOSITORY_URL, TOOL_VERSION } from '../src/core/tool.js';
import { checkUrls, requestKey, type UrlBatch, type UrlBatchOptions } from '../src/external/check-urls.js';
import { isConnectFailure, type UrlCheckResult } from '../src/external/http-check.js';
import { proxySettingsFrom, type ProxySettings } from '../src/external/proxy.js';
import { defaultCacheFile } from '../src/external/result-cache.js';

export const EXTERNAL_URL = /^https?:\/\//i;

/** Why an http(s) URL cannot be requested at all, or undefined when it can. */
export function malformedReason(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  if (parsed.hostname === '') return 'no host name';
  return undefined;
}

const milliseconds = (fallback: number, what: string) =>
  z.number().int().min(0).default(fallback).describe(`${what} (milliseconds).`);

const externalLinksOptions = z.strictObject({
  include: z
    .array(regularExpressionSchema)
    .default([])
    .describe('Regular expressions (JavaScript syntax); when given, only URLs that match one are checked.'),
  exclude: z
    .array(regularExpressionSchema)
    .default([])
    .describe('Regular expressions (JavaScript syntax); URLs that match one are not checked.'),
  timeoutMs: milliseconds(10_000, 'Time limit of one request'),
  retries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .describe('How many times a request is retried after a 429, a 5xx or a dropped connection.'),
  retryDelayMs: milliseconds(1_000, 'First backoff delay, doubled on each retry, unless the server sends Retry-After'),
  maxRetryAfterMs: milliseconds(
    60_000,
    'Longest Retry-After that is waited for; beyond it the URL is reported as rate-limited',
  ),
  maxRedirects: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(5)
    .describe('Redirects followed before the URL is reported as tooManyRedirects.'),
  concurrency: z.number().int().min(1).max(64).default(8).describe('Requests in flight at once, over all hosts.'),
  perHostConcurrency: z.number().int().min(1).max(16).default(2).describe('Requests in flight to one host at once.'),
  perHostDelayMs: milliseconds(100, 'Least time between the starts of two requests to the same host'),
  cache: z
    .union([z.boolean(), z.string().min(1)])
    .default(true)
    .describe(
      'Cache answers on disk: true for the user cache folder, a file path (relative to the repository root), or false.',
    ),
  cacheTtlSeconds: z
    .number()
    .int()
    .min(0)
    .default(86_400)
    .describe('How long a cached answer is trusted (seconds; 0 disables the cache).'),
  allowPrivate: z
    .boolean()
    .default(false)
    .describe(
      'Allow requests to loopback, private, link-local and metadata addresses (also --allow-private). Never enable this in CI for untrusted pull requests.',
    ),
  userAgent: z
    .string()
    .min(1)
    .default(`agentops-lint/${TOOL_VERSION} (+${REPOSITORY_URL})`)
    .describe('The User-Agent header sent with each request.'),
  deadlineSeconds: z
    .number()
    .int()
    .min(0)
    .default(300)
    .describe(
      'Time limit of the whole external check (seconds; 0: none). URLs not answered by then are left unchecked, with one summary warning.',
    ),
  strict: z
    .boolean()
    .default(false)
    .describe(
      'Report every URL whose host cannot be reached as its own problem even when no host at all can be reached (offline), and make the summaries of unchecked URLs errors.',
    ),
});

export type ExternalLinksOptions = z.output<typeof externalLinksOptions>;

type NetworkContext = ProjectRuleAsyncContext<ExternalLinksOptions>;

/** Answers that mean the link is broken; every other answer is a warning at most. */
const BROKEN: ReadonlySet<UrlCheckResult['kind']> = new Set(['notFound', 'hostNotFound']);

interface Occurrence {
  file: string;
  link: LinkFact;
}

/** Whether a URL passes a file's include and exclude patterns. */
function urlFilter(options: ExternalLinksOptions): (url: string) => boolean {
  const include = options.include.map((pattern) => new RegExp(pattern, 'u'));
  const exclude = options.exclude.map((pattern) => new RegExp(pattern, 'u'));
  return (url) =>
    (include.length === 0 || include.some((pattern) => pattern.test(url))) &&
    !exclude.some((pattern) => pattern.test(url));
}

/** The links to request, by request key (one request for every link to the same page). */
function linksToRequest({ index, optionsFor, isSuppressed }: NetworkContext): Map<string, Occurrence[]> {
  const byUrl = new Map<string, Occurrence[]>();
  for (const file of index.targets) {
    const options = optionsFor(file);
    const facts = index.files.get(file);
    if (!options || !facts) continue;
    const wanted = urlFilter(options);
    for (const link of facts.links) {
      if (!EXTERNAL_URL.test(link.url) || malformedReason(link.url) || !wanted(link.url)) continue;
      // The repository's own URLs that the links and anchors rules answer from the files or git.
      if (resolvedLocally(link.url, index.repository)) continue;
      // A silenced link is not even requested: that is what a comment on a flaky URL is for.
      if (isSuppressed(file, linkLocation(link))) continue;
      const key = requestKey(link.url);
      const list = byUrl.get(key) ?? [];
      list.push({ file, link });
      byUrl.set(key, list);
    }
  }
  return byUrl;
}

/** How the batch is requested: the options of the first run of the rule (its network settings are repository-wide), the command line's say on private addresses. */
function batchOptions(
  options: ExternalLinksOptions,
  environment: RuleEnvironment,
  proxy: ProxySettings,
): UrlBatchOptions {
  return {
    http: {
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryDelayMs: options.retryDelayMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      maxRedirects: options.maxRedirects,
      allowPrivate: environment.allowPrivate || options.allowPrivate,
      userAgent: options.userAgent,
      ...(environment.isBlocked ? { isBlocked: environment.isBlocked } : {}),
      proxy,
    },
    limits: { total: options.concurrency, perHost: options.perHostConcurrency, delayMs: options.perHostDelayMs },
    cacheFile:
      options.cache === false
        ? undefined
        : options.cache === true
          ? defaultCacheFile(environment.env)
          : path.resolve(environment.root, options.cache),
    cacheTtlMs: options.cacheTtlSeconds * 1000,
    ...(options.deadlineSeconds > 0 ? { deadlineMs: options.deadlineSeconds * 1000 } : {}),
    stopWhenOffline: !options.strict,
  };
}

function messageFor(
  result: UrlCheckResult,
  url: string,
  timeoutMs: number,
): { messageId: string; data: Record<string, string | number> } | undefined {
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
    case 'notChecked':
      // Never reported one by one: the batch's summary says why and how many (see reportBatch).
      return undefined;
  }
}

const plural = (count: number, word: string): string =>
  `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** The first place a link to one of `urls` is written: where a summary about them is reported. */
function firstOccurrence(
  requests: ReadonlyMap<string, Occurrence[]>,
  wanted: (url: string) => boolean,
): Occurrence | undefined {
  for (const [url, occurrences] of requests) if (wanted(url)) return occurrences[0];
  return undefined;
}

/** ` (such as example.com: what happened)`, from the first URL asked, or nothing when its answer was no connect failure. */
function exampleFailure(batch: UrlBatch, options: ExternalLinksOptions): string {
  const answer = batch.firstAsked === undefined ? undefined : batch.answers.get(batch.firstAsked);
  if (!answer) return '';
  const host = new URL(batch.firstAsked!).host;
  if (answer.kind === 'hostNotFound') return ` (such as ${host}: the name does not resolve)`;
  if (answer.kind === 'unreachable') return ` (such as ${host}: ${answer.detail})`;
  if (answer.kind === 'timeout') return ` (such as ${host}: no connection within ${options.timeoutMs / 1000} s)`;
  return '';
}

/**
 * Reports the answers of a batch. When no host could be reached at all, the failures to connect
 * are the network's, not the links': unless the options are strict they make one summary warning
 * instead of an error for every URL. URLs left unchecked (deadline, network down) are summed up
 * the same way.
 */
function reportBatch(
  batch: UrlBatch,
  requests: ReadonlyMap<string, Occurrence[]>,
  options: ExternalLinksOptions,
  report: NetworkContext['report'],
): void {
  const offline = batch.networkDown && !options.strict;
  for (const [url, occurrences] of requests) {
    const answer = batch.answers.get(url)!;
    if (offline && (isConnectFailure(answer) || answer.kind === 'timeout')) continue;
    for (const { file, link } of occurrences) {
      const message = messageFor(answer, link.url, options.timeoutMs);
      // Only an answer that the page or its host is gone makes an error: a timeout, a rate limit
      // or a redirect does not mean the link is broken.
      if (message) report({ file, ...message, at: linkLocation(link), atMostWarning: !BROKEN.has(answer.kind) });
    }
  }
  const summary = (
    messageId: string,
    data: Record<string, string | number>,
    wanted: (url: string) => boolean,
  ): void => {
    const first = firstOccurrence(requests, wanted);
    if (first)
      report({ file: first.file, messageId, data, at: linkLocation(first.link), atMostWarning: !options.strict });
  };
  if (offline) {
    // Only what is the same on every run: which URLs are asked before the stop depends on timing.
    const unchecked = [...batch.answers]
      .filter(([, answer]) => isConnectFailure(answer) || answer.kind === 'timeout' || answer.kind === 'notChecked')
      .map(([url]) => url);
    const hosts = new Set(unchecked.map((url) => new URL(url).host));
    summary(
      'networkDown',
      {
        example: exampleFailure(batch, options),
        urls: plural(unchecked.length, 'URL'),
        hosts: plural(hosts.size, 'host'),
      },
      () => true,
    );
  } else if (batch.stopped === 'deadline') {
    const unchecked = [...batch.answers.values()].filter((answer) => answer.kind === 'notChecked').length;
    summary(
      'deadline',
      {
        seconds: options.deadlineSeconds,
        urls: plural(unchecked, 'URL'),
        total: batch.answers.size.toLocaleString('en-US'),
      },
      (url) => batch.answers.get(url)?.kind === 'notChecked',
    );
  }
}

/**
 * External URLs are checked over the network only when asked (`--external`, or this rule
 * enabled in the config): `checkAsync` requests each distinct URL once per lint through
 * src/external/. Offline (`--no-external`), `check` still reports http(s) URLs that cannot even
 * be requested.
 */
export default defineProjectRule({
  id: 'external-links',
  description:
    'External http(s) links answer (checked over the network only with --external or when enabled; safe by default).',
  tags: ['links', 'network'],
  scope: 'project',
  // --external switches it on; --no-external keeps it offline (RuleEnvironment.networkAllowed).
  usesNetwork: true,
  dependsOn: [],
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: externalLinksOptions,
  // One batch of requests per lint: its limits, cache and strictness cannot differ per file (include and exclude can).
  repositoryWideOptions: [
    'timeoutMs',
    'retries',
    'retryDelayMs',
    'maxRetryAfterMs',
    'maxRedirects',
    'concurrency',
    'perHostConcurrency',
    'perHostDelayMs',
    'cache',
    'cacheTtlSeconds',
    'allowPrivate',
    'userAgent',
    'deadlineSeconds',
    'strict',
  ],
  messages: {
    malformed: 'External URL "{url}" is malformed ({reason}).',
    notFound: 'External URL "{url}" answers {status} (not found).',
    hostNotFound: 'External URL "{url}": the host "{host}" does not exist (DNS).',
    httpError: 'External URL "{url}" answers {status}.',
    serverError: 'External URL "{url}" still answers {status} after {attempts} attempts.',
    rateLimited: 'External URL "{url}" is rate-limited (429) after {attempts} attempts; not checked.',
    timeout: 'External URL "{url}" did not answer within {seconds} s ({attempts} attempts).',
    unreachable: 'External URL "{url}" cannot be reached: {detail}.',
    permanentRedirect: 'External URL "{url}" moved permanently to "{location}".',
    tooManyRedirects: 'External URL "{url}" redirects too many times (last: "{location}").',
    blocked:
      'External URL "{url}" resolves to the private or local address {address}; not requested (use --allow-private to allow).',
    networkDown:
      'External URLs not checked: no host could be reached{example}. Offline, or behind a firewall or proxy (HTTPS_PROXY)? {urls} on {hosts} not checked; the option strict: true reports each.',
    deadline:
      'External link check stopped at its deadline of {seconds} s: {urls} of {total} not checked (raise deadlineSeconds, or narrow include/exclude).',
    proxyProblem: 'External URLs not checked: {problem}.',
  },
  check({ index, report }) {
    for (const file of index.targets) {
      for (const link of index.files.get(file)?.links ?? []) {
        if (!EXTERNAL_URL.test(link.url)) continue;
        const reason = malformedReason(link.url);
        if (reason) report({ file, messageId: 'malformed', data: { url: link.url, reason }, at: linkLocation(link) });
      }
    }
  },
  async checkAsync(context) {
    const { options, environment, report } = context;
    if (!environment.networkAllowed) return;
    const requests = linksToRequest(context);
    if (requests.size === 0) return;
    let proxy: ProxySettings;
    try {
      proxy = proxySettingsFrom(environment.env);
    } catch (error) {
      const first = firstOccurrence(requests, () => true)!;
      report({
        file: first.file,
        messageId: 'proxyProblem',
        data: { problem: (error as Error).message },
        at: linkLocation(first.link),
        atMostWarning: !options.strict,
      });
      return;
    }
    const progress = environment.progress.begin('checking external links', requests.size);
    const batch = await checkUrls(requests.keys(), { ...batchOptions(options, environment, proxy), progress });
    reportBatch(batch, requests, options, report);
  },
});
