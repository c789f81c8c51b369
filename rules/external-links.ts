import { z } from 'zod';
import { linkLocation } from '../src/links/destination-edit.js';
import { defineProjectRule } from '../src/core/rule.js';
import { REPOSITORY_URL, TOOL_VERSION } from '../src/core/tool.js';

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

const milliseconds = (fallback: number, what: string) => z.number().int().min(0).default(fallback).describe(`${what} (milliseconds).`);

const externalLinksOptions = z.strictObject({
  include: z.array(z.string()).default([]).describe('Regular expressions; when given, only URLs that match one are checked.'),
  exclude: z.array(z.string()).default([]).describe('Regular expressions; URLs that match one are not checked.'),
  timeoutMs: milliseconds(10_000, 'Time limit of one request'),
  retries: z.number().int().min(0).max(10).default(2).describe('Retries after a 429, a 5xx or a dropped connection.'),
  retryDelayMs: milliseconds(1_000, 'First backoff delay, doubled on each retry, unless the server sends Retry-After'),
  maxRetryAfterMs: milliseconds(60_000, 'Longest Retry-After that is waited for; beyond it the URL is reported as rate-limited'),
  maxRedirects: z.number().int().min(0).max(20).default(5).describe('Redirects followed before giving up.'),
  concurrency: z.number().int().min(1).max(64).default(8).describe('Requests in flight at once.'),
  perHostConcurrency: z.number().int().min(1).max(16).default(2).describe('Requests in flight to one host at once.'),
  perHostDelayMs: milliseconds(100, 'Least time between the starts of two requests to the same host'),
  cache: z
    .union([z.boolean(), z.string().min(1)])
    .default(true)
    .describe('Cache answers on disk: true for the user cache folder, a file path (relative to the repository root), or false.'),
  cacheTtlSeconds: z.number().int().min(0).default(86_400).describe('How long a cached answer is trusted (seconds; 0 disables the cache).'),
  allowPrivate: z
    .boolean()
    .default(false)
    .describe('Allow requests to loopback, private, link-local and metadata addresses (also --allow-private). Never enable this in CI for untrusted pull requests.'),
  userAgent: z.string().min(1).default(`agentops-lint/${TOOL_VERSION} (+${REPOSITORY_URL})`).describe('User-Agent header sent with each request.'),
});

export type ExternalLinksOptions = z.output<typeof externalLinksOptions>;

/**
 * External URLs are checked over the network only when asked (`--external`, or this rule
 * enabled in the config); the network part runs after the lint in src/external/. Offline, the
 * rule reports http(s) URLs that cannot even be requested.
 */
export default defineProjectRule({
  id: 'external-links',
  description: 'External http(s) links answer (checked over the network only with --external or when enabled; safe by default).',
  tags: ['links', 'network'],
  scope: 'project',
  defaultSeverity: 'error',
  recommended: false,
  fixable: false,
  options: externalLinksOptions,
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
    blocked: 'External URL "{url}" resolves to the private or local address {address}; not requested (use --allow-private to allow).',
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
});
