/**
 * A local HTTP server for the external-link tests: loopback only, started and stopped by the test
 * itself, with routes that behave like the sites docs link to (moved pages, HEAD-hostile servers,
 * rate limits, slow and huge responses). It counts requests so tests can prove what was not asked.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url(path: string): string;
  port: number;
  /** Requests seen, as "METHOD /path". */
  requests: string[];
  /** Whether a /huge body was cut off by the client before it was all sent. */
  hugeBodyAbandoned: () => boolean;
  close(): Promise<void>;
}

export async function startTestServer(host = '127.0.0.1'): Promise<TestServer> {
  const requests: string[] = [];
  const hits = new Map<string, number>();
  let abandoned = false;
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(`${request.method} ${path}`);
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const send = (status: number, headers: Record<string, string> = {}): void => {
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : 'body');
    };
    switch (path.startsWith('/redirect-to?') ? path : path.split('?')[0]) {
      case '/ok':
      case '/ok/':
        return send(200);
      case '/missing':
        return send(404);
      case '/gone':
        return send(410);
      case '/forbidden':
        return send(403);
      case '/no-head':
        return request.method === 'HEAD' ? send(405) : send(200);
      case '/head-404':
        return request.method === 'HEAD' ? send(404) : send(200);
      case '/moved':
        return send(301, { location: '/ok' });
      case '/moved-twice':
        return send(308, { location: '/moved' });
      case '/found':
        return send(302, { location: '/ok' });
      case '/loop':
        return send(302, { location: '/loop' });
      case '/flaky':
        return hit <= 2 ? send(503) : send(200);
      case '/down':
        return send(500);
      case '/rate-limited-once':
        return hit <= 1 ? send(429, { 'retry-after': '1' }) : send(200);
      case '/rate-limited-long':
        return send(429, { 'retry-after': '3600' });
      case '/slow':
        return; // never answers
      case '/huge': {
        if (request.method === 'HEAD') return send(405);
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, 1);
        const timer = setInterval(() => {
          if (response.destroyed || sent >= 1000) {
            clearInterval(timer);
            if (response.destroyed) abandoned = true;
            else response.end();
            return;
          }
          response.write(chunk);
          sent++;
        }, 10);
        response.on('close', () => {
          if (!response.writableEnded) abandoned = true;
          clearInterval(timer);
        });
        return;
      }
      default:
        if (path.startsWith('/redirect-to?'))
          return send(301, { location: decodeURIComponent(path.slice('/redirect-to?'.length)) });
        return send(404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path) => `http://${host}:${port}${path}`,
    requests,
    hugeBodyAbandoned: () => abandoned,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
