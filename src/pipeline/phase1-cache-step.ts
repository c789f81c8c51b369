/**
 * The phase-1 cache of a run: on disk when the run asks for it (the CLI does unless --no-cache),
 * in memory when the run lints the same files twice (--staged, --changed-since), else none.
 */
import path from 'node:path';
import { runningCodeFingerprint } from '../cache/code-fingerprint.js';
import { CACHE_FILE_NAME, DEFAULT_CACHE_LOCATION, NO_CACHE_VARIABLE, Phase1Cache } from '../cache/phase1-cache.js';
import type { CliIo } from '../core/io.js';
import { TOOL_VERSION } from '../core/tool.js';
import type { LintRunOptions } from './lint-request.js';

/**
 * Whether a command keeps its per-file results on disk. The cache is on by default, as ruff's and
 * rumdl's are: --no-cache or a non-empty AGENTOPS_LINT_NO_CACHE turns it off (an explicit --cache
 * or --cache-location still wins over the variable). `lint` and the servers (lsp, mcp) decide the
 * same way and share the folder, so that a server starts from what the last run left, and back.
 */
export function cacheWanted(options: { cache?: boolean; cacheLocation?: string }, io: Pick<CliIo, 'env'>): boolean {
  if (options.cache === false) return false;
  if (options.cacheLocation !== undefined || options.cache === true) return true;
  return !io.env[NO_CACHE_VARIABLE];
}

export async function openPhase1Cache(
  options: LintRunOptions,
  io: CliIo,
  root: string,
): Promise<Phase1Cache | undefined> {
  if (options.cache) return openDiskCache(options.cache.location, io, root, CACHE_FILE_NAME);
  // --changed-since and --staged lint the untouched files twice; an in-memory cache makes the second time free.
  const scope = options.scope?.kind ?? 'working-tree';
  return scope === 'working-tree' ? undefined : Phase1Cache.inMemory(TOOL_VERSION);
}

/**
 * The phase-1 cache file `fileName` in the cache folder (`location`, relative to the current
 * folder, or the default folder under the root). The report commands keep files of their own
 * there: a run keeps only the entries it used of the files it looked at, so sharing lint's file
 * would drop lint's entries on every report and the report's on every lint.
 */
export async function openDiskCache(
  location: string | undefined,
  io: Pick<CliIo, 'cwd'>,
  root: string,
  fileName: string,
): Promise<Phase1Cache> {
  const folder = location !== undefined ? path.resolve(io.cwd, location) : path.join(root, DEFAULT_CACHE_LOCATION);
  // The version alone does not change between commits of a git install: the code's own hash does.
  return Phase1Cache.open(path.join(folder, fileName), `${TOOL_VERSION}+${await runningCodeFingerprint()}`);
}

/** What a CI job restoring the cache folder wants to see: how much of the run the cache answered (for --debug). */
export function cacheSummary(cache: Phase1Cache, io: Pick<CliIo, 'cwd'>): string {
  const { hits, misses } = cache.stats;
  const file = cache.file === undefined ? 'in memory' : path.relative(io.cwd, cache.file) || cache.file;
  return `agentops-lint: cache ${file}: ${hits} ${hits === 1 ? 'file' : 'files'} from the cache, ${misses} analysed.\n`;
}

/** A cache that cannot be written costs the next run time, never this run its result: say so and go on. */
export async function savePhase1Cache(cache: Phase1Cache | undefined, io: CliIo): Promise<void> {
  try {
    await cache?.save();
  } catch (error) {
    io.stderr(
      `agentops-lint: could not write the cache ${cache?.file} (${(error as Error).message}); the results are not affected.\n`,
    );
  }
}
