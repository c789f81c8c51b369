/**
 * When and what the language server lints for one project: a change schedules a run after a short
 * quiet time (debounce); runs never overlap, and changes that arrive during one make another run
 * follow it. Each run lints every open document of the project at once (one phase 2 for all), so
 * a heading renamed in one file updates the anchors reported in every other open file; diagnostics
 * are published for each document whose version or findings changed.
 */
import type { Diagnostic as ProtocolDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic.js';
import { DocumentFindings } from './code-actions.js';
import type { LiveProject } from './live-project.js';
import { EditorText, toProtocolDiagnostic } from './protocol-diagnostics.js';

/** A document open in the editor, as one run sees it. */
export interface OpenDocument {
  uri: string;
  /** Root-relative path. */
  path: string;
  version: number;
  text: string;
}

export interface LinterHost {
  /** The documents open in the editor that belong to this project, as they are now. */
  openDocuments(): OpenDocument[];
  publish(uri: string, version: number | undefined, diagnostics: ProtocolDiagnostic[]): void;
  /** A run could not lint (an invalid config, an internal error): say so. */
  failed(error: unknown): void;
  /** A run linted: whatever failed() showed is over. */
  succeeded(): void;
}

export class ProjectLinter {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private closed = false;
  private readonly findings = new Map<string, DocumentFindings>();
  private readonly published = new Map<string, { version: number | undefined; key: string }>();

  constructor(
    readonly project: LiveProject,
    private readonly host: LinterHost,
    private readonly debounceMs: number,
  ) {}

  /** A run after the quiet time (each new change restarts it). */
  schedule(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain().catch((error: unknown) => this.host.failed(error));
    }, this.debounceMs);
  }

  /** Runs what is scheduled now, without waiting for the quiet time; resolves when no run is due. */
  async settled(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.drain();
  }

  /** What was published for a document, with the text it was computed on. */
  findingsFor(uri: string): DocumentFindings | undefined {
    return this.findings.get(uri);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private drain(): Promise<void> {
    this.running ??= this.runWhileDirty().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runWhileDirty(): Promise<void> {
    while (this.dirty && !this.closed) {
      this.dirty = false;
      await this.runOnce();
    }
  }

  private async runOnce(): Promise<void> {
    const documents = this.host.openDocuments();
    this.syncDocuments(documents);
    let diagnostics: Diagnostic[] = [];
    const waiting = new Set<string>();
    try {
      if (this.project.settingsError !== undefined) throw this.project.settingsError;
      const lintable = documents.filter((document) => this.project.isLintable(document.path));
      // A large document whose analysis is not done yet waits for its own, in the background; the
      // others are linted now, and it is published by the run its analysis schedules.
      for (const document of lintable) {
        if (this.project.isReadyToLint(document.path)) continue;
        waiting.add(document.path);
        this.project.analyseInBackground(document.path).then(
          (done) => {
            if (done) this.schedule();
          },
          (error: unknown) => this.host.failed(error),
        );
      }
      const targets = lintable.map((document) => document.path).filter((file) => !waiting.has(file));
      if (targets.length > 0) diagnostics = (await this.project.lint(targets)).diagnostics;
      this.host.succeeded();
    } catch (error) {
      this.host.failed(error);
    }
    this.publish(
      documents.filter((document) => !waiting.has(document.path)),
      diagnostics,
      new Set(documents.map((document) => document.uri)),
    );
  }

  /** The project reads the editor's texts as they were when the run started. */
  private syncDocuments(documents: readonly OpenDocument[]): void {
    const open = new Set(documents.map((document) => document.path));
    for (const file of this.project.documentPaths()) if (!open.has(file)) this.project.closeDocument(file);
    for (const document of documents) this.project.setDocument(document.path, document.text, document.version);
  }

  /** Publishes for `documents` (the ones this run linted); clears what was published for documents no longer `open`. */
  private publish(
    documents: readonly OpenDocument[],
    diagnostics: readonly Diagnostic[],
    open: ReadonlySet<string>,
  ): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) {
      const list = byFile.get(diagnostic.file) ?? [];
      list.push(diagnostic);
      byFile.set(diagnostic.file, list);
    }
    for (const document of documents) {
      const own = byFile.get(document.path) ?? [];
      const text = new EditorText(document.text);
      this.findings.set(document.uri, new DocumentFindings(document.uri, document.version, text, own));
      const protocol = own.map((diagnostic) => toProtocolDiagnostic(diagnostic, text));
      const key = JSON.stringify(protocol);
      const last = this.published.get(document.uri);
      // The edited document always hears back (its version moved); the others only when their findings changed.
      if (last && last.version === document.version && last.key === key) continue;
      this.host.publish(document.uri, document.version, protocol);
      this.published.set(document.uri, { version: document.version, key });
    }
    for (const uri of [...this.published.keys()]) {
      if (open.has(uri)) continue;
      this.host.publish(uri, undefined, []);
      this.published.delete(uri);
      this.findings.delete(uri);
    }
  }
}
