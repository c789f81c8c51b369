/**
 * What both servers (`agentops-lint lsp` and `agentops-lint mcp`, and `lint --watch`) are handed
 * and may not import themselves: the rule list, how the configs of a repository are found, the
 * worker pools and the on-disk cache. Each server's command lives in a module of its own, loaded
 * only when that command runs, so a language server's start never loads the MCP SDK and its JSON
 * Schema validator, nor an MCP server's the language-server protocol.
 */
import type { Phase1Cache } from '../cache/phase1-cache.js';
import { UsageError } from '../core/errors.js';
import type { CliIo } from '../core/io.js';
import { createPhase1Pool, timeBudgetMs } from '../engine/phase1-pool.js';
import type { DiskCache, ProjectServices } from '../lsp/live-project.js';
import { runConfigs } from '../pipeline/lint-run.js';
import { cacheWanted, openPhase1Cache, savePhase1Cache } from '../pipeline/phase1-cache-step.js';
import { markdownMatcher } from '../project/plan.js';
import { projectFileMatcher } from '../project/project-files.js';
import { repositoryUrlSource } from '../project/repository-urls.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';
import { loadExplicitConfig } from './load-run-config.js';

export interface ServerCommandOptions {
  config?: string;
  /** Most threads that build the first index; false for --no-threads. */
  threads?: number | false;
  reportUnusedDisables?: boolean;
  /**
   * Keep the first index's per-file results on disk, in the folder `lint` uses, so that the next
   * start is quick: on unless --no-cache (false) or AGENTOPS_LINT_NO_CACHE, as for `lint`.
   */
  cache?: boolean;
  cacheLocation?: string;
}

export function protocolStreams(
  io: CliIo,
  command: string,
): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
  if (!io.stdio)
    throw new UsageError(`${command} speaks its protocol over stdin and stdout, which this caller does not provide.`);
  return io.stdio();
}

/**
 * How the servers find the configs of a repository: as `lint` does (each file's nearest config,
 * or the one --config names), with config files named relative to the root in messages.
 */
export function projectServices(io: CliIo, options: ServerCommandOptions): ProjectServices {
  const only = options.config === undefined ? undefined : loadExplicitConfig(io.cwd, options.config);
  const maxThreads = options.threads === false ? 1 : options.threads;
  return {
    rules: REGISTRY.byId,
    loadSettings(root) {
      const configs = runConfigs({
        root,
        rules: REGISTRY.byId,
        io: { ...io, cwd: root },
        ...(only ? { config: only } : {}),
      });
      const budget = (file: string, bytes: number): number =>
        timeBudgetMs(configs.configFor(file).timeBudgetSeconds, bytes);
      return {
        settings: configs,
        isProjectFile: projectFileMatcher(configs),
        isMarkdown: markdownMatcher(configs),
        repositoryUrls: () => repositoryUrlSource({ root, env: io.env, config: configs.configFor('').repositoryUrls }),
        createBulkRunner: () =>
          createPhase1Pool({
            configs,
            root,
            rulesModule: RULES_MODULE,
            timeBudgetMs: budget,
            ...(maxThreads === undefined ? {} : { maxThreads }),
          }),
        // One worker, never this thread: the server's thread stays free to answer while a page is parsed.
        createEditRunner: () =>
          createPhase1Pool({
            configs,
            root,
            rulesModule: RULES_MODULE,
            timeBudgetMs: budget,
            maxThreads: 1,
            everyFileOnWorker: true,
          }),
        // Like lint: on unless --no-cache or AGENTOPS_LINT_NO_CACHE, in the same folder.
        ...(cacheWanted(options, io) ? { diskCache: serverDiskCache(root, options, io) } : {}),
      };
    },
  };
}

/**
 * The on-disk cache `lint` keeps, for one load of a project's settings: opened when first used
 * (the open documents' first run, or the first index), saved when the index is built.
 */
function serverDiskCache(root: string, options: ServerCommandOptions, io: CliIo): DiskCache {
  let opened: Promise<Phase1Cache | undefined> | undefined;
  let cache: Phase1Cache | undefined;
  const open = (): Promise<Phase1Cache | undefined> =>
    (opened ??= openPhase1Cache(
      { cache: { ...(options.cacheLocation === undefined ? {} : { location: options.cacheLocation }) } },
      io,
      root,
    ).then((loaded) => (cache = loaded)));
  return {
    wrap: (inner) => async (jobs, source, engine) => {
      const loaded = await open();
      return loaded ? loaded.wrap(inner)(jobs, source, engine) : inner(jobs, source, engine);
    },
    stats: () => ({ fromCache: cache?.stats.hits ?? 0, analysed: cache?.stats.misses ?? 0 }),
    save: async () => savePhase1Cache(await opened, io),
  };
}
