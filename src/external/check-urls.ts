/**
 * Checking a batch of external URLs: each distinct URL once, answered from the result cache when
 * it can be, else requested through one scheduler (politeness per host) and the address guard.
 * What the answers mean for a document is the caller's business (rules/external-links.ts).
 */
import type { ProgressCounter } from '../core/rule.js';
import { HostScheduler, type SchedulerLimits } from './host-scheduler.js';
import { checkUrl, type HttpCheckOptions, type UrlCheckResult } from './http-check.js';
import { ResultCache } from './result-cache.js';

export interface UrlBatchOptions {
  http: HttpCheckOptions;
  limits: SchedulerLimits;
  /** Where answers are remembered between runs; undefined remembers nothing. */
  cacheFile: string | undefined;
  cacheTtlMs: number;
  /** Ticked once per URL answered, and done when the batch ends (however it ends). */
  progress?: ProgressCounter;
}

/** The form of a URL that is requested: without its fragment (`…/page#a` and `…/page#b` are one request). */
export function requestKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** Answers for `urls` (request keys, see requestKey), by URL. The cache is saved even when a check fails. */
export async function checkUrls(urls: Iterable<string>, options: UrlBatchOptions): Promise<Map<string, UrlCheckResult>> {
  const cache = await ResultCache.open(options.cacheFile, options.cacheTtlMs);
  const scheduler = new HostScheduler(options.limits);
  const results = new Map<string, UrlCheckResult>();
  try {
    await Promise.all(
      [...new Set(urls)].map(async (url) => {
        let result = cache.get(url);
        if (!result) {
          result = await checkUrl(url, options.http, scheduler);
          cache.set(url, result);
        }
        results.set(url, result);
        options.progress?.tick();
      }),
    );
  } finally {
    options.progress?.done();
    await cache.save();
  }
  return results;
}
