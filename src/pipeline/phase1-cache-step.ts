/**
 * The phase-1 cache of a run: on disk when the run asks for it (the CLI does unless --no-cache),
 * in memory when the run lints the same files twice (--staged, --changed-since), else none.
 */
import path from 'node:path';
import { runningCodeFingerprint } from '../cache/code-fingerprint.js';
import { CACHE_FILE_NAME, DEFAULT_CACHE_LOCATION, Phase1Cache } from '../cache/phase1-cache.js';
import type { CliIo } from '../core/io.js';
import { TOOL_VERSION } from '../core/tool.js';
import type { LintRunOptions } from './lint-request.js';

export async function openPhase1Cache(options: LintRunOptions, io: CliIo, root: string): Promise<Phase1Cache | undefined> {
  if (options.cache) {
    const location = options.cache.location !== undefined ? path.resolve(io.cwd, options.cache.location) : path.join(root, DEFAULT_CACHE_LOCATION);
    // The version alone does not change between commits of a git install: the code's own hash does.
    return Phase1Cache.open(path.join(location, CACHE_FILE_NAME), `${TOOL_VERSION}+${await runningCodeFingerprint()}`);
  }
  // --changed-since and --staged lint the untouched files twice; an in-memory cache makes the second time free.
  const scope = options.scope?.kind ?? 'working-tree';
  return scope === 'working-tree' ? undefined : Phase1Cache.inMemory(TOOL_VERSION);
}

/** A cache that cannot be written costs the next run time, never this run its result: say so and go on. */
export async function savePhase1Cache(cache: Phase1Cache | undefined, io: CliIo): Promise<void> {
  try {
    await cache?.save();
  } catch (error) {
    io.stderr(`agentops-lint: could not write the cache ${cache?.file} (${(error as Error).message}); the results are not affected.\n`);
  }
}
