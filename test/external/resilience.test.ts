/**
 * The external check on bad networks: a host that fails to connect fails once for all its URLs
 * (circuit breaker), a batch where no host can be reached stops early and says so, a deadline
 * bounds the whole batch, and HTTP(S)_PROXY / NO_PROXY route the requests as curl would.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrls, OFFLINE_AFTER_FAILED_HOSTS, type UrlBatchOptions } from '../../src/external/check-urls.js';
import { HostHealth } from '../../src/external/host-health.js';
import { HostAbandoned, HostScheduler, SchedulerCancelled } from '../../src/external/host-scheduler.js';
import { checkUrl, type HttpCheckOptions } from '../../src/external/http-check.js';
import { proxyFor, proxySettingsFrom } from '../../src/external/proxy.js';
import { threadCpuMs } from '../helpers/cpu-time.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const HTTP: HttpCheckOptions = {
  timeoutMs: 2000,
  retries: 2,
  retryDelayMs: 10,
  maxRetryAfterMs: 5000,
  maxRedirects: 3,
  allowPrivate: true,
  userAgent: 'agentops-lint-test',
};
const batch = (extra: Partial<UrlBatchOptions> = {}): UrlBatchOptions => ({
  http: HTTP,
  limits: { total: 8, perHost: 2, delayMs: 0 },
  cacheFile: undefined,
  cacheTtlMs: 0,
  ...extra,
});

/** A forward proxy: absolute-URI requests are relayed, CONNECT opens a tunnel unless the target is refused. */
interface TestProxy {
  url: string;
  /** Requests seen: "GET http://…" or "CONNECT host:port". */
  seen: string[];
  close(): Promise<void>;
}

