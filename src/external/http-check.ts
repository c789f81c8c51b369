/**
 * Checking one external URL: HEAD first (no body), GET when the server does not answer HEAD
 * properly (the body is never read: the connection is closed once the headers are in), redirects
 * followed by hand so that every hop passes the address guard, retries with exponential backoff
 * on 429 and 5xx that honour Retry-After, and a hard timeout per request.
 *
 * A failure to connect at all (the name does not resolve, the connection is refused or never
 * accepted, the proxy will not open a tunnel) is neither retried nor asked again with GET: it is
 * a fact about the host, remembered in HostHealth and given to the host's other URLs without a
 * request. Requests go through the proxy of the environment (proxy.ts) unless NO_PROXY exempts
 * the host.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Socket } from 'node:net';
import { BlockedAddressError, guardedLookup, isBlockedAddress, type AddressPolicy } from './address-guard.js';
import { HostHealth, type ConnectFailure } from './host-health.js';
import { HostAbandoned, SchedulerCancelled, type HostScheduler } from './host-scheduler.js';
import { proxyAuthorization, proxyFor, type ProxySettings } from './proxy.js';

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
  /** Proxies from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); undefined connects directly. */
  proxy?: ProxySettings;
  /** Stops the check: requests in flight are aborted and the URL is answered notChecked. */
  signal?: AbortSignal;
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
  | { kind: 'blocked'; address: string }
  /** Never asked: the batch stopped first (its deadline, or the network is down). */
  | { kind: 'notChecked' };

/** Results worth remembering between runs; transient ones are asked again next time. */
export function isCacheable(result: UrlCheckResult): boolean {
  return (
    result.kind === 'ok' ||
    result.kind === 'permanentRedirect' ||
    result.kind === 'notFound' ||
    result.kind === 'httpError'
  );
}

/** Whether an answer says the host could not be connected to at all (what makes a network look down). */
export function isConnectFailure(result: UrlCheckResult): boolean {
  return result.kind === 'hostNotFound' || result.kind === 'unreachable';
}

interface Response {
  status: number;
  location?: string;
  retryAfter?: string;
}

type Attempt =
  | Response
  | ConnectFailure
  | { error: 'timeout'; phase: 'response' }
  | { error: 'network'; code: string; detail: string; phase: 'response' }
  | { error: 'aborted' };

class RequestTimeout extends Error {}
class RequestAborted extends Error {}

