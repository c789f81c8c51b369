import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostScheduler } from '../../src/external/host-scheduler.js';
import { checkUrl, retryAfterMs, type HttpCheckOptions } from '../../src/external/http-check.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const OPTIONS: HttpCheckOptions = {
  timeoutMs: 2000,
  retries: 2,
  retryDelayMs: 10,
  maxRetryAfterMs: 5000,
  maxRedirects: 3,
  allowPrivate: true,
  userAgent: 'agentops-lint-test',
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const scheduler = () => new HostScheduler({ total: 4, perHost: 2, delayMs: 0 });
const check = (path: string, options: Partial<HttpCheckOptions> = {}) =>
  checkUrl(server.url(path), { ...OPTIONS, ...options }, scheduler());
const requestsFor = (path: string) => server.requests.filter((request) => request.endsWith(` ${path}`));

describe('checkUrl against a local server (allowPrivate)', () => {
  it('accepts 200 with a HEAD request only', async () => {
    expect(await check('/ok')).toEqual({ kind: 'ok', status: 200 });
    expect(requestsFor('/ok')).toEqual(['HEAD /ok']);
  });

  it('reports 404 and 410 after confirming with GET', async () => {
    expect(await check('/missing')).toEqual({ kind: 'notFound', status: 404 });
    expect(requestsFor('/missing')).toEqual(['HEAD /missing', 'GET /missing']);
    expect(await check('/gone')).toEqual({ kind: 'notFound', status: 410 });
    expect(await check('/forbidden')).toEqual({ kind: 'httpError', status: 403 });
  });

  it('falls back to GET when HEAD is refused or lies', async () => {
    expect(await check('/no-head')).toEqual({ kind: 'ok', status: 200 });
    expect(requestsFor('/no-head')).toEqual(['HEAD /no-head', 'GET /no-head']);
    expect(await check('/head-404')).toEqual({ kind: 'ok', status: 200 });
  });

  it('ignores the fragment of the URL', async () => {
    expect(await checkUrl(`${server.url('/ok')}#section`, OPTIONS, scheduler())).toEqual({ kind: 'ok', status: 200 });
  });

  it('reports permanent redirects with where they lead, not temporary ones', async () => {
    expect(await check('/moved')).toEqual({ kind: 'permanentRedirect', status: 200, location: server.url('/ok') });
    expect(await check('/moved-twice')).toEqual({
      kind: 'permanentRedirect',
      status: 200,
      location: server.url('/ok'),
    });
    expect(await check('/found')).toEqual({ kind: 'ok', status: 200 });
  });

  it('gives up on redirect loops', async () => {
    expect(await check('/loop')).toEqual({ kind: 'tooManyRedirects', location: server.url('/loop') });
    expect(requestsFor('/loop').filter((request) => request.startsWith('HEAD'))).toHaveLength(4);
  });

  it('retries 5xx with backoff and reports what stays broken as a server error', async () => {
    expect(await check('/flaky')).toEqual({ kind: 'ok', status: 200 });
    expect(await check('/down', { retries: 1 })).toEqual({ kind: 'serverError', status: 500, attempts: 2 });
  });

  it('honours Retry-After on 429', async () => {
    const started = Date.now();
    expect(await check('/rate-limited-once')).toEqual({ kind: 'ok', status: 200 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const started = Date.now();
    expect(await check('/rate-limited-long')).toEqual({ kind: 'rateLimited', attempts: 1 });
    // Waiting would take maxRetryAfterMs (5 s) at least; the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('times out a server that never answers', async () => {
    expect(await check('/slow', { timeoutMs: 200, retries: 0 })).toEqual({ kind: 'timeout', attempts: 1 });
  });

  it('does not download a body: the connection is closed after the headers', async () => {
    const started = Date.now();
    expect(await check('/huge')).toEqual({ kind: 'ok', status: 200 });
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.hugeBodyAbandoned()).toBe(true);
  });

  it('reports a connection that is refused as unreachable', async () => {
    const closed = await startTestServer();
    const url = closed.url('/ok');
    await closed.close();
    expect(await checkUrl(url, { ...OPTIONS, retries: 0 }, scheduler())).toMatchObject({ kind: 'unreachable' });
  });
});

describe('the SSRF guard', () => {
  it('refuses a loopback IP without allowPrivate, sending nothing', async () => {
    const before = server.requests.length;
    expect(await check('/ok', { allowPrivate: false })).toEqual({ kind: 'blocked', address: '127.0.0.1' });
    expect(server.requests.length).toBe(before);
  });

  it('refuses a host name that resolves to loopback (checked after DNS)', async () => {
    const before = server.requests.length;
    const result = await checkUrl(
      `http://localhost:${server.port}/ok`,
      { ...OPTIONS, allowPrivate: false },
      scheduler(),
    );
    expect(result.kind).toBe('blocked');
    expect(server.requests.length).toBe(before);
  });

  it('checks every redirect hop: an allowed first hop cannot redirect into a refused address', async () => {
    const inner = await startTestServer('127.0.0.2');
    try {
      const target = encodeURIComponent(inner.url('/ok'));
      const onlyInnerBlocked = (address: string) => address === '127.0.0.2';
      const result = await check(`/redirect-to?${target}`, { allowPrivate: false, isBlocked: onlyInnerBlocked });
      expect(result).toEqual({ kind: 'blocked', address: '127.0.0.2' });
      expect(inner.requests).toEqual([]);
    } finally {
      await inner.close();
    }
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120')).toBe(120_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('HostScheduler', () => {
  it('keeps per-host and total concurrency and spaces requests to one host', async () => {
    // A clock that moves only when the timers do: the starts are the scheduler's own decisions,
    // not those plus however long a loaded machine took to run the task afterwards.
    vi.useFakeTimers();
    try {
      const limits = new HostScheduler({ total: 3, perHost: 2, delayMs: 30 });
      const active = new Map<string, number>();
      const peak = new Map<string, number>();
      let totalActive = 0;
      let totalPeak = 0;
      const starts: Record<string, number[]> = { a: [], b: [] };
      const task = (host: 'a' | 'b') =>
        limits.run(host, async () => {
          starts[host].push(Date.now());
          active.set(host, (active.get(host) ?? 0) + 1);
          peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
          totalPeak = Math.max(totalPeak, ++totalActive);
          await new Promise((resolve) => setTimeout(resolve, 20));
          active.set(host, active.get(host)! - 1);
          totalActive--;
        });
      const all = Promise.all([task('a'), task('a'), task('a'), task('a'), task('b'), task('b')]);
      await vi.runAllTimersAsync();
      await all;
      expect(peak.get('a')).toBeLessThanOrEqual(2);
      expect(totalPeak).toBeLessThanOrEqual(3);
      expect(starts.a).toHaveLength(4);
      const gaps = starts.a.slice(1).map((time, index) => time - starts.a[index]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30);
    } finally {
      vi.useRealTimers();
    }
  });
});
