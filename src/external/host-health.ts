/**
 * What the batch has learnt about each host: a per-host circuit breaker, and whether the network
 * answers at all. A host whose name does not resolve, that refuses or never accepts the
 * connection, or that resolves to a refused address, fails the same way for every URL on it: the
 * first failure is remembered and given to its other URLs without a request. A batch where no
 * host was ever reached, while several failed like that, is most likely offline (or behind a
 * firewall or proxy that drops everything): see check-urls.ts.
 */

/**
 * Why connecting to a host failed: before any HTTP answer could come. `reached`: the host did
 * accept a TCP connection (TLS failed, or it never answered), so the network itself works.
 */
export type ConnectFailure =
  | { error: 'network'; code: string; detail: string; phase: 'connect'; reached?: true }
  | { error: 'timeout'; phase: 'connect'; reached?: true }
  | { error: 'blocked'; address: string };

export class HostHealth {
  private readonly failures = new Map<string, ConnectFailure>();
  private readonly reached = new Set<string>();

  /** The remembered failure of a host (`hostname:port`), if it has failed. */
  failureOf(host: string): ConnectFailure | undefined {
    return this.failures.get(host);
  }

  recordFailure(host: string, failure: ConnectFailure): void {
    if (!this.failures.has(host)) this.failures.set(host, failure);
  }

  /** The host accepted a connection (or the proxy opened a tunnel to it): the network works. */
  recordReached(host: string): void {
    this.reached.add(host);
  }

  get anyReached(): boolean {
    return this.reached.size > 0;
  }

  get failedHosts(): number {
    return this.failures.size;
  }

  /** Hosts that failed to connect other than by the address guard (which is a decision, not an outage). */
  get unreachableHosts(): number {
    let count = 0;
    for (const failure of this.failures.values()) if (failure.error !== 'blocked') count++;
    return count;
  }
}
