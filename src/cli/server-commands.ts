/**
 * The servers: `agentops-lint lsp` (a language server for editors) and `agentops-lint mcp` (a
 * Model Context Protocol server for coding agents). Both speak their protocol over stdin and
 * stdout, so nothing else may write to stdout while they run. This module hands them what they
 * may not import themselves: the rule list, and how the configs of a repository are found.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { EXIT_OK, type CliIo } from '../core/io.js';
import type { Phase1Cache } from '../cache/phase1-cache.js';
import { createPhase1Pool, timeBudgetMs } from '../engine/phase1-pool.js';
import { DEFAULT_DEBOUNCE_MS, runLanguageServer } from '../lsp/language-server.js';
import type { DiskCache, ProjectServices } from '../lsp/live-project.js';
import { runMcpServer } from '../mcp/mcp-server.js';
import { runConfigs } from '../pipeline/lint-run.js';
import { cacheWanted, openPhase1Cache, savePhase1Cache } from '../pipeline/phase1-cache-step.js';
import { markdownMatcher } from '../project/plan.js';
import { projectFileMatcher } from '../project/project-files.js';
import { findRoot } from '../project/discover.js';
import { mappingsReport, termsReport } from './inventory-commands.js';
import { loadExplicitConfig } from './load-run-config.js';
import { repositoryUrlSource } from '../project/repository-urls.js';
import { REGISTRY, RULES_MODULE } from '../../rules/index.js';

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

export interface LspCommandOptions extends ServerCommandOptions {
  stdio?: boolean;
  debounce?: number;
}

export interface McpCommandOptions extends ServerCommandOptions {
  root?: string;
}

function protocolStreams(io: CliIo, command: string): { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } {
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

export async function lspCommand(options: LspCommandOptions, io: CliIo): Promise<number> {
  const { input, output } = protocolStreams(io, 'agentops-lint lsp');
  return runLanguageServer({
    input,
    output,
    services: projectServices(io, options),
    settings: {
      debounceMs: options.debounce ?? DEFAULT_DEBOUNCE_MS,
      reportUnusedDisables: options.reportUnusedDisables ?? false,
    },
  });
}

export async function mcpCommand(options: McpCommandOptions, io: CliIo): Promise<number> {
  const { input, output } = protocolStreams(io, 'agentops-lint mcp');
  const root = options.root !== undefined ? path.resolve(io.cwd, options.root) : findRoot(io.cwd);
  await runMcpServer({
    input,
    output,
    root,
    services: projectServices(io, options),
    reportUnusedDisables: options.reportUnusedDisables ?? false,
    rules: REGISTRY.rules,
    log: (message) => io.stderr(`${message}\n`),
    inventory: (kind, patterns, call) =>
      (kind === 'terms' ? termsReport : mappingsReport)(
        patterns,
        {
          root,
          ...(options.config === undefined ? {} : { config: path.resolve(io.cwd, options.config) }),
          ...(options.cache === undefined ? {} : { cache: options.cache }),
          ...(options.cacheLocation === undefined ? {} : { cacheLocation: options.cacheLocation }),
          // On the worker pool, never on the server's thread: the other calls are answered meanwhile.
          ...(options.threads === undefined ? {} : { threads: options.threads }),
          keepThreadFree: true,
          ...(call.signal ? { signal: call.signal } : {}),
          ...(call.progress ? { progress: call.progress } : {}),
        },
        serverIo(io, root),
      ),
  });
  return EXIT_OK;
}

/** The CLI's io for work done inside a server: paths relative to the root, and stdout (the protocol's) kept clear. */
function serverIo(io: CliIo, root: string): CliIo {
  return { ...io, cwd: root, stdout: io.stderr };
}
