/**
 * `agentops-lint lsp --stdio`: the language server. It keeps each repository open as a
 * LiveProject, re-lints the open documents of a project after each change (ProjectLinter), and
 * answers code actions from what it last published. It watches files on disk through the editor
 * (workspace/didChangeWatchedFiles) or, when the editor cannot, by itself; it never writes a file.
 *
 * The connection is built on the given streams with a watchdog of our own, so that `exit` ends
 * this function (and the CLI sets the exit code) instead of the library calling process.exit.
 * (vscode-languageserver/node is not imported: when the arguments hold --clientProcessId it starts
 * a timer at import that would keep the process alive after `exit`. The server ends when its
 * input closes, which is also what happens when the editor dies.)
 */
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as ProtocolDiagnostic,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type WatchDog,
} from 'vscode-languageserver';
import { createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import { ConfigError, formatKeyPath, UsageError } from '../core/errors.js';
import { TOOL_NAME, TOOL_VERSION } from '../core/tool.js';
import { findRoot, toPosix } from '../project/discover.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { watchTree, type DiskWatcher } from './disk-watcher.js';
import { LiveProject, type DiskChange, type ProjectServices } from './live-project.js';
import { ProjectLinter, type LinterHost, type OpenDocument } from './project-linter.js';

/** How long the server waits after the last change before it lints (see docs/editors.md). */
export const DEFAULT_DEBOUNCE_MS = 50;

export interface ServerSettings {
  debounceMs: number;
  reportUnusedDisables: boolean;
}

export interface LanguageServerOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  services: ProjectServices;
  /** Defaults from the command line; the editor's initializationOptions override them. */
  settings: ServerSettings;
}

const initializationOptionsSchema = z
  .object({
    debounceMs: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .optional()
      .describe('milliseconds of quiet after a change before linting'),
    reportUnusedDisables: z.boolean().optional().describe('report control comments that silenced nothing'),
  })
  .strict();

/** The project a linter serves, once it is open (undefined when it could not be opened). */
interface ProjectEntry {
  root: string;
  linter: Promise<ProjectLinter | undefined>;
  watcher?: DiskWatcher;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

/** A config issue as a diagnostic on the config file, so that the editor shows where it is. */
function configIssueDiagnostic(issue: ConfigError['issues'][number]): ProtocolDiagnostic {
  const line = Math.max(0, (issue.line ?? 1) - 1);
  const character = Math.max(0, (issue.column ?? 1) - 1);
  const keyPath = formatKeyPath(issue.path);
  return {
    range: { start: { line, character }, end: { line, character } },
    severity: 1,
    source: TOOL_NAME,
    message: `${keyPath === '' ? '' : `${keyPath}: `}${issue.message}`,
  };
}

class LanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly projects = new Map<string, ProjectEntry>();
  private settings: ServerSettings;
  private editorWatchesFiles = false;
  private progressSupported = false;
  /** Config files that got diagnostics, by project root, so that fixing the config clears them. */
  private readonly configDiagnostics = new Map<string, Set<string>>();
  /** Messages already shown, so that a broken config is announced once, not at every keystroke. */
  private readonly shownErrors = new Set<string>();
  private initialRoots: string[] = [];
  /** After `shutdown`, no project is opened again. */
  private closed = false;

