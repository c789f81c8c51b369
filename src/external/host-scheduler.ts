/**
 * Politeness towards the sites a documentation repository links to: at most `perHost` requests
 * in flight to one host, at least `delayMs` between the starts of two requests to the same host,
 * and at most `total` requests in flight overall.
 */
export interface SchedulerLimits {
  total: number;
  perHost: number;
  delayMs: number;
}

interface HostState {
  active: number;
  lastStart: number;
}

export class HostScheduler {
  private active = 0;
  private readonly hosts = new Map<string, HostState>();
  private readonly waiting: { host: string; wake: () => void }[] = [];

  constructor(
    private readonly limits: SchedulerLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `task` when a slot for `host` is free; the slot is released when it settles. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) this.hosts.set(host, (state = { active: 0, lastStart: Number.NEGATIVE_INFINITY }));
    return state;
  }

  private canStart(host: string): boolean {
    return this.active < this.limits.total && this.state(host).active < this.limits.perHost;
  }

  /**
   * Waits for a free slot and for the host's delay to pass since its last start, measured when the
   * request really starts (a late timer must not shorten the next gap), then claims the slot.
   */
  private async acquire(host: string): Promise<void> {
    for (;;) {
      while (!this.canStart(host)) await new Promise<void>((wake) => this.waiting.push({ host, wake }));
      const state = this.state(host);
      const wait = state.lastStart + this.limits.delayMs - this.now();
      if (wait <= 0) {
        state.active++;
        this.active++;
        state.lastStart = this.now();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private release(host: string): void {
    this.state(host).active--;
    this.active--;
    // Wake every waiter that could start now; the others go back to waiting.
    const waiting = this.waiting.splice(0);
    for (const waiter of waiting) waiter.wake();
  }
}
