/**
 * Politeness towards the sites a documentation repository links to: at most `perHost` requests
 * in flight to one host, at least `delayMs` between the starts of two requests to the same host,
 * and at most `total` requests in flight overall.
 *
 * Waiting tasks queue per host, and the scheduler hands each free slot to the next task that may
 * start (hosts take turns), so a batch of sixteen thousand URLs costs a few operations per
 * request, not a wake-up of every waiting task whenever any request ends.
 */
export interface SchedulerLimits {
  total: number;
  perHost: number;
  delayMs: number;
}

interface HostState {
  active: number;
  lastStart: number;
  /** Tasks waiting for a slot on this host, first come first served. */
  queue: { start: () => void; refuse: (error: Error) => void }[];
}

/** The scheduler was cancelled (the batch's deadline passed, or the network is down): the task did not run. */
export class SchedulerCancelled extends Error {
  constructor() {
    super('the request was not made: the batch was stopped');
    this.name = 'SchedulerCancelled';
  }
}

/** The host was given up (it cannot be connected to): the task did not run. */
export class HostAbandoned extends Error {
  constructor(readonly host: string) {
    super(`the request was not made: ${host} was given up`);
    this.name = 'HostAbandoned';
  }
}

export class HostScheduler {
  private active = 0;
  private readonly hosts = new Map<string, HostState>();
  /** Hosts with waiting tasks, in the order they get their next turn. */
  private readonly turns = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private cancelled = false;

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

  /**
   * Stops the scheduler: tasks still waiting for a slot are rejected with SchedulerCancelled, and
   * so is every later `run`. Tasks already running go on (their requests are aborted by their own
   * signal).
   */
  cancel(): void {
    this.cancelled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    for (const host of this.turns)
      for (const waiter of this.state(host).queue.splice(0)) waiter.refuse(new SchedulerCancelled());
    this.turns.clear();
  }

  /**
   * Gives up a host: its waiting tasks are rejected with HostAbandoned at once, without waiting
   * for their turns and delays (the circuit breaker has their answer already).
   */
  abandon(host: string): void {
    const state = this.hosts.get(host);
    if (!state) return;
    for (const waiter of state.queue.splice(0)) waiter.refuse(new HostAbandoned(host));
    this.turns.delete(host);
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStart: Number.NEGATIVE_INFINITY, queue: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  private acquire(host: string): Promise<void> {
    if (this.cancelled) return Promise.reject(new SchedulerCancelled());
    return new Promise<void>((start, refuse) => {
      this.state(host).queue.push({ start, refuse });
      this.turns.add(host);
      this.pump();
    });
  }

  private release(host: string): void {
    this.state(host).active--;
    this.active--;
    this.pump();
  }

  /**
   * Starts waiting tasks while there are free slots: each host in turn, if it is under its own
   * limit and its delay since the last start has passed. When the only hosts that wait are still
   * in their delay, a timer pumps again when the first delay ends.
   */
  private pump(): void {
    if (this.cancelled) return;
    let earliest = Number.POSITIVE_INFINITY;
    let started = true;
    while (started && this.active < this.limits.total) {
      started = false;
      earliest = Number.POSITIVE_INFINITY;
      for (const host of [...this.turns]) {
        if (this.active >= this.limits.total) break;
        const state = this.state(host);
        if (state.active >= this.limits.perHost) continue;
        const now = this.now();
        const ready = state.lastStart + this.limits.delayMs;
        if (ready > now) {
          earliest = Math.min(earliest, ready);
          continue;
        }
        const waiter = state.queue.shift()!;
        state.active++;
        this.active++;
        state.lastStart = now;
        // The host goes to the back of the line, or leaves it when nothing else waits for it.
        this.turns.delete(host);
        if (state.queue.length > 0) this.turns.add(host);
        started = true;
        waiter.start();
      }
    }
    if (earliest < this.timerAt) this.wakeAt(earliest);
  }

  /** Pumps again at `time` (the end of a host's delay), replacing a later wake-up. */
  private wakeAt(time: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = time;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, time - this.now()),
    );
  }
}
