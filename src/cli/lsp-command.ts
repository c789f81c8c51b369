/**
 * `agentops-lint lsp`: the language server for editors, over stdin and stdout (nothing else may
 * write to stdout while it runs).
 */
import type { CliIo } from '../core/io.js';
import { DEFAULT_DEBOUNCE_MS, runLanguageServer } from '../lsp/language-server.js';
import { projectServices, protocolStreams, type ServerCommandOptions } from './server-services.js';

export interface LspCommandOptions extends ServerCommandOptions {
  stdio?: boolean;
  debounce?: number;
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
