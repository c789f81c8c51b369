/**
 * Checking a batch of external URLs: each distinct URL once, answered from the result cache when
 * it can be, else requested through one scheduler (politeness per host), the address guard and
 * the per-host circuit breaker (HostHealth). The batch has a deadline, and when the network is
 * evidently down (hosts keep failing to connect and none was ever reached) it can stop early
 * instead of failing every URL of every host. What the answers mean for a document is the
 * caller's business (rules/external-links.ts).
 */
import type { ProgressCounter } from '../core/rule.js';
import { HostHealth } from './host-health.js';
import { HostScheduler, type SchedulerLimits } from './host-scheduler.js';
import { checkUrl, type HttpCheckOptions, type UrlCheckResult } from './http-check.js';
import { ResultCache } from './result-cache.js';

/**
 * After this many hosts failed to connect while not one was reached, the network is taken to be
 * down and the batch stops (unless it must check every URL: stopWhenOffline false).
 */
export const OFFLINE_AFTER_FAILED_HOSTS = 8;

export interface UrlBatchOptions {
  http: Omit<HttpCheckOptions, 'signal'>;
  limits: SchedulerLimits;
  /** Where answers are remembered between runs; undefined remembers nothing. */
  cacheFile: string | undefined;
  cacheTtlMs: number;
  /** Ticked once per URL answered, and done when the batch ends (however it ends). */
  progress?: ProgressCounter;
  /** The whole batch's time limit: URLs not answered by then are `notChecked`. Undefined: none. */
  deadlineMs?: number;
  /** Stop as soon as the network looks down (see OFFLINE_AFTER_FAILED_HOSTS); the rest is `notChecked`. */
  stopWhenOffline?: boolean;
}

export interface UrlBatch {
  /** The answer for every URL asked, by URL (request key). */
  answers: Map<string, UrlCheckResult>;
  /** Why the batch stopped before every URL was answered, if it did. */
  stopped?: 'deadline' | 'offline';
  /**
   * No host was reached while at least one failed to connect: the network (or a firewall, or
   * the proxy) is the likely cause of every connection failure, not the hosts.
   */
  networkDown: boolean;
  /**
   * The first URL (in the order given) that was not answered from the cache: it is always asked
   * before the batch stops early, so a summary can name its answer and be the same on every run.
   */
  firstAsked?: string;
}

/** The form of a URL that is requested: without its fragment (`…/page#a` and `…/page#b` are one request). */
export function requestKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Answers for `urls` (request keys, see requestKey). The cache is saved even when a check fails. */
export async function checkUrls(urls: Iterable<string>, options: UrlBatchOptions): Promise<UrlBatch> {
  const cache = await ResultCache.open(options.cacheFile, options.cacheTtlMs);
  const scheduler = new HostScheduler(options.limits);
  const health = new HostHealth();
  const controller = new AbortController();
  const http: HttpCheckOptions = { ...options.http, signal: controller.signal };
  const answers = new Map<string, UrlCheckResult>();
  const unique = [...new Set(urls)];
  // Cache lookups are synchronous: the URLs asked over the network are known before any request.
  const firstAsked = unique.find((url) => cache.get(url) === undefined);
  let stopped: UrlBatch['stopped'];
  const stop = (reason: NonNullable<UrlBatch['stopped']>): void => {
    if (stopped) return;
    stopped = reason;
    scheduler.cancel();
    controller.abort();
  };
  const deadline =
    options.deadlineMs === undefined ? undefined : setTimeout(() => stop('deadline'), options.deadlineMs);
  try {
    await Promise.all(
      unique.map(async (url) => {
        let result = cache.get(url);
        if (!result) {
          result = stopped ? { kind: 'notChecked' } : await checkUrl(url, http, scheduler, health);
          cache.set(url, result);
        }
        answers.set(url, result);
        options.progress?.tick();
        const networkLooksDown = !health.anyReached && health.unreachableHosts >= OFFLINE_AFTER_FAILED_HOSTS;
        if (options.stopWhenOffline && networkLooksDown && firstAsked !== undefined && answers.has(firstAsked))
          stop('offline');
      }),
    );
  } finally {
    if (deadline !== undefined) clearTimeout(deadline);
    options.progress?.done();
    await cache.save();
  }
  const networkDown = !health.anyReached && health.unreachableHosts > 0;
  return { answers, networkDown, ...(stopped ? { stopped } : {}), ...(firstAsked === undefined ? {} : { firstAsked }) };
}
