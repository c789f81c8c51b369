/**
 * `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY`, as curl and most tools read them, so that the
 * external-link check works in corporate CI where only a proxy reaches the internet. Node 20's
 * http and https modules ignore these variables, so the check routes its own requests: plain
 * http as an absolute-URI request to the proxy, https through a `CONNECT` tunnel (what
 * https-proxy-agent and undici's EnvHttpProxyAgent do). Only `http://` proxies are supported.
 */

/**
 * One `NO_PROXY` entry: a domain (`example.com`, `.example.com` and `*.example.com` all match
 * example.com and its subdomains, as in curl) or an IP address, with an optional port.
 */
interface NoProxyEntry {
  host: string;
  port?: string;
}

export interface ProxySettings {
  /** The proxy for http URLs. */
  http?: URL;
  /** The proxy for https URLs. */
  https?: URL;
  /** `NO_PROXY` is `*`: no URL goes through a proxy. */
  noProxyAll: boolean;
  noProxy: NoProxyEntry[];
}

/** A variable in its lower-case spelling first (curl reads `http_proxy` only in lower case), then upper case. */
function variable(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** A proxy URL as written in the environment; `host:port` without a scheme means http. */
function proxyUrl(value: string | undefined, variableName: string): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new Error(`${variableName} is not a valid proxy URL: "${value}"`);
  }
  if (url.protocol !== 'http:')
    throw new Error(`${variableName} uses ${url.protocol}//: only http:// proxies are supported ("${value}")`);
  return url;
}

function noProxyEntries(value: string | undefined): { all: boolean; entries: NoProxyEntry[] } {
  const entries: NoProxyEntry[] = [];
  let all = false;
  for (const raw of (value ?? '').split(/[\s,]+/)) {
    const item = raw.trim().toLowerCase();
    if (item === '') continue;
    if (item === '*') {
      all = true;
      continue;
    }
    // [::1]:8080, ::1, host:port, host
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
    const hostPort = bracketed ? undefined : /^([^:]+):(\d+)$/.exec(item);
    const host = bracketed?.[1] ?? hostPort?.[1] ?? item;
    const port = bracketed?.[2] ?? hostPort?.[2];
    entries.push({ host: host.replace(/^\*?\./, ''), ...(port === undefined ? {} : { port }) });
  }
  return { all, entries };
}

/** The proxy settings of an environment; throws a clear error for a proxy URL that cannot be used. */
export function proxySettingsFrom(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const all = variable(env, 'all_proxy');
  const httpName = variable(env, 'http_proxy') === undefined ? 'ALL_PROXY' : 'HTTP_PROXY';
  const httpsName = variable(env, 'https_proxy') === undefined ? 'ALL_PROXY' : 'HTTPS_PROXY';
  const http = proxyUrl(variable(env, 'http_proxy') ?? all, httpName);
  const https = proxyUrl(variable(env, 'https_proxy') ?? all, httpsName);
  const noProxy = noProxyEntries(variable(env, 'no_proxy'));
  return { ...(http ? { http } : {}), ...(https ? { https } : {}), noProxyAll: noProxy.all, noProxy: noProxy.entries };
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** The proxy a request for `url` goes through, or undefined for a direct connection. */
export function proxyFor(url: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined;
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy || settings.noProxyAll) return undefined;
  const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = defaultPort(url);
  const bypassed = settings.noProxy.some((entry) => {
    if (entry.port !== undefined && entry.port !== port) return false;
    const isAddress = /^[\d.]+$|:/.test(entry.host);
    return hostname === entry.host || (!isAddress && hostname.endsWith(`.${entry.host}`));
  });
  return bypassed ? undefined : proxy;
}

/** The Proxy-Authorization header for a proxy URL with credentials (`http://user:password@proxy:3128`). */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '' && proxy.password === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
