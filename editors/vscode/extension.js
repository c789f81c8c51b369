// The VS Code extension: starts `agentops-lint lsp` (the agentops-lint installed in the workspace)
// for Markdown files and lets vscode-languageclient do the rest: diagnostics with links to the
// rule pages, quick fixes, "disable for this line", fix all (also on save, with
// "editor.codeActionsOnSave": { "source.fixAll.agentops-lint": "explicit" }), and file watching.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { serverCommand } = require('./server-command.js');

/** @type {LanguageClient | undefined} */
let client;

async function activate(context) {
  const configuration = vscode.workspace.getConfiguration('agentopsLint');
  const settings = {
    serverPath: configuration.get('serverPath', ''),
    nodePath: configuration.get('nodePath', 'node'),
    debounceMs: configuration.get('debounceMs', 50),
    reportUnusedDisables: configuration.get('reportUnusedDisables', false),
  };
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((folder) => folder.uri.scheme === 'file')
    .map((folder) => folder.uri.fsPath);
  const command = serverCommand(settings, folders, require.resolve);
  if ('error' in command) {
    void vscode.window.showWarningMessage(command.error);
    return;
  }
  // The server runs on the Node.js the user has, not VS Code's own: agentops-lint needs Node.js 20.
  const executable = {
    command: command.command,
    args: command.args,
    transport: TransportKind.stdio,
    options: { cwd: folders[0] },
  };
  client = new LanguageClient(
    'agentopsLint',
    'agentops-lint',
    { run: executable, debug: executable },
    {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      initializationOptions: command.initializationOptions,
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('agentopsLint'))
        void vscode.window.showInformationMessage('agentops-lint: reload the window to apply the new settings.');
    }),
  );
  await client.start();
}

async function deactivate() {
  await client?.stop();
}

module.exports = { activate, deactivate };
