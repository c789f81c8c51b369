/**
 * Checking one external URL: HEAD first (no body), GET when the server does not answer HEAD
 * properly (the body is never read: the connection is closed once the headers are in), redirects
 * followed by hand so that every hop passes the address guard, retries with exponential backoff
 * on 429 and 5xx that honour Retry-After, and a hard timeout per request.
 */
import http from 'node:http';
import https from 'node:https';
import { BlockedAddressError, guardedLookup, isBlockedAddress, type AddressPolicy } from './address-guard.js';
import type { HostScheduler } from './host-scheduler.js';

export interface HttpCheckOptions {
  timeoutMs: number;
  retries: number;
  /** First backoff delay; doubled on each retry. */
  retryDelayMs: number;
  /** A Retry-After longer than this is not waited for: the URL is reported as rate-limited. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  allowPrivate: boolean;
  userAgent: string;
  /** Which addresses the guard refuses (tests narrow it; the default is isBlockedAddress). */
  isBlocked?: AddressPolicy;
}

export type UrlCheckResult =
  | { kind: 'ok'; status: number }
  | { kind: 'permanentRedirect'; status: number; location: string }
  | { kind: 'notFound'; status: number }
  | { kind: 'httpError'; status: number }
  | { kind: 'serverError'; status: number; attempts: number }
  | { kind: 'rateLimited'; attempts: number }
  | { kind: 'tooManyRedirects'; location: string }
  | { kind: 'timeout'; attempts: number }
  | { kind: 'hostNotFound'; host: string }
  | { kind: 'unreachable'; detail: string }
  | { kind: 'blocked'; address: string };

/** Results worth remembering between runs; transient ones are asked again next time. */
export function isCacheable(result: UrlCheckResult): boolean {
  return result.kind === 'ok' || result.kind === 'permanentRedirect' || result.kind === 'notFound' || result.kind === 'httpError';
}

interface Response {
  status: number;
  location?: string;
  retryAfter?: string;
}

type Attempt = Response | { error: 'timeout' } | { error: 'blocked'; address: string } | { error: 'network'; code: string; detail: string };

class RequestTimeout extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

/** One request, headers only. Never reads the body; an IP literal is checked here since no lookup happens for it. */
function request(url: URL, method: 'HEAD' | 'GET', options: HttpCheckOptions): Promise<Attempt> {
  const isBlocked = options.allowPrivate ? () => false : (options.isBlocked ?? isBlockedAddress);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$|:/.test(literal) && isBlocked(literal)) return Promise.resolve({ error: 'blocked', address: literal });
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(attempt);
    };
    const req = client.request(url, {
      method,
      headers: { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'identity' },
      lookup: guardedLookup(isBlocked) as never,
      agent: false,
    });
    const deadline = setTimeout(() => req.destroy(new RequestTimeout()), options.timeoutMs);
    req.on('response', (response) => {
      const location = response.headers.location;
      const retryAfter = response.headers['retry-after'];
      finish({ status: response.statusCode ?? 0, ...(location ? { location } : {}), ...(retryAfter ? { retryAfter } : {}) });
      response.destroy();
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof RequestTimeout) return finish({ error: 'timeout' });
      if (error instanceof BlockedAddressError) return finish({ error: 'blocked', address: error.address });
      finish({ error: 'network', code: error.code ?? 'ERROR', detail: error.message });
    });
    req.end();
  });
}

interface Followed {
  final: Attempt;
  /** Where the leading run of permanent redirects (301/308) ends, when the first hop is one. */
  movedTo?: URL;
}

/** Follows redirects by hand (each hop goes through the scheduler and the guard again). */
async function follow(start: URL, method: 'HEAD' | 'GET', options: HttpCheckOptions, scheduler: HostScheduler): Promise<Followed | { tooMany: URL }> {
  let url = start;
  let movedTo: URL | undefined;
  let stillPermanent = true;
  for (let hops = 0; ; hops++) {
    const current = url;
    const attempt = await scheduler.run(current.host, () => request(current, method, options));
    if (!('status' in attempt) || !REDIRECTS.has(attempt.status) || !attempt.location) return { final: attempt, ...(movedTo ? { movedTo } : {}) };
    if (hops >= options.maxRedirects) return { tooMany: url };
    let next: URL;
    try {
      next = new URL(attempt.location, url);
    } catch {
      return { final: { error: 'network', code: 'EBADLOCATION', detail: `invalid redirect location "${attempt.location}"` } };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { final: { error: 'network', code: 'EBADLOCATION', detail: `redirect to a ${next.protocol} URL` } };
    stillPermanent &&= PERMANENT.has(attempt.status);
    if (stillPermanent) movedTo = next;
    url = next;
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function untrustedHeadAnswer(attempt: Attempt): boolean {
  if ('status' in attempt) return (attempt.status >= 400 && attempt.status < 500 && attempt.status !== 429) || attempt.status === 501;
  return attempt.error === 'network';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** 429, 5xx and dropped connections may pass; timeouts, missing hosts and refusals will not. */
function retryable(attempt: Attempt): boolean {
  if ('status' in attempt) return attempt.status === 429 || attempt.status >= 500;
  return attempt.error === 'network';
}

function classify(followed: Followed, start: URL, attempts: number): UrlCheckResult {
  const { final } = followed;
  if ('error' in final) {
    if (final.error === 'timeout') return { kind: 'timeout', attempts };
    if (final.error === 'blocked') return { kind: 'blocked', address: final.address };
    if (final.code === 'ENOTFOUND' || final.code === 'EAI_NONAME') return { kind: 'hostNotFound', host: start.hostname };
    return { kind: 'unreachable', detail: final.detail };
  }
  if (final.status === 429) return { kind: 'rateLimited', attempts };
  if (final.status >= 500) return { kind: 'serverError', status: final.status, attempts };
  if (final.status === 404 || final.status === 410) return { kind: 'notFound', status: final.status };
  if (final.status >= 400) return { kind: 'httpError', status: final.status };
  if (followed.movedTo) return { kind: 'permanentRedirect', status: final.status, location: followed.movedTo.href };
  return { kind: 'ok', status: final.status };
}

export async function checkUrl(rawUrl: string, options: HttpCheckOptions, scheduler: HostScheduler): Promise<UrlCheckResult> {
  const start = new URL(rawUrl);
  start.hash = '';
  for (let attempts = 1; ; attempts++) {
    let followed = await follow(start, 'HEAD', options, scheduler);
    // Many servers answer HEAD with 403/404/405/501 or drop it: only a GET tells the truth.
    if ('final' in followed && untrustedHeadAnswer(followed.final)) followed = await follow(start, 'GET', options, scheduler);
    if ('tooMany' in followed) return { kind: 'tooManyRedirects', location: followed.tooMany.href };
    if (retryable(followed.final) && attempts <= options.retries) {
      const asked = 'status' in followed.final ? retryAfterMs(followed.final.retryAfter) : undefined;
      if (asked === undefined || asked <= options.maxRetryAfterMs) {
        await sleep(asked ?? options.retryDelayMs * 2 ** (attempts - 1));
        continue;
      }
    }
    return classify(followed, start, attempts);
  }
}
