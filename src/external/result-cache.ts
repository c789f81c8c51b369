/**
 * Remembered answers of external URLs, so that repeated runs (pre-commit, CI re-runs) do not ask
 * the same sites again within the time-to-live. Only definitive answers are stored (see
 * isCacheable); a cache that cannot be read is treated as empty, and one that cannot be written
 * is skipped, since a cache must never fail a run.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isCacheable, type UrlCheckResult } from './http-check.js';

const CACHE_VERSION = 1;

interface CacheEntry {
  checkedAt: number;
  result: UrlCheckResult;
}

/** `$XDG_CACHE_HOME/agentops-lint`, `~/Library/Caches/agentops-lint` or `%LOCALAPPDATA%\agentops-lint`. */
export function defaultCacheFile(
  env: Readonly<Record<string, string | undefined>>,
  platform: string = os.platform(),
): string {
  const home = os.homedir();
  const base =
    env.XDG_CACHE_HOME ||
    (platform === 'darwin'
      ? path.join(home, 'Library', 'Caches')
      : platform === 'win32'
        ? env.LOCALAPPDATA || path.join(home, 'AppData', 'Local')
        : path.join(home, '.cache'));
  return path.join(base, 'agentops-lint', 'external-links.json');
}

export class ResultCache {
  private entries = new Map<string, CacheEntry>();
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** A cache backed by `file`; with no file or a TTL of 0 it remembers nothing. */
  static async open(file: string | undefined, ttlMs: number, now: () => number = Date.now): Promise<ResultCache> {
    const cache = new ResultCache(ttlMs > 0 ? file : undefined, ttlMs, now);
    if (!cache.file) return cache;
    try {
      const parsed = JSON.parse(await fs.readFile(cache.file, 'utf8')) as {
        version?: number;
        entries?: Record<string, CacheEntry>;
      };
      if (parsed.version === CACHE_VERSION && parsed.entries) {
        for (const [url, entry] of Object.entries(parsed.entries))
          if (now() - entry.checkedAt < ttlMs) cache.entries.set(url, entry);
      }
    } catch {
      // Missing or unreadable: start empty.
    }
    return cache;
  }

  get(url: string): UrlCheckResult | undefined {
    const entry = this.entries.get(url);
    if (!entry || this.now() - entry.checkedAt >= this.ttlMs) return undefined;
    return entry.result;
  }

  set(url: string, result: UrlCheckResult): void {
    if (!this.file || !isCacheable(result)) return;
    this.entries.set(url, { checkedAt: this.now(), result });
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.file || !this.changed) return;
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.writeFile(
        temporary,
        `${JSON.stringify({ version: CACHE_VERSION, entries: Object.fromEntries(this.entries) })}\n`,
      );
      await fs.rename(temporary, this.file);
    } catch {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}