async function startTestProxy(refuse: (target: string) => boolean = () => false): Promise<TestProxy> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    const target = new URL(request.url!);
    const upstream = http.request(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    upstream.end();
  });
  server.on('connect', (request: http.IncomingMessage, socket: net.Socket) => {
    seen.push(`CONNECT ${request.url}`);
    if (refuse(request.url!)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = request.url!.split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server that records the first bytes of each connection (a TLS ClientHello starts with 0x16) and hangs up. */
async function startRecordingServer(): Promise<{ port: number; firstBytes: number[]; close(): Promise<void> }> {
  const firstBytes: number[] = [];
  const server = net.createServer((socket) => {
    socket.once('data', (data) => {
      firstBytes.push(data[0]!);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    firstBytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('proxy settings', () => {
  it('reads the lower-case variables first, then upper case, then ALL_PROXY; a bare host:port is http', () => {
    expect(proxySettingsFrom({ https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }).https?.href).toBe(
      'http://lower:1/',
    );
    expect(proxySettingsFrom({ HTTP_PROXY: 'proxy.corp:3128' }).http?.href).toBe('http://proxy.corp:3128/');
    expect(proxySettingsFrom({ ALL_PROXY: 'http://all:8' }).https?.href).toBe('http://all:8/');
    expect(proxySettingsFrom({})).toEqual({ noProxyAll: false, noProxy: [] });
  });

  it('explains a proxy it cannot use', () => {
    expect(() => proxySettingsFrom({ HTTPS_PROXY: 'socks5://proxy:1080' })).toThrow(
      'HTTPS_PROXY uses socks5://: only http:// proxies are supported ("socks5://proxy:1080")',
    );
    expect(() => proxySettingsFrom({ HTTP_PROXY: 'http://[bad' })).toThrow(
      'HTTP_PROXY is not a valid proxy URL: "http://[bad"',
    );
  });

  it('honours NO_PROXY as curl does: domains with their subdomains, ports, addresses, *', () => {
    const settings = proxySettingsFrom({
      HTTPS_PROXY: 'http://proxy:3128',
      HTTP_PROXY: 'http://proxy:3128',
      NO_PROXY: 'internal.example, .corp.example,*.svc, 10.0.0.1, api.example:8443',
    });
    const via = (url: string) => proxyFor(new URL(url), settings)?.host ?? 'direct';
    expect(via('https://github.com/x')).toBe('proxy:3128');
    expect(via('https://internal.example/x')).toBe('direct');
    expect(via('https://docs.internal.example/x')).toBe('direct');
    expect(via('https://notinternal.example/x')).toBe('proxy:3128');
    expect(via('https://corp.example/x')).toBe('direct');
    expect(via('http://a.b.svc/x')).toBe('direct');
    expect(via('http://10.0.0.1/x')).toBe('direct');
    expect(via('http://110.0.0.1/x')).toBe('proxy:3128');
    expect(via('https://api.example:8443/x')).toBe('direct');
    expect(via('https://api.example/x')).toBe('proxy:3128');
    expect(
      proxyFor(new URL('https://github.com'), proxySettingsFrom({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '*' })),
    ).toBeUndefined();
  });
});

describe('requests through a proxy', () => {
  it('sends an http URL to the proxy with its absolute URL, unless NO_PROXY exempts the host', async () => {
    const proxy = await startTestProxy();
    try {
      const target = server.url('/ok?via-proxy');
      expect(
        await checkUrl(
          target,
          { ...HTTP, proxy: proxySettingsFrom({ HTTP_PROXY: proxy.url }) },
          new HostScheduler({ total: 2, perHost: 2, delayMs: 0 }),
        ),
      ).toEqual({ kind: 'ok', status: 200 });
      expect(proxy.seen).toEqual([`HEAD ${target}`]);
      expect(
        await checkUrl(
          target,
          { ...HTTP, proxy: proxySettingsFrom({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }) },
          new HostScheduler({ total: 2, perHost: 2, delayMs: 0 }),
        ),
      ).toEqual({ kind: 'ok', status: 200 });
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('tunnels an https URL with CONNECT: TLS runs inside the tunnel, end to end with the host', async () => {
    const proxy = await startTestProxy();
    const target = await startRecordingServer();
    try {
      const result = await checkUrl(
        `https://127.0.0.1:${target.port}/page`,
        { ...HTTP, retries: 0, proxy: proxySettingsFrom({ HTTPS_PROXY: proxy.url }) },
        new HostScheduler({ total: 2, perHost: 2, delayMs: 0 }),
      );
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${target.port}`]);
      // The recording server hangs up after the ClientHello: the host was reached, TLS did not finish.
      expect(target.firstBytes).toEqual([0x16]);
      expect(result.kind).toBe('unreachable');
    } finally {
      await proxy.close();
      await target.close();
    }
  });

  it('a tunnel the proxy refuses fails the host once: its other URLs are not asked again', async () => {
    const proxy = await startTestProxy((target) => target.startsWith('refused.example'));
    try {
      const urls = ['https://refused.example/a', 'https://refused.example/b', 'https://refused.example/c'];
      // One request at a time to the host: the first failure is known before the next would start.
      const { answers } = await checkUrls(
        urls,
        batch({
          limits: { total: 4, perHost: 1, delayMs: 0 },
          http: { ...HTTP, proxy: proxySettingsFrom({ HTTPS_PROXY: proxy.url }) },
        }),
      );
      expect([...answers.values()]).toEqual(
        urls.map(() => ({
          kind: 'unreachable',
          detail: `the proxy 127.0.0.1:${proxy.url.split(':')[2]} answered 403 to CONNECT refused.example:443`,
        })),
      );
      expect(proxy.seen).toEqual(['CONNECT refused.example:443']);
    } finally {
      await proxy.close();
    }
  });
});

describe('the per-host circuit breaker', () => {
  it('gives every URL of a host that refuses connections the first answer, without retrying or asking with GET', async () => {
    const closed = await startTestServer();
    await closed.close();
    const health = new HostHealth();
    const scheduler = new HostScheduler({ total: 4, perHost: 1, delayMs: 60_000 });
    const started = Date.now();
    const results = await Promise.all(
      ['/a', '/b', '/c', '/d'].map((path) => checkUrl(closed.url(path), HTTP, scheduler, health)),
    );
    // Without the breaker: 4 URLs × (HEAD, GET) × 3 attempts, one a minute on this host. With it, one
    // refused connection: milliseconds, seconds on a loaded machine.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(results[0]).toMatchObject({ kind: 'unreachable', detail: expect.stringContaining('ECONNREFUSED') });
    expect(health.failedHosts).toBe(1);
    expect(health.anyReached).toBe(false);
  });

  it('counts a host that answered as reached', async () => {
    const health = new HostHealth();
    await checkUrl(server.url('/missing'), HTTP, new HostScheduler({ total: 2, perHost: 2, delayMs: 0 }), health);
    expect(health.anyReached).toBe(true);
    expect(health.failedHosts).toBe(0);
  });
});

describe('a batch on a network where no host can be reached', () => {
  const invalidHosts = (count: number) =>
    Array.from({ length: count }, (_, index) => `https://host-${index}.invalid/page`);

  it(`stops after ${OFFLINE_AFTER_FAILED_HOSTS} hosts failed and none was reached, and says the network is down`, async () => {
    const urls = invalidHosts(40);
    const result = await checkUrls(
      urls,
      batch({ stopWhenOffline: true, limits: { total: 2, perHost: 1, delayMs: 0 } }),
    );
    expect(result.stopped).toBe('offline');
    expect(result.networkDown).toBe(true);
    // The first URL is always asked before the batch stops: a summary can name its answer on every run.
    expect(result.firstAsked).toBe(urls[0]);
    expect(result.answers.get(urls[0]!)).toEqual({ kind: 'hostNotFound', host: 'host-0.invalid' });
    const kinds = [...result.answers.values()].map((answer) => answer.kind);
    expect(kinds.filter((kind) => kind === 'hostNotFound').length).toBeGreaterThanOrEqual(OFFLINE_AFTER_FAILED_HOSTS);
    expect(kinds.filter((kind) => kind === 'notChecked').length).toBeGreaterThan(20);
    expect(result.answers.size).toBe(40);
  });

  it('asks every host when it must (strict), each once', async () => {
    const urls = [...invalidHosts(12), 'https://host-0.invalid/other'];
    const result = await checkUrls(urls, batch());
    expect(result.stopped).toBeUndefined();
    expect(result.networkDown).toBe(true);
    expect([...result.answers.values()].every((answer) => answer.kind === 'hostNotFound')).toBe(true);
  });

  it('is not down when one host answers: the others are simply broken', async () => {
    const result = await checkUrls(
      [server.url('/ok'), ...invalidHosts(10)],
      batch({ stopWhenOffline: true, limits: { total: 1, perHost: 1, delayMs: 0 } }),
    );
    expect(result.stopped).toBeUndefined();
    expect(result.networkDown).toBe(false);
    expect(result.answers.get(server.url('/ok'))).toEqual({ kind: 'ok', status: 200 });
    expect(result.answers.get('https://host-9.invalid/page')).toEqual({ kind: 'hostNotFound', host: 'host-9.invalid' });
  });
});

describe('the batch deadline', () => {
  it('leaves what is not answered by then unchecked, and returns at once', async () => {
    const urls = ['/slow?1', '/slow?2', '/slow?3', '/ok?deadline'].map((path) => server.url(path));
    const started = Date.now();
    const result = await checkUrls(
      urls,
      batch({ deadlineMs: 500, limits: { total: 8, perHost: 4, delayMs: 0 }, http: { ...HTTP, timeoutMs: 30_000 } }),
    );
    // Waiting for the requests would take their timeout, 30 s; the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.stopped).toBe('deadline');
    expect(result.answers.get(server.url('/ok?deadline'))).toEqual({ kind: 'ok', status: 200 });
    expect(urls.slice(0, 3).map((url) => result.answers.get(url))).toEqual([
      { kind: 'notChecked' },
      { kind: 'notChecked' },
      { kind: 'notChecked' },
    ]);
  });
});

describe('HostScheduler', () => {
  it('hands 20,000 tasks on 500 hosts their slots in linear time', async () => {
    const scheduler = new HostScheduler({ total: 8, perHost: 2, delayMs: 0 });
    // CPU time of this thread (everything here runs on it), which a loaded machine does not stretch.
    const started = threadCpuMs();
    let done = 0;
    await Promise.all(
      Array.from({ length: 20_000 }, (_, index) => scheduler.run(`host-${index % 500}`, async () => void done++)),
    );
    expect(done).toBe(20_000);
    expect(threadCpuMs() - started).toBeLessThan(5_000);
  });

  it('abandon rejects the waiting tasks of one host at once; cancel rejects every waiting task and later ones', async () => {
    const scheduler = new HostScheduler({ total: 1, perHost: 1, delayMs: 0 });
    let release: () => void = () => undefined;
    const running = scheduler.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    const waitingA = scheduler.run('a', async () => 'ran');
    const waitingB = scheduler.run('b', async () => 'ran');
    scheduler.abandon('a');
    await expect(waitingA).rejects.toBeInstanceOf(HostAbandoned);
    scheduler.cancel();
    await expect(waitingB).rejects.toBeInstanceOf(SchedulerCancelled);
    await expect(scheduler.run('c', async () => 'ran')).rejects.toBeInstanceOf(SchedulerCancelled);
    release();
    await running;
  });
});
