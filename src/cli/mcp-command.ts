/**
 * `agentops-lint mcp`: the Model Context Protocol server for coding agents, over stdin and stdout
 * (nothing else may write to stdout while it runs).
 */
import path from 'node:path';
import { EXIT_OK, type CliIo } from '../core/io.js';
import { runMcpServer } from '../mcp/mcp-server.js';
import { findRoot } from '../project/discover.js';
import { REGISTRY } from '../../rules/index.js';
import { mappingsReport, termsReport } from './inventory-commands.js';
import { projectServices, protocolStreams, type ServerCommandOptions } from './server-services.js';

export interface McpCommandOptions extends ServerCommandOptions {
  root?: string;
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