/** An HTTP status the proxy gave instead of opening a tunnel: the host cannot be reached through it. */
class TunnelRefused extends Error {
  code = 'ETUNNEL';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

/** What a request needs besides its URL: the events that tell how far the connection got. */
interface Connection {
  /** The host accepted a TCP connection (or the proxy opened a tunnel to it): the network works. */
  reached(): void;
  /** The connection is ready for HTTP (after TLS, for https): a failure from now on is the server's answer. */
  connected(): void;
  response(response: http.IncomingMessage): void;
  error(error: Error): void;
}

/** A request in flight, however it is routed. */
interface OpenRequest {
  destroy(error: Error): void;
}

function headersFor(options: HttpCheckOptions): http.OutgoingHttpHeaders {
  return { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'identity' };
}

/** Sends the request and reports its progress; `direct`: the socket goes to the host itself (not to a proxy). */
function listen(request: http.ClientRequest, connection: Connection, secure: boolean, direct: boolean): void {
  request.on('socket', (socket: Socket) => {
    if (direct) socket.once('connect', connection.reached);
    socket.once(secure ? 'secureConnect' : 'connect', connection.connected);
  });
  request.on('response', connection.response);
  request.on('error', connection.error);
  request.end();
}

/** Directly, with the address guard inside the connection's own DNS lookup. */
function openDirect(
  url: URL,
  method: string,
  options: HttpCheckOptions,
  isBlocked: AddressPolicy,
  connection: Connection,
): OpenRequest {
  const client = url.protocol === 'https:' ? https : http;
  const request = client.request(url, {
    method,
    headers: headersFor(options),
    lookup: guardedLookup(isBlocked) as never,
    agent: false,
  });
  listen(request, connection, url.protocol === 'https:', true);
  return request;
}

/** Where to connect for an http proxy: its host (an IPv6 address without brackets) and port (80 unless given). */
function proxyEndpoint(proxy: URL): { host: string; port: string | number } {
  return { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: proxy.port || 80 };
}

/** An http URL through an http proxy: the request line carries the absolute URL. */
function openThroughHttpProxy(
  url: URL,
  proxy: URL,
  method: string,
  options: HttpCheckOptions,
  connection: Connection,
): OpenRequest {
  const request = http.request({
    ...proxyEndpoint(proxy),
    method,
    path: url.href,
    headers: { ...headersFor(options), host: url.host, ...proxyAuthorization(proxy) },
    agent: false,
  });
  listen(request, connection, false, false);
  return request;
}

/** An https URL through a CONNECT tunnel: TLS runs end to end with the host, inside the tunnel. */
function openThroughTunnel(
  url: URL,
  proxy: URL,
  method: string,
  options: HttpCheckOptions,
  connection: Connection,
): OpenRequest {
  const target = `${url.hostname}:${url.port || 443}`;
  let inner: http.ClientRequest | undefined;
  const tunnel = http.request({
    ...proxyEndpoint(proxy),
    method: 'CONNECT',
    path: target,
    headers: { host: target, ...proxyAuthorization(proxy) },
    agent: false,
  });
  tunnel.on('connect', (response: http.IncomingMessage, socket: Socket) => {
    if (response.statusCode !== 200) {
      socket.destroy();
      connection.error(
        new TunnelRefused(`the proxy ${proxy.host} answered ${response.statusCode} to CONNECT ${target}`),
      );
      return;
    }
    connection.reached();
    const servername = url.hostname.replace(/^\[|\]$/g, '');
    inner = https.request(url, {
      method,
      headers: headersFor(options),
      createConnection: () => tls.connect({ socket, ...(/^[\d.]+$|:/.test(servername) ? {} : { servername }) }),
    });
    listen(inner, connection, true, false);
  });
  tunnel.on('error', connection.error);
  tunnel.end();
  return {
    destroy(error) {
      inner?.destroy(error);
      tunnel.destroy(error);
    },
  };
}

/** `localhost` and its subdomains (RFC 6761) are loopback by definition, whoever resolves them. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * One request, headers only. Never reads the body. An IP literal is checked here since no lookup
 * happens for it; through a proxy the proxy resolves names, so only IP literals and `localhost`
 * names can be refused (the proxy's own policy applies to the rest).
 */
function request(url: URL, method: 'HEAD' | 'GET', options: HttpCheckOptions): Promise<Attempt> {
  const isBlocked = options.allowPrivate ? () => false : (options.isBlocked ?? isBlockedAddress);
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$|:/.test(literal) && isBlocked(literal)) return Promise.resolve({ error: 'blocked', address: literal });
  if (options.signal?.aborted) return Promise.resolve({ error: 'aborted' });
  const proxy = proxyFor(url, options.proxy);
  if (proxy && !options.allowPrivate && isLocalhostName(literal))
    return Promise.resolve({ error: 'blocked', address: literal });
  return new Promise((resolve) => {
    let settled = false;
    let reached = false;
    let connected = false;
    const finish = (attempt: Attempt): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', abort);
      resolve(attempt);
    };
    const connection: Connection = {
      reached: () => {
        reached = true;
      },
      connected: () => {
        connected = true;
      },
      response: (response) => {
        const location = response.headers.location;
        const retryAfter = response.headers['retry-after'];
        finish({
          status: response.statusCode ?? 0,
          ...(location ? { location } : {}),
          ...(retryAfter ? { retryAfter } : {}),
        });
        response.destroy();
        open.destroy(new RequestAborted());
      },
      error: (error: Error & { code?: string }) => {
        if (error instanceof RequestAborted) return finish({ error: 'aborted' });
        const seen = reached ? { reached: true as const } : {};
        if (error instanceof RequestTimeout)
          return finish(
            connected ? { error: 'timeout', phase: 'response' } : { error: 'timeout', phase: 'connect', ...seen },
          );
        if (error instanceof BlockedAddressError) return finish({ error: 'blocked', address: error.address });
        const code = error.code ?? 'ERROR';
        if (connected) return finish({ error: 'network', code, detail: error.message, phase: 'response' });
        const detail =
          proxy && !(error instanceof TunnelRefused)
            ? `through the proxy ${proxy.host}: ${error.message}`
            : error.message;
        finish({ error: 'network', code, detail, phase: 'connect', ...seen });
      },
    };
    const open =
      proxy === undefined
        ? openDirect(url, method, options, isBlocked, connection)
        : url.protocol === 'https:'
          ? openThroughTunnel(url, proxy, method, options, connection)
          : openThroughHttpProxy(url, proxy, method, options, connection);
    const deadline = setTimeout(() => open.destroy(new RequestTimeout()), options.timeoutMs);
    const abort = (): void => open.destroy(new RequestAborted());
    options.signal?.addEventListener('abort', abort, { once: true });
  });
}

interface Followed {
  final: Attempt;
  /** Where the leading run of permanent redirects (301/308) ends, when the first hop is one. */
  movedTo?: URL;
}

/** Whether an attempt says the host cannot be connected to: remembered for the host's other URLs. */
function connectFailure(attempt: Attempt): ConnectFailure | undefined {
  if (!('error' in attempt) || attempt.error === 'aborted') return undefined;
  if (attempt.error === 'blocked') return attempt;
  return attempt.phase === 'connect' ? attempt : undefined;
}