  constructor(
    private readonly connection: Connection,
    private readonly services: ProjectServices,
    defaults: ServerSettings,
  ) {
    this.settings = defaults;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.background(this.initialized()));
    connection.onCodeAction(async (params, token) => {
      const document = this.documents.get(params.textDocument.uri);
      const linter = document ? await this.linterFor(params.textDocument.uri) : undefined;
      if (!document || !linter) return [];
      // The editor may cancel ($/cancelRequest) while the pending run finishes: answer at once then.
      await Promise.race([
        linter.settled(),
        new Promise<void>((resolve) => token.onCancellationRequested(() => resolve())),
      ]);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
      const findings = linter.findingsFor(document.uri);
      // Offsets from an older version of the text would edit the wrong place.
      if (!findings || findings.version !== document.version) return [];
      return codeActions(findings, params.range, params.context.only);
    });
    connection.onDidChangeWatchedFiles((params) => this.background(this.filesChanged(params.changes)));
    connection.onShutdown(() => this.close());
    this.documents.onDidOpen((event) => this.background(this.documentChanged(event.document.uri)));
    this.documents.onDidChangeContent((event) => this.background(this.documentChanged(event.document.uri)));
    this.documents.onDidClose((event) => this.background(this.documentChanged(event.document.uri)));
    this.documents.listen(connection);
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.projects.values()];
    this.projects.clear();
    for (const entry of entries) {
      entry.watcher?.close();
      const linter = await entry.linter;
      linter?.close();
      await linter?.project.close();
    }
  }

  private initialize(params: InitializeParams): InitializeResult {
    const parsed = initializationOptionsSchema.safeParse(params.initializationOptions ?? {});
    if (parsed.success) {
      this.settings = {
        debounceMs: parsed.data.debounceMs ?? this.settings.debounceMs,
        reportUnusedDisables: parsed.data.reportUnusedDisables ?? this.settings.reportUnusedDisables,
      };
    } else {
      const problems = parsed.error.issues.map(
        (issue) =>
          `${formatKeyPath(['initializationOptions', ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))])}: ${issue.message}`,
      );
      this.connection.console.warn(`${TOOL_NAME}: ignoring the initialization options: ${problems.join('; ')}`);
    }
    this.editorWatchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.progressSupported = params.capabilities.window?.workDoneProgress === true;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.initialRoots = [...new Set(folders.flatMap((uri) => filePathOf(uri) ?? []).map((folder) => findRoot(folder)))];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: TOOL_NAME, version: TOOL_VERSION },
    };
  }

  private async initialized(): Promise<void> {
    if (this.editorWatchesFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*' }],
      });
    }
    for (const root of this.initialRoots) this.openProject(root);
  }

  /** The linter of the project a document belongs to: the innermost open root, else the git root of its folder. */
  private linterFor(uri: string): Promise<ProjectLinter | undefined> {
    const file = filePathOf(uri);
    if (file === undefined || this.closed) return Promise.resolve(undefined);
    const entry = this.entryFor(file) ?? this.openProject(findRoot(path.dirname(file)));
    return entry.linter;
  }

  private entryFor(file: string): ProjectEntry | undefined {
    let best: ProjectEntry | undefined;
    for (const entry of this.projects.values())
      if (isInside(entry.root, file) && (!best || entry.root.length > best.root.length)) best = entry;
    return best;
  }

  private openProject(root: string): ProjectEntry {
    const known = this.projects.get(root);
    if (known) return known;
    const entry: ProjectEntry = { root, linter: this.startLinter(root) };
    this.projects.set(root, entry);
    if (!this.editorWatchesFiles) {
      entry.watcher = watchTree(
        root,
        (changes) => this.background(this.diskChanged(entry, changes)),
        (error) =>
          this.connection.console.warn(
            `${TOOL_NAME}: cannot watch ${root} for changes (${error.message}); changes made outside the editor are not seen until the server starts again.`,
          ),
      );
    }
    return entry;
  }

  private async startLinter(root: string): Promise<ProjectLinter | undefined> {
    let project: LiveProject;
    try {
      project = await LiveProject.open(root, this.services, {
        reportUnusedDisables: this.settings.reportUnusedDisables,
      });
    } catch (error) {
      this.showFailure(root, error);
      return undefined;
    }
    const linter = new ProjectLinter(project, this.hostFor(root), this.settings.debounceMs);
    linter.schedule();
    this.background(this.openDocumentsFirst(linter));
    return linter;
  }

  /**
   * The documents open now (the editor sends didOpen right after initialized, and opening the
   * project took longer) are linted and published before the index is built: their own analysis
   * and the files they link to are all a first answer needs, and the index's parsing, on every
   * core, would otherwise compete with it.
   */
  private async openDocumentsFirst(linter: ProjectLinter): Promise<void> {
    await linter.settled();
    // A shutdown while the first run was under way: nothing more to build.
    if (this.closed) return;
    await this.warmUp(linter);
  }

  /** Work no request waits for: a failure is shown, never left to end the process. */
  private background(work: Promise<unknown>): void {
    // After shutdown the connection may be gone: work cut short then has no one to tell.
    work.catch((error: unknown) => {
      if (!this.closed) this.showFailure(undefined, error);
    });
  }

  /** Builds the index of every file (with progress in the editor), then lints the open documents again. */
  private async warmUp(linter: ProjectLinter): Promise<void> {
    const { project } = linter;
    if (project.settingsError !== undefined) return;
    const started = performance.now();
    const total = project.projectFiles().length;
    const progress = this.progressSupported ? await this.connection.window.createWorkDoneProgress() : undefined;
    progress?.begin(`${TOOL_NAME}: indexing`, 0, `0/${total} files`, false);
    let done = 0;
    let reported = 0;
    try {
      await project.warmUp(() => {
        done++;
        const percentage = Math.floor((done / Math.max(1, total)) * 100);
        if (percentage > reported) {
          reported = percentage;
          progress?.report(percentage, `${done}/${total} files`);
        }
      });
    } catch (error) {
      this.hostFor(project.root).failed(error);
      return;
    } finally {
      progress?.done();
    }
    // A config change during the warm-up started another one; that one reports.
    if (!project.isIndexed) return;
    this.connection.console.info(
      `${TOOL_NAME}: indexed ${total} files of ${project.root} in ${((performance.now() - started) / 1000).toFixed(1)} s (${project.describeCacheUse()})`,
    );
    linter.schedule();
  }

  private hostFor(root: string): LinterHost {
    return {
      openDocuments: () => this.openDocumentsOf(root),
      publish: (uri, version, diagnostics) =>
        void this.connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics }),
      failed: (error) => this.showFailure(root, error),
      succeeded: () => this.clearConfigDiagnostics(root),
    };
  }

  private openDocumentsOf(root: string): OpenDocument[] {
    const result: OpenDocument[] = [];
    for (const document of this.documents.all()) {
      const file = filePathOf(document.uri);
      if (file === undefined || this.entryFor(file)?.root !== root) continue;
      result.push({
        uri: document.uri,
        path: toPosix(path.relative(root, file)),
        version: document.version,
        text: document.getText(),
      });
    }
    return result;
  }

  private async documentChanged(uri: string): Promise<void> {
    (await this.linterFor(uri))?.schedule();
  }

  private async filesChanged(events: readonly FileEvent[]): Promise<void> {
    const byProject = new Map<ProjectEntry, DiskChange[]>();
    for (const event of events) {
      const file = filePathOf(event.uri);
      const entry = file === undefined ? undefined : this.entryFor(file);
      if (!entry || file === undefined) continue;
      const kind =
        event.type === FileChangeType.Created
          ? 'created'
          : event.type === FileChangeType.Deleted
            ? 'deleted'
            : 'changed';
      const changes = byProject.get(entry) ?? [];
      changes.push({ path: toPosix(path.relative(entry.root, file)), kind });
      byProject.set(entry, changes);
    }
    await Promise.all([...byProject].map(([entry, changes]) => this.diskChanged(entry, changes)));
  }

  private async diskChanged(entry: ProjectEntry, changes: DiskChange[]): Promise<void> {
    const linter = await entry.linter;
    if (!linter) return;
    const effect = await linter.project.diskChanged(changes);
    if (effect.relevant) linter.schedule();
    if (effect.configReloaded) this.background(this.warmUp(linter));
  }

  private showFailure(root: string | undefined, error: unknown): void {
    if (error instanceof ConfigError) {
      if (root !== undefined) this.publishConfigIssues(root, error);
      this.showOnce(`${TOOL_NAME}: invalid configuration; nothing is linted until it is fixed.\n${error.message}`);
    } else if (error instanceof UsageError) {
      this.showOnce(`${TOOL_NAME}: ${error.message}`);
    } else {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      this.connection.console.error(`${TOOL_NAME}: internal error: ${message}`);
      this.showOnce(
        `${TOOL_NAME}: internal error: ${error instanceof Error ? error.message : String(error)} (details in the output log; please report it)`,
      );
    }
  }

  /**
   * Shows an error once, as a window/showMessage notification. Not connection.window.showErrorMessage:
   * that sends window/showMessageRequest, a request the editor must answer, which opens a prompt
   * that blocks Neovim (headless, it never returns) until someone dismisses it.
   */
  private showOnce(message: string): void {
    if (this.shownErrors.has(message)) return;
    this.shownErrors.add(message);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  }

  private publishConfigIssues(root: string, error: ConfigError): void {
    const byUri = new Map<string, ProtocolDiagnostic[]>();
    for (const issue of error.issues) {
      const file = path.resolve(root, issue.file);
      if (!existsSync(file)) continue;
      const uri = pathToFileURL(file).href;
      byUri.set(uri, [...(byUri.get(uri) ?? []), configIssueDiagnostic(issue)]);
    }
    this.clearConfigDiagnostics(root, new Set(byUri.keys()));
    for (const [uri, diagnostics] of byUri) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.configDiagnostics.set(root, new Set(byUri.keys()));
  }

  private clearConfigDiagnostics(root: string, keep: ReadonlySet<string> = new Set()): void {
    const published = this.configDiagnostics.get(root);
    if (!published) return;
    for (const uri of published) if (!keep.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.configDiagnostics.delete(root);
    // A later failure with the same message is news again.
    if (keep.size === 0) this.shownErrors.clear();
  }
}

/** Serves the protocol on the streams until the editor says `exit` or closes the input; resolves with the exit code. */
export function runLanguageServer(options: LanguageServerOptions): Promise<number> {
  return new Promise((resolve) => {
    let finished = false;
    let server: LanguageServer | undefined;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      void (server?.close() ?? Promise.resolve()).finally(() => {
        connection.dispose();
        // An input still open would keep the process alive after `exit`.
        (options.input as Partial<Readable>).destroy?.();
        resolve(code);
      });
    };
    const watchDog: WatchDog = {
      shutdownReceived: false,
      initialize: () => {},
      exit: (code) => finish(code),
    };
    const connection = createConnection(
      (logger) => createProtocolConnection(options.input, options.output, logger),
      watchDog,
    );
    options.input.on('end', () => finish(watchDog.shutdownReceived ? 0 : 1));
    options.input.on('close', () => finish(watchDog.shutdownReceived ? 0 : 1));
    server = new LanguageServer(connection, options.services, options.settings);
    connection.listen();
  });
}
