/**
 * A language client for tests: starts the real `agentops-lint lsp --stdio` as a child process
 * and talks to it with vscode-languageserver-protocol over its stdin and stdout, recording every
 * publishDiagnostics so that tests can wait for the one they expect.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type FileEvent,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
} from 'vscode-languageserver-protocol/node';
import { BIN } from '../helpers/cli-harness.js';

export interface LspClientOptions {
  root: string;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  args?: string[];
}

/**
 * How long to wait for a message before failing with what was received: it catches an answer that
 * never comes. A server process starting on a machine shared many times over (a load of 25 on 2
 * cores) took more than the 15 s this used to be.
 */
const ANSWER_TIMEOUT_MS = 120_000;

export class LspClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly registrations: Registration[] = [];
  readonly stderr: string[] = [];
  /** window/showMessage notifications, and the window/showMessageRequest requests (which block an editor until answered). */
  readonly shownMessages: { type: number; message: string }[] = [];
  readonly messageRequests: { type: number; message: string }[] = [];
  /** window/logMessage texts, each with how many publishDiagnostics had arrived before it (to tell the order). */
  readonly logs: { message: string; afterPublishes: number }[] = [];
  private readonly logWaiters: { test: (message: string) => boolean; resolve: (message: string) => void }[] = [];
  private readonly waiters: {
    test: (params: PublishDiagnosticsParams) => boolean;
    resolve: (params: PublishDiagnosticsParams) => void;
  }[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (!waiter.test(params)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push({ message: params.message, afterPublishes: this.published.length });
      for (const waiter of [...this.logWaiters]) {
        if (!waiter.test(params.message)) continue;
        this.logWaiters.splice(this.logWaiters.indexOf(waiter), 1);
        waiter.resolve(params.message);
      }
    });
    connection.onNotification('$/progress', () => {});
    connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      this.messageRequests.push({ type: params.type, message: params.message });
      return null;
    });
    connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push({ type: params.type, message: params.message });
    });
    connection.listen();
  }

  static async start(options: LspClientOptions): Promise<{ client: LspClient; initialize: InitializeResult }> {
    const child = spawn(process.execPath, [BIN, ...(options.args ?? ['lsp', '--stdio'])], {
      cwd: options.root,
      env: { PATH: process.env.PATH ?? '' },
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new LspClient(child, connection);
    const initialize = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(options.root).href,
      workspaceFolders: [{ uri: pathToFileURL(options.root).href, name: 'test' }],
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return { client, initialize };
  }

  /** Resolves with the first publishDiagnostics (already received or still to come) that passes `test`. */
  diagnosticsWhere(
    test: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs = ANSWER_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    const seen = this.published.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching publishDiagnostics within ${timeoutMs} ms; received:\n${JSON.stringify(this.published, null, 1)}\nserver stderr:\n${this.stderr.join('')}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  /** Resolves with the first window/logMessage (already received or still to come) that passes `test`. */
  logWhere(test: (message: string) => boolean, timeoutMs = ANSWER_TIMEOUT_MS): Promise<string> {
    const seen = this.logs.find((log) => test(log.message));
    if (seen) return Promise.resolve(seen.message);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching window/logMessage within ${timeoutMs} ms; received:\n${this.logs.map((log) => log.message).join('\n')}\nserver stderr:\n${this.stderr.join('')}`,
            ),
          ),
        timeoutMs,
      );
      this.logWaiters.push({
        test,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** The next publishDiagnostics for `uri` from now on that passes `test`. */
  nextDiagnostics(
    uri: string,
    test: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams> {
    const already = this.published.length;
    return this.diagnosticsWhere(
      (params) => this.published.indexOf(params) >= already && params.uri === uri && test(params),
      timeoutMs,
    );
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version, text },
    });
  }

  /** Replaces the whole text (a change event without a range). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async codeActions(uri: string, range: Range, only?: string[]): Promise<CodeAction[]> {
    const actions =
      (await this.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics: [], ...(only ? { only } : {}) },
      })) ?? [];
    return actions.filter(
      (action): action is CodeAction => !('command' in action && typeof (action as Command).command === 'string'),
    );
  }

  /** shutdown, exit, and the server's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.child.kill();
    this.connection.dispose();
  }
}