/** One request to `url` through the scheduler, unless its host is known to fail; the answer teaches HostHealth. */
async function attemptRequest(
  url: URL,
  method: 'HEAD' | 'GET',
  options: HttpCheckOptions,
  scheduler: HostScheduler,
  health: HostHealth,
): Promise<Attempt> {
  const known = health.failureOf(url.host);
  if (known) return known;
  try {
    return await scheduler.run(url.host, async () => {
      // A request of the same host that finished while this one waited may have failed to connect.
      const failed = health.failureOf(url.host);
      if (failed) return failed;
      const attempt = await request(url, method, options);
      const failure = connectFailure(attempt);
      if (failure) {
        health.recordFailure(url.host, failure);
        scheduler.abandon(url.host);
      }
      if (
        'status' in attempt ||
        ('error' in attempt && attempt.error !== 'aborted' && (!failure || ('reached' in failure && failure.reached)))
      )
        health.recordReached(url.host);
      return attempt;
    });
  } catch (error) {
    if (error instanceof SchedulerCancelled) return { error: 'aborted' };
    if (error instanceof HostAbandoned) return health.failureOf(url.host)!;
    throw error;
  }
}

/** Follows redirects by hand (each hop goes through the scheduler and the guard again). */
async function follow(
  start: URL,
  method: 'HEAD' | 'GET',
  options: HttpCheckOptions,
  scheduler: HostScheduler,
  health: HostHealth,
): Promise<Followed | { tooMany: URL }> {
  let url = start;
  let movedTo: URL | undefined;
  let stillPermanent = true;
  for (let hops = 0; ; hops++) {
    const attempt = await attemptRequest(url, method, options, scheduler, health);
    if (!('status' in attempt) || !REDIRECTS.has(attempt.status) || !attempt.location)
      return { final: attempt, ...(movedTo ? { movedTo } : {}) };
    if (hops >= options.maxRedirects) return { tooMany: url };
    let next: URL;
    try {
      next = new URL(attempt.location, url);
    } catch {
      return {
        final: {
          error: 'network',
          code: 'EBADLOCATION',
          detail: `invalid redirect location "${attempt.location}"`,
          phase: 'response',
        },
      };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      return {
        final: {
          error: 'network',
          code: 'EBADLOCATION',
          detail: `redirect to a ${next.protocol} URL`,
          phase: 'response',
        },
      };
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

/** Answers to HEAD that GET may contradict: a connection dropped mid-answer, or 4xx/501 from servers that mishandle HEAD. */
function untrustedHeadAnswer(attempt: Attempt): boolean {
  if ('status' in attempt)
    return (attempt.status >= 400 && attempt.status < 500 && attempt.status !== 429) || attempt.status === 501;
  return attempt.error === 'network' && attempt.phase === 'response';
}

/** Waits `ms`, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** 429, 5xx and connections dropped mid-answer may pass; timeouts, missing hosts and refusals will not. */
function retryable(attempt: Attempt): boolean {
  if ('status' in attempt) return attempt.status === 429 || attempt.status >= 500;
  return attempt.error === 'network' && attempt.phase === 'response';
}

function classify(followed: Followed, start: URL, attempts: number): UrlCheckResult {
  const { final } = followed;
  if ('error' in final) {
    if (final.error === 'aborted') return { kind: 'notChecked' };
    if (final.error === 'timeout') return { kind: 'timeout', attempts };
    if (final.error === 'blocked') return { kind: 'blocked', address: final.address };
    if (final.code === 'ENOTFOUND' || final.code === 'EAI_NONAME')
      return { kind: 'hostNotFound', host: start.hostname };
    return { kind: 'unreachable', detail: final.detail };
  }
  if (final.status === 429) return { kind: 'rateLimited', attempts };
  if (final.status >= 500) return { kind: 'serverError', status: final.status, attempts };
  if (final.status === 404 || final.status === 410) return { kind: 'notFound', status: final.status };
  if (final.status >= 400) return { kind: 'httpError', status: final.status };
  if (followed.movedTo) return { kind: 'permanentRedirect', status: final.status, location: followed.movedTo.href };
  return { kind: 'ok', status: final.status };
}

/**
 * Checks one URL. `health` is shared by the URLs of a batch (the per-host circuit breaker); a URL
 * checked on its own gets its own.
 */
export async function checkUrl(
  rawUrl: string,
  options: HttpCheckOptions,
  scheduler: HostScheduler,
  health: HostHealth = new HostHealth(),
): Promise<UrlCheckResult> {
  const start = new URL(rawUrl);
  start.hash = '';
  for (let attempts = 1; ; attempts++) {
    let followed = await follow(start, 'HEAD', options, scheduler, health);
    // Many servers answer HEAD with 403/404/405/501 or drop it: only a GET tells the truth.
    if ('final' in followed && untrustedHeadAnswer(followed.final))
      followed = await follow(start, 'GET', options, scheduler, health);
    if ('tooMany' in followed) return { kind: 'tooManyRedirects', location: followed.tooMany.href };
    if (retryable(followed.final) && attempts <= options.retries && !options.signal?.aborted) {
      const asked = 'status' in followed.final ? retryAfterMs(followed.final.retryAfter) : undefined;
      if (asked === undefined || asked <= options.maxRetryAfterMs) {
        await sleep(asked ?? options.retryDelayMs * 2 ** (attempts - 1), options.signal);
        if (!options.signal?.aborted) continue;
        return { kind: 'notChecked' };
      }
    }
    return classify(followed, start, attempts);
  }
}
