// How the extension starts the language server: which agentops-lint, run by which Node.js, with
// which options. No `vscode` import here, so that the test suite can check it without VS Code.
'use strict';
const path = require('node:path');

/**
 * The command that starts `agentops-lint lsp`, or an error that says what to install or set.
 *
 * @param {{ serverPath: string, nodePath: string, debounceMs: number, reportUnusedDisables: boolean }} settings
 * @param {string[]} workspaceFolders absolute paths of the workspace folders
 * @param {(request: string, options: { paths: string[] }) => string} resolve require.resolve
 * @returns {{ command: string, args: string[], initializationOptions: object } | { error: string }}
 */
function serverCommand(settings, workspaceFolders, resolve) {
  const server = settings.serverPath
    ? path.resolve(workspaceFolders[0] ?? '.', settings.serverPath)
    : installedServer(workspaceFolders, resolve);
  if (!server) {
    return {
      error:
        'agentops-lint is not installed in this workspace. Run `npm install --save-dev agentops-lint` (Node.js 20 or later), or set "agentopsLint.serverPath" to its bin/agentops-lint.js.',
    };
  }
  return {
    command: settings.nodePath || 'node',
    args: [server, 'lsp'],
    initializationOptions: { debounceMs: settings.debounceMs, reportUnusedDisables: settings.reportUnusedDisables },
  };
}

/** The bin of the agentops-lint installed in the first workspace folder that has one. */
function installedServer(workspaceFolders, resolve) {
  for (const folder of workspaceFolders) {
    try {
      return resolve('agentops-lint/bin/agentops-lint.js', { paths: [folder] });
    } catch {
      // not installed there: try the next folder
    }
  }
  return undefined;
}

module.exports = { serverCommand };
